import type { ErrorKind, ErrorView } from './types';

/** Mirrors main's ERROR_KINDS; `satisfies` makes the compiler catch a kind added on either side. */
const KNOWN_KINDS = {
  auth: true,
  forbidden: true,
  validation: true,
  'not-found': true,
  conflict: true,
  'rate-limited': true,
  transient: true,
  unreachable: true,
  unsupported: true,
  'too-large': true,
  mismatch: true,
  internal: true,
} as const satisfies Record<ErrorKind, true>;

function isErrorKind(value: unknown): value is ErrorKind {
  return typeof value === 'string' && Object.hasOwn(KNOWN_KINDS, value);
}

function asErrorView(value: unknown): ErrorView | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { kind, message, field, retryAfterMs, status, sizeBytes, limitBytes } = value as Record<string, unknown>;
  if (!isErrorKind(kind) || typeof message !== 'string') return undefined;
  return {
    kind,
    message,
    ...(typeof field === 'string' ? { field } : {}),
    ...(typeof retryAfterMs === 'number' ? { retryAfterMs } : {}),
    ...(typeof status === 'number' ? { status } : {}),
    ...(typeof sizeBytes === 'number' ? { sizeBytes } : {}),
    ...(typeof limitBytes === 'number' ? { limitBytes } : {}),
  };
}

/**
 * The preload rejects with the plain error view (contextBridge keeps plain objects whole); an
 * Error carrying `view` is accepted too. Anything else (a bug, a broken bridge) is a fault inside ChartDrop, the same
 * fallback main uses for failures it cannot classify.
 */
export function errorViewFrom(reason: unknown): ErrorView {
  const view =
    typeof reason === 'object' && reason !== null && 'view' in reason ? asErrorView(reason.view) : asErrorView(reason);
  if (view) return view;
  const message = reason instanceof Error ? reason.message : String(reason);
  return { kind: 'internal', message };
}
