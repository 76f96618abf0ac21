import { useEffect, useState } from 'react';
import { request } from '../api/client';
import type { DocumentTarget, ErrorView } from '../api/types';

/**
 * The EMR's folders / categories / document types. A new file starts with none chosen unless
 * there is only one: the last choice belongs to the last file, not to the next, unrelated one.
 */
export function useDocumentTargets(profileId: string) {
  const [targets, setTargets] = useState<DocumentTarget[]>([]);
  const [error, setError] = useState<ErrorView | null>(null);

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

  const defaultTargetId = targets.length === 1 ? (targets[0]?.id ?? '') : '';
  return { targets, error, defaultTargetId };
}
