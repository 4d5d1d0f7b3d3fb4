import { CACHE } from './caches.ts';

/**
 * Registers the service worker once the first page is drawn, so that its downloads (the precache) never
 * compete with what the user is waiting for on a slow link. Browsers allow workers only on secure origins,
 * loopback included.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker.register('/sw.js').catch((error: unknown) => {
    // Without a worker the site still works online; nothing to tell the user.
    console.warn('service worker not registered', error);
  });
}

/** On sign-out: the unit's cached answers go, so the next person at a shared computer finds none of them. */
export async function forgetUnitData(): Promise<void> {
  if ('caches' in window) await caches.delete(CACHE.unit);
}
