/**
 * A user id that came from the identity guard. Repositories take this type for
 * their owner argument, so a query that forgets ownership does not compile.
 */
export type UserId = string & { readonly __brand: 'UserId' };

export const USER_ID_PATTERN = /^[A-Za-z0-9_.@:-]{1,128}$/;
export const USER_ID_RULE = 'letters, digits and _ . @ : - only, 1 to 128 characters';

export function asUserId(value: string): UserId {
  return value as UserId;
}
