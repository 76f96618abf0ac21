import type { CoreEventName } from '../core/core-events.js';
import { events, type EventName, type EventPayload } from './contract.js';

export type EventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/** The contract declares a schema for every core event, and no event the core does not publish. */
type SameNames<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _everyCoreEventHasASchema: SameNames<CoreEventName, EventName> = true;
void _everyCoreEventHasASchema;

/**
 * The core's events on their way to a window: each payload is parsed against the contract, so an
 * event can never carry more than it declares. Each shell subscribes once and forwards to its window.
 */
export class EventBus {
  readonly #listeners = new Set<EventListener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const clean = events[name].parse(payload) as EventPayload<E>;
    for (const listener of this.#listeners) listener(name, clean);
  }

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
