import type * as oidc from 'openid-client';
import { z } from 'zod';

const QhrErrorBodySchema = z.object({ code: z.string(), message: z.string() });

/**
 * The QHR token API answers failures as `{"code":"400","message":"Bad Request"}` or
 * `{"code":"401","message":"Unauthorized"}` (shared/api/accuro.md §2.1, §5), not as RFC 6749
 * error bodies. openid-client would take them for a malformed answer, i.e. a transient fault, and
 * a spent one-time refresh token would then never end the session. They are restated in RFC 6749
 * §5.2 terms: 401 is the client (its credentials, or not authorized for this clinic), 400 the
 * grant (bad code or verifier, refresh token already used), which is what Okta itself answers
 * behind the QHR front (§2.2).
 */
export const qhrTokenApiFetch: oidc.CustomFetch = async (url, options) => {
  const response = await fetch(url, options);
  if (response.status !== 400 && response.status !== 401) return response;
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const qhr = QhrErrorBodySchema.safeParse(parsed);
  if (!qhr.success) return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
  const error = response.status === 401 ? 'invalid_client' : 'invalid_grant';
  return new Response(JSON.stringify({ error, error_description: `Accuro token API: ${qhr.data.message}` }), {
    status: response.status,
    headers: { 'content-type': 'application/json' },
  });
};
