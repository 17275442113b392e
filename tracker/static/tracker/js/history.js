// History: changes and deletions go through the offline outbox as the API's
// PUT and DELETE, so they work offline too; the page shows them at once.
import { queueEdit, withdrawRecord } from "./app.js";
import { gettext, interpolate, ngettext } from "./i18n.js";
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
    what.querySelector("strong").textContent = interpolate(gettext("Pain %(rating)s/10"), { rating: body.rating });
  } else {
    const parts = [];
    if (body.sets !== null) {
      parts.push(interpolate(ngettext("%(count)s set", "%(count)s sets", body.sets), { count: body.sets }));
    }
    if (body.reps !== null) {
      parts.push(interpolate(ngettext("%(count)s rep", "%(count)s reps", body.reps), { count: body.reps }));
    }
    if (body.hold_seconds !== null) {
      parts.push(interpolate(gettext("hold %(seconds)s s"), { seconds: body.hold_seconds }));
    }
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
    badge.textContent = gettext("changed");
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
      announce(interpolate(gettext("Change saved: %(what)s."), { what: label() }));
    });
    entry.querySelector("form[data-history=delete]").addEventListener("submit", async (event) => {
      event.preventDefault();
      const what = label();
      await withdrawRecord(entry.dataset.kind, entry.dataset.recordId, what);
      const next = entry.nextElementSibling?.querySelector("summary") || document.getElementById("main");
      removeEntry(entry);
      next.focus();
      announce(interpolate(gettext("Deleted: %(what)s."), { what }));
    });
  });
}

enhance();
