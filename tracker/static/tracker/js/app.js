// Every signed-in page: the service worker, the offline outbox and the forms
// that write through it, and the time zone guess on the sign-up form.
import { csrfToken } from "./api.js";
import { gettext, interpolate, ngettext } from "./i18n.js";
import { confirmRepeat, loggedRecently, offerUndo, rememberLogged } from "./undo.js";

const Outbox = globalThis.StretchStopOutbox;
const store = Outbox.openStore(indexedDB);
const send = Outbox.sendWithFetch((url, init) => fetch(url, init));
let flushing = null;

function describe(entry) {
  if (entry.kind === "pain") return interpolate(gettext("Pain %(rating)s/10"), { rating: entry.body.rating });
  return entry.label || gettext("Stretch");
}

async function render() {
  const entries = await store.all();
  const pending = entries.filter((entry) => entry.state === "pending");
  const rejected = entries.filter((entry) => entry.state === "rejected");
  const status = document.getElementById("sync-status");
  if (status) {
    const parts = [];
    if (pending.length) {
      const waiting = ngettext("%(count)s waiting to send", "%(count)s waiting to send", pending.length);
      parts.push(interpolate(waiting, { count: pending.length }));
    }
    if (rejected.length) {
      const refused = ngettext("%(count)s could not be saved", "%(count)s could not be saved", rejected.length);
      parts.push(interpolate(refused, { count: rejected.length }));
    }
    status.textContent = parts.join(" · ");
    status.hidden = parts.length === 0;
  }
  const list = document.querySelector("[data-pending-list]");
  if (!list) return;
  list.querySelectorAll("[data-outbox-id]").forEach((item) => {
    if (!entries.some((entry) => entry.id === item.dataset.outboxId)) {
      item.classList.remove("pending");
      item.querySelector(".badge")?.remove();
    }
  });
  // Only new records are listed; an edit or a deletion shows in the status line.
  for (const entry of entries.filter((waiting) => waiting.isNew !== false)) {
    let item = list.querySelector(`[data-outbox-id="${entry.id}"]`);
    if (!item) {
      item = document.createElement("li");
      item.dataset.outboxId = entry.id;
      item.textContent = `${describe(entry)} `;
      const badge = document.createElement("span");
      badge.className = "badge";
      item.append(badge);
      list.querySelector(".empty")?.remove();
      list.append(item);
    }
    item.className = entry.state;
    const badge = item.querySelector(".badge");
    if (badge) badge.textContent = entry.state === "rejected" ? gettext("not saved") : gettext("waiting to send");
  }
}

export async function flushOutbox() {
  // One round at a time; a caller arriving mid-round waits for it.
  if (!flushing) {
    flushing = Outbox.flush(store, send).finally(() => {
      flushing = null;
    });
  }
  const result = await flushing;
  await render();
  return result;
}

async function askForBackgroundSync() {
  if (!("serviceWorker" in navigator)) return;
  const registration = await navigator.serviceWorker.ready;
  if (registration.sync) {
    try {
      await registration.sync.register("outbox");
    } catch {
      // Not allowed here (for example, not installed): the online event covers it.
    }
  }
}

function sendSoon() {
  flushOutbox();
  askForBackgroundSync();
}

/*
 * Put a new log or pain entry in the outbox, show it at once, try to send it,
 * and offer an Undo for 10 seconds (`onUndo` then runs after the record is taken back).
 */
export async function queueRecord(kind, body, label, onUndo) {
  const entry = Outbox.entryFor(kind, crypto.randomUUID(), body, label, csrfToken(), Date.now());
  await store.put(entry);
  await render();
  sendSoon();
  const said =
    kind === "pain"
      ? interpolate(gettext("Pain %(rating)s/10 saved."), { rating: body.rating })
      : interpolate(gettext("Logged: %(what)s."), { what: label || gettext("stretch") });
  offerUndo(said, async () => {
    await withdrawRecord(kind, entry.id, label);
    if (onUndo) onUndo();
  });
  return entry;
}

// Queue a changed copy of a stored record (the API's PUT replaces its fields).
export async function queueEdit(kind, recordId, body, label) {
  const entry = Outbox.entryFor(kind, recordId, body, label, csrfToken(), Date.now(), false);
  await store.put(entry);
  await render();
  sendSoon();
  return entry;
}

/*
 * Take a record back (Undo, or Delete on History): cancel its PUT if it never
 * left, else queue a DELETE (see outbox.js withdraw). A round in progress on
 * this page may be sending the PUT right now, so then the DELETE is queued too.
 */
export async function withdrawRecord(kind, recordId, label) {
  const mayBeInFlight = flushing !== null;
  const outcome = await Outbox.withdraw(store, kind, recordId, label, csrfToken(), Date.now(), mayBeInFlight);
  document
    .querySelectorAll(`[data-pending-list] [data-outbox-id="${recordId}"], [data-pending-list] [data-record-id="${recordId}"]`)
    .forEach((item) => {
      const list = item.parentElement;
      item.remove();
      if (!list.children.length) {
        const empty = document.createElement("li");
        empty.className = "empty";
        empty.textContent = gettext("Nothing yet today.");
        list.append(empty);
      }
    });
  await render();
  if (outcome.queued) sendSoon();
  return outcome;
}

function recordFromForm(form) {
  const data = new FormData(form);
  const now = new Date().toISOString();
  if (form.dataset.outbox === "pain") {
    return { recorded_at: now, rating: Number(data.get("rating")), locations: data.getAll("locations") };
  }
  const body = { performed_at: now };
  if (data.get("exercise")) body.exercise = data.get("exercise");
  if (data.get("routine")) body.routine = data.get("routine");
  if (data.get("plan_item")) body.plan_item = Number(data.get("plan_item"));
  return body;
}

function countChange(form, by) {
  const count = form.closest(".check-item")?.querySelector(".check-count");
  if (!count) return;
  const [done, planned] = count.textContent.split("/").map(Number);
  const now = Math.max(0, done + by);
  count.textContent = `${now}/${planned}`;
  count.setAttribute("aria-label", interpolate(gettext("%(done)s of %(planned)s done"), { done: now, planned }));
  form.closest(".check-item").classList.toggle("is-done", now >= planned);
}

// What a log form names: its plan item, exercise or routine.
function itemOf(form) {
  const data = new FormData(form);
  return ["plan_item", "exercise", "routine"].map((field) => data.get(field) || "").join("|");
}

function enhanceOutboxForms() {
  document.querySelectorAll("form[data-outbox]").forEach((form) => {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!form.reportValidity()) return;
      const label = form.dataset.label || "";
      if (form.dataset.outbox === "pain") {
        await queueRecord("pain", recordFromForm(form), label);
        form.reset();
        return;
      }
      const item = itemOf(form);
      if (loggedRecently(item) && !(await confirmRepeat())) return;
      rememberLogged(item, Date.now());
      await queueRecord("log", recordFromForm(form), label, () => {
        countChange(form, -1);
        rememberLogged(item, null);
      });
      countChange(form, 1);
    });
  });
}

// The time-zone picker: the device's own zone first among the suggestions and,
// on sign-up, filled in unless the person already chose one. A zone the picker
// does not offer (an old alias) is left alone.
function detectTimezone() {
  const input = document.querySelector("input[data-timezone-picker]");
  if (!input?.list) return;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const option = [...input.list.options].find((choice) => choice.value === zone);
  if (!option) return;
  option.textContent = interpolate(gettext("Your device's zone: %(zone)s"), { zone: option.textContent });
  input.list.prepend(option);
  if ("detectTimezone" in input.dataset && !input.dataset.chosen) input.value = zone;
}

function registerServiceWorker() {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register("/sw.js").catch(() => {});
  navigator.serviceWorker.addEventListener("message", (event) => {
    if (event.data?.type === "outbox-flushed") render();
  });
  document.querySelectorAll("form[data-clears-cache]").forEach((form) => {
    form.addEventListener("submit", () => {
      navigator.serviceWorker.controller?.postMessage({ type: "forget-personal-data" });
    });
  });
}

detectTimezone();
registerServiceWorker();
enhanceOutboxForms();
render();
flushOutbox();
window.addEventListener("online", () => flushOutbox());
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible") flushOutbox();
});
