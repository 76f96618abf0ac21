import type { AuthStatus } from '../auth/auth-status.js';
import type { PatientSummary } from '../emr/model.js';
import type { OutboxItemView, OutboxPause, OutboxProgress } from '../outbox/outbox-view.js';
import type { AppInfo } from './app-info.js';

/**
 * What the core tells whoever shows it (the IPC layer, the tray), in the services' own types. The
 * IPC contract declares a schema for each and parses every payload on its way to a window.
 */
export interface CoreEvents {
  'app:profileChanged': AppInfo;
  'auth:changed': AuthStatus;
  'patients:activeChanged': PatientSummary | null;
  'outbox:changed': OutboxItemView;
  'outbox:paused': OutboxPause;
  'outbox:progress': OutboxProgress;
}
export type CoreEventName = keyof CoreEvents;
export type CoreListener = <E extends CoreEventName>(name: E, payload: CoreEvents[E]) => void;

export class CoreEventHub {
  readonly #listeners = new Set<CoreListener>();

  emit<E extends CoreEventName>(name: E, payload: CoreEvents[E]): void {
    for (const listener of this.#listeners) listener(name, payload);
  }

  subscribe(listener: CoreListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
