import { bi } from '#shared/contract/i18n';
import { forgetDrafts, hasDrafts } from '../agency/drafts.ts';
import { L } from '../i18n.ts';
import { CACHE } from './caches.ts';

const UNSENT = bi(
  'Trên máy này còn thay đổi chưa gửi lên máy chủ. Đăng xuất sẽ xoá chúng. Vẫn đăng xuất?',
  'This computer holds changes not yet on the server. Signing out deletes them. Sign out anyway?',
);

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

/**
 * On sign-out: the unit's cached answers and unsent drafts go, so the next person at a shared computer finds
 * none of them. Unsent edits are deleted only once the user agrees; false when they would rather stay.
 */
export async function forgetUnitData(): Promise<boolean> {
  if ((await hasDrafts()) && !window.confirm(L(UNSENT))) return false;
  await forgetDrafts();
  if ('caches' in window) await caches.delete(CACHE.unit);
  return true;
}
