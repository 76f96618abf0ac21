import { useState } from 'react';
import { request } from '../api/client';
import type { AuthStatus, ErrorView } from '../api/types';
import { ErrorMessage } from '../ErrorMessage';
import { t } from '../strings';

interface SignInPanelProps {
  clinicName: string;
  auth: AuthStatus;
  onStatus: (status: AuthStatus) => void;
}

export function SignInPanel({ clinicName, auth, onStatus }: SignInPanelProps) {
  const [waiting, setWaiting] = useState(false);
  const [requestError, setRequestError] = useState<ErrorView | null>(null);
  const inBrowser = waiting || auth.state === 'signing-in';
  // An expired session already has its own wording; the status error only explains a failed sign-in.
  const error = requestError ?? (auth.state === 'signed-out' ? auth.error : undefined);

  async function signIn() {
    setWaiting(true);
    setRequestError(null);
    const outcome = await request('auth:signIn', null);
    setWaiting(false);
    if (outcome.ok) onStatus(outcome.value);
    else setRequestError(outcome.error);
  }

  async function cancel() {
    const outcome = await request('auth:cancel', null);
    if (!outcome.ok) setRequestError(outcome.error);
  }

  return (
    <section className="panel sign-in" aria-labelledby="sign-in-heading">
      <h1 id="sign-in-heading">{t.auth.heading}</h1>
      {auth.state === 'expired' ? (
        <p className="sign-in-expired" role="status">
          {t.auth.expired}
        </p>
      ) : (
        <p>{t.auth.intro(clinicName)}</p>
      )}
      {inBrowser ? (
        <div className="sign-in-waiting" role="status">
          <p>{t.auth.waiting}</p>
          <button type="button" className="button-secondary" onClick={() => void cancel()} autoFocus>
            {t.auth.cancel}
          </button>
        </div>
      ) : (
        <button type="button" className="button-primary" onClick={() => void signIn()}>
          {t.auth.signIn}
        </button>
      )}
      {error && !inBrowser && <ErrorMessage error={error} context={t.auth.failed} />}
    </section>
  );
}
