import type { CapabilityStatement, CapabilityStatementRestResource } from '@medplum/fhirtypes';
import { IDENTITY_SCOPES, SERVED_RESOURCE_TYPES } from '../smart-scopes.js';

export interface OAuthEndpoints {
  issuer: string;
  authorization: string;
  token: string;
  jwks: string;
  /** Absent on servers that do not revoke tokens. */
  revocation?: string | undefined;
  endSession: string;
}

/** `{base}/.well-known/smart-configuration` (SMART App Launch 2, shared/api/fhir.md §1). */
export function smartConfiguration(endpoints: OAuthEndpoints): Record<string, unknown> {
  return {
    issuer: endpoints.issuer,
    jwks_uri: endpoints.jwks,
    authorization_endpoint: endpoints.authorization,
    token_endpoint: endpoints.token,
    revocation_endpoint: endpoints.revocation,
    end_session_endpoint: endpoints.endSession,
    grant_types_supported: ['authorization_code', 'refresh_token'],
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['none'],
    scopes_supported: [
      ...IDENTITY_SCOPES,
      'user/*.read',
      'user/*.write',
      'user/*.cruds',
      ...SERVED_RESOURCE_TYPES.flatMap((type) => [`user/${type}.read`, `user/${type}.write`, `user/${type}.cruds`, `user/${type}.rs`]),
      'user/DocumentReference.crs',
      'user/Binary.c',
    ],
    capabilities: [
      'launch-standalone',
      'client-public',
      'permission-v2',
      'permission-v1',
      'permission-offline',
      'permission-user',
      'sso-openid-connect',
      'context-standalone-patient',
    ],
  };
}

type SearchParamType = NonNullable<CapabilityStatementRestResource['searchParam']>[number]['type'];

function readSearchCreate(
  type: CapabilityStatementRestResource['type'],
  searchParams: ReadonlyArray<readonly [string, SearchParamType]>,
  conditionalCreate: boolean,
): CapabilityStatementRestResource {
  return {
    type,
    interaction: [{ code: 'read' }, { code: 'search-type' }, { code: 'create' }],
    conditionalCreate,
    searchParam: searchParams.map(([name, paramType]) => ({ name, type: paramType })),
  };
}

/** `{base}/metadata`: what the sandbox serves, with SMART 1 oauth-uris for older clients. */
export function capabilityStatement(fhirBaseUrl: string, endpoints: OAuthEndpoints): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2025-01-01',
    kind: 'instance',
    software: { name: 'ChartDrop sandbox (Medplum fhir-router over MemoryRepository)' },
    implementation: { description: 'ChartDrop sandbox — synthetic data', url: fhirBaseUrl },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json'],
    rest: [
      {
        mode: 'server',
        security: {
          cors: false,
          service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' }] }],
          extension: [
            {
              url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
              extension: [
                { url: 'authorize', valueUri: endpoints.authorization },
                { url: 'token', valueUri: endpoints.token },
                ...(endpoints.revocation ? [{ url: 'revoke', valueUri: endpoints.revocation }] : []),
              ],
            },
          ],
        },
        resource: [
          readSearchCreate('Patient', [['name', 'string'], ['family', 'string'], ['given', 'string'], ['birthdate', 'date'], ['identifier', 'token'], ['gender', 'token'], ['phone', 'token']], true),
          readSearchCreate('Encounter', [['patient', 'reference'], ['date', 'date'], ['status', 'token'], ['identifier', 'token']], true),
          readSearchCreate('Appointment', [['patient', 'reference'], ['date', 'date'], ['status', 'token'], ['practitioner', 'reference']], true),
          readSearchCreate('Practitioner', [['name', 'string'], ['identifier', 'token']], true),
          readSearchCreate('DocumentReference', [['patient', 'reference'], ['subject', 'reference'], ['identifier', 'token'], ['type', 'token'], ['category', 'token'], ['date', 'date'], ['status', 'token']], true),
          { type: 'Binary', interaction: [{ code: 'create' }, { code: 'read' }] },
        ],
      },
    ],
  };
}
