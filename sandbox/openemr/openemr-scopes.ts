/** The server's scope catalogue, v1 strings (shared/api/openemr.md §5) plus the OpenID and API-family scopes. */
const V1_READ_WRITE = ['allergy', 'appointment', 'dental_issue', 'document', 'encounter', 'facility', 'insurance', 'insurance_company', 'medical_problem', 'medication', 'patient', 'practitioner', 'soap_note', 'surgery', 'transaction', 'vital'];
const V1_READ_ONLY = ['drug', 'employer', 'immunization', 'insurance_type', 'list', 'prescription', 'procedure', 'product', 'user', 'version'];

export const OPENEMR_SERVER_SCOPES: ReadonlySet<string> = new Set([
  'openid',
  'offline_access',
  'fhirUser',
  'launch',
  'api:oemr',
  'api:fhir',
  'api:port',
  ...V1_READ_WRITE.flatMap((resource) => [`user/${resource}.read`, `user/${resource}.write`]),
  ...V1_READ_ONLY.map((resource) => `user/${resource}.read`),
  'user/message.write',
  'patient/patient.read',
  'patient/appointment.read',
  'patient/encounter.read',
]);

/** `user/` and `system/` scopes are for confidential clients only (§6.2). */
export function needsConfidentialClient(scope: string): boolean {
  return scope.startsWith('user/') || scope.startsWith('system/');
}
