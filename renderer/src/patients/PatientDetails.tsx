import type { PatientSummary } from '../api/types';
import { ageInYears, formatCalendarDate } from '../dates';
import { t } from '../strings';
import { chartNumber } from './patientIdentity';

export function birthLine(patient: PatientSummary, today: Date): string {
  if (!patient.birthDate) return t.patient.noBirthDate;
  return t.patient.born(formatCalendarDate(patient.birthDate), ageInYears(patient.birthDate, today));
}

export function sexLabel(gender: string | undefined): string | undefined {
  if (!gender) return undefined;
  return t.patient.sex[gender.toLowerCase()] ?? gender;
}

/** One patient as a line of a list: name, then date of birth, sex and chart number. */
export function PatientDetails({ patient }: { patient: PatientSummary }) {
  const facts = [birthLine(patient, new Date()), sexLabel(patient.gender), chartNumber(patient)].filter(
    (fact): fact is string => fact !== undefined,
  );
  return (
    <>
      <span className="patient-name">{patient.displayName}</span>
      <span className="patient-facts">{facts.join(' · ')}</span>
    </>
  );
}
