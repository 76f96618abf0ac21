/** Where each part of the sandbox lives, relative to its origin. */
export const OIDC_MOUNT = '/oidc';
export const FHIR_MOUNT = '/fhir/R4';
/** The login/consent pages; outside the provider's mount because they are ours, not its. */
export const INTERACTION_MOUNT = '/interaction';
