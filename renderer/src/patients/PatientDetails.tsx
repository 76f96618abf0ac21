import type { PatientSummary } from '../api/types';
import { ageInYears } from '../dates';
import { t } from '../strings';

export function birthLine(patient: PatientSummary, today: Date): string {
  if (!patient.birthDate) return t.patient.noBirthDate;
  return t.patient.born(patient.birthDate, ageInYears(patient.birthDate, today));
}

/** The chart identifier the banner shows: the first one, as DESIGN.md asks. */
export function chartIdentifier(patient: PatientSummary): string | undefined {
  const first = patient.identifiers[0];
  return first ? t.patient.identifier(first.label, first.value) : undefined;
}

export function sexLabel(gender: string | undefined): string | undefined {
  if (!gender) return undefined;
  return t.patient.sex[gender.toLowerCase()] ?? gender;
}

/** One patient as a line of a list: name, then date of birth, sex and chart number. */
export function PatientDetails({ patient }: { patient: PatientSummary }) {
  const facts = [birthLine(patient, new Date()), sexLabel(patient.gender), chartIdentifier(patient)].filter(
    (fact): fact is string => fact !== undefined,
  );
  return (
    <>
      <span className="patient-name">{patient.displayName}</span>
      <span className="patient-facts">{facts.join(' · ')}</span>
    </>
  );
}
