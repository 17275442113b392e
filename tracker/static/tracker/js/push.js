// Web Push on this device: asked for only when the person taps "Turn on
// notifications" (never on page load), then subscribed with the server's VAPID
// key and the subscription sent to POST /api/v1/push/subscriptions/.
import { apiFetch } from "./api.js";
import { gettext } from "./i18n.js";

export function pushSupported(win = globalThis) {
  return "Notification" in win && "serviceWorker" in win.navigator && "PushManager" in win;
}

// The VAPID key arrives base64url-encoded; PushManager wants its bytes.
export function keyBytes(base64url) {
  const padded = base64url.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (base64url.length % 4)) % 4);
  const binary = atob(padded);
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

class PushProblem extends Error {}

async function serverKey() {
  let response;
  try {
    response = await apiFetch("GET", "/api/v1/push/key/");
  } catch {
    throw new PushProblem(gettext("You seem to be offline. Try again when you are connected."));
  }
  if (!response.ok) throw new PushProblem(gettext("Notifications are not available on this server right now."));
  return (await response.json()).public_key;
}

async function subscription(registration, key) {
  const existing = await registration.pushManager.getSubscription();
  if (existing) return existing;
  try {
    return await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(key) });
  } catch {
    throw new PushProblem(gettext("This browser could not set up notifications. You can choose email reminders instead."));
  }
}

// Ask, subscribe and register this device; return a sentence saying what happened.
export async function enablePush() {
  if (!pushSupported()) throw new PushProblem(gettext("This browser cannot show notifications."));
  const permission = await Notification.requestPermission();
  if (permission !== "granted") {
    throw new PushProblem(gettext("Notifications are blocked. You can allow them in your browser's site settings."));
  }
  const key = await serverKey();
  const registration = await navigator.serviceWorker.ready;
  const json = (await subscription(registration, key)).toJSON();
  const body = { endpoint: json.endpoint, keys: { p256dh: json.keys.p256dh, auth: json.keys.auth } };
  let response;
  try {
    response = await apiFetch("POST", "/api/v1/push/subscriptions/", body);
  } catch {
    throw new PushProblem(gettext("You seem to be offline. Try again when you are connected."));
  }
  if (!response.ok) throw new PushProblem(gettext("The server did not accept this device for notifications."));
  return gettext("Notifications are on for this device.");
}

export async function sendTestNotification() {
  let response;
  try {
    response = await apiFetch("POST", "/api/v1/push/test/");
  } catch {
    return gettext("You seem to be offline. Try again when you are connected.");
  }
  if (response.status === 202) return gettext("Test notification sent. It should arrive in a few seconds.");
  const answer = await response.json().catch(() => ({}));
  return answer.detail || gettext("The test notification could not be sent.");
}

function say(root, text) {
  const status = root.querySelector("[data-push-status]");
  if (status) status.textContent = text;
}

export function wirePushControls(root = document) {
  const supported = pushSupported();
  root.querySelectorAll("[data-push-unsupported]").forEach((note) => {
    note.hidden = supported;
  });
  if (!supported) return;
  root.querySelectorAll("[data-push-enable]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", async () => {
      button.disabled = true;
      say(root, gettext("Setting up notifications…"));
      try {
        say(root, await enablePush());
      } catch (problem) {
        say(root, problem instanceof PushProblem ? problem.message : gettext("Notifications could not be turned on."));
      } finally {
        button.disabled = false;
      }
    });
  });
}

wirePushControls();
