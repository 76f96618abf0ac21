import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { FaultSource } from '../faults.js';
import type { RequestRecorder } from '../request-log.js';
import { FHIR_MOUNT, INTERACTION_MOUNT, OIDC_MOUNT } from '../paths.js';
import { applyFault, type FaultOutcome } from './apply-fault.js';


export interface SandboxRoutes {
  /** oidc-provider, given the request as received (it strips its own mount). */
  oidc(req: IncomingMessage, res: ServerResponse): Promise<void>;
  interaction(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void>;
  fhir(req: IncomingMessage, res: ServerResponse, pathAndQuery: string): Promise<void>;
  home(res: ServerResponse): void;
}

function isUnder(pathname: string, mount: string): boolean {
  return pathname === mount || pathname.startsWith(`${mount}/`);
}

async function route(routes: SandboxRoutes, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const pathAndQuery = req.url ?? '/';
  const pathname = pathAndQuery.split('?', 1)[0] ?? '/';
  if (isUnder(pathname, OIDC_MOUNT)) return routes.oidc(req, res);
  if (isUnder(pathname, INTERACTION_MOUNT)) return routes.interaction(req, res, pathname);
  if (isUnder(pathname, FHIR_MOUNT)) return routes.fhir(req, res, pathAndQuery.slice(FHIR_MOUNT.length));
  if (pathname === '/' && req.method === 'GET') return routes.home(res);
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('Not found\n');
}

/**
 * Serve every request on `server`: routing, fault injection and the request log, for all paths
 * alike. Attached after `listen` because the routes need the origin, which needs the port.
 */
export function serveSandbox(
  server: Server,
  routes: SandboxRoutes,
  faults: FaultSource,
  requests: RequestRecorder,
  log: (line: string) => void,
): void {
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    const pathAndQuery = req.url ?? '/';
    const path = pathAndQuery.split('?', 1)[0] ?? '/';
    const rule = faults.take(method, pathAndQuery);
    const faultOutcome: FaultOutcome = {};

    res.once('close', () => {
      const status = faultOutcome.statusOverride ?? (res.headersSent ? res.statusCode : 0);
      requests.record({ method, path, status, ...(rule ? { fault: rule.kind } : {}) });
      log(`${method} ${path} ${status}${rule ? ` fault=${rule.kind}` : ''}`);
    });

    const proceed = () => route(routes, req, res);
    const handled = rule ? applyFault(rule, req, res, proceed, faultOutcome) : proceed();
    handled.catch((error: unknown) => {
      log(`${method} ${path} failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Internal error\n');
      } else {
        res.destroy();
      }
    });
  });
}
