import * as oidc from 'openid-client';
import { z } from 'zod';
import type { AuthServer } from './auth-server.js';
import type { TokenResponse } from './authorization-flow.js';
import type { SignedInUser } from './token-set.js';

const HumanNameSchema = z.object({
  use: z.string().optional(),
  text: z.string().optional(),
  family: z.string().optional(),
  given: z.array(z.string()).optional(),
  prefix: z.array(z.string()).optional(),
  suffix: z.array(z.string()).optional(),
});
type HumanName = z.infer<typeof HumanNameSchema>;

/** Practitioner, Person, RelatedPerson and Patient all name people the same way. */
const NamedResourceSchema = z.object({ resourceType: z.string(), name: z.array(HumanNameSchema).optional() });

const NAME_USE_PREFERENCE = ['usual', 'official', undefined, 'temp', 'nickname', 'anonymous'];

function spoken(name: HumanName): string | undefined {
  const text = name.text?.trim();
  if (text) return text;
  const parts = [...(name.prefix ?? []), ...(name.given ?? []), ...(name.family ? [name.family] : []), ...(name.suffix ?? [])].map((part) => part.trim()).filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

/** The name to show for a FHIR HumanName list: the usual or official one, never an `old` or `maiden` one. */
export function displayNameOf(names: readonly HumanName[]): string | undefined {
  const rank = (name: HumanName) => {
    const index = NAME_USE_PREFERENCE.indexOf(name.use);
    return index === -1 ? Number.POSITIVE_INFINITY : index;
  };
  const candidates = names.filter((name) => rank(name) !== Number.POSITIVE_INFINITY).sort((a, b) => rank(a) - rank(b));
  for (const name of candidates) {
    const words = spoken(name);
    if (words) return words;
  }
  return undefined;
}

/**
 * `fhirUser` as a URL on the FHIR server the access token was issued for, or undefined. The
 * claim may be relative to the FHIR base (SMART App Launch §"fhirUser"); an absolute one on any
 * other server is not followed: the access token is for this FHIR server alone.
 */
export function fhirUserUrl(fhirUser: string, fhirBaseUrl: string): URL | undefined {
  const base = `${fhirBaseUrl.replace(/\/+$/, '')}/`;
  let url: URL;
  try {
    url = new URL(fhirUser, base);
  } catch {
    return undefined;
  }
  if (!url.href.startsWith(base) || url.search || url.hash) return undefined;
  return /^[A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/.test(url.href.slice(base.length)) ? url : undefined;
}

async function nameFromFhirUser(server: AuthServer, accessToken: string, fhirUser: string): Promise<string> {
  const url = server.fhirBaseUrl === undefined ? undefined : fhirUserUrl(fhirUser, server.fhirBaseUrl);
  if (!url) throw new Error('fhirUser is not a resource on this FHIR server');
  const response = await oidc.fetchProtectedResource(server.config, accessToken, url, 'GET', undefined, new Headers({ accept: 'application/fhir+json' }));
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`the FHIR server answered ${response.status}`);
  }
  const resource = NamedResourceSchema.safeParse(await response.json());
  if (!resource.success) throw new Error('the answer is not a FHIR resource with a name');
  const name = displayNameOf(resource.data.name ?? []);
  if (!name) throw new Error(`the ${resource.data.resourceType} has no usable name`);
  return name;
}

/**
 * Who signed in, from the id_token openid-client verified: its `name`, else the name on the
 * `fhirUser` resource (many SMART servers send no `name` claim), else no name at all — the UI then
 * says plainly "Signed in" rather than showing an opaque `sub`.
 */
export async function signedInUser(server: AuthServer, response: TokenResponse, log: (line: string) => void): Promise<{ user: SignedInUser; subject?: string }> {
  const claims = response.claims();
  if (!claims) return { user: {} };
  const fhirUser = typeof claims['fhirUser'] === 'string' ? claims['fhirUser'] : undefined;
  const claimedName = typeof claims['name'] === 'string' ? claims['name'].trim() : '';
  let displayName: string | undefined = claimedName || undefined;
  if (!displayName && fhirUser) {
    try {
      displayName = await nameFromFhirUser(server, response.access_token, fhirUser);
    } catch (error) {
      log(`sign-in: no name for the signed-in user from fhirUser (${error instanceof Error ? error.message : 'unknown error'})`);
    }
  }
  return { user: { ...(displayName ? { displayName } : {}), ...(fhirUser ? { fhirUser } : {}) }, subject: claims.sub };
}
