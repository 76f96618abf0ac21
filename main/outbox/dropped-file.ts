import { z } from 'zod';
import { RecordIdSchema } from '../emr/model.js';
import { ErrorViewSchema } from '../shared/errors.js';

/** How a shell's preload hands over a dropped file: a path (Electron) or bytes already posted to the shell host. */
export const FileSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('path'), path: z.string().min(1) }),
  z.object({ kind: z.literal('transfer'), file: z.object({ $upload: RecordIdSchema }) }),
]);
export type FileSource = z.infer<typeof FileSourceSchema>;

/** A dropped file as the intake reports it: an opaque id and what was found, never a path. */
export const DroppedFileSchema = z.object({
  fileId: z.string(),
  name: z.string(),
  size: z.number().int().nonnegative(),
  /** Sniffed from the bytes, not the name; null when unrecognised. */
  mime: z.string().nullable(),
  /** Set when the file cannot be filed as it is (empty, too large, unsupported type). */
  problem: ErrorViewSchema.optional(),
  /**
   * The patient in the banner when it was dropped. The file is bound to them: filing it for
   * anyone else takes an explicit `files:moveToPatient`.
   */
  forPatientId: z.string().optional(),
});
export type DroppedFile = z.infer<typeof DroppedFileSchema>;
