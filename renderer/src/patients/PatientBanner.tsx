import type { PatientSummary } from '../api/types';
import { t } from '../strings';
import { birthLine } from './PatientDetails';
import { chartNumber } from './patientIdentity';

interface PatientBannerProps {
  patient: PatientSummary;
  /** Absent while the picker is open: the banner then only shows who files go to. */
  onChangePatient?: () => void;
}

export function PatientBanner({ patient, onChangePatient }: PatientBannerProps) {
  // The first identifier, as DESIGN.md asks for the banner.
  const identifier = chartNumber(patient);
  return (
    <section className="patient-banner" aria-label={t.patient.bannerLabel}>
      <div className="patient-banner-text">
        <p className="patient-banner-name">{patient.displayName}</p>
        <p className="patient-banner-facts">
          <span>{birthLine(patient, new Date())}</span>
          {identifier && <span className="patient-banner-id">{identifier}</span>}
        </p>
      </div>
      {onChangePatient && (
        <button type="button" className="button-secondary" onClick={onChangePatient}>
          {t.patient.changePatient}
        </button>
      )}
    </section>
  );
}
