// The only module that knows IndexedDB: database name, version, stores, indexes and upgrades.
import { openDB } from 'idb';

export const DB_NAME = 'immuqc';
export const DB_VERSION = 2;  // 2: observing (留观 timers)

// store name -> [keyPath, indexes]
const STORES = {
  drafts: ['id', []],
  outbox: ['id', ['seq', 'captured_by']],
  needs_fixing: ['id', []],
  conflicts: ['id', []],
  reference: ['key', ['kind']],
  children: ['id', []],
  records: ['id', ['kind', 'child_id']],
  tasks: ['id', []],
  users: ['username', []],
  meta: ['key', []],
  observing: ['id', []],
};

let dbPromise = null;

// A version per store, bumped after every write, for modules that keep a store in memory (the registry's search).
// Writes in another context (the service worker's background sync, another tab) are announced on a BroadcastChannel.
const versions = new Map();
let epoch = 0; // a new connection (another database after closeDb) changes every version
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('immuqc-db') : null;
if (channel) {
  channel.onmessage = (e) => bump([].concat(e.data || []));
  channel.unref?.(); // Node (tests): the channel does not keep the process alive
}

function bump(stores) { for (const s of stores) versions.set(s, (versions.get(s) || 0) + 1); }

/** Announce that these stores were written (done by this module's writes; a module with its own transaction calls it). */
export function changed(stores) {
  const list = [].concat(stores);
  bump(list);
  channel?.postMessage(list);
}

/** The version of a store in this context: it changes whenever the store may have changed. */
export const version = (store) => `${epoch}.${versions.get(store) || 0}`;

/** Open (and create or upgrade) the database once per page or worker. */
export function getDb() {
  if (!dbPromise) {
    dbPromise = openDB(DB_NAME, DB_VERSION, {
      upgrade(db) {
        for (const [name, [keyPath, indexes]] of Object.entries(STORES)) {
          if (db.objectStoreNames.contains(name)) continue;
          const store = db.createObjectStore(name, { keyPath });
          for (const idx of indexes) store.createIndex(idx, idx);
        }
      },
      blocked() { /* another tab holds an old version open; it will reload on versionchange */ },
      blocking() { closeDb(); },
    });
  }
  return dbPromise;
}

/** Close the connection (tests, version changes). */
export async function closeDb() {
  epoch += 1; // the next database may hold anything
  if (!dbPromise) return;
  const db = await dbPromise;
  dbPromise = null;
  db.close();
}

export async function get(store, key) { return (await getDb()).get(store, key); }
export async function put(store, value) {
  try { return await (await getDb()).put(store, value); } finally { changed(store); }
}
export async function del(store, key) {
  try { return await (await getDb()).delete(store, key); } finally { changed(store); }
}
export async function all(store) { return (await getDb()).getAll(store); }
export async function count(store) { return (await getDb()).count(store); }
export async function byIndex(store, index, value) { return (await getDb()).getAllFromIndex(store, index, value); }

/** Move a value between stores in one transaction (e.g. outbox -> needs_fixing): never lost in between. */
export async function move(from, to, key, value) {
  const db = await getDb();
  const tx = db.transaction([from, to], 'readwrite');
  try {
    await Promise.all([tx.objectStore(to).put(value), tx.objectStore(from).delete(key), tx.done]);
  } finally { changed([from, to]); }
}

/** Replace one value in a store and delete another key elsewhere atomically (e.g. synced record). */
export async function putAndDelete(putStore, value, delStore, key) {
  const db = await getDb();
  const tx = db.transaction([putStore, delStore], 'readwrite');
  try {
    await Promise.all([tx.objectStore(putStore).put(value), tx.objectStore(delStore).delete(key), tx.done]);
  } finally { changed([putStore, delStore]); }
}

/** Run fn with get/put/del bound to one readwrite transaction over these stores: many writes, one commit
 * (a pulled page of 500 records is one transaction, not a thousand). fn must not await anything but these calls. */
export async function withStores(stores, fn) {
  const tx = (await getDb()).transaction(stores, 'readwrite');
  const ops = { get: (s, k) => tx.objectStore(s).get(k), put: (s, v) => tx.objectStore(s).put(v),
    del: (s, k) => tx.objectStore(s).delete(k) };
  try {
    const out = await fn(ops);
    await tx.done;
    return out;
  } catch (err) {
    try { tx.abort(); } catch { /* already finished */ }
    throw err;
  } finally { changed(stores); }
}

/** Write many values into one store in one transaction. */
export async function putMany(store, values) {
  const db = await getDb();
  const tx = db.transaction(store, 'readwrite');
  try {
    await Promise.all([...values.map((v) => tx.store.put(v)), tx.done]);
  } finally { changed(store); }
}

export async function getMeta(key, fallback = null) {
  const row = await get('meta', key);
  return row === undefined ? fallback : row.value;
}

export async function setMeta(key, value) { return put('meta', { key, value }); }

/** Every store's count, for the home page and the budget figures. */
export async function counts() {
  const db = await getDb();
  const out = {};
  for (const name of ['outbox', 'needs_fixing', 'conflicts', 'tasks', 'drafts']) out[name] = await db.count(name);
  return out;
}
