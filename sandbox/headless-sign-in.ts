import { CookieJar } from './cookie-jar.js';

/** The sign-in could not reach the redirect: wrong credentials, an error page, an unexpected page. */
export class HeadlessSignInError extends Error {
  constructor(
    message: string,
    /** The HTML of the page the walk stopped on. */
    readonly page: string,
    readonly status: number,
  ) {
    super(message);
  }
}

interface HtmlForm {
  action: string;
  fields: URLSearchParams;
  buttons: Array<{ name: string; value: string; label: string }>;
  hasPassword: boolean;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag);
  return match?.[1] === undefined ? undefined : decodeEntities(match[1]);
}

/** The first POST form on the page, read the way a browser would submit it. */
function parseForm(html: string): HtmlForm | undefined {
  const match = /<form\b[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!match) return undefined;
  const [formHtml, inner = ''] = match;
  const fields = new URLSearchParams();
  let hasPassword = false;
  for (const [input] of inner.matchAll(/<input\b[^>]*>/gi)) {
    const name = attribute(input, 'name');
    if (attribute(input, 'type') === 'password') hasPassword = true;
    if (name) fields.set(name, attribute(input, 'value') ?? '');
  }
  const buttons = [...inner.matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/gi)].map(([, attrs = '', label = '']) => ({
    name: attribute(` ${attrs}`, 'name') ?? '',
    value: attribute(` ${attrs}`, 'value') ?? '',
    label: decodeEntities(label.trim()),
  }));
  return { action: attribute(formHtml, 'action') ?? '', fields, buttons, hasPassword };
}

function pageError(html: string): string {
  const alert = /role="alert"[^>]*>([\s\S]*?)</.exec(html)?.[1];
  return alert ? decodeEntities(alert.trim()) : 'unexpected page';
}

/**
 * Walk the sandbox's real login and consent pages with fetch and a cookie jar, as a browser
 * would, and return the final redirect to the app's loopback `redirect_uri` (with `code`,
 * `state`, `iss`, or `error`) without requesting it. Throws HeadlessSignInError when the walk
 * stops on a page instead (wrong password, error page).
 */
export async function completeSignInWithoutBrowser(
  authorizeUrl: string,
  opts: { login: string; password: string; approve?: boolean },
): Promise<string> {
  const redirectUri = new URL(authorizeUrl).searchParams.get('redirect_uri');
  if (!redirectUri) throw new Error('authorize URL has no redirect_uri');
  const callback = new URL(redirectUri);
  const isCallback = (url: URL) => url.hostname === callback.hostname && url.port === callback.port && url.pathname === callback.pathname;

  const jar = new CookieJar();
  let url = new URL(authorizeUrl);
  let init: RequestInit = { method: 'GET' };
  for (let step = 0; step < 20; step += 1) {
    const headers = new Headers(init.headers);
    const cookie = jar.headerFor(url);
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    jar.store(response, url);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      const next = new URL(location, url);
      if (isCallback(next)) return next.href;
      url = next;
      init = { method: 'GET' };
      continue;
    }
    const html = await response.text();
    const form = response.ok ? parseForm(html) : undefined;
    if (!form) throw new HeadlessSignInError(`sign-in stopped on a ${response.status} page: ${pageError(html)}`, html, response.status);
    if (form.hasPassword) {
      if (html.includes('role="alert"')) throw new HeadlessSignInError(`sign-in refused: ${pageError(html)}`, html, response.status);
      form.fields.set('login', opts.login);
      form.fields.set('password', opts.password);
    } else {
      const wanted = opts.approve === false ? 'Deny' : 'Allow';
      const button = form.buttons.find((candidate) => candidate.label === wanted);
      if (!button) throw new HeadlessSignInError(`no "${wanted}" button on the page`, html, response.status);
      form.fields.set(button.name, button.value);
    }
    url = new URL(form.action, url);
    init = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.fields.toString() };
  }
  throw new Error('sign-in did not reach the redirect_uri within 20 steps');
}
