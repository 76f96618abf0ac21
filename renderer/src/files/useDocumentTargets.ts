import { useCallback, useEffect, useState } from 'react';
import { request } from '../api/client';
import type { DocumentTarget, ErrorView } from '../api/types';

/** Folder ids are clinic configuration, not patient data, so they may sit in the renderer's storage. */
function storageKey(profileId: string): string {
  return `chartdrop.lastDocumentTarget.${profileId}`;
}

/** The EMR's folders / categories / document types, and the one the user chose last on this profile. */
export function useDocumentTargets(profileId: string) {
  const [targets, setTargets] = useState<DocumentTarget[]>([]);
  const [error, setError] = useState<ErrorView | null>(null);
  const [lastChoice, setLastChoice] = useState(() => localStorage.getItem(storageKey(profileId)) ?? '');

  useEffect(() => {
    let stale = false;
    void request('documents:targets', null).then((outcome) => {
      if (stale) return;
      if (outcome.ok) setTargets(outcome.value);
      else setError(outcome.error);
    });
    return () => {
      stale = true;
    };
  }, [profileId]);

  const remember = useCallback(
    (targetId: string) => {
      setLastChoice(targetId);
      localStorage.setItem(storageKey(profileId), targetId);
    },
    [profileId],
  );

  const only = targets.length === 1 ? targets[0]?.id : undefined;
  const known = targets.some((target) => target.id === lastChoice);
  /** What a newly dropped file starts with: the last choice if it still exists, the only one if there is one. */
  const defaultTargetId = known ? lastChoice : (only ?? '');

  return { targets, error, defaultTargetId, remember };
}
