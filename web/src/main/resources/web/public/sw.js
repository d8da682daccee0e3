// Supplyline's service worker: keeps the app shell so that the app opens without a network.
// - Installing: caches the hashed bundles the page names and the chunks they import at once, then the page itself
//   (only answers that are 200), the manifest and the icons; bundles of earlier versions are dropped once the new
//   page is cached. The chart's chunk, loaded when first drawn, is cached then and kept while its version is.
// - Pages (navigations): the network first (a redeploy shows at once), the cached shell when it does not answer.
// - /static/: hashed bundles, cache first (they never change under a name).
// - The manifest and icons: the cache at once, refreshed from the network behind it.
// - /api/, /login, /logout and /q/: never touched — health data is not cached, sign-in always reaches the server.
// - Pushes (the notification-service's Web Push: id, kind, title, body): shown as notifications — a newer reminder
//   replaces the older one, alerts and milestones stand each on their own; a click opens the inbox at that item, in
//   the open app if there is one, else in a new window.
const SHELL = 'supplyline-shell-v1';
const FIXED = ['/manifest.webmanifest', '/icons/icon.svg', '/icons/icon-192.png'];
const NAVIGATION_TIMEOUT_MS = 4000;

function bundlesOf(html) {
  return [...html.matchAll(/(?:src|href)="(\/static\/[^"]+)"/g)].map((m) => m[1]);
}

/** The chunks a script imports at once (`from"…"`) and later (`import("…")`), as esbuild writes them. */
function importsOf(script) {
  const paths = (pattern) => [...script.matchAll(pattern)].map((m) => m[1]);
  return {
    now: paths(/(?:from|import)\s*"(\/static\/bundle\/[\w.-]+\.js)"/g),
    later: paths(/import\(\s*"(\/static\/bundle\/[\w.-]+\.js)"\s*\)/g),
  };
}

/**
 * Caches the page, the bundles it names and the chunks they import at once; drops the bundles of other versions. A
 * chunk loaded later (the chart) is cached when first used and kept as long as its version is. Refuses anything but
 * a 200.
 */
async function keepShell(cache, page) {
  const html = await page.clone().text();
  const bundles = bundlesOf(html);
  const later = [];
  for (let i = 0; i < bundles.length; i++) {
    const response = await fetch(bundles[i]);
    if (!response.ok) {
      throw new Error(`${bundles[i]} answered ${response.status}`);
    }
    if (bundles[i].endsWith('.js')) {
      const imports = importsOf(await response.clone().text());
      bundles.push(...imports.now.filter((chunk) => !bundles.includes(chunk)));
      later.push(...imports.later);
    }
    await cache.put(bundles[i], response);
  }
  bundles.push(...later);
  await cache.put('/', page);
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (path.startsWith('/static/') && !bundles.includes(path)) {
      await cache.delete(request);
    }
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(SHELL);
    const page = await fetch('/', {cache: 'no-cache'});
    if (!page.ok) {
      throw new Error(`The page answered ${page.status}: not installed`);
    }
    await keepShell(cache, page);
    await cache.addAll(FIXED);
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

async function page(request, event) {
  const cache = await caches.open(SHELL);
  try {
    const response = await Promise.race([
      fetch(request),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), NAVIGATION_TIMEOUT_MS)),
    ]);
    if (response.ok && new URL(request.url).pathname === '/') {
      // the new shell is kept only with its bundles, so that an offline start after a redeploy is never blank
      event.waitUntil(keepShell(cache, response.clone()).catch(() => {}));
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

async function staleWhileRevalidate(request, event) {
  const cache = await caches.open(SHELL);
  const hit = await cache.match(request);
  const fresh = fetch(request).then(async (response) => {
    if (response.ok) {
      await cache.put(request, response.clone());
    }
    return response;
  });
  if (hit) {
    event.waitUntil(fresh.catch(() => {}));
    return hit;
  }
  return fresh;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || bypass(url)) {
    return;
  }
  if (request.mode === 'navigate') {
    event.respondWith(page(request, event));
  } else if (url.pathname.startsWith('/static/')) {
    event.respondWith(cacheFirst(request));
  } else {
    event.respondWith(staleWhileRevalidate(request, event));
  }
});

self.addEventListener('push', (event) => {
  let message;
  try {
    message = event.data ? event.data.json() : null;
  } catch (e) {
    message = null;
  }
  // a push must show something (userVisibleOnly); one that cannot be read still says where to look
  const title = message?.title || 'Supplyline';
  // a newer reminder replaces the one before (one tag), and says so again (renotify); any other notification (an
  // alert about one parent, a milestone) stands on its own
  const kind = message?.kind || 'supplyline';
  const options = {
    body: message?.body || '',
    tag: kind === 'REMINDER' || !message?.id ? kind : `${kind}:${message.id}`,
    renotify: true,
    icon: '/icons/icon-192.png',
    badge: '/icons/icon-192.png',
    lang: message?.lang,
    data: {url: message?.id ? `/#/inbox/${encodeURIComponent(message.id)}` : '/#/inbox'},
  };
  event.waitUntil(self.registration.showNotification(title, options));
});

async function openFromNotification(url) {
  const windows = await self.clients.matchAll({type: 'window', includeUncontrolled: true});
  const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
  if (open) {
    // the app changes its own screen (a hash route); focusing needs the click's user activation, which a browser
    // may not grant: the screen changes either way
    open.postMessage({type: 'sl-open', url});
    try {
      await open.focus();
    } catch (e) {
      // not focusable now; it shows the inbox when the parent comes back to it
    }
    return;
  }
  await self.clients.openWindow(url);
}

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const opened = openFromNotification(event.notification.data?.url || '/#/inbox');
  event.waitUntil(opened);
});
