import type { Readable } from 'node:stream';
import type { ClinicProfile } from '../profiles/clinic-profile.js';
import type { SecretCipher } from '../store/cipher.js';
import type { Notice } from '../store/notice.js';
import type { AppInfo, ProfileSummary } from './app-info.js';
import type { CoreListener } from './core-events.js';
import type { FilingDesk } from './filing-desk.js';
import type { NoteDesk } from './note-desk.js';
import type { ProfileServices } from './profile-services.js';

/** What a shell (Electron or the browser shell) hands the plain-Node core. */
export interface AppCoreOptions {
  shell: 'electron' | 'browser';
  version: string;
  /** Per-user data folder: settings, outbox, audit log. */
  dataDir: string;
  /** `null` where secrets cannot be encrypted at rest: the session then lasts until quit. */
  cipher: SecretCipher | null;
  /** The system browser. The browser shell opens a tab in its own Chromium. */
  openExternal(url: string): Promise<void>;
  /** The clinic to open first; the launcher resolves it (demo sandbox or configured clinic). */
  profile: ClinicProfile;
  /** Every configured clinic, for switching; absent in demo mode (only the sandbox). */
  profiles?: { list(): ClinicProfile[]; setActive(id: string): void };
  demo: boolean;
}

/**
 * The application core: what the IPC layer and the tray act on. It knows nothing of IPC or of any
 * window; whoever shows it subscribes to its events.
 */
export interface AppCore {
  info(): AppInfo;
  profiles(): ProfileSummary[];
  /** Each clinic keeps its own session and outbox; switching only changes which one the window shows. */
  switchProfile(profileId: string): Promise<AppInfo>;
  dismissNotice(notice: Notice): Promise<void>;
  /** The clinic the window shows. */
  active(): ProfileServices;
  /** Dropped files, bound to the patient they were dropped for, on their way to the outbox. */
  files: FilingDesk;
  /** Encounter notes: templates, encrypted drafts, and sending through the outbox. */
  notes: NoteDesk;
  /** The active clinic's events, and none that name a patient while nobody is signed in to it. */
  subscribe(listener: CoreListener): () => void;
  /**
   * The browser shell cannot learn a dropped file's path, so it streams the bytes here and
   * passes the returned id in `files:register` as `{ kind: 'transfer', file: { $upload: id } }`.
   */
  receiveTransfer(body: Readable, name: string): Promise<string>;
  /** The EMR the window shows now: "open in EMR" links may go there, and follow a clinic switch. */
  activeEmrBaseUrl(): string;
  dispose(): Promise<void>;
}
