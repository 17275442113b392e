/*
 * The offline outbox: logs and pain ratings wait in IndexedDB until the server
 * has them. A classic script, not a module, because three places load it: the
 * pages (<script defer>), the service worker (importScripts, for Background
 * Sync) and node's test runner (require).
 *
 * An entry is a PUT to /api/v1/<kind>/<client uuid>/, keyed by that uuid (a
 * new record, `isNew`, or an edit of a stored one: a later edit replaces a
 * waiting one), or a DELETE of it, keyed "delete:<uuid>". The API stores a
 * record once whatever the number of resends and a DELETE of a record that is
 * not there answers 404, which counts as done, so retrying is always safe.
 */
(function (root) {
  "use strict";

  var DB_NAME = "stretchstop";
  var STORE = "outbox";
  var PATHS = { log: "/api/v1/logs/", pain: "/api/v1/pain/" };

  // A status the server will answer the same way next time: keep the entry,
  // shown as needing attention, rather than retrying it for ever.
  function isRejection(status) {
    return status === 400 || status === 404 || status === 409 || status === 413 || status === 422;
  }

  // A PUT of record `id`; `isNew` (the default) when no earlier PUT made it.
  function entryFor(kind, id, body, label, csrfToken, now, isNew) {
    if (!PATHS[kind]) throw new Error("unknown outbox kind: " + kind);
    return {
      id: id,
      recordId: id,
      method: "PUT",
      isNew: isNew !== false,
      kind: kind,
      url: PATHS[kind] + id + "/",
      body: body,
      label: label || "",
      csrfToken: csrfToken || "",
      createdAt: now,
      state: "pending",
      error: "",
    };
  }

  function deleteEntryFor(kind, recordId, label, csrfToken, now) {
    var entry = entryFor(kind, recordId, null, label, csrfToken, now, false);
    entry.id = "delete:" + recordId;
    entry.method = "DELETE";
    return entry;
  }

  /*
   * Take record `recordId` back (an Undo, or Delete on the History page), and
   * return {cancelled, queued}:
   * 1. A waiting PUT of it leaves the outbox (a waiting edit is moot once deleted).
   * 2. If that PUT made the record (isNew) and cannot have reached the server
   *    (it was never sent: `mayBeInFlight` is false and no round is sending it,
   *    or the server rejected it), nothing more is needed: nothing is sent.
   * 3. Otherwise a DELETE is queued after everything already waiting, so a PUT
   *    that was on its way lands first and is then deleted; a DELETE the
   *    server answers 404 (never stored, already deleted) is done.
   */
  async function withdraw(store, kind, recordId, label, csrfToken, now, mayBeInFlight) {
    var entries = await store.all();
    var put = null;
    for (var i = 0; i < entries.length; i++) {
      if (entries[i].id === recordId) put = entries[i];
    }
    if (put) await store.remove(recordId);
    var neverSent = put && put.isNew !== false && (put.state === "rejected" || !mayBeInFlight);
    if (neverSent) return { cancelled: true, queued: null };
    var queued = deleteEntryFor(kind, recordId, label, csrfToken, now);
    await store.put(queued);
    return { cancelled: Boolean(put), queued: queued };
  }

  function succeeded(entry, status) {
    if (status >= 200 && status < 300) return true;
    // Deleting what the server does not have (any more) leaves the state wanted.
    return entry.method === "DELETE" && (status === 404 || status === 410);
  }

  /*
   * Send every pending entry, oldest first, through `send(entry)` (which
   * resolves to a Response-like {status, text()} or rejects when offline).
   * Sent entries leave the store; rejected ones stay with the server's answer;
   * the first network failure, 401/403 (session over), 429 or 5xx stops the
   * round and leaves the rest pending for the next one.
   */
  async function flush(store, send) {
    var entries = await store.all();
    entries.sort(function (a, b) { return a.createdAt - b.createdAt; });
    var result = { sent: 0, pending: 0, rejected: 0 };
    var stopped = false;
    for (var i = 0; i < entries.length; i++) {
      var entry = entries[i];
      if (entry.state === "rejected") { result.rejected++; continue; }
      if (stopped) { result.pending++; continue; }
      // Withdrawn (undone) while this round was sending the ones before it.
      if (store.get && !(await store.get(entry.id))) continue;
      var response;
      try {
        response = await send(entry);
      } catch (offline) {
        stopped = true;
        result.pending++;
        continue;
      }
      if (succeeded(entry, response.status)) {
        await store.remove(entry.id);
        result.sent++;
      } else if (isRejection(response.status)) {
        entry.state = "rejected";
        entry.error = await response.text();
        // Unless it was withdrawn meanwhile: then the rejection changes nothing.
        if (!store.get || (await store.get(entry.id))) await store.put(entry);
        result.rejected++;
      } else {
        stopped = true;
        result.pending++;
      }
    }
    return result;
  }

  function sendWithFetch(fetchImpl) {
    return function (entry) {
      var init = {
        method: entry.method || "PUT",
        credentials: "same-origin",
        headers: { "Accept": "application/json", "X-CSRFToken": entry.csrfToken },
      };
      if (init.method === "PUT") {
        init.headers["Content-Type"] = "application/json";
        init.body = JSON.stringify(entry.body);
      }
      return fetchImpl(entry.url, init);
    };
  }

  function request(idbRequest) {
    return new Promise(function (resolve, reject) {
      idbRequest.onsuccess = function () { resolve(idbRequest.result); };
      idbRequest.onerror = function () { reject(idbRequest.error); };
    });
  }

  // The IndexedDB store behind the outbox; one object store keyed by the client id.
  function openStore(indexedDBImpl) {
    var opened = null;
    function db() {
      if (!opened) {
        var open = indexedDBImpl.open(DB_NAME, 1);
        open.onupgradeneeded = function () { open.result.createObjectStore(STORE, { keyPath: "id" }); };
        opened = request(open);
      }
      return opened;
    }
    function run(mode, action) {
      return db().then(function (database) {
        var tx = database.transaction(STORE, mode);
        var result = request(action(tx.objectStore(STORE)));
        return new Promise(function (resolve, reject) {
          tx.oncomplete = function () { resolve(result); };
          tx.onerror = function () { reject(tx.error); };
          tx.onabort = function () { reject(tx.error); };
        });
      });
    }
    return {
      all: function () { return run("readonly", function (s) { return s.getAll(); }); },
      get: function (id) { return run("readonly", function (s) { return s.get(id); }); },
      put: function (entry) { return run("readwrite", function (s) { return s.put(entry); }); },
      remove: function (id) { return run("readwrite", function (s) { return s.delete(id); }); },
    };
  }

  var api = { entryFor: entryFor, deleteEntryFor: deleteEntryFor, withdraw: withdraw, flush: flush, sendWithFetch: sendWithFetch, openStore: openStore, isRejection: isRejection, PATHS: PATHS };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  root.StretchStopOutbox = api;
})(typeof self !== "undefined" ? self : globalThis);
