import type { DroppedFile } from '../api/types';
import { isCalendarDate } from '../dates';
import { dateFromFileName, titleFromFileName } from './fileNameFields';

/** A dropped, accepted file with the details the user can still change before filing it. */
export interface ReadyFile {
  dropped: DroppedFile;
  /** The renderer's own File, kept only to draw its preview. */
  file: File;
  title: string;
  date: string;
  targetId: string;
}

export function toReadyFile(dropped: DroppedFile, file: File, targetId: string, today: Date): ReadyFile {
  return {
    dropped,
    file,
    // The File keeps the name as dropped; main's copy may be shortened to fit a file system.
    title: titleFromFileName(file.name),
    date: dateFromFileName(dropped.name, today),
    targetId,
  };
}

export type ReadyFileField = 'title' | 'date' | 'targetId';

export function invalidFields(ready: ReadyFile): ReadyFileField[] {
  const invalid: ReadyFileField[] = [];
  if (ready.title.trim() === '') invalid.push('title');
  if (!isCalendarDate(ready.date)) invalid.push('date');
  if (ready.targetId === '') invalid.push('targetId');
  return invalid;
}
