import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Provider } from 'oidc-provider';
import { smartAuthorizeRequest } from './smart-authorize-params.js';

/**
 * oidc-provider mounted under `mount` on a plain node:http server. Like Express mounting, it
 * gets `req.url` relative to the mount and `req.originalUrl` with it, from which it derives the
 * mount path for the URLs it builds (the interaction resume URL among them).
 */
export function mountProvider(provider: Provider, mount: string) {
  const callback = provider.callback();
  return async function handleProvider(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const relativeUrl = smartAuthorizeRequest(req.method ?? 'GET', (req.url ?? '/').slice(mount.length) || '/', '/auth');
    Object.assign(req, { originalUrl: `${mount}${relativeUrl}` });
    req.url = relativeUrl;
    await callback(req, res);
  };
}
