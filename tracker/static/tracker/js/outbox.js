/*
 * The offline outbox: logs and pain ratings wait in IndexedDB until the server
 * has them. A classic script, not a module, because three places load it: the
 * pages (<script defer>), the service worker (importScripts, for Background
 * Sync) and node's test runner (require).
 *
 * Every entry is a PUT to /api/v1/<kind>/<client uuid>/: the API stores a
 * record once whatever the number of resends, so retrying is always safe.
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

  function entryFor(kind, id, body, label, csrfToken, now) {
    if (!PATHS[kind]) throw new Error("unknown outbox kind: " + kind);
    return {
      id: id,
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
      var response;
      try {
        response = await send(entry);
      } catch (offline) {
        stopped = true;
        result.pending++;
        continue;
      }
      if (response.status >= 200 && response.status < 300) {
        await store.remove(entry.id);
        result.sent++;
      } else if (isRejection(response.status)) {
        entry.state = "rejected";
        entry.error = await response.text();
        await store.put(entry);
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
      return fetchImpl(entry.url, {
        method: "PUT",
        credentials: "same-origin",
        headers: {
          "Content-Type": "application/json",
          "Accept": "application/json",
          "X-CSRFToken": entry.csrfToken,
        },
        body: JSON.stringify(entry.body),
      });
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
      put: function (entry) { return run("readwrite", function (s) { return s.put(entry); }); },
      remove: function (id) { return run("readwrite", function (s) { return s.delete(id); }); },
    };
  }

  var api = { entryFor: entryFor, flush: flush, sendWithFetch: sendWithFetch, openStore: openStore, isRejection: isRejection, PATHS: PATHS };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  root.StretchStopOutbox = api;
})(typeof self !== "undefined" ? self : globalThis);
