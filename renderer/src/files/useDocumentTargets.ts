import { useEffect, useState } from 'react';
import { targetChoices, type TargetChoice } from '../../../common/document-targets';
import { request } from '../api/client';
import type { ErrorView } from '../api/types';

/**
 * The EMR's folders / categories / document types, flattened to one list labelled by path. A new
 * file starts with the clinic's default target, or the only one there is, or none: the last choice
 * belongs to the last file, not to the next, unrelated one.
 */
export function useDocumentTargets(profileId: string) {
  const [targets, setTargets] = useState<TargetChoice[]>([]);
  const [configuredDefault, setConfiguredDefault] = useState<string | undefined>(undefined);
  const [error, setError] = useState<ErrorView | null>(null);

  useEffect(() => {
    let stale = false;
    void request('documents:targets', null).then((outcome) => {
      if (stale) return;
      if (outcome.ok) {
        setTargets(targetChoices(outcome.value.targets));
        setConfiguredDefault(outcome.value.defaultTargetId);
      } else setError(outcome.error);
    });
    return () => {
      stale = true;
    };
  }, [profileId]);

  const defaultTargetId = targets.some((t) => t.id === configuredDefault) ? (configuredDefault ?? '') : targets.length === 1 ? (targets[0]?.id ?? '') : '';
  return { targets, error, defaultTargetId };
}
