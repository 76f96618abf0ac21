import type { EmrConnector } from '../emr/connector.js';
import type { PatientSummary } from '../emr/model.js';
import type { PatientContext } from '../emr/patient-context.js';
import { EmrError } from '../shared/errors.js';

/** Reads the patient from the EMR and puts exactly that record in the banner and the recent list. */
export async function selectPatient(connector: Pick<EmrConnector, 'getPatient'>, patients: PatientContext, patientId: string): Promise<PatientSummary> {
  const patient = await connector.getPatient(patientId);
  // Whatever the connector, only the record asked for may reach the banner and the recent list.
  if (patient.id !== patientId) throw new EmrError('unsupported', 'The EMR answered with a different patient than the one chosen. Nothing was changed.');
  patients.select(patient);
  return patient;
}
