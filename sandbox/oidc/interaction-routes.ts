import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InteractionDetails, Provider } from 'oidc-provider';
import { readBody } from '../http/read-body.js';
import { INTERACTION_MOUNT } from '../paths.js';
import { describeScope } from '../smart-scopes.js';
import { findUserByLogin } from '../users.js';
import { consentPage, errorPage, loginPage } from './pages.js';
import type { ServerQuirks } from './server-quirks.js';

const FORM_LIMIT_BYTES = 16 * 1024;

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(html),
  });
  res.end(html);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams((await readBody(req, FORM_LIMIT_BYTES)).toString('utf8'));
}

function requestedScopes(details: InteractionDetails): Array<{ scope: string; words: string }> {
  const scopes = [...new Set((details.params.scope ?? '').split(' ').filter(Boolean))];
  return scopes.map((scope) => ({ scope, words: describeScope(scope) }));
}

function showPrompt(res: ServerResponse, details: InteractionDetails): void {
  const clientId = details.params.client_id ?? 'the app';
  const action = `${INTERACTION_MOUNT}/${details.uid}/${details.prompt.name}`;
  if (details.prompt.name === 'login') {
    sendHtml(res, 200, loginPage({ action, clientId }));
    return;
  }
  const user = findUserByLogin(details.session?.accountId ?? '');
  sendHtml(res, 200, consentPage({ action, clientId, userName: user?.displayName ?? 'unknown user', requested: requestedScopes(details) }));
}

async function submitLogin(provider: Provider, req: IncomingMessage, res: ServerResponse, details: InteractionDetails): Promise<void> {
  const form = await readForm(req);
  const login = form.get('login') ?? '';
  const user = findUserByLogin(login);
  if (!user || user.password !== form.get('password')) {
    const action = `${INTERACTION_MOUNT}/${details.uid}/login`;
    sendHtml(res, 200, loginPage({ action, clientId: details.params.client_id ?? 'the app', login, error: 'Wrong username or password. Try again.' }));
    return;
  }
  await provider.interactionFinished(req, res, { login: { accountId: user.login } }, { mergeWithLastSubmission: false });
}

/** Saves a Grant with everything that was asked for and lets the authorization continue. */
async function grantEverythingAsked(provider: Provider, req: IncomingMessage, res: ServerResponse, details: InteractionDetails): Promise<void> {
  const accountId = details.session?.accountId;
  const clientId = details.params.client_id;
  if (!accountId || !clientId) throw new Error('consent given without a signed-in user or client');
  const grant = (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ?? new provider.Grant({ accountId, clientId });
  const { missingOIDCScope, missingOIDCClaims, missingResourceScopes } = details.prompt.details;
  if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(' '));
  if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

/** Allow saves a Grant with everything that was asked for; Deny ends in `error=access_denied`. */
async function submitConsent(provider: Provider, req: IncomingMessage, res: ServerResponse, details: InteractionDetails): Promise<void> {
  const form = await readForm(req);
  if (form.get('decision') !== 'allow') {
    await provider.interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: 'The user denied access' },
      { mergeWithLastSubmission: false },
    );
    return;
  }
  await grantEverythingAsked(provider, req, res, details);
}

/**
 * The `autoApprove` switch: a server that already knows the user answers every prompt itself,
 * so the browser sees nothing but redirects from the authorize URL to the app's loopback address.
 */
async function approveKnownUser(provider: Provider, req: IncomingMessage, res: ServerResponse, details: InteractionDetails, login: string): Promise<void> {
  if (details.prompt.name === 'login') {
    await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
    return;
  }
  await grantEverythingAsked(provider, req, res, details);
}

/** Serves `/interaction/{uid}` (GET: the page for the pending prompt) and its form posts. */
export function createInteractionRoutes(provider: Provider, quirks: ServerQuirks) {
  return async function handleInteraction(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const [uid, step] = pathname.slice(INTERACTION_MOUNT.length + 1).split('/');
    let details: InteractionDetails;
    try {
      details = await provider.interactionDetails(req, res);
    } catch {
      sendHtml(res, 400, errorPage({ error: 'session_not_found', error_description: 'This sign-in has expired or was already used. Start again from the app.' }));
      return;
    }
    if (details.uid !== uid) {
      sendHtml(res, 400, errorPage({ error: 'invalid_request', error_description: 'This page does not belong to the current sign-in.' }));
      return;
    }
    const knownUser = quirks.autoApprove === undefined ? undefined : findUserByLogin(quirks.autoApprove);
    if (req.method === 'GET' && step === undefined && knownUser) {
      await approveKnownUser(provider, req, res, details, knownUser.login);
      return;
    }
    if (req.method === 'GET' && step === undefined) {
      showPrompt(res, details);
      return;
    }
    if (req.method === 'POST' && step === details.prompt.name && step === 'login') {
      await submitLogin(provider, req, res, details);
      return;
    }
    if (req.method === 'POST' && step === details.prompt.name && step === 'consent') {
      await submitConsent(provider, req, res, details);
      return;
    }
    sendHtml(res, 404, errorPage({ error: 'not_found', error_description: 'No such sign-in step.' }));
  };
}
