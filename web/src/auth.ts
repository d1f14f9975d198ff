import type { ChatAuth } from '@careguide/chat-sdk';

/** How the person signed in, kept in this browser until they sign out. */
export type StoredAuth = { kind: 'user'; userId: string } | { kind: 'token'; token: string };

const AUTH_KEY = 'careguide.auth';

/** The user-id rule of the API, so a typo is caught before the first call. */
export const USER_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function loadAuth(): StoredAuth | undefined {
  const raw = localStorage.getItem(AUTH_KEY);
  if (raw === null) return undefined;
  try {
    const parsed = JSON.parse(raw) as Partial<StoredAuth> & { kind?: string };
    if (parsed.kind === 'user' && typeof parsed.userId === 'string') {
      return { kind: 'user', userId: parsed.userId };
    }
    if (parsed.kind === 'token' && typeof parsed.token === 'string') {
      return { kind: 'token', token: parsed.token };
    }
  } catch {
    // A corrupt entry means "not signed in".
  }
  localStorage.removeItem(AUTH_KEY);
  return undefined;
}

export function saveAuth(auth: StoredAuth): void {
  localStorage.setItem(AUTH_KEY, JSON.stringify(auth));
}

export function clearAuth(): void {
  localStorage.removeItem(AUTH_KEY);
}

export function toChatAuth(auth: StoredAuth): ChatAuth {
  return auth.kind === 'user' ? { userId: auth.userId } : { token: auth.token };
}

/** The user a token names (its `sub`), for display only: the server verifies the token. */
export function displayName(auth: StoredAuth): string {
  if (auth.kind === 'user') return auth.userId;
  const payload = auth.token.split('.')[1];
  if (payload === undefined) return 'token user';
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const sub = (JSON.parse(json) as { sub?: unknown }).sub;
    return typeof sub === 'string' ? sub : 'token user';
  } catch {
    return 'token user';
  }
}

/** A stable key for what this browser remembers per user (their sessions). */
export function storageKeyFor(auth: StoredAuth): string {
  return auth.kind === 'user' ? `user:${auth.userId}` : `token:${displayName(auth)}`;
}
