// The service worker: precache the whole shell (Workbox injectManifest), serve it offline, take a new version
// only when the user taps "update", and run the outbox sync on Background Sync.
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { syncNow } from './lib/sync.js';
import { needsRetry } from './lib/triggers.js';

precacheAndRoute(self.__WB_MANIFEST);
clientsClaim(); // first install only: an update still waits for the user's tap (SKIP_WAITING)
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { allowlist: [/\/app\/?(index\.html)?$/] }));

self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') self.skipWaiting();
});

self.addEventListener('sync', (event) => {
  if (event.tag === 'immuqc-outbox') {
    event.waitUntil(syncNow().then((r) => {
      if (needsRetry(r)) throw new Error('retry later'); // the browser tries again later, with its own backoff
    }));
  }
});
