import type { AuthStatus } from '../auth/auth-status.js';
import type { CoreEventName, CoreEvents } from '../core/core-events.js';
import type { OutboxState } from '../outbox/outbox-view.js';
import type { PatientSummary } from '../emr/model.js';

/**
 * What the tray menu shows, kept up to date from core events. Pure data and wording (no Electron)
 * so it is unit-tested in plain Node; `tray.ts` only turns it into a menu.
 */
export interface TrayState {
  clinicName: string;
  auth: AuthStatus;
  patient: PatientSummary | null;
  /** Latest state of every outbox entry, by id. */
  outbox: ReadonlyMap<string, OutboxState>;
  paused: boolean;
}

export function signInLine(state: TrayState): string {
  const { auth, clinicName } = state;
  if (auth.state === 'signed-in') return `${auth.user?.displayName ?? 'Signed in'} — ${clinicName}`;
  if (auth.state === 'signing-in') return `Signing in to ${clinicName}…`;
  if (auth.state === 'expired') return `Session expired — ${clinicName}`;
  return `Signed out — ${clinicName}`;
}

export function patientLine(patient: PatientSummary | null): string {
  if (patient === null) return 'No patient selected';
  const chart = patient.identifiers[0];
  const parts = [patient.displayName, patient.birthDate, chart ? `${chart.label} ${chart.value}` : undefined];
  return `Patient: ${parts.filter((part) => part !== undefined && part !== '').join(', ')}`;
}

const SENDING: ReadonlySet<OutboxState> = new Set(['queued', 'sending']);
const NEEDS_ATTENTION: ReadonlySet<OutboxState> = new Set(['failed', 'needs-review']);

/** "3 sending, 1 needs attention" (DESIGN.md "What the user sees" → Tray). */
export function outboxLine(state: Pick<TrayState, 'outbox' | 'paused'>): string {
  const states = [...state.outbox.values()];
  const sending = states.filter((s) => SENDING.has(s)).length;
  const attention = states.filter((s) => NEEDS_ATTENTION.has(s)).length;
  const parts = [
    ...(sending > 0 ? [`${sending} ${state.paused ? 'waiting' : 'sending'}`] : []),
    ...(attention > 0 ? [`${attention} ${attention === 1 ? 'needs' : 'need'} attention`] : []),
  ];
  const summary = parts.length > 0 ? parts.join(', ') : 'Nothing waiting to send';
  return state.paused ? `${summary} (paused)` : summary;
}

/** One core event as a union, so a switch on `name` narrows `payload`. */
export type CoreEvent = { [E in CoreEventName]: { name: E; payload: CoreEvents[E] } }[CoreEventName];

/**
 * The tray state after an event; the same object when the event does not concern the tray. A
 * clinic switch is not applied here: the tray re-reads everything for the new clinic.
 */
export function applyEvent(state: TrayState, event: CoreEvent): TrayState {
  switch (event.name) {
    case 'auth:changed':
      return { ...state, auth: event.payload };
    case 'patients:activeChanged':
      return { ...state, patient: event.payload };
    case 'outbox:changed':
      return { ...state, outbox: new Map(state.outbox).set(event.payload.id, event.payload.state) };
    case 'outbox:paused':
      return { ...state, paused: event.payload.paused };
    case 'outbox:progress':
    case 'app:profileChanged':
      return state;
  }
}

export function trayTooltip(state: TrayState): string {
  return `ChartDrop — ${signInLine(state)} — ${outboxLine(state)}`;
}
