import { useEffect, useState } from 'react';
import { request } from '../api/client';
import type { ErrorView, ProfileSummary } from '../api/types';
import { ErrorMessage } from '../ErrorMessage';
import { t } from '../strings';

/**
 * Shown only where more than one clinic is configured. Each clinic keeps its own sign-in and
 * outbox in main; switching reloads the window so nothing of the previous clinic stays on screen.
 */
export function ClinicSwitcher({ activeName }: { activeName: string }) {
  const [profiles, setProfiles] = useState<ProfileSummary[]>([]);
  const [error, setError] = useState<ErrorView | null>(null);

  useEffect(() => {
    void request('profiles:list', null).then((outcome) => {
      if (outcome.ok) setProfiles(outcome.value);
    });
  }, []);

  if (profiles.length < 2) return <span className="app-clinic">{activeName}</span>;

  const active = profiles.find((p) => p.active);
  const switchTo = async (profileId: string) => {
    setError(null);
    const outcome = await request('profiles:switch', { profileId });
    if (!outcome.ok) setError(outcome.error);
  };

  return (
    <>
      <select className="app-clinic-switcher" aria-label={t.app.clinic} value={active?.id ?? ''} onChange={(event) => void switchTo(event.target.value)}>
        {profiles.map((profile) => (
          <option key={profile.id} value={profile.id}>
            {profile.name}
          </option>
        ))}
      </select>
      {error && <ErrorMessage error={error} />}
    </>
  );
}
