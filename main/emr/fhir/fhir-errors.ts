import { HTTPError, TimeoutError } from 'ky';
import type { OperationOutcome } from '@medplum/fhirtypes';
import { bodySaysTooLarge, EmrError, isNetworkFailure, kindFromStatus, parseRetryAfter, toErrorView, type ErrorKind } from '../../shared/errors.js';
import { HttpStatusError } from '../http.js';

/** OperationOutcome issue codes that say more than the status does (shared/api/fhir.md §4). */
const KIND_BY_ISSUE_CODE: Partial<Record<string, ErrorKind>> = {
  throttled: 'rate-limited',
  transient: 'transient',
  duplicate: 'conflict',
  'multiple-matches': 'conflict',
  conflict: 'conflict',
  forbidden: 'forbidden',
  security: 'forbidden',
  'not-supported': 'unsupported',
};

/**
 * Turns anything a FHIR request threw into an `EmrError`, reading the OperationOutcome when there
 * is one. The message carries only what the server said: the UI words each kind itself.
 */
export async function fhirErrorFrom(error: unknown): Promise<EmrError> {
  if (error instanceof EmrError) return error;
  if (error instanceof HTTPError || error instanceof HttpStatusError) {
    const status = error.response.status;
    const body = await readBody(error.response);
    const outcome = parseOutcome(body);
    const issue = outcome?.issue?.find((i) => i.severity === 'error' || i.severity === 'fatal') ?? outcome?.issue?.[0];
    const detail = issue?.details?.text ?? issue?.diagnostics;
    const tooLarge = status === 413 || bodySaysTooLarge(detail ?? body);
    const kind: ErrorKind = tooLarge ? 'too-large' : (issue?.code ? KIND_BY_ISSUE_CODE[issue.code] : undefined) ?? (status === 422 ? 'validation' : kindFromStatus(status));
    const field = issue?.expression?.[0];
    const retryAfterMs = parseRetryAfter(error.response.headers.get('retry-after'));
    return new EmrError(kind, detail ?? `HTTP ${status}`, {
      status,
      ...(field ? { field } : {}),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      cause: error,
    });
  }
  if (error instanceof SyntaxError) return new EmrError('unsupported', 'The EMR answered with something that is not FHIR JSON.', { cause: error });
  if (error instanceof TimeoutError) return new EmrError('transient', 'The EMR took too long to answer.', { cause: error });
  if (error instanceof Error && error.name === 'AbortError') return new EmrError('transient', 'The request was stopped before it finished.', { cause: error });
  if (isNetworkFailure(error)) return new EmrError('unreachable', 'No answer from the EMR.', { cause: error });
  const view = toErrorView(error);
  return new EmrError(view.kind, view.message, { cause: error });
}

/** At most this much of an error body is read: enough for an OperationOutcome or a proxy's page. */
const MAX_ERROR_BODY = 64 * 1024;

async function readBody(response: Response): Promise<string> {
  try {
    return (await response.clone().text()).slice(0, MAX_ERROR_BODY);
  } catch {
    return '';
  }
}

function parseOutcome(body: string): OperationOutcome | undefined {
  try {
    const parsed = JSON.parse(body) as { resourceType?: string };
    return parsed.resourceType === 'OperationOutcome' ? (parsed as OperationOutcome) : undefined;
  } catch {
    return undefined;
  }
}

/** Runs a FHIR request, mapping whatever it throws. */
export async function fhirCall<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw await fhirErrorFrom(error);
  }
}
