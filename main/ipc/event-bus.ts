import { events, type EventName, type EventPayload } from './contract.js';

export type EventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/**
 * Services publish state changes here; each shell subscribes once and forwards to its window.
 * Payloads are parsed against the contract so an event can never carry more than it declares.
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
