import type { DroppedFile, EarlierFiling, PatientSummary } from '../api/types';
import { isCalendarDate } from '../dates';
import { dateFromFileName, titleFromFileName } from './fileNameFields';

/** A dropped, accepted file with the details the user can still change before filing it. */
export interface ReadyFile {
  dropped: DroppedFile;
  /** The renderer's own File, kept only to draw its preview. */
  file: File;
  /** The patient it was dropped for (main bound it then); only an explicit move changes it. */
  forPatient: PatientSummary;
  title: string;
  date: string;
  targetId: string;
  /** Earlier filings of the same bytes for this patient; undefined while the check runs. */
  earlier: EarlierFiling[] | undefined;
  /** The user saw the duplicate warning and chose to file it again. */
  fileAgain: boolean;
}

export type ReadyFileChanges = Partial<Pick<ReadyFile, 'title' | 'date' | 'targetId' | 'fileAgain'>>;

export function toReadyFile(dropped: DroppedFile, file: File, forPatient: PatientSummary, targetId: string, today: Date): ReadyFile {
  return {
    dropped,
    file,
    forPatient,
    // The File keeps the name as dropped; main's copy may be shortened to fit a file system.
    title: titleFromFileName(file.name),
    date: dateFromFileName(file.name, today),
    targetId,
    earlier: undefined,
    fileAgain: false,
  };
}

export type ReadyFileField = 'title' | 'date' | 'targetId' | 'fileAgain';

export function invalidFields(ready: ReadyFile): ReadyFileField[] {
  const invalid: ReadyFileField[] = [];
  if (ready.title.trim() === '') invalid.push('title');
  if (!isCalendarDate(ready.date)) invalid.push('date');
  if (ready.targetId === '') invalid.push('targetId');
  // A second filing of the same bytes is allowed, but only as a choice made after the warning.
  if ((ready.earlier?.length ?? 0) > 0 && !ready.fileAgain) invalid.push('fileAgain');
  return invalid;
}

/** Files grouped by the patient they are for, in the order their first file was dropped. */
export function byPatient(files: readonly ReadyFile[]): { patient: PatientSummary; files: ReadyFile[] }[] {
  const groups = new Map<string, { patient: PatientSummary; files: ReadyFile[] }>();
  for (const file of files) {
    const group = groups.get(file.forPatient.id) ?? { patient: file.forPatient, files: [] };
    group.files.push(file);
    groups.set(file.forPatient.id, group);
  }
  return [...groups.values()];
}
