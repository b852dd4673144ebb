/**
 * A new version of the app has taken over from the service worker while this page was open. The
 * page keeps running the old code (its lazily loaded parts are gone from the new cache), so the
 * field screens offer a reload; they never reload by themselves, which could lose a form half filled.
 */
const state = $state({ ready: false });

export const appUpdate = {
  get ready(): boolean {
    return state.ready;
  },
};

export function watchForAppUpdate(): void {
  if (!('serviceWorker' in navigator)) return;
  // The first install also changes the controller; only a change from one worker to another is an update.
  let controlled = navigator.serviceWorker.controller !== null;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (controlled) state.ready = true;
    controlled = true;
  });
}
