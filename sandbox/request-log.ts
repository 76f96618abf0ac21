import type { FaultKind } from './faults.js';

/** What the sandbox saw: never bodies, tokens or query strings (they can carry codes and PHI). */
export interface RequestLogEntry {
  method: string;
  path: string;
  /** 0 when the connection was dropped before any status was sent. */
  status: number;
  fault?: FaultKind;
}

export interface RequestLog {
  readonly entries: ReadonlyArray<RequestLogEntry>;
  clear(): void;
}

export interface RequestRecorder extends RequestLog {
  record(entry: RequestLogEntry): void;
}

export function createRequestLog(): RequestRecorder {
  let entries: RequestLogEntry[] = [];
  return {
    get entries() {
      return entries;
    },
    clear() {
      entries = [];
    },
    record(entry) {
      entries.push(entry);
    },
  };
}
