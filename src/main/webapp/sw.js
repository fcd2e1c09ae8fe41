// Cutout's service worker: keeps the app shell on this device so the page opens and works offline.
//
// - The shell (every site file except the models) is listed with its sha256 in precache.json, written at build time
//   by build/precache.mjs, which also replaces VERSION below with a hash of that list. Any changed shell file
//   therefore changes this script's bytes, which is what makes the browser install a new version.
// - Install downloads every listed file, checks its sha256 and stores it in "cutout-shell-<VERSION>"; one missing or
//   wrong file fails the install and the previous version stays in use. Activate deletes older shell caches.
// - Requests are answered cache-first with the network as fallback. A model is downloaded in parts, which go to the
//   network; the app's worker (ModelStore.java) joins them, checks the whole file's sha256 and stores it in the
//   models cache, MODEL_CACHE, under the whole file's URL. This worker never stores a model itself.
// - It only ever fetches the site's own files, and only for its own scope.
"use strict";

const VERSION = "dev"; // replaced at build time by build/precache.mjs
const SCOPE = self.registration.scope; // the site's base URL, e.g. https://example.org/tools/cutout/
// Caches are per origin, and one origin may host several copies of Cutout under different paths: the shell cache's
// name carries the path, so each copy only ever deletes its own old versions.
const SHELL_PREFIX = "cutout-shell " + new URL(SCOPE).pathname + " ";
const SHELL_CACHE = SHELL_PREFIX + VERSION;
const MODEL_CACHE = ""; // replaced at build time by build/precache.mjs with CacheNames.MODELS; keyed by full URL
const channel = new BroadcastChannel("cutout"); // tells open pages how installing went

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(
    () => {
      channel.postMessage({ type: "shell-ready", scope: SCOPE, version: VERSION });
      // The very first install may take over at once: no page runs an older version.
      if (!self.registration.active) {
        return self.skipWaiting();
      }
    },
    (error) => {
      // A code and the browser's own detail: the page words it in its own language (Texts).
      channel.postMessage({ type: "shell-failed", scope: SCOPE,
        code: error && error.name === "QuotaExceededError" ? "quota" : "error",
        detail: String(error && error.message ? error.message : error) });
      throw error;
    }));
});

async function precache() {
  const list = await (await fetch(new URL("precache.json", SCOPE), { cache: "no-store" })).json();
  if (list.version !== VERSION) {
    throw new Error("the site is being updated (precache.json is version " + list.version + ", expected "
      + VERSION + "); reload later");
  }
  const cache = await caches.open(SHELL_CACHE);
  for (const file of list.files) {
    const url = new URL(file.path, SCOPE).href;
    if (await cache.match(url)) {
      continue; // an interrupted install that is being retried
    }
    const response = await fetch(url, { cache: "no-cache" });
    if (!response.ok) {
      throw new Error(file.path + " answered HTTP " + response.status);
    }
    const bytes = await response.arrayBuffer();
    const digest = hex(await crypto.subtle.digest("SHA-256", bytes));
    if (digest !== file.sha256) {
      throw new Error(file.path + " has sha256 " + digest + ", expected " + file.sha256);
    }
    // A fresh Response keeps the server's headers (type, CSP, COOP/COEP) without the "redirected" flag.
    await cache.put(url, new Response(bytes, { status: 200, headers: response.headers }));
  }
}

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(SHELL_PREFIX) && name !== SHELL_CACHE) {
        await caches.delete(name);
      }
    }
    await self.clients.claim();
  })());
});

// A page that shows "update ready" sends this when the user chooses to switch to the new version.
self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "skip-waiting") {
    self.skipWaiting();
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) {
    return; // not ours: the browser handles it (the CSP allows nothing else anyway)
  }
  const path = new URL(request.url).pathname.slice(new URL(SCOPE).pathname.length);
  if (path.startsWith("models/") && path.endsWith(".onnx")) {
    event.respondWith(fromCache(MODEL_CACHE, request.url, request));
  } else if (/^models\/.*\.onnx\.\d\d$/.test(path)) {
    return; // a part of a model's file (ModelSpec.partPath): the worker joins, checks and stores the whole model
  } else if (request.mode === "navigate" && (path === "" || path === "index.html")) {
    // The query string (?backend=wasm...) selects settings; the page is the same file.
    event.respondWith(fromCache(SHELL_CACHE, new URL("index.html", SCOPE).href, request));
  } else {
    event.respondWith(fromCache(SHELL_CACHE, request.url.split("#")[0], request));
  }
});

async function fromCache(cacheName, key, request) {
  // caches.match with cacheName does not create the cache when it does not exist yet.
  const hit = await caches.match(key, { cacheName, ignoreSearch: request.mode === "navigate" });
  return hit || fetch(request);
}

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
}
