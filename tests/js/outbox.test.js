// The outbox's send loop, against an in-memory store and a scripted server.
const test = require("node:test");
const assert = require("node:assert/strict");
const Outbox = require("../../tracker/static/tracker/js/outbox.js");

function memoryStore(entries) {
  const rows = new Map(entries.map((entry) => [entry.id, { ...entry }]));
  return {
    rows,
    all: async () => [...rows.values()].map((entry) => ({ ...entry })),
    put: async (entry) => { rows.set(entry.id, { ...entry }); },
    remove: async (id) => { rows.delete(id); },
  };
}

function reply(status, body = "") {
  return { status, text: async () => body };
}

const entry = (id, createdAt, kind = "log") => Outbox.entryFor(kind, id, { rating: 3 }, "", "csrf", createdAt);

test("entries are PUTs to the API path of their kind under their client id", () => {
  assert.equal(entry("a", 1).url, "/api/v1/logs/a/");
  assert.equal(entry("b", 1, "pain").url, "/api/v1/pain/b/");
  assert.throws(() => entry("c", 1, "goal"));
});

test("sent entries leave the outbox, oldest first", async () => {
  const store = memoryStore([entry("late", 2), entry("early", 1)]);
  const order = [];
  const result = await Outbox.flush(store, async (e) => { order.push(e.id); return reply(201); });
  assert.deepEqual(order, ["early", "late"]);
  assert.deepEqual(result, { sent: 2, pending: 0, rejected: 0 });
  assert.equal(store.rows.size, 0);
});

test("a network failure stops the round and keeps every unsent entry pending", async () => {
  const store = memoryStore([entry("a", 1), entry("b", 2), entry("c", 3)]);
  let calls = 0;
  const result = await Outbox.flush(store, async () => {
    calls += 1;
    if (calls === 2) throw new TypeError("Failed to fetch");
    return reply(200);
  });
  assert.deepEqual(result, { sent: 1, pending: 2, rejected: 0 });
  assert.deepEqual([...store.rows.keys()].sort(), ["b", "c"]);
  assert.equal(calls, 2, "nothing is tried after the network failed");
});

test("server errors and an ended session keep the entry pending for the next round", async () => {
  for (const status of [500, 503, 429, 401, 403]) {
    const store = memoryStore([entry("a", 1)]);
    const result = await Outbox.flush(store, async () => reply(status));
    assert.deepEqual(result, { sent: 0, pending: 1, rejected: 0 }, `status ${status}`);
    assert.equal(store.rows.get("a").state, "pending");
  }
});

test("a rejected entry stays in the outbox with the server's answer and is not resent", async () => {
  const store = memoryStore([entry("bad", 1), entry("good", 2)]);
  const first = await Outbox.flush(store, async (e) => (e.id === "bad" ? reply(400, '{"rating":["bad"]}') : reply(201)));
  assert.deepEqual(first, { sent: 1, pending: 0, rejected: 1 });
  assert.equal(store.rows.get("bad").state, "rejected");
  assert.equal(store.rows.get("bad").error, '{"rating":["bad"]}');

  let resent = false;
  await Outbox.flush(store, async () => { resent = true; return reply(201); });
  assert.equal(resent, false);
});

test("the fetch sender PUTs JSON with the CSRF token the page had", async () => {
  let seen;
  const send = Outbox.sendWithFetch(async (url, init) => { seen = { url, init }; return reply(201); });
  await send(entry("a", 1));
  assert.equal(seen.url, "/api/v1/logs/a/");
  assert.equal(seen.init.method, "PUT");
  assert.equal(seen.init.headers["X-CSRFToken"], "csrf");
  assert.deepEqual(JSON.parse(seen.init.body), { rating: 3 });
});

// Undo and delete: withdrawing a record from the outbox.
function storeWithGet(entries) {
  const store = memoryStore(entries);
  store.get = async (id) => (store.rows.has(id) ? { ...store.rows.get(id) } : undefined);
  return store;
}

test("undoing a new record that was never sent cancels it: nothing reaches the server", async () => {
  const store = storeWithGet([entry("a", 1)]);
  const outcome = await Outbox.withdraw(store, "log", "a", "", "csrf", 2, false);
  assert.deepEqual(outcome, { cancelled: true, queued: null });
  const sent = [];
  await Outbox.flush(store, async (e) => { sent.push(e); return reply(201); });
  assert.deepEqual(sent, []);
  assert.equal(store.rows.size, 0);
});

test("undoing a record already sent queues a DELETE without a body", async () => {
  const store = storeWithGet([]);
  const outcome = await Outbox.withdraw(store, "pain", "p", "Pain", "csrf", 5, false);
  assert.equal(outcome.cancelled, false);
  assert.equal(outcome.queued.id, "delete:p");
  const calls = [];
  const send = Outbox.sendWithFetch(async (url, init) => { calls.push([url, init]); return reply(204); });
  const result = await Outbox.flush(store, send);
  assert.deepEqual(result, { sent: 1, pending: 0, rejected: 0 });
  assert.equal(calls[0][0], "/api/v1/pain/p/");
  assert.equal(calls[0][1].method, "DELETE");
  assert.equal(calls[0][1].body, undefined);
  assert.equal(calls[0][1].headers["X-CSRFToken"], "csrf");
});

test("undoing while a round may be sending the PUT sends the PUT first, then the DELETE", async () => {
  const store = storeWithGet([entry("a", 1)]);
  await Outbox.withdraw(store, "log", "a", "", "csrf", 2, true);
  // The round that was in flight had already taken the PUT; the next one sends the DELETE.
  const order = [];
  await Outbox.flush(store, async (e) => { order.push(`${e.method} ${e.url}`); return reply(204); });
  assert.deepEqual(order, ["DELETE /api/v1/logs/a/"]);
});

test("withdrawing an edit of a stored record still deletes it on the server", async () => {
  const edit = Outbox.entryFor("log", "a", { sets: 2 }, "", "csrf", 1, false);
  const store = storeWithGet([edit]);
  const outcome = await Outbox.withdraw(store, "log", "a", "", "csrf", 2, false);
  assert.equal(outcome.cancelled, true);
  assert.deepEqual([...store.rows.keys()], ["delete:a"]);
});

test("a DELETE the server answers 404 or 410 is done and does not block what follows", async () => {
  for (const status of [404, 410]) {
    const store = storeWithGet([Outbox.deleteEntryFor("log", "gone", "", "csrf", 1), entry("next", 2)]);
    const result = await Outbox.flush(store, async (e) => reply(e.method === "DELETE" ? status : 201));
    assert.deepEqual(result, { sent: 2, pending: 0, rejected: 0 }, `status ${status}`);
    assert.equal(store.rows.size, 0);
  }
});

test("a PUT answered 404 is still kept as not saved (only a DELETE treats 404 as done)", async () => {
  const store = storeWithGet([entry("a", 1)]);
  const result = await Outbox.flush(store, async () => reply(404, '{"detail":"Not found."}'));
  assert.deepEqual(result, { sent: 0, pending: 0, rejected: 1 });
});

test("an entry withdrawn during a round is neither sent nor put back", async () => {
  const store = storeWithGet([entry("first", 1), entry("second", 2)]);
  const sent = [];
  await Outbox.flush(store, async (e) => {
    sent.push(e.id);
    if (e.id === "first") await Outbox.withdraw(store, "log", "second", "", "csrf", 3, true);
    return reply(201);
  });
  assert.deepEqual(sent, ["first"]);
  assert.deepEqual([...store.rows.keys()], ["delete:second"]);
});

test("a rejected new record is simply dropped on undo", async () => {
  const rejected = { ...entry("a", 1), state: "rejected", error: "bad" };
  const store = storeWithGet([rejected]);
  const outcome = await Outbox.withdraw(store, "log", "a", "", "csrf", 2, true);
  assert.deepEqual(outcome, { cancelled: true, queued: null });
  assert.equal(store.rows.size, 0);
});
