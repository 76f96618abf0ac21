import type { AppCore } from '../core/app-core-types.js';
import type { Handlers } from './dispatch.js';
import type { EventPayload } from './contract.js';
import { EventBus } from './event-bus.js';
import { createHandlers } from './handlers.js';

/** What a shell serves its window: the contract's handlers over the core, and the core's events, parsed. */
export interface IpcHost {
  handlers: Handlers;
  events: EventBus;
  /** Stops forwarding the core's events. */
  close(): void;
}

export function createIpcHost(core: AppCore): IpcHost {
  const events = new EventBus();
  // Same names, same shapes (event-bus.ts checks the names); the bus parses each payload anyway.
  const stop = core.subscribe((name, payload) => events.emit(name, payload as EventPayload<typeof name>));
  return { handlers: createHandlers(core), events, close: stop };
}
