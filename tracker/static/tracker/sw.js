/*
 * StretchStop's service worker. Served at /sw.js by tracker/web/pwa.py, which
 * puts CACHE_VERSION, PRECACHE and OUTBOX_SCRIPT in front of this code.
 *
 * - The app shell (PRECACHE) is cached at install; static files are then served
 *   cache-first (their names change with their content in production).
 * - Pages and GETs of the person's own data (/api/v1/) go network-first and
 *   fall back to the last copy, then to the offline page.
 * - Background Sync ("outbox") sends what the pages queued while offline.
 * - Languages: every language's JavaScript catalogue (CATALOGUES, versioned
 *   URLs, served cache-first) and offline page (OFFLINE_PAGES) are precached.
 *   The worker remembers the language of the last page it fetched (the
 *   answer's Content-Language, which is the person's own setting) and shows
 *   the offline page and an unreadable push's text (PUSH_FALLBACK) in it.
 */
/* global CACHE_VERSION, PRECACHE, OUTBOX_SCRIPT, CATALOGUES, OFFLINE_PAGES, PUSH_FALLBACK, StretchStopOutbox */
"use strict";

importScripts(OUTBOX_SCRIPT);

const SHELL_CACHE = `shell-${CACHE_VERSION}`;
const DATA_CACHE = "personal-data";
const OFFLINE_URL = "/offline/";
// Not a shell cache (those are replaced on each version): the remembered language.
const PREFERENCES_CACHE = "preferences";
const LANGUAGE_KEY = "/sw/language";
const LANGUAGES = typeof OFFLINE_PAGES === "object" ? OFFLINE_PAGES : {};
let language = null;

async function rememberLanguage(response) {
  const spoken = (response.headers.get("Content-Language") || "").split(",")[0].trim();
  if (!(spoken in LANGUAGES) || spoken === language) return;
  language = spoken;
  const cache = await caches.open(PREFERENCES_CACHE);
  await cache.put(LANGUAGE_KEY, new Response(spoken));
}

// Return the language of the last page fetched ("" before any).
async function currentLanguage() {
  if (language) return language;
  const stored = await caches.open(PREFERENCES_CACHE).then((cache) => cache.match(LANGUAGE_KEY));
  const spoken = stored ? await stored.text() : "";
  if (spoken in LANGUAGES) language = spoken;
  return language || "";
}

async function offlineUrl() {
  return LANGUAGES[await currentLanguage()] || OFFLINE_URL;
}

// The shell is the same for everyone, so it is fetched without cookies. With them,
// a precache request sent just before someone signs in carries the old anonymous
// session's cookie; Django answers it, after sign-in replaced that session, by
// deleting the session cookie, and the person is signed out again.
function precacheRequests() {
  return PRECACHE.map((url) => new Request(url, { credentials: "omit" }));
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(precacheRequests()))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith("shell-") && name !== SHELL_CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

function isCacheablePage(request, url) {
  return request.mode === "navigate" && !url.pathname.startsWith("/admin/");
}

// A page's fallback is the offline page in the person's language (`isPage`).
async function networkFirst(request, isPage) {
  const cache = await caches.open(DATA_CACHE);
  try {
    const response = await fetch(request);
    // Only whole, successful answers of this origin; never a redirect to log in.
    if (response.ok && response.type === "basic" && !response.redirected) {
      cache.put(request, response.clone());
      if (isPage) await rememberLanguage(response).catch(() => {});
    }
    return response;
  } catch (offline) {
    const cached = await cache.match(request);
    if (cached) return cached;
    if (isPage) {
      const fallback = (await caches.match(await offlineUrl())) || (await caches.match(OFFLINE_URL));
      if (fallback) return fallback;
    }
    throw offline;
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(SHELL_CACHE);
    cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // The catalogues' URLs change with their words, like hashed static files.
  if (url.pathname.startsWith("/static/") || url.pathname.startsWith("/jsi18n/")) {
    event.respondWith(cacheFirst(request));
  } else if (url.pathname.startsWith("/api/v1/")) {
    event.respondWith(networkFirst(request, false));
  } else if (isCacheablePage(request, url)) {
    event.respondWith(networkFirst(request, true));
  }
});

async function flushOutbox() {
  const store = StretchStopOutbox.openStore(indexedDB);
  const result = await StretchStopOutbox.flush(store, StretchStopOutbox.sendWithFetch(fetch));
  const windows = await self.clients.matchAll({ type: "window" });
  windows.forEach((client) => client.postMessage({ type: "outbox-flushed", result }));
  // A rejected promise tells the browser to try this sync again later.
  if (result.pending > 0) throw new Error("outbox: still offline");
}

self.addEventListener("sync", (event) => {
  if (event.tag === "outbox") event.waitUntil(flushOutbox());
});

self.addEventListener("message", (event) => {
  // On log-out: nothing of this person stays in the caches of a shared phone.
  if (event.data && event.data.type === "forget-personal-data") {
    event.waitUntil(caches.delete(DATA_CACHE));
  }
});

/*
 * ---- Reminders: push and notificationclick ----
 * The payload is reminders/channels/webpush.py's: {delivery, title, body, url,
 * tag, interactive, actions, token}. While driving a reminder is not
 * interactive and carries no buttons. Done and Snooze answer the API with the
 * payload's signed token and no cookies (credentials "omit"): the token answers
 * for that one delivery, with no session and no CSRF token, even when no page
 * is open. Tapping the body opens the reminder's page (the link carries the
 * token too), which also covers browsers whose notifications have no buttons.
 */
const SNOOZE_MINUTES = 10;
const REMINDER_ICON = PRECACHE.find((url) => url.includes("icon-192")) || "";
const FALLBACK_URL = "/today/";

function reminderFrom(event) {
  try {
    return event.data ? event.data.json() : null;
  } catch {
    return null;
  }
}

// Only our own pages: a URL of another origin in a payload opens Today instead.
function sameOriginUrl(url) {
  try {
    const target = new URL(url || FALLBACK_URL, self.location.origin);
    if (target.origin === self.location.origin) return target.href;
  } catch {
    // fall through
  }
  return new URL(FALLBACK_URL, self.location.origin).href;
}

// The text for a push that could not be read, in the person's language.
function fallbackBody(spoken) {
  const texts = typeof PUSH_FALLBACK === "object" ? PUSH_FALLBACK : {};
  return texts[spoken] || texts.en || "You have a stretch reminder.";
}

function notificationFor(reminder, spoken = "") {
  if (!reminder || typeof reminder.title !== "string") {
    // A push must show something; this one could not be read.
    return ["StretchStop", { body: fallbackBody(spoken), icon: REMINDER_ICON, data: { url: FALLBACK_URL } }];
  }
  const interactive = reminder.interactive === true;
  const options = {
    body: reminder.body || "",
    tag: reminder.tag,
    icon: REMINDER_ICON,
    data: { delivery: reminder.delivery, url: reminder.url, token: reminder.token },
    actions: interactive && Array.isArray(reminder.actions) ? reminder.actions : [],
  };
  return [reminder.title, options];
}

async function showReminder(reminder) {
  const spoken = reminder && typeof reminder.title === "string" ? "" : await currentLanguage().catch(() => "");
  const [title, options] = notificationFor(reminder, spoken);
  await self.registration.showNotification(title, options);
}

self.addEventListener("push", (event) => {
  event.waitUntil(showReminder(reminderFrom(event)));
});

async function openPage(url) {
  const target = sameOriginUrl(url);
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const open = windows.find((client) => client.url === target);
  if (open) return open.focus();
  return self.clients.openWindow(target);
}

async function answerReminder(data, action, extra) {
  let response = null;
  try {
    response = await fetch(`/api/v1/deliveries/${data.delivery}/${action}/`, {
      method: "POST",
      credentials: "omit",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ ...extra, token: data.token }),
    });
  } catch {
    response = null;
  }
  // 409: already answered (another device, or a repeat); nothing more to do.
  if (response && (response.ok || response.status === 409)) return;
  // Offline or refused: the reminder's page lets the person answer there.
  await openPage(data.url);
}

self.addEventListener("notificationclick", (event) => {
  const notification = event.notification;
  const data = notification.data || {};
  notification.close();
  if (event.action === "done" && data.delivery) {
    event.waitUntil(answerReminder(data, "done", {}));
  } else if (event.action === "snooze" && data.delivery) {
    event.waitUntil(answerReminder(data, "snooze", { minutes: SNOOZE_MINUTES }));
  } else {
    event.waitUntil(openPage(data.url));
  }
});

/*
 * ---- pushsubscriptionchange: the browser rotated (or dropped) the subscription ----
 * Subscribe again with the same server key (the old subscription's, else
 * GET /api/v1/push/key/) and tell the server, usually with no page open.
 * The server's POST push/subscriptions/ is session-authenticated and so needs a
 * CSRF token, which a worker cannot have (the cookie is HttpOnly, no page meta).
 * Instead push/subscriptions/renew/ takes the old subscription's endpoint and
 * auth secret as the proof, without cookies, like the reminder buttons' token.
 * Without an old subscription there is nothing to prove it with: the person
 * turns notifications on again in Reminders.
 */
async function pushServerKey(oldSubscription) {
  const key = oldSubscription && oldSubscription.options && oldSubscription.options.applicationServerKey;
  if (key) return key;
  const response = await fetch("/api/v1/push/key/", { credentials: "same-origin", headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`push key: ${response.status}`);
  const base64 = (await response.json()).public_key.replace(/-/g, "+").replace(/_/g, "/");
  return Uint8Array.from(atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4)), (char) => char.charCodeAt(0));
}

async function renewSubscription(oldSubscription, newSubscription) {
  const old = oldSubscription ? oldSubscription.toJSON() : null;
  if (!old || !old.keys || !old.keys.auth) return;
  const fresh =
    newSubscription ||
    (await self.registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: await pushServerKey(oldSubscription),
    }));
  const json = fresh.toJSON();
  const response = await fetch("/api/v1/push/subscriptions/renew/", {
    method: "POST",
    credentials: "omit",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({
      old_endpoint: old.endpoint,
      old_auth: old.keys.auth,
      endpoint: json.endpoint,
      keys: { p256dh: json.keys.p256dh, auth: json.keys.auth },
    }),
  });
  // 404: the server no longer knows the old one (already replaced, or removed).
  if (!response.ok && response.status !== 404) throw new Error(`push renew: ${response.status}`);
}

self.addEventListener("pushsubscriptionchange", (event) => {
  event.waitUntil(renewSubscription(event.oldSubscription, event.newSubscription));
});
