// The Undo offered for 10 seconds after each log or pain rating, and the
// question before a second "I did" for the same item within a minute. The
// toast is a polite live region (created once, empty, so screen readers
// announce what later appears in it) placed at the end of the page's content
// and so reachable with Tab; its Undo is a real button.
import { gettext } from "./i18n.js";

export const UNDO_SECONDS = 10;
export const REPEAT_SECONDS = 60;

let region = null;
let timer = null;

function toastRegion() {
  if (region) return region;
  region = document.createElement("div");
  region.className = "toast";
  region.id = "undo-toast";
  region.setAttribute("role", "status");
  region.setAttribute("aria-live", "polite");
  region.hidden = true;
  (document.querySelector("main") || document.body).append(region);
  return region;
}

export function hideToast() {
  clearTimeout(timer);
  if (region) {
    region.hidden = true;
    region.replaceChildren();
  }
}

function say(text, seconds) {
  const box = toastRegion();
  clearTimeout(timer);
  const message = document.createElement("span");
  message.textContent = text;
  box.replaceChildren(message);
  box.hidden = false;
  timer = setTimeout(hideToast, seconds * 1000);
  return box;
}

// Show "<message>" with an Undo button for UNDO_SECONDS; `onUndo` runs once on a tap.
export function offerUndo(text, onUndo) {
  const box = say(text, UNDO_SECONDS);
  const button = document.createElement("button");
  button.type = "button";
  button.id = "undo-button";
  button.textContent = gettext("Undo");
  button.addEventListener("click", async () => {
    button.disabled = true;
    clearTimeout(timer);
    await onUndo();
    say(gettext("Undone: nothing was kept."), 4);
  });
  box.append(" ", button);
}

export function announce(text) {
  say(text, 4);
}

// Ask before logging the same item again; resolves true to log it again.
export function confirmRepeat() {
  return new Promise((resolve) => {
    const dialog = document.createElement("dialog");
    dialog.className = "repeat-dialog";
    dialog.setAttribute("aria-labelledby", "repeat-question");
    const question = document.createElement("p");
    question.id = "repeat-question";
    question.textContent = gettext("You logged this a moment ago. Log it again?");
    const row = document.createElement("div");
    row.className = "row";
    const again = document.createElement("button");
    again.type = "button";
    again.className = "primary";
    again.id = "repeat-yes";
    again.textContent = gettext("Log it again");
    const no = document.createElement("button");
    no.type = "button";
    no.id = "repeat-no";
    no.textContent = gettext("No, keep one");
    row.append(again, no);
    dialog.append(question, row);
    document.body.append(dialog);
    const close = (answer) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    again.addEventListener("click", () => close(true));
    no.addEventListener("click", () => close(false));
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      close(false);
    });
    dialog.showModal();
    no.focus();
  });
}

// When each item (exercise, routine or plan item) was last logged from this tab.
const RECENT_KEY = "stretchstop:last-logged";

function recentTimes() {
  try {
    return JSON.parse(sessionStorage.getItem(RECENT_KEY) || "{}");
  } catch {
    return {};
  }
}

export function loggedRecently(item, now = Date.now()) {
  const at = recentTimes()[item];
  return typeof at === "number" && now - at < REPEAT_SECONDS * 1000;
}

export function rememberLogged(item, at) {
  const times = recentTimes();
  if (at === null) delete times[item];
  else times[item] = at;
  sessionStorage.setItem(RECENT_KEY, JSON.stringify(times));
}
