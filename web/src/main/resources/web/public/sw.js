// Supplyline's service worker: keeps the app shell so that the app opens without a network.
// - Installing: caches the page, the manifest, the icons and the hashed bundles the page names.
// - Pages (navigations): the network first (a redeploy shows at once), the cached shell when it does not answer.
// - /static/: hashed bundles, cache first (they never change under a name).
// - /api/, /login, /logout and /q/: never touched — health data is not cached, sign-in always reaches the server.
const SHELL = 'supplyline-shell-v1';
const FIXED = ['/', '/manifest.webmanifest', '/icons/icon.svg', '/icons/icon-192.png'];
const NAVIGATION_TIMEOUT_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(SHELL);
    const page = await fetch('/', {cache: 'no-cache'});
    const html = await page.clone().text();
    const bundles = [...html.matchAll(/(?:src|href)="(\/static\/[^"]+)"/g)].map((m) => m[1]);
    await cache.put('/', page);
    await cache.addAll([...FIXED.filter((u) => u !== '/'), ...bundles]);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key !== SHELL) {
        await caches.delete(key);
      }
    }
    await self.clients.claim();
  })());
});

function bypass(url) {
  return url.origin !== self.location.origin || /^\/(api|login|logout|q)(\/|$)/.test(url.pathname);
}

async function page(request) {
  const cache = await caches.open(SHELL);
  try {
    const response = await Promise.race([
      fetch(request),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), NAVIGATION_TIMEOUT_MS)),
    ]);
    if (response.ok && new URL(request.url).pathname === '/') {
      await cache.put('/', response.clone());
    }
    return response;
  } catch (e) {
    return (await cache.match('/')) || Response.error();
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(SHELL);
  const hit = await cache.match(request);
  if (hit) {
    return hit;
  }
  const response = await fetch(request);
  if (response.ok) {
    await cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || bypass(url)) {
    return;
  }
  if (request.mode === 'navigate') {
    event.respondWith(page(request));
  } else {
    event.respondWith(cacheFirst(request));
  }
});
