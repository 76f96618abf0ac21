import type { Readable } from 'node:stream';
import type { EventBus } from '../ipc/event-bus.js';
import type { Handlers } from '../ipc/dispatch.js';
import type { SecretCipher } from '../store/cipher.js';
import type { ClinicProfile } from '../profiles/clinic-profile.js';

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

/** Everything a shell needs from the core: the handlers, the events, and a place for dropped bytes. */
export interface AppCore {
  handlers: Handlers;
  events: EventBus;
  /**
   * The browser shell cannot learn a dropped file's path, so it streams the bytes here and
   * passes the returned id in `files:register` as `{ kind: 'transfer', file: { $upload: id } }`.
   */
  receiveTransfer(body: Readable, name: string): Promise<string>;
  /** The EMR the window shows now: "open in EMR" links may go there, and follow a clinic switch. */
  activeEmrBaseUrl(): string;
  dispose(): Promise<void>;
}
