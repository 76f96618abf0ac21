import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../http/read-body.js';

const BODY_LIMIT_BYTES = 64 * 1024;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(html) });
  res.end(html);
}

export function redirect(res: ServerResponse, status: 302 | 303 | 307, location: string): void {
  res.writeHead(status, { location, 'cache-control': 'no-store' });
  res.end();
}

export async function readText(req: IncomingMessage): Promise<string> {
  return (await readBody(req, BODY_LIMIT_BYTES)).toString('utf8');
}

export function isFormPost(req: IncomingMessage): boolean {
  return req.method === 'POST' && (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
}

/** The client's credentials as sent: HTTP Basic (RFC 6749 §2.3.1, form-encoded parts) or form fields. */
export function presentedClient(req: IncomingMessage, form: URLSearchParams): { clientId?: string; secret?: string; via: 'basic' | 'body' } {
  const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (basic) {
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const part = (text: string) => decodeURIComponent(text.replace(/\+/g, ' '));
    return colon < 0 ? { clientId: part(decoded), via: 'basic' } : { clientId: part(decoded.slice(0, colon)), secret: part(decoded.slice(colon + 1)), via: 'basic' };
  }
  return { ...(form.get('client_id') ? { clientId: form.get('client_id') ?? '' } : {}), ...(form.get('client_secret') ? { secret: form.get('client_secret') ?? '' } : {}), via: 'body' };
}
