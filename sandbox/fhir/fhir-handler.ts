import type { IncomingMessage, ServerResponse } from 'node:http';
import { getStatus, normalizeOperationOutcome, OperationOutcomeError, validateResource } from '@medplum/core';
import type { HttpMethod } from '@medplum/fhir-router';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { BodyTooLargeError, readBody } from '../http/read-body.js';
import { scopesAllow, type Permission } from '../smart-scopes.js';
import type { AccessGrant, BearerCheck } from './bearer-auth.js';
import { createBinary, readBinary } from './binary-routes.js';
import type { FhirContext } from './context.js';
import { capabilityStatement, smartConfiguration, type OAuthEndpoints } from './discovery-documents.js';
import { versionHeaders, wantsMinimal } from './resource-headers.js';
import { outcome, sendFhirJson, sendOutcome } from './responses.js';
import { prepareSearch, withPagingLinks } from './search-paging.js';

interface Route {
  resourceType: string;
  /** Path segments after the type: `[]`, `[id]`, `[id, '_history', vid]`, `['_search']`. */
  rest: string[];
  permission: Permission;
}

function routeFor(method: string, segments: string[]): Route | undefined {
  const [resourceType, ...rest] = segments;
  if (!resourceType || !/^[A-Z][A-Za-z]+$/.test(resourceType)) return undefined;
  const isSearch = (method === 'GET' && rest.length === 0) || (method === 'POST' && rest[0] === '_search' && rest.length === 1);
  if (isSearch) return { resourceType, rest, permission: 's' };
  if (method === 'GET') return { resourceType, rest, permission: 'r' };
  if (method === 'POST' && rest.length === 0) return { resourceType, rest, permission: 'c' };
  if (method === 'PUT' && rest.length === 1) return { resourceType, rest, permission: 'u' };
  if (method === 'DELETE' && rest.length === 1) return { resourceType, rest, permission: 'd' };
  return undefined;
}

export interface FhirHandlerDeps {
  endpoints: OAuthEndpoints;
  verifyBearer(authorization: string | undefined): Promise<BearerCheck>;
}

export function createFhirHandler(ctx: FhirContext, deps: FhirHandlerDeps) {
  const { fhirBaseUrl } = ctx;

  async function callRouter(method: HttpMethod, url: string, req: IncomingMessage, body?: unknown) {
    return ctx.router.handleRequest(
      { method, url, pathname: '', body, params: {}, query: {}, headers: req.headers },
      ctx.repo,
    );
  }

  async function search(req: IncomingMessage, res: ServerResponse, route: Route, query: URLSearchParams): Promise<void> {
    let params = query;
    if (req.method === 'POST') params = new URLSearchParams((await readBody(req, 64 * 1024)).toString('utf8'));
    const prepared = prepareSearch(params);
    const [result, bundle] = await callRouter('GET', `${route.resourceType}?${prepared.params.toString()}`, req);
    const status = getStatus(result);
    if (status >= 400 || !bundle) {
      sendOutcome(res, status, result);
      return;
    }
    sendFhirJson(res, 200, withPagingLinks(bundle as Bundle, fhirBaseUrl, route.resourceType, prepared));
  }

  async function readJsonResource(req: IncomingMessage, res: ServerResponse, route: Route): Promise<Resource | undefined> {
    if (Number(req.headers['content-length'] ?? '0') > ctx.maxUploadBytes) {
      sendOutcome(res, 413, outcome('too-long', `Body exceeds the server limit of ${ctx.maxUploadBytes} bytes`), { connection: 'close' });
      return undefined;
    }
    let resource: Resource;
    try {
      resource = JSON.parse((await readBody(req, ctx.maxUploadBytes)).toString('utf8')) as Resource;
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        sendOutcome(res, 413, outcome('too-long', `Body exceeds the server limit of ${ctx.maxUploadBytes} bytes`), { connection: 'close' });
      } else {
        sendOutcome(res, 400, outcome('structure', 'Body is not valid JSON'));
      }
      return undefined;
    }
    if (typeof resource !== 'object' || resource === null || resource.resourceType !== route.resourceType) {
      sendOutcome(res, 400, outcome('invalid', `Expected a ${route.resourceType} resource`, 'resourceType'));
      return undefined;
    }
    try {
      // Structural validation like a real server: unknown fields, bad dates, bad base64 → 400.
      validateResource(resource);
    } catch (error) {
      sendOutcome(res, 400, error instanceof OperationOutcomeError ? error.outcome : outcome('invalid', String(error)));
      return undefined;
    }
    return resource;
  }

  async function write(req: IncomingMessage, res: ServerResponse, route: Route, url: string): Promise<void> {
    const resource = await readJsonResource(req, res, route);
    if (!resource) return;
    const [result, stored] = await callRouter(req.method as HttpMethod, url, req, resource);
    const status = getStatus(result);
    if (status >= 400 || !stored) {
      sendOutcome(res, status, result);
      return;
    }
    const headers = versionHeaders(fhirBaseUrl, stored, { location: status === 201 });
    if (wantsMinimal(req.headers.prefer)) {
      res.writeHead(status, { ...headers, 'content-length': '0' });
      res.end();
      return;
    }
    sendFhirJson(res, status, stored, headers);
  }

  async function passThrough(req: IncomingMessage, res: ServerResponse, url: string): Promise<void> {
    const [result, resource] = await callRouter(req.method as HttpMethod, url, req);
    const status = getStatus(result);
    if (status >= 400 || !resource) {
      sendOutcome(res, status, result);
      return;
    }
    sendFhirJson(res, status, resource, versionHeaders(fhirBaseUrl, resource, { location: false }));
  }

  async function authorize(req: IncomingMessage, res: ServerResponse): Promise<AccessGrant | undefined> {
    const check = await deps.verifyBearer(req.headers.authorization);
    if (check.ok) return check.grant;
    sendOutcome(res, 401, outcome('login', check.description), {
      'www-authenticate': `Bearer realm="${fhirBaseUrl}", error="invalid_token", error_description="${check.description}"`,
    });
    return undefined;
  }

  async function dispatch(req: IncomingMessage, res: ServerResponse, pathAndQuery: string): Promise<void> {
    const url = new URL(pathAndQuery || '/', 'http://fhir.invalid');
    const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const method = req.method ?? 'GET';
    const relativeUrl = `${segments.join('/')}${url.search}`;

    if (method === 'GET' && relativeUrl === 'metadata') {
      sendFhirJson(res, 200, capabilityStatement(fhirBaseUrl, deps.endpoints));
      return;
    }
    if (method === 'GET' && segments.join('/') === '.well-known/smart-configuration') {
      sendFhirJson(res, 200, smartConfiguration(deps.endpoints), { 'content-type': 'application/json; charset=utf-8' });
      return;
    }

    const grant = await authorize(req, res);
    if (!grant) return;
    const route = routeFor(method, segments);
    if (!route) {
      sendOutcome(res, 404, outcome('not-supported', `${method} ${url.pathname} is not supported by the sandbox`));
      return;
    }
    if (!scopesAllow(grant.scopes, route.resourceType, route.permission)) {
      sendOutcome(res, 403, outcome('forbidden', `The granted scopes do not allow this on ${route.resourceType}`));
      return;
    }

    if (route.resourceType === 'Binary' && route.permission === 'c') return createBinary(ctx, req, res);
    if (route.resourceType === 'Binary' && route.permission === 'r' && route.rest.length === 1 && route.rest[0]) {
      return readBinary(ctx, req, res, route.rest[0]);
    }
    if (route.permission === 's') return search(req, res, route, url.searchParams);
    if (route.permission === 'c' || route.permission === 'u') return write(req, res, route, relativeUrl);
    return passThrough(req, res, relativeUrl);
  }

  return async function handleFhir(req: IncomingMessage, res: ServerResponse, pathAndQuery: string): Promise<void> {
    try {
      await dispatch(req, res, pathAndQuery);
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const result = normalizeOperationOutcome(error);
      sendOutcome(res, getStatus(result), result);
    }
  };
}
