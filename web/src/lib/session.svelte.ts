import { api, ApiError } from './api';
import { rememberedUser, rememberUser } from './offline-user';
import { router } from './router.svelte';
import { signOutWith } from './sign-out';
import { outbox } from '../field/outbox/outbox.svelte';
import type { User } from './types';

type SessionStatus = 'loading' | 'ready' | 'error';

const state = $state<{ status: SessionStatus; user: User | null; error: unknown; offline: boolean }>({
  status: 'loading',
  user: null,
  error: null,
  offline: false,
});

/** The signed-in user, shared by every view. */
export const session = {
  get status(): SessionStatus {
    return state.status;
  },
  get user(): User | null {
    return state.user;
  },
  get error(): unknown {
    return state.error;
  },
  /** The server could not be reached at start: the user is the one last signed in on this device. */
  get offline(): boolean {
    return state.offline;
  },

  /** Ask the server who is signed in (the session cookie is HttpOnly, so only it knows). */
  async load(): Promise<void> {
    state.status = 'loading';
    try {
      state.user = await api.me();
      state.offline = false;
      state.status = 'ready';
      rememberUser(state.user);
    } catch (error) {
      // No network: open as the last user of this device, so field work can go on offline.
      const remembered = error instanceof ApiError && error.status === 0 ? rememberedUser() : null;
      if (remembered) {
        state.user = remembered;
        state.offline = true;
        state.status = 'ready';
        return;
      }
      state.error = error;
      state.status = 'error';
    }
  },

  /** Back online after an offline start: ask the server quietly, without unmounting the view. */
  async revalidate(): Promise<void> {
    if (!state.offline) return;
    try {
      const user = await api.me();
      state.offline = false;
      state.user = user;
      rememberUser(user);
    } catch {
      // Still no answer: stay as we are.
    }
  },

  async login(email: string, password: string): Promise<void> {
    state.user = await api.login(email, password);
    state.offline = false;
    state.status = 'ready';
    rememberUser(state.user);
  },

  async logout(): Promise<void> {
    try {
      await api.logout();
    } finally {
      state.user = null;
      rememberUser(null);
    }
  },
};

/** The sign-out of every header: stops the outbox for this user, ends the session, goes to the login page. */
export function signOut(): Promise<void> {
  return signOutWith({
    stopOutbox: () => outbox.stop(),
    logout: () => session.logout(),
    toLogin: () => router.navigate('/login', { replace: true }),
  });
}
