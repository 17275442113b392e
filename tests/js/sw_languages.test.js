// The service worker and languages: every language's catalogue and offline page
// precached, the language of the last page fetched remembered (its
// Content-Language) across restarts, and used offline: the offline page and an
// unreadable push's text in that language. A vm context with a fake Cache API.
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const SOURCE = fs.readFileSync(path.join(__dirname, "../../tracker/static/tracker/sw.js"), "utf8");
const ORIGIN = "https://stretch.example";
const CATALOGUES = { en: "/jsi18n/en/?v=e1", de: "/jsi18n/de/?v=d1", pl: "/jsi18n/pl/?v=p1" };
const OFFLINE_PAGES = { en: "/offline/?lang=en", de: "/offline/?lang=de", pl: "/offline/?lang=pl" };
const PUSH_FALLBACK = {
  en: "You have a stretch reminder.",
  de: "Du hast eine Dehnerinnerung.",
  pl: "Masz przypomnienie o rozciąganiu.",
};

const keyOf = (request) => new URL(typeof request === "string" ? request : request.url, ORIGIN).href;

function fakeCaches() {
  const stores = new Map();
  const open = async (name) => {
    if (!stores.has(name)) {
      const entries = new Map();
      stores.set(name, {
        entries,
        put: async (request, response) => void entries.set(keyOf(request), response),
        match: async (request) => entries.get(keyOf(request)),
        added: [],
        async addAll(requests) {
          for (const request of requests) {
            this.added.push(request);
            const url = new URL(keyOf(request));
            entries.set(url.href, page(`precached ${url.pathname}${url.search}`));
          }
        },
      });
    }
    return stores.get(name);
  };
  return {
    open,
    keys: async () => [...stores.keys()],
    delete: async (name) => stores.delete(name),
    match: async (request) => {
      for (const store of stores.values()) {
        const found = store.entries.get(keyOf(request));
        if (found) return found;
      }
      return undefined;
    },
  };
}

function page(body, language = "") {
  return {
    ok: true,
    status: 200,
    type: "basic",
    redirected: false,
    body,
    headers: new Headers(language ? { "Content-Language": language } : {}),
    clone() {
      return this;
    },
    text: async () => body,
  };
}

function worker(caches, { online = true, replies = {} } = {}) {
  const listeners = {};
  const shown = [];
  const fetched = [];
  const context = {
    CACHE_VERSION: "test",
    PRECACHE: ["/static/tracker/icons/icon-192.png", "/offline/", ...Object.values(CATALOGUES), ...Object.values(OFFLINE_PAGES)],
    OUTBOX_SCRIPT: "/static/tracker/js/outbox.js",
    CATALOGUES,
    OFFLINE_PAGES,
    PUSH_FALLBACK,
    importScripts: () => {},
    URL,
    Request: class {
      constructor(url, init = {}) {
        this.url = new URL(url, ORIGIN).href;
        this.credentials = init.credentials || "same-origin";
      }
    },
    Response: class {
      constructor(body) {
        this.body = body;
      }
      async text() {
        return this.body;
      }
    },
    console,
    caches,
    addEventListener: (type, listener) => {
      listeners[type] = listener;
    },
    location: { origin: ORIGIN },
    registration: { showNotification: async (title, options) => void shown.push({ title, options }) },
    clients: { matchAll: async () => [], claim: async () => {} },
    skipWaiting: async () => {},
    fetch: async (request) => {
      const url = keyOf(request);
      fetched.push(url);
      if (!online.value) throw new TypeError("Failed to fetch");
      return replies[new URL(url).pathname] || page("ok");
    },
  };
  context.self = context;
  vm.createContext(context);
  vm.runInContext(SOURCE, context);
  return { listeners, shown, fetched };
}

async function navigate(sw, url) {
  let answer = null;
  sw.listeners.fetch({
    request: { method: "GET", url: new URL(url, ORIGIN).href, mode: "navigate" },
    respondWith: (promise) => {
      answer = promise;
    },
  });
  return answer;
}

async function install(sw) {
  let work = null;
  sw.listeners.install({ waitUntil: (promise) => (work = promise) });
  await work;
}

test("offline, an unvisited page shows the offline page in the language of the last page, after a restart too", async () => {
  const caches = fakeCaches();
  const online = { value: true };
  const replies = { "/today/": page("<h1>Heute</h1>", "de") };
  const sw = worker(caches, { online, replies });
  await install(sw);
  await navigate(sw, "/today/");

  online.value = false;
  const fallback = await navigate(sw, "/never-visited/");
  assert.equal(fallback.body, "precached /offline/?lang=de");

  // A fresh worker (the browser stops idle ones) still knows the language.
  const restarted = worker(caches, { online, replies });
  assert.equal((await navigate(restarted, "/also-never-visited/")).body, "precached /offline/?lang=de");
  // The page visited comes from its own copy.
  assert.equal((await navigate(restarted, "/today/")).body, "<h1>Heute</h1>");
});

test("before any page is fetched the offline page is the plain one", async () => {
  const caches = fakeCaches();
  const online = { value: false };
  const sw = worker(caches, { online });
  await install(sw);
  assert.equal((await navigate(sw, "/somewhere/")).body, "precached /offline/");
});

test("the catalogues are precached and served from the cache, with no network", async () => {
  const caches = fakeCaches();
  const online = { value: false };
  const sw = worker(caches, { online });
  await install(sw);
  let answer = null;
  sw.listeners.fetch({
    request: { method: "GET", url: `${ORIGIN}${CATALOGUES.pl}`, mode: "no-cors" },
    respondWith: (promise) => (answer = promise),
  });
  assert.equal((await answer).body, `precached ${CATALOGUES.pl}`);
  assert.deepEqual(sw.fetched, []);
});

test("an unreadable push speaks the language of the last page", async () => {
  const caches = fakeCaches();
  const online = { value: true };
  const sw = worker(caches, { online, replies: { "/today/": page("<h1>Dziś</h1>", "pl") } });
  await navigate(sw, "/today/");
  let shown = null;
  sw.listeners.push({ data: { json: () => JSON.parse("not json") }, waitUntil: (promise) => (shown = promise) });
  await shown;
  assert.equal(sw.shown[0].title, "StretchStop");
  assert.equal(sw.shown[0].options.body, "Masz przypomnienie o rozciąganiu.");
});

test("a Content-Language the worker does not know changes nothing", async () => {
  const caches = fakeCaches();
  const online = { value: true };
  const replies = { "/today/": page("x", "de"), "/odd/": page("y", "xx") };
  const sw = worker(caches, { online, replies });
  await install(sw);
  await navigate(sw, "/today/");
  await navigate(sw, "/odd/");
  online.value = false;
  assert.equal((await navigate(sw, "/never/")).body, "precached /offline/?lang=de");
});

test("the shell is precached without cookies, so no answer can sign someone out", async () => {
  const caches = fakeCaches();
  const sw = worker(caches);

  await install(sw);

  const shell = await caches.open((await caches.keys())[0]);
  assert.ok(shell.added.length > 0);
  assert.deepEqual(
    shell.added.filter((request) => request.credentials !== "omit").map((request) => request.url),
    [],
  );
});
