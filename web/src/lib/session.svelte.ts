import { api } from './api';
import type { User } from './types';

type SessionStatus = 'loading' | 'ready' | 'error';

const state = $state<{ status: SessionStatus; user: User | null; error: unknown }>({
  status: 'loading',
  user: null,
  error: null,
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

  /** Ask the server who is signed in (the session cookie is HttpOnly, so only it knows). */
  async load(): Promise<void> {
    state.status = 'loading';
    try {
      state.user = await api.me();
      state.status = 'ready';
    } catch (error) {
      state.error = error;
      state.status = 'error';
    }
  },

  async login(email: string, password: string): Promise<void> {
    state.user = await api.login(email, password);
    state.status = 'ready';
  },

  async logout(): Promise<void> {
    try {
      await api.logout();
    } finally {
      state.user = null;
    }
  },
};
