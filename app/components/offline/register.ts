"use client";
import { FIELD_FORM_SLUGS, FORMS_CACHE } from "./constants";

/**
 * Registers the service worker and has it store the field forms' pages (README, "Offline use"):
 * one online visit to any of them makes all five open offline. It asks only for what is not stored
 * yet, and for this page if it was not loaded through the worker (the first visit, before the
 * worker ran); the worker refreshes a stored page on every online visit itself. Resolves true
 * once everything is stored. Not in development: `next dev` builds no worker.
 */
export async function registerServiceWorker(): Promise<boolean> {
  if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator)) return false;
  const servedByWorker = navigator.serviceWorker.controller !== null;
  await navigator.serviceWorker.register("/serwist/sw.js", { scope: "/", type: "module" });
  const registration = await navigator.serviceWorker.ready;
  if (!registration.active || !navigator.onLine) return false;
  const cache = await caches.open(FORMS_CACHE);
  const wanted: string[] = [];
  for (const path of FIELD_FORM_SLUGS.map((slug) => `/cases/records/${slug}/new`)) {
    const here = path === window.location.pathname && window.location.search === "";
    if ((here && !servedByWorker) || !(await cache.match(path))) wanted.push(path);
  }
  if (wanted.length === 0) return true;
  const channel = new MessageChannel();
  const stored = new Promise<boolean>((resolve) => {
    channel.port1.onmessage = () => resolve(true);
  });
  registration.active.postMessage({ type: "CACHE_URLS", payload: { urlsToCache: wanted } }, [channel.port2]);
  return stored;
}
