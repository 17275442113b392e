/*
 * StretchStop's service worker. Served at /sw.js by tracker/web/pwa.py, which
 * puts CACHE_VERSION, PRECACHE and OUTBOX_SCRIPT in front of this code.
 *
 * - The app shell (PRECACHE) is cached at install; static files are then served
 *   cache-first (their names change with their content in production).
 * - Pages and GETs of the person's own data (/api/v1/) go network-first and
 *   fall back to the last copy, then to the offline page.
 * - Background Sync ("outbox") sends what the pages queued while offline.
 */
/* global CACHE_VERSION, PRECACHE, OUTBOX_SCRIPT, StretchStopOutbox */
"use strict";

importScripts(OUTBOX_SCRIPT);

const SHELL_CACHE = `shell-${CACHE_VERSION}`;
const DATA_CACHE = "personal-data";
const OFFLINE_URL = "/offline/";

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(SHELL_CACHE).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()),
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

async function networkFirst(request, fallbackUrl) {
  const cache = await caches.open(DATA_CACHE);
  try {
    const response = await fetch(request);
    // Only whole, successful answers of this origin; never a redirect to log in.
    if (response.ok && response.type === "basic" && !response.redirected) {
      cache.put(request, response.clone());
    }
    return response;
  } catch (offline) {
    const cached = await cache.match(request);
    if (cached) return cached;
    if (fallbackUrl) {
      const fallback = await caches.match(fallbackUrl);
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
  if (url.pathname.startsWith("/static/")) {
    event.respondWith(cacheFirst(request));
  } else if (url.pathname.startsWith("/api/v1/")) {
    event.respondWith(networkFirst(request, null));
  } else if (isCacheablePage(request, url)) {
    event.respondWith(networkFirst(request, OFFLINE_URL));
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
