import type { EventPayload, OutboxCounts, OutboxItemView, OutboxSummary } from '../api/types';

export interface QueueState {
  /** Newest first. */
  items: OutboxItemView[];
  paused: boolean;
  pausedReason: OutboxSummary['pausedReason'];
  /** What a signed-out screen may show instead of the items. */
  counts: OutboxCounts;
}

export type QueueEvent =
  /** `replace`: the listing is the whole truth (after "clear filed", or a sign-out), not a catch-up. */
  | { type: 'listed'; summary: OutboxSummary; replace?: boolean }
  | { type: 'enqueued'; items: OutboxItemView[] }
  | { type: 'changed'; item: EventPayload<'outbox:changed'> }
  | { type: 'progress'; progress: EventPayload<'outbox:progress'> }
  | { type: 'paused'; paused: EventPayload<'outbox:paused'> };

export const emptyQueue: QueueState = { items: [], paused: false, pausedReason: undefined, counts: { waiting: 0, filed: 0, needsAttention: 0 } };

function byNewest(a: OutboxItemView, b: OutboxItemView): number {
  return Date.parse(b.createdAt) - Date.parse(a.createdAt);
}

/**
 * A change from main is the item's full state and replaces what we hold, unless it is older than
 * it (the listing and the events race at start). Within one sending attempt the byte count only
 * grows: a late, smaller figure would make the bar jump back.
 */
function merge(current: OutboxItemView | undefined, next: OutboxItemView): OutboxItemView {
  if (!current) return next;
  if (Date.parse(next.updatedAt) < Date.parse(current.updatedAt)) return current;
  const sameAttempt = current.state === 'sending' && next.state === 'sending' && current.attempts === next.attempts;
  return sameAttempt ? { ...next, sentBytes: Math.max(current.sentBytes, next.sentBytes) } : next;
}

function upsert(items: OutboxItemView[], incoming: OutboxItemView[]): OutboxItemView[] {
  const byId = new Map(items.map((item) => [item.id, item]));
  for (const item of incoming) byId.set(item.id, merge(byId.get(item.id), item));
  return [...byId.values()].sort(byNewest);
}

/** Keeps only what the listing has, each item at its newest known state. */
function replaceAll(items: OutboxItemView[], listed: OutboxItemView[]): OutboxItemView[] {
  const byId = new Map(items.map((item) => [item.id, item]));
  return listed.map((item) => merge(byId.get(item.id), item)).sort(byNewest);
}

export function queueReducer(state: QueueState, event: QueueEvent): QueueState {
  switch (event.type) {
    case 'listed':
      return {
        items: event.replace ? replaceAll(state.items, event.summary.items) : upsert(state.items, event.summary.items),
        paused: event.summary.paused,
        pausedReason: event.summary.pausedReason,
        counts: event.summary.counts,
      };
    case 'enqueued':
      return { ...state, items: upsert(state.items, event.items) };
    case 'changed':
      return { ...state, items: upsert(state.items, [event.item]) };
    case 'progress': {
      const { id, sentBytes, totalBytes } = event.progress;
      const target = state.items.find((item) => item.id === id);
      // Progress for an item we have not been told about yet carries too little to show; its
      // 'changed' event follows.
      if (!target || target.state !== 'sending' || sentBytes <= target.sentBytes) return state;
      const updated = { ...target, sentBytes: Math.min(sentBytes, totalBytes || sentBytes), size: totalBytes || target.size };
      return { ...state, items: state.items.map((item) => (item.id === id ? updated : item)) };
    }
    case 'paused':
      return { ...state, paused: event.paused.paused, pausedReason: event.paused.pausedReason };
  }
}

export function applyAll(state: QueueState, events: readonly QueueEvent[]): QueueState {
  return events.reduce(queueReducer, state);
}
