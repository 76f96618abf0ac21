import type { IncomingMessage, ServerResponse } from 'node:http';
import { StringDecoder } from 'node:string_decoder';
import type { FaultRule } from '../faults.js';

export interface FaultOutcome {
  /** The status to log when the handler's own status never reached the wire. */
  statusOverride?: number;
}

function sendFaultOutcome(res: ServerResponse, status: number, code: string, text: string, retryAfterSeconds?: number): void {
  const body = JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, details: { text } }] });
  res.writeHead(status, {
    'content-type': 'application/fhir+json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    // The request body was not read; closing keeps the connection from carrying its remains.
    connection: 'close',
    ...(retryAfterSeconds !== undefined ? { 'retry-after': String(retryAfterSeconds) } : {}),
  });
  res.end(body);
  res.req.resume();
}

/**
 * Let the real handler run but lose its answer: whatever it writes is discarded and the
 * socket is destroyed when it finishes ("commit-then-drop", shared/api/fhir.md §8.5).
 */
function dropResponseAfterProcessing(res: ServerResponse, outcome: FaultOutcome): void {
  res.write = (() => true) as ServerResponse['write'];
  res.end = (() => {
    outcome.statusOverride = res.statusCode;
    res.socket?.destroy();
    return res;
  }) as ServerResponse['end'];
}

/**
 * Re-read the request body as UTF-8 text and write it out again, as a text-minded proxy does:
 * every byte sequence that is not UTF-8 becomes U+FFFD (3 bytes), so binary files grow and change.
 * Node's HTTP parser hands each body chunk to the request's `push` (and `null` at the end), so
 * wrapping it changes the body for whichever handler reads it, streamed as it arrives.
 */
function recodeBodyAsText(req: IncomingMessage): void {
  const decoder = new StringDecoder('utf8');
  const push = req.push.bind(req);
  req.push = (chunk: unknown): boolean => {
    if (chunk === null) {
      const tail = decoder.end();
      if (tail) push(Buffer.from(tail, 'utf8'));
      return push(null);
    }
    return push(Buffer.from(decoder.write(chunk as Buffer), 'utf8'));
  };
  // Like such a proxy, the new body is sent without the old length (its own length is unknown up front).
  delete req.headers['content-length'];
}

function waitOrClose(req: IncomingMessage, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(true), ms);
    req.socket.once('close', () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
}

/** Apply `rule` to one request; `proceed` runs the real handler when the fault lets it. */
export async function applyFault(rule: FaultRule, req: IncomingMessage, res: ServerResponse, proceed: () => Promise<void>, outcome: FaultOutcome): Promise<void> {
  switch (rule.kind) {
    case 'status-500':
      sendFaultOutcome(res, 500, 'exception', 'Injected fault: internal server error');
      return;
    case 'status-503':
      sendFaultOutcome(res, 503, 'transient', 'Injected fault: service unavailable', rule.retryAfterSeconds);
      return;
    case 'rate-limit':
      sendFaultOutcome(res, 429, 'throttled', 'Injected fault: too many requests', rule.retryAfterSeconds ?? 1);
      return;
    case 'reset-before':
      req.socket.destroy();
      return;
    case 'reset-after':
      dropResponseAfterProcessing(res, outcome);
      await proceed();
      return;
    case 'corrupt-body':
      recodeBodyAsText(req);
      await proceed();
      return;
    case 'hang':
      if (rule.hangMs === undefined) {
        // Never answers: take the body so the client is not stuck sending, and wait for it to give up.
        req.resume();
        return;
      }
      if (await waitOrClose(req, rule.hangMs)) await proceed();
      return;
  }
}
