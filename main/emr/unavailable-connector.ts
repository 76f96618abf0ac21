import type { EmrConnector } from './connector.js';
import { EmrError } from '../shared/errors.js';
import type { Capabilities, EmrKind } from './model.js';

/**
 * For an EMR family whose sign-in works but whose document API this build does not speak yet
 * (OpenEMR, Accuro), or whose connector could not be made (`reason`, e.g. a key missing from the
 * vault): the app starts, the user can sign in, and every feature says plainly why it is
 * unavailable instead of the app failing to start.
 */
export class UnavailableConnector implements EmrConnector {
  readonly kind: EmrKind;
  readonly #error: () => EmrError;

  constructor(kind: EmrKind, label: string, reason?: unknown) {
    this.kind = kind;
    this.#error = () =>
      reason instanceof EmrError
        ? new EmrError(reason.kind, reason.message, { cause: reason, ...(reason.field !== undefined ? { field: reason.field } : {}) })
        : reason !== undefined
          ? new EmrError('internal', `ChartDrop could not connect to ${label} with this clinic profile. Ask IT to check it.`, { cause: reason })
          : new EmrError('unsupported', `ChartDrop cannot file documents in ${label} yet. Sign-in works; filing will come in a later version.`);
  }

  async capabilities(): Promise<Capabilities> {
    return {
      uploadDocument: false,
      createNote: false,
      appointments: false,
      patientSearch: { byName: false, byBirthDate: false, byIdentifier: false },
      idempotency: 'none',
      acceptedMimeTypes: [],
      maxUploadBytes: 1,
      notes: { shape: { kind: 'text' }, rules: { minLength: 1, maxLength: 1, titleMaxLength: 1, charset: 'unicode' } },
    };
  }

  searchPatients = this.#refuse;
  getPatient = this.#refuse;
  todaysAppointments = this.#refuse;
  documentTargets = this.#refuse;
  listDocuments = this.#refuse;
  documentsWithContent = this.#refuse;
  uploadDocument = this.#refuse;
  findFiledDocument = this.#refuse;
  noteTypes = this.#refuse;
  createNote = this.#refuse;
  findFiledNote = this.#refuse;

  async #refuse(): Promise<never> {
    throw this.#error();
  }
}
