import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { consentPage, errorPage, loginPage } from '../oidc/pages.js';
import { findUserByLogin, type SandboxUser } from '../users.js';
import { readText, redirect, sendHtml } from './http-io.js';

/** An authorization request that passed the server's checks and now waits for the user. */
export interface PendingSignIn {
  clientName: string;
  scopes: ReadonlyArray<string>;
}

export interface SignInPagesOptions<T extends PendingSignIn> {
  /** Path of the login page for `uid`; the consent page is the same path with `/consent` appended. */
  loginPath(uid: string): string;
  /** The user allowed access: answer with the redirect that carries the code. */
  approved(res: ServerResponse, pending: T, user: SandboxUser): Promise<void>;
  /** The user pressed Deny. */
  denied(res: ServerResponse, pending: T): void;
}

/**
 * A login page, then a consent page with Allow and Deny, the way the server's own pages would be
 * walked by a browser (or `completeSignInWithoutBrowser`). The pending request is found by an
 * unguessable id in the path instead of a session cookie; it is used once.
 */
export function createSignInPages<T extends PendingSignIn>(options: SignInPagesOptions<T>) {
  const pending = new Map<string, { request: T; user?: SandboxUser }>();

  return {
    /** Park a validated request and send the browser to the login page. */
    begin(res: ServerResponse, request: T): void {
      const uid = randomBytes(16).toString('base64url');
      pending.set(uid, { request });
      redirect(res, 303, options.loginPath(uid));
    },

    /** `step` is `''` for the login page and `'consent'` for the consent page. */
    async handle(req: IncomingMessage, res: ServerResponse, uid: string, step: string): Promise<void> {
      const entry = pending.get(uid);
      if (!entry) {
        sendHtml(res, 400, errorPage({ error: 'session_not_found', error_description: 'This sign-in has expired or was already used. Start again from the app.' }));
        return;
      }
      const action = options.loginPath(uid);
      const clientName = entry.request.clientName;
      if (step === '' && req.method === 'GET') {
        sendHtml(res, 200, loginPage({ action, clientId: clientName }));
        return;
      }
      if (step === '' && req.method === 'POST') {
        const form = new URLSearchParams(await readText(req));
        const user = findUserByLogin(form.get('login') ?? '');
        if (!user || user.password !== form.get('password')) {
          sendHtml(res, 200, loginPage({ action, clientId: clientName, login: form.get('login') ?? '', error: 'Wrong username or password. Try again.' }));
          return;
        }
        entry.user = user;
        redirect(res, 303, `${action}/consent`);
        return;
      }
      if (step === 'consent' && entry.user && req.method === 'GET') {
        const requested = entry.request.scopes.map((scope) => ({ scope, words: scope }));
        sendHtml(res, 200, consentPage({ action: `${action}/consent`, clientId: clientName, userName: entry.user.displayName, requested }));
        return;
      }
      if (step === 'consent' && entry.user && req.method === 'POST') {
        const form = new URLSearchParams(await readText(req));
        pending.delete(uid);
        if (form.get('decision') === 'allow') await options.approved(res, entry.request, entry.user);
        else options.denied(res, entry.request);
        return;
      }
      sendHtml(res, 404, errorPage({ error: 'not_found', error_description: 'No such sign-in step.' }));
    },
  };
}
