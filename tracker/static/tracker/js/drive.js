// Drive mode: the drive page's buttons (and the player's "Back on the road" /
// "End drive") call the drives API, then open the page for the new state, which
// the server renders. Without this script the same forms post to /drive/.
import { apiFetch } from "./api.js";
import { gettext } from "./i18n.js";

const ENDPOINTS = {
  start: "/api/v1/drives/",
  stop: "/api/v1/drives/current/stop/",
  resume: "/api/v1/drives/current/resume/",
  end: "/api/v1/drives/current/end/",
};

function say(text) {
  const message = document.getElementById("drive-message");
  if (message) message.textContent = text;
}

function startBody(form) {
  const data = new FormData(form);
  return { rules: data.get("rules"), stop_every_minutes: Number(data.get("stop_every_minutes")) };
}

async function act(form) {
  const action = form.dataset.driveAction;
  const button = form.querySelector("button");
  button.disabled = true;
  let response;
  try {
    response = await apiFetch("POST", ENDPOINTS[action], action === "start" ? startBody(form) : undefined);
  } catch {
    button.disabled = false;
    if (action === "stop") {
      say(gettext("No connection, so the stop isn't marked yet. Stretch anyway; tap again when you have signal."));
      showRoutineLink();
    } else {
      say(gettext("No connection. Try again in a moment."));
    }
    return;
  }
  if (response.ok) {
    window.location.assign(form.dataset.next);
    return;
  }
  button.disabled = false;
  if (response.status === 409) {
    // Already in that state (another tab or device): show the real state.
    window.location.assign("/drive/");
    return;
  }
  const body = await response.json().catch(() => ({}));
  say(body.detail || Object.values(body).flat().join(" ") || gettext("That didn't work. Try again."));
}

function showRoutineLink() {
  const drive = document.getElementById("drive");
  if (!drive || drive.querySelector(".drive-routine-link")) return;
  const link = document.createElement("a");
  link.className = "button primary drive-wide drive-routine-link";
  link.href = drive.dataset.stopUrl;
  link.textContent = gettext("Open the truck-stop routine");
  drive.append(link);
}

document.querySelectorAll("form[data-drive-action]").forEach((form) => {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    act(form);
  });
});
