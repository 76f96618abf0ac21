import type { ServerResponse } from 'node:http';
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

export function sendFhirJson(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': FHIR_JSON, 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

export function outcome(code: OperationOutcomeIssue['code'], text: string, expression?: string): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code, details: { text }, ...(expression ? { expression: [expression] } : {}) }],
  };
}

export function sendOutcome(res: ServerResponse, status: number, body: OperationOutcome, headers: Record<string, string> = {}): void {
  sendFhirJson(res, status, body, headers);
}
