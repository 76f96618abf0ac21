import { accuroEmr } from '../emr/accuro/accuro-definition.js';
import type { EmrDefinition } from '../emr/emr-definition.js';
import { fhirEmr } from '../emr/fhir/fhir-definition.js';
import type { EmrKind } from '../emr/model.js';
import { openEmrEmr } from '../emr/openemr/openemr-definition.js';
import type { ClinicProfile } from './clinic-profile.js';

/**
 * The one place that maps an EMR kind to its family. A clinic profile carries every family's
 * settings key, so it is a valid profile for each definition; the record type makes a kind
 * without a definition a compile error.
 */
const definitions: { readonly [K in EmrKind]: EmrDefinition<ClinicProfile> } = {
  fhir: fhirEmr,
  openemr: openEmrEmr,
  accuro: accuroEmr,
};

export function emrDefinition(kind: EmrKind): EmrDefinition<ClinicProfile> {
  return definitions[kind];
}
