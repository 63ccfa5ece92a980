"use client";

/**
 * Registers the service worker and has it keep the current form page (README, "Offline use").
 * The first visit happened before the worker ran, so the page asks for itself once the worker is
 * active; resolves when the page is stored. Not in development: `next dev` builds no worker.
 */
export async function registerServiceWorker(): Promise<boolean> {
  if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator)) return false;
  await navigator.serviceWorker.register("/serwist/sw.js", { scope: "/", type: "module" });
  const registration = await navigator.serviceWorker.ready;
  if (!registration.active || !navigator.onLine) return false;
  const channel = new MessageChannel();
  const stored = new Promise<boolean>((resolve) => {
    channel.port1.onmessage = () => resolve(true);
  });
  registration.active.postMessage({ type: "CACHE_URLS", payload: { urlsToCache: [window.location.pathname] } }, [channel.port2]);
  return stored;
}
