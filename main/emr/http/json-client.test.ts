import { HTTPError } from 'ky';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordingServer, rotatingTokens } from '../../../tests/support/recording-server.js';
import type { TokenSource } from './bearer.js';
import { createJsonClient } from './json-client.js';
import type { RequestDefaultsSource } from './request-defaults.js';

let server: RecordingServer;
beforeEach(async () => {
  server = await RecordingServer.start();
});
afterEach(() => server.close());

function client(tokens: TokenSource, defaults?: RequestDefaultsSource) {
  return createJsonClient({ prefixUrl: `${server.origin}/api`, tokens, timeoutMs: 5_000, ...(defaults ? { defaults } : {}) });
}

const authorizations = () => server.requests.map((r) => r.headers.authorization);

describe('JSON client: bearer token and 401', () => {
  it('refreshes once on a 401 and replays the read with the fresh token', async () => {
    server.answer((req, res) => (req.headers.authorization === 'Bearer fresh' ? res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}') : res.writeHead(401).end()));
    const tokens = rotatingTokens();

    expect(await client(tokens).get('Patient/1').json()).toEqual({ ok: true });
    expect(tokens.refreshes).toEqual(['stale']);
    expect(authorizations()).toEqual(['Bearer stale', 'Bearer fresh']);
  });

  it('replays a write with its JSON body intact', async () => {
    server.answer((req, res) => res.writeHead(req.headers.authorization === 'Bearer fresh' ? 201 : 401).end());
    const tokens = rotatingTokens();

    await client(tokens).post('DocumentReference', { json: { resourceType: 'DocumentReference', status: 'current' } });
    expect(server.requests.map((r) => r.body.toString())).toEqual(Array(2).fill('{"resourceType":"DocumentReference","status":"current"}'));
    expect(tokens.refreshes).toHaveLength(1);
  });

  it('takes a second 401 as the answer: no second refresh, no loop', async () => {
    server.answer((_req, res) => res.writeHead(401).end());
    const tokens = rotatingTokens();

    const failure = await client(tokens).get('metadata').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HTTPError);
    expect((failure as HTTPError).response.status).toBe(401);
    expect(tokens.refreshes).toEqual(['stale']);
    expect(server.requests).toHaveLength(2);
  });

  it('leaves an answer’s body to the caller: cancelling a streamed read settles and frees the connection', async () => {
    server.answer((_req, res) => res.writeHead(200, { 'content-type': 'application/pdf' }).end(Buffer.alloc(4 * 1024 * 1024)));
    const api = client(rotatingTokens());

    const response = await api.get('Binary/1');
    await response.body?.cancel();
    expect((await api.get('Binary/2')).status).toBe(200);
  });
});

describe('JSON client: connector defaults', () => {
  it('puts default query parameters and headers, read asynchronously before each call, on every call', async () => {
    let reads = 0;
    const defaults = async () => {
      reads += 1;
      return { searchParams: { uuid: 'inst-1' }, headers: { 'X-QHR-Subscription-Key': `key-${reads}` } };
    };
    const api = client(rotatingTokens(), defaults);

    await api.get('patients', { searchParams: { lastName: 'Chen' } });
    await api.post('letters', { json: { text: 'x' } });
    expect(server.requests.map((r) => [r.method, r.url.searchParams.get('uuid'), r.url.searchParams.get('lastName'), r.headers['x-qhr-subscription-key']])).toEqual([
      ['GET', 'inst-1', 'Chen', 'key-1'],
      ['POST', 'inst-1', null, 'key-2'],
    ]);
  });

  it('lets a call’s own value win and keeps a link’s query byte for byte', async () => {
    const api = client(rotatingTokens(), { searchParams: { uuid: 'inst-1', tenant: 't' }, headers: { Accept: 'application/json' } });

    await api.get('Patient?_getpages=a%2Fb%3D&_count=10&uuid=other', { headers: { Accept: 'application/fhir+json' } });
    const [request] = server.requests;
    expect(request?.url.search).toBe('?_getpages=a%2Fb%3D&_count=10&uuid=other&tenant=t');
    expect(request?.headers.accept).toBe('application/fhir+json');
  });

  it('sends the defaults again when it replays after a 401', async () => {
    server.answer((req, res) => res.writeHead(req.headers.authorization === 'Bearer fresh' ? 204 : 401).end());

    await client(rotatingTokens(), async () => ({ searchParams: { uuid: 'inst-1' }, headers: { 'X-QHR-Subscription-Key': 'k' } })).get('folders');
    expect(server.requests.map((r) => [r.url.searchParams.get('uuid'), r.headers['x-qhr-subscription-key']])).toEqual([['inst-1', 'k'], ['inst-1', 'k']]);
  });
});
