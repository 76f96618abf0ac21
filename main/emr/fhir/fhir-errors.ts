import { HTTPError, TimeoutError } from 'ky';
import type { OperationOutcome } from '@medplum/fhirtypes';
import { EmrError, kindFromStatus, parseRetryAfter, type ErrorKind } from '../errors.js';
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

const MESSAGES: Record<ErrorKind, string> = {
  auth: 'The EMR no longer accepts this sign-in.',
  forbidden: 'Your EMR account is not allowed to do this.',
  validation: 'The EMR refused the request.',
  'not-found': 'The EMR could not find it.',
  conflict: 'The EMR found a conflicting record.',
  'rate-limited': 'The EMR is busy and asked ChartDrop to wait.',
  transient: 'The EMR did not answer properly.',
  unsupported: 'This EMR does not support that.',
};

/** Turns anything a FHIR request threw into an `EmrError`, reading the OperationOutcome when there is one. */
export async function fhirErrorFrom(error: unknown): Promise<EmrError> {
  if (error instanceof EmrError) return error;
  if (error instanceof HTTPError || error instanceof HttpStatusError) {
    const status = error.response.status;
    const outcome = await readOutcome(error.response);
    const issue = outcome?.issue?.find((i) => i.severity === 'error' || i.severity === 'fatal') ?? outcome?.issue?.[0];
    const kind = (issue?.code ? KIND_BY_ISSUE_CODE[issue.code] : undefined) ?? (status === 413 || status === 422 ? 'validation' : kindFromStatus(status));
    const detail = issue?.details?.text ?? issue?.diagnostics;
    const field = issue?.expression?.[0];
    const retryAfterMs = parseRetryAfter(error.response.headers.get('retry-after'));
    const message = status === 413 ? 'The file is larger than the EMR accepts.' : detail ? `${MESSAGES[kind]} ${detail}` : MESSAGES[kind];
    return new EmrError(kind, message, {
      status,
      ...(field ? { field } : {}),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      cause: error,
    });
  }
  if (error instanceof SyntaxError) return new EmrError('unsupported', 'The EMR answered with something that is not FHIR JSON.', { cause: error });
  if (error instanceof TimeoutError) return new EmrError('transient', 'The EMR took too long to answer.', { cause: error });
  if (error instanceof Error && error.name === 'AbortError') return new EmrError('transient', 'The request was stopped before it finished.', { cause: error });
  return new EmrError('transient', 'Could not reach the EMR. Check the network connection.', { cause: error });
}

async function readOutcome(response: Response): Promise<OperationOutcome | undefined> {
  try {
    const body = (await response.clone().json()) as { resourceType?: string };
    return body.resourceType === 'OperationOutcome' ? (body as OperationOutcome) : undefined;
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
