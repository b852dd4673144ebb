/**
 * Signing out, whichever header the button is in: the outbox stops sending for this user first
 * (otherwise its loop would go on under the old user's id and keep trying with a dead session),
 * then the server ends the session, then the login page. A failed logout request still signs out here.
 */
export interface SignOutSteps {
  stopOutbox: () => Promise<void>;
  logout: () => Promise<void>;
  toLogin: () => void;
}

export async function signOutWith(steps: SignOutSteps): Promise<void> {
  await steps.stopOutbox().catch(() => undefined);
  await steps.logout().catch(() => undefined);
  steps.toLogin();
}
