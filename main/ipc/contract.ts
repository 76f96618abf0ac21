import { z } from 'zod';
import { AuthStatusSchema } from '../auth/auth-status.js';
import type { ErrorViewSchema } from '../shared/errors.js';
import { AppInfoSchema, ProfileSummarySchema } from '../core/app-info.js';
import { DraftViewSchema, NoteDraftSummarySchema, NoteTemplateBodySchema, NoteTemplateSchema, NoteWritingSchema } from '../notes/note-schemas.js';
import { DroppedFileSchema, FileSourceSchema } from '../outbox/dropped-file.js';
import { EarlierFilingSchema } from '../outbox/earlier-filings.js';
import { NoticeSchema } from '../store/notice.js';
import { OutboxItemViewSchema, OutboxPauseSchema, OutboxProgressSchema, OutboxSummarySchema } from '../outbox/outbox-view.js';
import {
  AppointmentSummarySchema,
  CapabilitiesSchema,
  DocumentTargetTreeSchema,
  FiledDocumentSchema,
  NoteTypeSchema,
  PatientQuerySchema,
  PatientSummarySchema,
  RecordIdSchema,
  TargetIdSchema,
} from '../emr/model.js';

/**
 * The one IPC contract (DESIGN.md "Contracts"). Handlers, the preload client and the renderer's
 * types all derive from this file. Outputs are parsed too: zod strips undeclared keys, so nothing
 * a service did not mean to show (a token, a path) can reach the renderer by accident.
 */

const None = z.null();

export { AuthStatusSchema, type AuthStatus } from '../auth/auth-status.js';

export { AppInfoSchema, ProfileSummarySchema, type AppInfo, type ProfileSummary } from '../core/app-info.js';

export { DroppedFileSchema, FileSourceSchema, type DroppedFile, type FileSource } from '../outbox/dropped-file.js';

export {
  OutboxCountsSchema,
  OutboxItemViewSchema,
  OutboxStateSchema,
  OutboxSummarySchema,
  type OutboxCounts,
  type OutboxItemView,
  type OutboxState,
  type OutboxSummary,
} from '../outbox/outbox-view.js';

const DocumentRequestSchema = z.object({
  fileId: RecordIdSchema,
  title: z.string().trim().min(1).max(200),
  date: z.iso.date(),
  targetId: TargetIdSchema,
});

/** A user template's UUID or a built-in's `built-in:name`. */
const TemplateIdSchema = z.string().regex(/^[a-z0-9:-]{1,64}$/);

function channel<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

export const channels = {
  'app:info': channel(None, AppInfoSchema),
  'app:dismissNotice': channel(z.object({ notice: NoticeSchema }), None),
  'profiles:list': channel(None, z.array(ProfileSummarySchema)),
  /** Each clinic keeps its own session and outbox; switching only changes which one the window shows. */
  'profiles:switch': channel(z.object({ profileId: RecordIdSchema }), AppInfoSchema),
  'auth:status': channel(None, AuthStatusSchema),
  /** Opens the system browser and resolves when the sign-in finished, failed or was cancelled. */
  'auth:signIn': channel(None, AuthStatusSchema),
  'auth:cancel': channel(None, None),
  'auth:signOut': channel(None, AuthStatusSchema),
  'emr:capabilities': channel(None, CapabilitiesSchema),
  'patients:search': channel(PatientQuerySchema, z.array(PatientSummarySchema)),
  'patients:appointments': channel(None, z.array(AppointmentSummarySchema)),
  'patients:recent': channel(None, z.array(PatientSummarySchema)),
  'patients:select': channel(z.object({ patientId: RecordIdSchema }), PatientSummarySchema),
  'patients:active': channel(None, PatientSummarySchema.nullable()),
  'documents:targets': channel(None, DocumentTargetTreeSchema),
  'documents:list': channel(z.object({ patientId: RecordIdSchema }), z.array(FiledDocumentSchema)),
  'notes:types': channel(None, z.array(NoteTypeSchema)),
  'notes:templates': channel(z.object({ includeHidden: z.boolean() }), z.array(NoteTemplateSchema)),
  /** Adds a template (no id) or changes one of the user's own. */
  'notes:saveTemplate': channel(z.object({ id: TemplateIdSchema.optional(), body: NoteTemplateBodySchema }), NoteTemplateSchema),
  'notes:removeTemplate': channel(z.object({ id: TemplateIdSchema }), None),
  'notes:setTemplateHidden': channel(z.object({ id: TemplateIdSchema, hidden: z.boolean() }), None),
  /** This clinic's drafts by patient, for "you have a draft for …"; `persistent: false` where they last until quit. */
  'notes:drafts': channel(None, z.object({ persistent: z.boolean(), drafts: z.array(NoteDraftSummarySchema) })),
  'notes:draft': channel(z.object({ patientId: RecordIdSchema }), DraftViewSchema.nullable()),
  /** Autosave; `draft: null` when the note named by `noteKey` was already sent. */
  'notes:saveDraft': channel(
    z.object({ patientId: RecordIdSchema, noteKey: z.uuid().optional(), note: NoteWritingSchema }),
    z.object({ draft: DraftViewSchema.nullable(), persistent: z.boolean() }),
  ),
  'notes:discardDraft': channel(z.object({ patientId: RecordIdSchema }), None),
  /** Queues the note for the banner's patient; sending the same `noteKey` again queues nothing new. */
  'notes:send': channel(z.object({ patientId: RecordIdSchema, noteKey: z.uuid().optional(), note: NoteWritingSchema }), OutboxItemViewSchema),
  'files:register': channel(z.object({ name: z.string().min(1).max(255), source: FileSourceSchema }), DroppedFileSchema),
  /** Earlier filings of each file's bytes for this patient, for the duplicate warning before queueing. */
  'files:earlierFilings': channel(
    z.object({ patientId: RecordIdSchema, fileIds: z.array(RecordIdSchema).min(1).max(500) }),
    z.array(z.object({ fileId: z.string(), filings: z.array(EarlierFilingSchema) })),
  ),
  /** The explicit act of filing files dropped for one patient to the patient now in the banner. */
  'files:moveToPatient': channel(
    z.object({ patientId: RecordIdSchema, fileIds: z.array(RecordIdSchema).min(1).max(500) }),
    z.array(z.object({ fileId: z.string(), forPatientId: z.string() })),
  ),
  /** Forgets files the user discarded, so their bytes do not linger until quit. */
  'files:discard': channel(z.object({ fileIds: z.array(RecordIdSchema).min(1).max(500) }), None),
  'outbox:enqueue': channel(
    z.object({ patientId: RecordIdSchema, documents: z.array(DocumentRequestSchema).min(1).max(500) }),
    z.array(OutboxItemViewSchema),
  ),
  'outbox:list': channel(None, OutboxSummarySchema),
  'outbox:retry': channel(z.object({ id: RecordIdSchema }), OutboxItemViewSchema),
  'outbox:cancel': channel(z.object({ id: RecordIdSchema }), OutboxItemViewSchema),
  'outbox:setPaused': channel(z.object({ paused: z.boolean() }), OutboxSummarySchema),
  'outbox:clearFinished': channel(None, OutboxSummarySchema),
} as const;

/** Main → renderer notifications. */
export const events = {
  'app:profileChanged': AppInfoSchema,
  'auth:changed': AuthStatusSchema,
  'patients:activeChanged': PatientSummarySchema.nullable(),
  'outbox:changed': OutboxItemViewSchema,
  'outbox:paused': OutboxPauseSchema,
  'outbox:progress': OutboxProgressSchema,
} as const;

export type Channel = keyof typeof channels;
export type ChannelInput<C extends Channel> = z.input<(typeof channels)[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<(typeof channels)[C]['output']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;


/** The one Electron IPC channel every request travels on; main dispatches on the contract channel inside it. */
export const IPC_INVOKE_CHANNEL = 'chartdrop';

/** Every reply crosses IPC as data: Electron drops custom error fields on rejection. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: z.output<typeof ErrorViewSchema> };

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(channels, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** The API the preload exposes as `window.chartdrop`; the renderer's only door to main. */
export interface ChartDropApi {
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Hands dropped files to main and returns opaque ids; the renderer never sees a path. */
  registerFiles(files: readonly File[]): Promise<ChannelOutput<'files:register'>[]>;
}
