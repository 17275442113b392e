// History: changes and deletions go through the offline outbox as the API's
// PUT and DELETE, so they work offline too; the page shows them at once.
import { queueEdit, withdrawRecord } from "./app.js";
import { announce } from "./undo.js";

const numberFields = ["sets", "reps", "hold_seconds"];

function editedBody(entry, form) {
  const body = JSON.parse(entry.dataset.body);
  const data = new FormData(form);
  if (entry.dataset.kind === "pain") {
    body.rating = Number(data.get("rating"));
    body.locations = data.getAll("locations");
  } else {
    for (const field of numberFields) {
      const value = String(data.get(field) ?? "").trim();
      body[field] = value === "" ? null : Number(value);
    }
  }
  body.note = String(data.get("note") ?? "");
  return body;
}

function describe(entry, body) {
  const what = entry.querySelector(".history-what");
  if (entry.dataset.kind === "pain") {
    what.querySelector("strong").textContent = `Pain ${body.rating}/10`;
  } else {
    const plural = (count, word) => `${count} ${word}${count === 1 ? "" : "s"}`;
    const parts = [];
    if (body.sets !== null) parts.push(plural(body.sets, "set"));
    if (body.reps !== null) parts.push(plural(body.reps, "rep"));
    if (body.hold_seconds !== null) parts.push(`hold ${body.hold_seconds} s`);
    let detail = what.querySelector(".hint");
    if (!detail) {
      detail = document.createElement("span");
      detail.className = "hint";
      what.querySelector("time").after(" ", detail);
    }
    detail.textContent = parts.join(", ");
  }
  let note = what.querySelector(".history-note");
  if (!note && body.note) {
    what.append(document.createElement("br"));
    note = document.createElement("span");
    note.className = "history-note";
    what.append(note);
  }
  if (note) note.textContent = body.note;
  if (!what.querySelector(".badge")) {
    const badge = document.createElement("span");
    badge.className = "badge";
    badge.textContent = "changed";
    what.append(" ", badge);
  }
}

function removeEntry(entry) {
  const day = entry.closest(".history-day");
  entry.remove();
  if (day && !day.querySelector(".history-entry")) day.remove();
}

function enhance() {
  document.querySelectorAll(".history-entry").forEach((entry) => {
    const label = () => entry.querySelector(".history-what strong").textContent;
    entry.querySelector("form[data-history=edit]").addEventListener("submit", async (event) => {
      event.preventDefault();
      const form = event.currentTarget;
      if (!form.reportValidity()) return;
      const body = editedBody(entry, form);
      entry.dataset.body = JSON.stringify(body);
      await queueEdit(entry.dataset.kind, entry.dataset.recordId, body, label());
      describe(entry, body);
      form.closest("details").open = false;
      announce(`Change saved: ${label()}.`);
    });
    entry.querySelector("form[data-history=delete]").addEventListener("submit", async (event) => {
      event.preventDefault();
      const what = label();
      await withdrawRecord(entry.dataset.kind, entry.dataset.recordId, what);
      const next = entry.nextElementSibling?.querySelector("summary") || document.getElementById("main");
      removeEntry(entry);
      next.focus();
      announce(`Deleted: ${what}.`);
    });
  });
}

enhance();
