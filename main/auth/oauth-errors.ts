import * as oidc from 'openid-client';
import { EmrError } from '../shared/errors.js';

/**
 * openid-client's failures mapped onto the taxonomy, worded for a clinic user. Security-check
 * failures (state, nonce, issuer, signature) all say the same thing: the answer was not used.
 */
export function describeOAuthFailure(error: unknown): EmrError {
  if (error instanceof EmrError) return error;
  // openid-client wraps whatever a server family's own fetch threw; its wording wins.
  if (error instanceof oidc.ClientError && error.cause instanceof EmrError) return error.cause;
  if (error instanceof oidc.AuthorizationResponseError) {
    if (error.error === 'access_denied') return new EmrError('auth', 'Sign-in was declined in the browser. Click Sign in to try again.', { cause: error });
    return new EmrError('auth', `The sign-in server refused the request (${error.error}). Try again, or ask IT to check the clinic profile.`, { cause: error });
  }
  if (error instanceof oidc.ResponseBodyError) {
    if (error.error === 'invalid_grant') {
      return new EmrError('auth', 'The sign-in is no longer valid. Sign in again.', { cause: error, status: error.status });
    }
    if (error.error === 'invalid_client') {
      return new EmrError('forbidden', 'The clinic’s sign-in server does not recognise ChartDrop. Ask IT to check the client id in the clinic profile.', { cause: error, status: error.status });
    }
    return new EmrError(error.status >= 500 ? 'transient' : 'auth', `The sign-in server answered “${error.error}”. Try again.`, { cause: error, status: error.status });
  }
  if (error instanceof oidc.ClientError) {
    if (error.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' || error.code === 'OAUTH_HTTP_REQUEST_FORBIDDEN') {
      return new EmrError('transient', 'The sign-in server gave an unexpected answer. Try again in a moment.', { cause: error });
    }
    return new EmrError('auth', 'The sign-in answer failed a security check and was not used. Start the sign-in again from ChartDrop.', { cause: error });
  }
  if (error instanceof TypeError || (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError'))) {
    return new EmrError('transient', 'Could not reach the clinic’s sign-in server. Check the network connection and try again.', { cause: error });
  }
  return new EmrError('auth', 'Sign-in failed. Try again.', { cause: error });
}
