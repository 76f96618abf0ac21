import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { request, subscribe } from '../api/client';
import type { ErrorView } from '../api/types';
import { applyAll, emptyQueue, type QueueEvent, type QueueState } from './queueReducer';

/** Progress can arrive many times a second per file; the list re-renders at most this often. */
const RENDER_INTERVAL_MS = 150;

function batchReducer(state: QueueState, events: readonly QueueEvent[]): QueueState {
  return applyAll(state, events);
}

/**
 * The uploads as main reports them. `signedIn` re-lists on every sign-in and sign-out: signed out,
 * main lists counts only, and what was shown before must not stay on screen.
 */
export function useOutbox(signedIn: boolean) {
  const [queue, dispatchBatch] = useReducer(batchReducer, emptyQueue);
  const [listError, setListError] = useState<ErrorView | null>(null);
  const [listed, setListed] = useState(false);
  const pending = useRef<QueueEvent[]>([]);
  const timer = useRef<number | null>(null);

  const flush = useCallback(() => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
    const events = pending.current;
    pending.current = [];
    if (events.length > 0) dispatchBatch(events);
  }, []);

  const queueEvent = useCallback(
    (event: QueueEvent) => {
      pending.current.push(event);
      if (timer.current === null) timer.current = window.setTimeout(flush, RENDER_INTERVAL_MS);
    },
    [flush],
  );

  /** For replies to the user's own action: shown at once, after anything already waiting. */
  const apply = useCallback(
    (event: QueueEvent) => {
      pending.current.push(event);
      flush();
    },
    [flush],
  );

  useEffect(() => {
    const stops = [
      subscribe('outbox:changed', (item) => queueEvent({ type: 'changed', item })),
      subscribe('outbox:progress', (progress) => queueEvent({ type: 'progress', progress })),
      subscribe('outbox:paused', (paused) => queueEvent({ type: 'paused', paused })),
    ];
    let stale = false;
    void request('outbox:list', null).then((outcome) => {
      if (stale) return;
      if (outcome.ok) apply({ type: 'listed', summary: outcome.value, replace: true });
      else setListError(outcome.error);
      setListed(true);
    });
    return () => {
      stale = true;
      for (const stop of stops) stop();
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = null;
    };
  }, [queueEvent, apply, signedIn]);

  return { queue, apply, listed, listError };
}
