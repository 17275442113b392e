// The service worker's push and notificationclick handlers, run in a vm
// context with a fake `self` (the events it listens to), a fake registration,
// fake window clients and a recording fetch; no page is open.
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const SOURCE = fs.readFileSync(path.join(__dirname, "../../tracker/static/tracker/sw.js"), "utf8");
const ORIGIN = "https://stretch.example";

function worker({ fetchReply = async () => ({ ok: true, status: 200 }), windows = [], rotated = null } = {}) {
  const listeners = {};
  const shown = [];
  const subscribed = [];
  const opened = [];
  const fetched = [];
  const context = {
    CACHE_VERSION: "test",
    PRECACHE: ["/static/tracker/app.css", "/static/tracker/icons/icon-192.abc123.png", "/offline/"],
    OUTBOX_SCRIPT: "/static/tracker/js/outbox.js",
    importScripts: () => {},
    URL,
    atob,
    Uint8Array,
    console,
    addEventListener: (type, listener) => {
      listeners[type] = listener;
    },
    location: { origin: ORIGIN },
    registration: {
      showNotification: async (title, options) => {
        shown.push({ title, options });
      },
      pushManager: {
        subscribe: async (options) => {
          subscribed.push(options);
          return rotated;
        },
      },
    },
    clients: {
      matchAll: async () => windows,
      openWindow: async (url) => {
        opened.push(url);
        return { url };
      },
    },
    fetch: async (url, init) => {
      fetched.push({ url, init });
      return fetchReply(url, init);
    },
  };
  context.self = context;
  vm.createContext(context);
  vm.runInContext(SOURCE, context);
  return { listeners, shown, opened, fetched, subscribed };
}

// Dispatch an event to the worker; return what it passed to waitUntil, settled.
async function dispatch(sw, type, fields) {
  const waits = [];
  sw.listeners[type]({ ...fields, waitUntil: (promise) => waits.push(promise) });
  assert.equal(waits.length, 1, `${type} must hand its work to waitUntil`);
  await Promise.all(waits);
}

function pushEvent(payload) {
  const text = typeof payload === "string" ? payload : JSON.stringify(payload);
  return { data: { json: () => JSON.parse(text), text: () => text } };
}

function clickEvent(data, action = "") {
  const notification = { data, closed: false, close() { this.closed = true; } };
  return { action, notification };
}

const PAYLOAD = {
  delivery: 7,
  title: "Time for a stretch break",
  body: "You've been sitting a while. Suggested: Desk break.",
  url: "/reminders/7/?token=7:abc:sig",
  tag: "d7",
  interactive: true,
  actions: [
    { action: "done", title: "Done" },
    { action: "snooze", title: "Snooze 10 min" },
  ],
  token: "7:abc:sig",
};
const DATA = { delivery: 7, url: PAYLOAD.url, token: PAYLOAD.token };

test("a push shows the reminder with its Done and Snooze buttons and what a click needs", async () => {
  const sw = worker();
  await dispatch(sw, "push", pushEvent(PAYLOAD));
  assert.equal(sw.shown.length, 1);
  const { title, options } = sw.shown[0];
  assert.equal(title, "Time for a stretch break");
  assert.equal(options.body, PAYLOAD.body);
  assert.equal(options.tag, "d7");
  assert.equal(options.icon, "/static/tracker/icons/icon-192.abc123.png");
  assert.deepEqual(JSON.parse(JSON.stringify(options.actions)), PAYLOAD.actions);
  assert.deepEqual(JSON.parse(JSON.stringify(options.data)), DATA);
});

test("a reminder sent while driving shows no buttons, whatever the payload lists", async () => {
  const sw = worker();
  const driving = { ...PAYLOAD, title: "Stretch at your next stop", url: "/drive/", interactive: false };
  await dispatch(sw, "push", pushEvent(driving));
  assert.deepEqual(JSON.parse(JSON.stringify(sw.shown[0].options.actions)), []);
  assert.equal(sw.shown[0].title, "Stretch at your next stop");
});

test("an unreadable push still shows a notification that opens Today", async () => {
  const sw = worker();
  await dispatch(sw, "push", pushEvent("not json"));
  assert.equal(sw.shown.length, 1);
  assert.equal(sw.shown[0].title, "StretchStop");
  assert.equal(sw.shown[0].options.data.url, "/today/");
});

test("Done posts the token to the delivery's done action without cookies and opens nothing", async () => {
  const sw = worker();
  const event = clickEvent(DATA, "done");
  await dispatch(sw, "notificationclick", event);
  assert.equal(event.notification.closed, true);
  assert.equal(sw.fetched.length, 1);
  const { url, init } = sw.fetched[0];
  assert.equal(url, "/api/v1/deliveries/7/done/");
  assert.equal(init.method, "POST");
  assert.equal(init.credentials, "omit");
  assert.deepEqual(JSON.parse(JSON.stringify(init.headers)), {
    "Content-Type": "application/json",
    Accept: "application/json",
  });
  assert.equal(init.body, JSON.stringify({ token: "7:abc:sig" }));
  assert.deepEqual(sw.opened, []);
});

test("Snooze posts ten minutes and the token to the delivery's snooze action", async () => {
  const sw = worker();
  await dispatch(sw, "notificationclick", clickEvent(DATA, "snooze"));
  const { url, init } = sw.fetched[0];
  assert.equal(url, "/api/v1/deliveries/7/snooze/");
  assert.equal(init.method, "POST");
  assert.equal(init.credentials, "omit");
  assert.equal(init.body, JSON.stringify({ minutes: 10, token: "7:abc:sig" }));
  assert.deepEqual(sw.opened, []);
});

test("an answer already given elsewhere (409) is left at that", async () => {
  const sw = worker({ fetchReply: async () => ({ ok: false, status: 409 }) });
  await dispatch(sw, "notificationclick", clickEvent(DATA, "done"));
  assert.deepEqual(sw.opened, []);
});

test("when Done cannot reach the server, the reminder's page opens to answer there", async () => {
  for (const fetchReply of [
    async () => {
      throw new TypeError("Failed to fetch");
    },
    async () => ({ ok: false, status: 404 }),
  ]) {
    const sw = worker({ fetchReply });
    await dispatch(sw, "notificationclick", clickEvent(DATA, "done"));
    assert.deepEqual(sw.opened, [`${ORIGIN}/reminders/7/?token=7:abc:sig`]);
  }
});

test("tapping the body opens the reminder's page when no window shows it", async () => {
  const sw = worker({ windows: [{ url: `${ORIGIN}/today/`, focus: async () => assert.fail("wrong window") }] });
  const event = clickEvent(DATA);
  await dispatch(sw, "notificationclick", event);
  assert.equal(event.notification.closed, true);
  assert.deepEqual(sw.opened, [`${ORIGIN}/reminders/7/?token=7:abc:sig`]);
  assert.deepEqual(sw.fetched, []);
});

test("tapping the body focuses a window already on the reminder's page", async () => {
  let focused = 0;
  const windows = [{ url: `${ORIGIN}/reminders/7/?token=7:abc:sig`, focus: async () => { focused += 1; } }];
  const sw = worker({ windows });
  await dispatch(sw, "notificationclick", clickEvent(DATA));
  assert.equal(focused, 1);
  assert.deepEqual(sw.opened, []);
});

test("a driving reminder's tap opens the Drive page", async () => {
  const sw = worker();
  await dispatch(sw, "notificationclick", clickEvent({ ...DATA, url: "/drive/" }));
  assert.deepEqual(sw.opened, [`${ORIGIN}/drive/`]);
});

test("a URL of another site in the payload opens Today instead", async () => {
  const sw = worker();
  await dispatch(sw, "notificationclick", clickEvent({ ...DATA, url: "https://evil.example/phish" }));
  assert.deepEqual(sw.opened, [`${ORIGIN}/today/`]);
});

// ---- pushsubscriptionchange ----

function fakeSubscription(endpoint, auth, applicationServerKey = null) {
  return {
    options: { applicationServerKey },
    toJSON: () => ({ endpoint, keys: { p256dh: `p256dh-of-${endpoint}`, auth } }),
  };
}

const SERVER_KEY = new Uint8Array([4, 1, 2, 3]).buffer;
const OLD = fakeSubscription("https://fcm.googleapis.com/fcm/send/old", "old-auth", SERVER_KEY);
const NEW = fakeSubscription("https://fcm.googleapis.com/fcm/send/new", "new-auth");

function renewPosts(sw) {
  return sw.fetched.filter(({ url }) => url === "/api/v1/push/subscriptions/renew/");
}

test("a rotated subscription is subscribed again with the old key and sent with the old one's proof", async () => {
  const sw = worker({ rotated: NEW });
  await dispatch(sw, "pushsubscriptionchange", { oldSubscription: OLD, newSubscription: null });
  assert.equal(sw.subscribed.length, 1);
  assert.equal(sw.subscribed[0].userVisibleOnly, true);
  assert.equal(sw.subscribed[0].applicationServerKey, SERVER_KEY);
  const posts = renewPosts(sw);
  assert.equal(posts.length, 1);
  const { init } = posts[0];
  assert.equal(init.method, "POST");
  // No cookies: the old endpoint and auth secret answer for the browser, so no CSRF token is needed.
  assert.equal(init.credentials, "omit");
  assert.deepEqual(JSON.parse(init.body), {
    old_endpoint: "https://fcm.googleapis.com/fcm/send/old",
    old_auth: "old-auth",
    endpoint: "https://fcm.googleapis.com/fcm/send/new",
    keys: { p256dh: "p256dh-of-https://fcm.googleapis.com/fcm/send/new", auth: "new-auth" },
  });
});

test("a new subscription the browser already made is sent as it is", async () => {
  const sw = worker();
  await dispatch(sw, "pushsubscriptionchange", { oldSubscription: OLD, newSubscription: NEW });
  assert.deepEqual(sw.subscribed, []);
  assert.equal(JSON.parse(renewPosts(sw)[0].init.body).endpoint, "https://fcm.googleapis.com/fcm/send/new");
});

test("without the old key at hand the server's key is fetched with the session", async () => {
  const fetchReply = async (url) =>
    url === "/api/v1/push/key/" ? { ok: true, status: 200, json: async () => ({ public_key: "BAECAw" }) } : { ok: true, status: 200 };
  const sw = worker({ fetchReply, rotated: NEW });
  const keyless = fakeSubscription("https://fcm.googleapis.com/fcm/send/old", "old-auth", null);
  await dispatch(sw, "pushsubscriptionchange", { oldSubscription: keyless, newSubscription: null });
  assert.equal(sw.fetched[0].url, "/api/v1/push/key/");
  assert.equal(sw.fetched[0].init.credentials, "same-origin");
  assert.deepEqual(Array.from(new Uint8Array(sw.subscribed[0].applicationServerKey)), [4, 1, 2, 3]);
  assert.equal(renewPosts(sw).length, 1);
});

test("a refused renewal (not a 404) rejects, so the browser may try again", async () => {
  const sw = worker({ rotated: NEW, fetchReply: async () => ({ ok: false, status: 503 }) });
  await assert.rejects(dispatch(sw, "pushsubscriptionchange", { oldSubscription: OLD, newSubscription: null }));
});

test("with no old subscription nothing is sent: there is nothing to prove the browser with", async () => {
  const sw = worker({ rotated: NEW });
  await dispatch(sw, "pushsubscriptionchange", { oldSubscription: null, newSubscription: null });
  assert.deepEqual(sw.fetched, []);
});
