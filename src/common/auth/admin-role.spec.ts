import { hasRole, roleClaims } from './admin-role';

describe('hasRole', () => {
  it('reads a list, a single value or a space-separated list', () => {
    expect(hasRole({ roles: ['user', 'admin'] }, 'roles', 'admin')).toBe(true);
    expect(hasRole({ roles: 'admin' }, 'roles', 'admin')).toBe(true);
    expect(hasRole({ scope: 'chat admin' }, 'scope', 'admin')).toBe(true);
    expect(hasRole({ roles: ['administrator'] }, 'roles', 'admin')).toBe(false);
    expect(hasRole({ roles: 'not-admin' }, 'roles', 'admin')).toBe(false);
    expect(hasRole({ roles: { admin: true } }, 'roles', 'admin')).toBe(false);
    expect(hasRole({}, 'roles', 'admin')).toBe(false);
  });

  it('takes a namespaced claim whole, and follows a dotted path otherwise', () => {
    expect(
      hasRole(
        { 'https://careguide.test/roles': ['admin'] },
        'https://careguide.test/roles',
        'admin',
      ),
    ).toBe(true);
    expect(hasRole({ realm_access: { roles: ['admin'] } }, 'realm_access.roles', 'admin')).toBe(
      true,
    );
    expect(hasRole({ realm_access: ['admin'] }, 'realm_access.roles', 'admin')).toBe(false);
  });

  it('never reads inherited properties', () => {
    expect(hasRole({}, 'constructor.name', 'Object')).toBe(false);
    expect(hasRole({}, '__proto__', 'admin')).toBe(false);
  });
});

describe('roleClaims', () => {
  it('builds claims that hasRole accepts', () => {
    for (const claim of ['roles', 'realm_access.roles', 'https://careguide.test/roles']) {
      expect(hasRole(roleClaims(claim, 'ops'), claim, 'ops')).toBe(true);
    }
    expect(roleClaims('realm_access.roles', 'admin')).toEqual({
      realm_access: { roles: ['admin'] },
    });
  });
});
