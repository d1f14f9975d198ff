/**
 * Whether a token's claims grant a role. `claim` names a top-level claim (`roles`,
 * or a namespaced one such as `https://careguide.example/roles`); when no claim has
 * that exact name, a dotted path reaches a nested one (`realm_access.roles`). The
 * claim may be a list of roles, one role, or a space-separated list (`scope` style).
 */
export function hasRole(claims: Record<string, unknown>, claim: string, role: string): boolean {
  const value = claimValue(claims, claim);
  if (Array.isArray(value)) return value.includes(role);
  if (typeof value === 'string') return value.split(' ').includes(role);
  return false;
}

function claimValue(claims: Record<string, unknown>, claim: string): unknown {
  if (Object.hasOwn(claims, claim)) return claims[claim];
  let node: unknown = claims;
  for (const key of claim.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** The claims that grant `role` under `claim`, for minting a token (`npm run token -- --admin`). */
export function roleClaims(claim: string, role: string): Record<string, unknown> {
  // A namespaced claim (a URL) is one name; any other dotted name is a path.
  const keys = claim.includes('://') ? [claim] : claim.split('.');
  let value: unknown = [role];
  for (const key of keys.reverse()) value = { [key]: value };
  return value as Record<string, unknown>;
}
