/// <reference lib="webworker" />
// The service worker (README, "Offline use"). Built by @serwist/turbopack from this file at `next build`
// and served as /serwist/sw.js (app/serwist/[path]/route.ts).
import { CacheableResponsePlugin, ExpirationPlugin, NetworkFirst, type PrecacheEntry, Serwist } from "serwist";
import { FIELD_FORM_PATH, FORMS_CACHE, QUEUE_DAYS } from "./components/offline/constants";

declare global {
  interface WorkerGlobalScope {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}
declare const self: ServiceWorkerGlobalScope;

const serwist = new Serwist({
  // The build's static files only (scripts, styles, fonts): no page is precached.
  precacheEntries: self.__SW_MANIFEST,
  skipWaiting: true,
  clientsClaim: true,
  runtimeCaching: [
    {
      // The field forms' pages, as the adviser last opened them online (a visit, or the page asking
      // for itself once the worker runs: CACHE_URLS). Only the bare address: with `?client=` the page
      // names the preselected client and is never stored; Next.js's own data requests carry `?_rsc=`.
      matcher: ({ request, url, sameOrigin }) => sameOrigin && request.method === "GET" && url.search === "" && FIELD_FORM_PATH.test(url.pathname),
      handler: new NetworkFirst({
        cacheName: FORMS_CACHE,
        plugins: [new CacheableResponsePlugin({ statuses: [200] }), new ExpirationPlugin({ maxAgeSeconds: QUEUE_DAYS * 24 * 3600 })],
      }),
    },
  ],
});

serwist.addEventListeners();
