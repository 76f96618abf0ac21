import type { PatientSummary } from './model.js';

const RECENT_LIMIT = 8;

/**
 * The patient in the banner and the recently chosen ones. Kept in memory only: names and dates of
 * birth are not written to disk for convenience features.
 */
export class PatientContext {
  #active: PatientSummary | null = null;
  #recent: PatientSummary[] = [];
  readonly #onChange: (patient: PatientSummary | null) => void;

  constructor(onChange: (patient: PatientSummary | null) => void) {
    this.#onChange = onChange;
  }

  get active(): PatientSummary | null {
    return this.#active;
  }

  get recent(): PatientSummary[] {
    return [...this.#recent];
  }

  /** The banner's patient or one shown there earlier in this session; the record ChartDrop read, not a caller's copy. */
  known(patientId: string): PatientSummary | undefined {
    return this.#active?.id === patientId ? this.#active : this.#recent.find((p) => p.id === patientId);
  }

  select(patient: PatientSummary): void {
    this.#active = patient;
    this.#recent = [patient, ...this.#recent.filter((p) => p.id !== patient.id)].slice(0, RECENT_LIMIT);
    this.#onChange(patient);
  }

  /** On sign-out: the next user must choose their own patient. */
  clear(): void {
    this.#active = null;
    this.#recent = [];
    this.#onChange(null);
  }
}
