/**
 * What every call of one connector carries besides the bearer token: Accuro names its instance
 * with `?uuid=` and wants `X-QHR-Subscription-Key` on every call (shared/api/accuro.md §1).
 */
export interface RequestDefaults {
  headers?: Readonly<Record<string, string>>;
  searchParams?: Readonly<Record<string, string>>;
}

/**
 * A function is asked again before each request: Accuro's key is read from the encrypted vault,
 * so a key re-entered in the profile is used from the next call on.
 */
export type RequestDefaultsSource = RequestDefaults | (() => Promise<RequestDefaults>);

export async function resolveDefaults(source: RequestDefaultsSource | undefined): Promise<RequestDefaults> {
  if (source === undefined) return {};
  return typeof source === 'function' ? source() : source;
}

/** Sets the default headers a call did not set itself; a call's own value wins. */
export function applyDefaultHeaders(headers: Headers, defaults: RequestDefaults): void {
  for (const [name, value] of Object.entries(defaults.headers ?? {})) {
    if (!headers.has(name)) headers.set(name, value);
  }
}

/**
 * The URL with the default parameters it lacks appended. What it already holds is kept byte for
 * byte: a server's next-page link is opaque, and re-serializing it would re-encode it.
 */
export function withDefaultParams(url: URL, defaults: RequestDefaults): URL {
  const missing = Object.entries(defaults.searchParams ?? {}).filter(([name]) => !url.searchParams.has(name));
  if (missing.length === 0) return url;
  const extra = new URLSearchParams(missing).toString();
  const withParams = new URL(url);
  withParams.search = url.search ? `${url.search}&${extra}` : `?${extra}`;
  return withParams;
}
