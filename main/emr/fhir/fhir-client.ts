import type { KyInstance } from 'ky';
import type { EmrHttp, StreamSender } from '../http.js';
import type { Bundle, CapabilityStatement, Resource } from '@medplum/fhirtypes';
import { EmrError } from '../../shared/errors.js';
import { isRecordId } from '../model.js';
import { fhirCall } from './fhir-errors.js';

const FHIR_JSON = 'application/fhir+json';

/** The FHIR REST calls the connector makes; every failure comes out as an `EmrError`. */
export class FhirClient {
  readonly #http: KyInstance;
  readonly #sendStream: StreamSender;
  readonly #baseUrl: string;

  constructor(http: EmrHttp, baseUrl: string) {
    this.#http = http.api.extend({ headers: { Accept: FHIR_JSON } });
    this.#sendStream = http.sendStream;
    this.#baseUrl = baseUrl.replace(/\/+$/, '');
  }

  metadata(): Promise<CapabilityStatement> {
    return fhirCall(() => this.#http.get('metadata').json<CapabilityStatement>());
  }

  /**
   * A read answers with exactly the resource asked for, or fails: a server (or a proxy) that
   * answers `Patient/{id}` with a search Bundle or another record must never put that record in
   * the banner (issue 8 item 12).
   */
  async read<T extends Resource>(type: T['resourceType'], id: string): Promise<T> {
    if (!isRecordId(id)) throw new EmrError('validation', 'That is not a valid record id.', { field: 'id' });
    const resource = await fhirCall(() => this.#http.get(`${type}/${encodeURIComponent(id)}`).json<Resource>());
    if (resource?.resourceType !== type || resource.id !== id) {
      throw new EmrError('unsupported', `The EMR answered a read of ${type} ${id} with ${describe(resource)}; ChartDrop did not use it.`);
    }
    return resource as T;
  }

  /** One search, following `next` links verbatim (never built by hand: servers use opaque tokens) up to `limit` results. */
  async search<T extends Resource>(type: T['resourceType'], params: URLSearchParams, limit = 50, signal?: AbortSignal): Promise<T[]> {
    const found: T[] = [];
    let bundle = await fhirCall(() => this.#http.get(type, { searchParams: params, signal }).json<Bundle<T>>());
    for (;;) {
      for (const entry of bundle.entry ?? []) {
        if (entry.resource?.resourceType === type && (entry.search?.mode ?? 'match') === 'match') found.push(entry.resource);
      }
      const next = bundle.link?.find((l) => l.relation === 'next')?.url;
      if (!next || found.length >= limit) return found.slice(0, limit);
      bundle = await fhirCall(() => this.#http.get(this.#relativeToBase(next), { signal }).json<Bundle<T>>());
    }
  }

  /** Raw `POST Binary`, streamed from disk with progress. Returns the new Binary's id. */
  async createBinary(path: string, contentType: string, size: number, options: { signal?: AbortSignal; onProgress?: (sent: number) => void }): Promise<string> {
    const { onProgress } = options;
    const response = await fhirCall(() =>
      this.#sendStream('Binary', {
        method: 'POST',
        body: { kind: 'file', path, contentType, size },
        headers: { Accept: FHIR_JSON, Prefer: 'return=minimal' },
        ...(options.signal ? { signal: options.signal } : {}),
        ...(onProgress ? { onProgress: (sent: number) => onProgress(sent) } : {}),
      }),
    );
    const id = idFromLocation(response.headers.get('location')) ?? (await fhirCall(() => bodyId(response)));
    // Sending again would only leave another unreferenced Binary: this server needs a look by IT.
    if (!id) throw new EmrError('unsupported', 'The EMR stored the file but did not say where, so ChartDrop cannot file it. Ask IT to check the EMR.');
    return id;
  }

  /**
   * `GET Binary/{id}` asking for the raw content (`accept` is the file's own type): the answer's
   * body is left unread for the caller to stream. A server may still answer with a JSON Binary.
   */
  readBinary(id: string, accept: string, signal?: AbortSignal): Promise<Response> {
    // The id comes from the server's own answer (Location, attachment URL): `..` must not become a path.
    if (!isRecordId(id)) return Promise.reject(new EmrError('unsupported', 'The EMR named the stored file with an id ChartDrop cannot read back.'));
    return fhirCall(async () => this.#http.get(`Binary/${encodeURIComponent(id)}`, { headers: { Accept: accept }, signal }));
  }

  /**
   * Create, optionally conditional on `ifNoneExist` (shared/api/fhir.md §3.5): 201 means created,
   * 200 means an identical record already existed and nothing was written. `returned` says whether
   * `resource` is the server's own answer or only what was sent, with the id from Location.
   */
  async create<T extends Resource>(resource: T, ifNoneExist?: string, signal?: AbortSignal): Promise<{ resource: T; created: boolean; returned: boolean }> {
    const response = await fhirCall(() =>
      this.#http.post(resource.resourceType, {
        body: JSON.stringify(resource),
        headers: {
          'Content-Type': FHIR_JSON,
          Prefer: 'return=representation',
          ...(ifNoneExist ? { 'If-None-Exist': ifNoneExist } : {}),
        },
        signal,
      }),
    );
    // Some servers (Epic, Cerner) answer 201 with an empty body: the id is in Location.
    const text = await fhirCall(() => response.text());
    const stored = await fhirCall(async () => (text ? (JSON.parse(text) as T) : ({ ...resource, id: idFromLocation(response.headers.get('location')) } as T)));
    return { resource: stored, created: response.status === 201, returned: text.length > 0 };
  }

  #relativeToBase(url: string): string {
    const absolute = new URL(url, `${this.#baseUrl}/`).href;
    // Following it would send the bearer token to another server.
    if (!absolute.startsWith(`${this.#baseUrl}/`)) throw new EmrError('unsupported', 'The EMR sent a next-page link to another server; ChartDrop did not follow it.');
    return absolute.slice(this.#baseUrl.length + 1);
  }
}

function describe(resource: Partial<Resource> | null | undefined): string {
  if (typeof resource !== 'object' || resource === null || typeof resource.resourceType !== 'string') return 'something that is not a FHIR resource';
  return typeof resource.id === 'string' ? `${resource.resourceType} ${resource.id.slice(0, 64)}` : `a ${resource.resourceType}`;
}

function idFromLocation(location: string | null): string | undefined {
  // {base}/{Type}/{id}/_history/{vid}, absolute or relative
  const match = location ? /(?:^|\/)[A-Z][A-Za-z]+\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?\/?$/.exec(location) : null;
  return match?.[1];
}

async function bodyId(response: Response): Promise<string | undefined> {
  const text = await response.text();
  if (!text) return undefined;
  const body = JSON.parse(text) as { id?: string };
  return body.id;
}
