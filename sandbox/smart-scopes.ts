/**
 * SMART App Launch scope strings (v1 `.read/.write/.*` and v2 `.cruds`), as the sandbox's
 * OpenID provider grants them and its FHIR server enforces them (shared/api/fhir.md §2).
 */

export type Permission = 'c' | 'r' | 'u' | 'd' | 's';

export interface ParsedResourceScope {
  context: 'user' | 'patient' | 'system';
  /** A resource type, or `*` for all. */
  resourceType: string;
  permissions: ReadonlySet<Permission>;
}

/** The resource types the sandbox serves and lists in its CapabilityStatement. */
export const SERVED_RESOURCE_TYPES = ['Patient', 'Encounter', 'Appointment', 'Practitioner', 'DocumentReference', 'Binary'] as const;

/** Scopes that are OpenID/identity scopes rather than FHIR resource scopes. */
export const IDENTITY_SCOPES = ['openid', 'fhirUser', 'offline_access', 'profile'] as const;

const V1_PERMISSIONS: Record<string, ReadonlyArray<Permission>> = {
  read: ['r', 's'],
  write: ['c', 'u', 'd'],
  '*': ['c', 'r', 'u', 'd', 's'],
};

const V2_ORDER: ReadonlyArray<Permission> = ['c', 'r', 'u', 'd', 's'];

const SCOPE_PATTERN = /^(user|patient|system)\/([A-Za-z]+|\*)\.([a-z*]+)$/;

export function parseResourceScope(scope: string): ParsedResourceScope | undefined {
  const match = SCOPE_PATTERN.exec(scope);
  if (!match) return undefined;
  const [, context, resourceType, suffix] = match as unknown as [string, ParsedResourceScope['context'], string, string];
  const v1 = V1_PERMISSIONS[suffix];
  if (v1) return { context, resourceType, permissions: new Set(v1) };
  // v2 permissions must be a non-empty subset of c, r, u, d, s in that order.
  let position = 0;
  for (const letter of suffix) {
    const index = V2_ORDER.indexOf(letter as Permission);
    if (index < position) return undefined;
    position = index + 1;
  }
  return { context, resourceType, permissions: new Set(suffix.split('') as Permission[]) };
}

/** Whether any granted user-level scope allows `permission` on `resourceType`. */
export function scopesAllow(grantedScopes: ReadonlyArray<string>, resourceType: string, permission: Permission): boolean {
  return grantedScopes.some((scope) => {
    const parsed = parseResourceScope(scope);
    return (
      parsed !== undefined &&
      parsed.context === 'user' &&
      (parsed.resourceType === '*' || parsed.resourceType === resourceType) &&
      parsed.permissions.has(permission)
    );
  });
}

function v2Suffixes(): string[] {
  const suffixes: string[] = [];
  for (let mask = 1; mask < 1 << V2_ORDER.length; mask += 1) {
    suffixes.push(V2_ORDER.filter((_, bit) => mask & (1 << bit)).join(''));
  }
  return suffixes;
}

/**
 * Every resource scope the provider may grant. oidc-provider silently drops requested scopes
 * its resource server does not list, so v1 and v2 spellings are enumerated in full.
 * Only `user/` scopes: the sandbox has no launch context to bind `patient/` scopes to.
 */
export function grantableResourceScopes(): string[] {
  const suffixes = [...Object.keys(V1_PERMISSIONS), ...v2Suffixes()];
  return ['*', ...SERVED_RESOURCE_TYPES].flatMap((type) => suffixes.map((suffix) => `user/${type}.${suffix}`));
}

const PERMISSION_WORDS: Record<Permission, string> = {
  c: 'create',
  r: 'read',
  u: 'update',
  d: 'delete',
  s: 'search',
};

const IDENTITY_SCOPE_WORDS: Record<string, string> = {
  openid: 'Confirm who you are',
  fhirUser: 'Know which practitioner record is yours',
  profile: 'See your name',
  offline_access: 'Stay signed in when you are away (until you sign out or access is revoked)',
};

/** Plain words for the consent page. */
export function describeScope(scope: string): string {
  const identity = IDENTITY_SCOPE_WORDS[scope];
  if (identity) return identity;
  const parsed = parseResourceScope(scope);
  if (!parsed) return scope;
  const verbs = V2_ORDER.filter((permission) => parsed.permissions.has(permission)).map((p) => PERMISSION_WORDS[p]);
  const what = parsed.resourceType === '*' ? 'all records' : `${parsed.resourceType} records`;
  return `${verbs.join(', ').replace(/^./, (first) => first.toUpperCase())} ${what}`;
}
