// Sessions logged on this device wait here (IndexedDB) until the server has them: written first, then synced
// through POST /api/sessions/batch with their clientId, which the server keeps as the item's idempotency key — a
// retry after a lost answer is stored once. Only the server's answer for an item refuses it (kept, with the
// server's message, until it is fixed or discarded); an answer for the whole batch (5xx, 403, 401, 429) leaves every
// item waiting for the next try. Each item belongs to the account that logged it: another account signed in on the
// same browser neither sees nor sends it. Items older than MAX_AGE_DAYS are not sent blindly: the server forgets
// idempotency keys after 45 days.

import {api, problemText} from './api.js';

const DB = 'supplyline';
const STORE = 'outbox';
export const MAX_AGE_DAYS = 30;
const BATCH = 100;

let connection = null;

/** One connection for the page's life (opening IndexedDB costs milliseconds each time); reopened if it closes. */
function open() {
  if (!connection) {
    connection = new Promise((resolve, reject) => {
      const request = indexedDB.open(DB, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, {keyPath: 'clientId'});
      request.onsuccess = () => {
        const db = request.result;
        // another tab upgrading the database, or the browser closing it: the next call opens a new connection
        db.onversionchange = () => {
          db.close();
          connection = null;
        };
        db.onclose = () => {
          connection = null;
        };
        resolve(db);
      };
      request.onerror = () => {
        connection = null;
        reject(request.error);
      };
    });
  }
  return connection;
}

async function run(mode, work) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const result = work(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(result?.result ?? result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

function changed() {
  window.dispatchEvent(new CustomEvent('sl-outbox-changed'));
}

let owner = null;

/** The signed-in account (its subject): what this module reads, writes and sends is that account's. */
/** Whose device data this is now: the signed-in account's subject (null before sign-in). */
export function currentOwner() {
  return owner;
}

export function setOwner(subject) {
  owner = subject;
}

function newItem(session) {
  if (!owner) {
    throw new Error('Nobody is signed in on this device');
  }
  return {clientId: crypto.randomUUID(), owner, session, queuedAt: new Date().toISOString(), state: 'PENDING'};
}

/** Keeps a session on the device; returns its clientId. */
export async function enqueue(session) {
  const item = newItem(session);
  await run('readwrite', (store) => store.put(item));
  changed();
  return item.clientId;
}

/** How many items of the account wait to be sent (refused ones wait for the parent, not for the network). */
export async function waiting() {
  return (await all()).filter((i) => i.state === 'PENDING').length;
}

/** The signed-in account's items, oldest first. */
export async function all() {
  const items = await run('readonly', (store) => store.getAll());
  return items.filter((i) => owner && i.owner === owner).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
}

/** A refused item, corrected: it gets a new clientId (the old key's answer was the refusal) and waits again. */
export async function replace(clientId, session) {
  const item = newItem(session);
  await run('readwrite', (store) => {
    store.delete(clientId);
    store.put(item);
  });
  changed();
  return item.clientId;
}

export async function discard(clientId) {
  await run('readwrite', (store) => store.delete(clientId));
  changed();
}

let syncing = null;

/** Sends every pending item; resolves to {stored, refused}. Concurrent calls share one run. */
export function sync() {
  if (!syncing) {
    syncing = doSync().finally(() => {
      syncing = null;
    });
  }
  return syncing;
}

async function doSync() {
  let stored = 0;
  let refused = 0;
  const tooOld = Date.now() - MAX_AGE_DAYS * 86_400_000;
  const pending = (await all()).filter((i) => i.state === 'PENDING');
  for (const item of pending.filter((i) => Date.parse(i.queuedAt) < tooOld)) {
    await mark(item, 'REFUSED', `Kept on this device more than ${MAX_AGE_DAYS} days: check it, then send it again.`);
    refused++;
  }
  const fresh = pending.filter((i) => Date.parse(i.queuedAt) >= tooOld);
  for (let start = 0; start < fresh.length; start += BATCH) {
    const chunk = fresh.slice(start, start + BATCH);
    let answer;
    try {
      answer = await api('sessions/batch', {method: 'POST', body: {items: chunk.map((i) => ({clientId: i.clientId, ...i.session}))}});
    } catch (e) {
      // an answer for the whole batch is not an answer for its items: they wait for the next try (the server may
      // even have stored them before failing; their clientIds make the next try store nothing twice)
      console.warn('Sync refused as a whole, retried later:', problemText(e));
      break;
    }
    for (const result of answer.body.results) {
      const item = chunk[result.index];
      if (result.status >= 200 && result.status < 300) {
        await run('readwrite', (store) => store.delete(item.clientId));
        stored++;
      } else {
        await mark(item, 'REFUSED', problemText({problem: result.problem}));
        refused++;
      }
    }
  }
  changed();
  return {stored, refused};
}

async function mark(item, state, message) {
  await run('readwrite', (store) => store.put({...item, state, message}));
}
