/**
 * The shapes the renderer codes against, taken from main's contract and model as types only:
 * the renderer never imports a runtime value from main/ (DESIGN.md "Layout").
 */
export type {
  AppInfo,
  AuthStatus,
  Channel,
  ChannelInput,
  ChannelOutput,
  DroppedFile,
  EventName,
  EventPayload,
  OutboxCounts,
  OutboxItemView,
  OutboxState,
  OutboxSummary,
  ProfileSummary,
} from '../../../main/ipc/contract';
export type {
  AppointmentSummary,
  Capabilities,
  DocumentTarget,
  FiledDocument,
  NoteContent,
  NoteShape,
  NoteType,
  PatientQuery,
  PatientSummary,
} from '../../../main/emr/model';
export type { DraftView, NoteDraftSummary, NoteTemplate, NoteTemplateBody, NoteWriting } from '../../../main/notes/note-schemas';
export type { ErrorKind, ErrorView } from '../../../main/shared/errors';
export type { EarlierFiling } from '../../../main/outbox/earlier-filings';
