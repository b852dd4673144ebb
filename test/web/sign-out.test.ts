import { describe, expect, it } from 'vitest';
import { signOutWith } from '../../web/src/lib/sign-out';

/**
 * Signing out from any header (desk or phone) stops the outbox for the user before the session ends.
 * The outbox module itself (runes, window listeners) does not load in node, so the steps are fakes.
 */
function steps(fail: { stop?: boolean; logout?: boolean } = {}) {
  const calls: string[] = [];
  return {
    calls,
    stopOutbox: async () => {
      calls.push('stopOutbox');
      if (fail.stop) throw new Error('IndexedDB gone');
    },
    logout: async () => {
      calls.push('logout');
      if (fail.logout) throw new Error('offline');
    },
    toLogin: () => void calls.push('toLogin'),
  };
}

describe('signOutWith', () => {
  it('stops the outbox, then ends the session, then goes to the login page', async () => {
    const s = steps();
    await signOutWith(s);
    expect(s.calls).toEqual(['stopOutbox', 'logout', 'toLogin']);
  });

  it('signs out even when the logout request or the outbox stop fails', async () => {
    const s = steps({ stop: true, logout: true });
    await signOutWith(s);
    expect(s.calls).toEqual(['stopOutbox', 'logout', 'toLogin']);
  });
});
