import type { PatientSummary } from '../api/types';
import { formatCalendarDate } from '../dates';
import { t } from '../strings';

export type PatientIdentityFacts = Pick<PatientSummary, 'displayName' | 'birthDate' | 'identifiers'>;

/** The chart number as the clinic writes it: "MRN 000123", but not "MRN MRN-000123". */
export function chartNumber(patient: Pick<PatientSummary, 'identifiers'>): string | undefined {
  const first = patient.identifiers[0];
  if (!first) return undefined;
  return first.value.toUpperCase().startsWith(first.label.toUpperCase()) ? first.value : t.patient.identifier(first.label, first.value);
}

/**
 * A patient named with two identifiers besides the name — birth date and chart number, where the
 * EMR has them — for every button and confirmation that writes: two patients can share a name.
 */
export function patientIdentity(patient: PatientIdentityFacts): string {
  const facts = [
    patient.birthDate ? t.patient.bornOn(formatCalendarDate(patient.birthDate)) : t.patient.noBirthDate,
    chartNumber(patient),
  ].filter((fact): fact is string => fact !== undefined);
  return [patient.displayName, ...facts].join(' · ');
}
