/** Names shared by the page and the service worker. */

/** Background Sync tag under which the worker sends the outbox. */
export const OUTBOX_SYNC_TAG = 'tryggkarta-outbox';
/** BroadcastChannel on which either side says "the outbox changed". */
export const OUTBOX_CHANNEL = 'tryggkarta-outbox';
/** meta key: the signed-in user, whose items may be sent (the worker has no session state of its own). */
export const USER_META_KEY = 'userId';
