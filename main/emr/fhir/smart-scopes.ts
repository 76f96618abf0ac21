/**
 * SMART scopes for a user-level standalone launch (shared/api/fhir.md §2 "Scopes"). ChartDrop
 * picks patients itself, so it asks for `user/` scopes and never `launch`.
 */
const V2 = 'openid fhirUser profile offline_access user/Patient.rs user/Encounter.rs user/Appointment.rs user/DocumentReference.crs user/Binary.cr user/Practitioner.r';
const V1 = 'openid fhirUser profile offline_access user/Patient.read user/Encounter.read user/Appointment.read user/DocumentReference.read user/DocumentReference.write user/Binary.read user/Binary.write user/Practitioner.read';

export function smartScopes(capabilities: readonly string[], override?: string): string {
  if (override?.trim()) return override.trim();
  return capabilities.includes('permission-v2') ? V2 : V1;
}

/** Does the granted scope string allow `interaction` (a SMART v2 letter) on `resourceType`? */
export function scopeAllows(granted: string, resourceType: string, interaction: 'c' | 'r' | 'u' | 'd' | 's'): boolean {
  const v1 = interaction === 'r' || interaction === 's' ? 'read' : 'write';
  return granted.split(/\s+/).some((scope) => {
    const match = /^(user|patient|system)\/([A-Za-z*]+)\.([a-z*]+)$/.exec(scope);
    if (!match) return false;
    const [, , type, access] = match;
    if (type !== '*' && type !== resourceType) return false;
    return access === '*' || access === v1 || (/^c?r?u?d?s?$/.test(access ?? '') && (access ?? '').includes(interaction));
  });
}
