/**
 * The last signed-in user, remembered on this device so the app still opens without a network
 * (the field screens work offline and send later). The session itself stays an HttpOnly cookie
 * only the server can check: this is who the phone shows as signed in, not proof to anyone.
 * Cleared at logout.
 */
import type { User } from './types';

const KEY = 'tryggkarta.user';

export function rememberUser(user: User | null): void {
  try {
    if (user) localStorage.setItem(KEY, JSON.stringify(user));
    else localStorage.removeItem(KEY);
  } catch {
    // Storage blocked (privacy mode): the app then needs the network to open, as before.
  }
}

export function rememberedUser(): User | null {
  try {
    const text = localStorage.getItem(KEY);
    const user = text ? (JSON.parse(text) as User) : null;
    return user && typeof user.id === 'number' && typeof user.role === 'string' ? user : null;
  } catch {
    return null;
  }
}
