import { describe, expect, it } from 'vitest';
import type { OutboxItemView } from '../api/types';
import { applyAll, emptyQueue, queueReducer, type QueueEvent } from './queueReducer';

function item(id: string, overrides: Partial<OutboxItemView> = {}): OutboxItemView {
  return {
    id,
    kind: 'document',
    state: 'queued',
    title: `Doc ${id}`,
    size: 1000,
    sentBytes: 0,
    patient: { id: 'p1', displayName: 'Tremblay, Amélie', identifiers: [] },
    targetLabel: 'Lab results',
    attempts: 0,
    createdAt: '2025-01-09T10:00:00.000Z',
    updatedAt: '2025-01-09T10:00:00.000Z',
    ...overrides,
  };
}

const counts = { waiting: 1, filed: 0, needsAttention: 0 };
const at = (second: number) => `2025-01-09T10:00:${String(second).padStart(2, '0')}.000Z`;

describe('queueReducer', () => {
  it('applies events in order', () => {
    const state = applyAll(emptyQueue, [
      { type: 'changed', item: item('a') },
      { type: 'changed', item: item('a', { state: 'sending', attempts: 1, updatedAt: at(1) }) },
      { type: 'progress', progress: { id: 'a', sentBytes: 400, totalBytes: 1000 } },
      { type: 'changed', item: item('a', { state: 'sent', sentBytes: 1000, emrId: 'D1', attempts: 1, updatedAt: at(2) }) },
    ]);
    expect(state.items).toHaveLength(1);
    expect(state.items[0]).toMatchObject({ state: 'sent', sentBytes: 1000, emrId: 'D1' });
  });

  it('moves progress only forward', () => {
    const sending = applyAll(emptyQueue, [
      { type: 'changed', item: item('a', { state: 'sending', attempts: 1 }) },
      { type: 'progress', progress: { id: 'a', sentBytes: 600, totalBytes: 1000 } },
      { type: 'progress', progress: { id: 'a', sentBytes: 200, totalBytes: 1000 } },
    ]);
    expect(sending.items[0]?.sentBytes).toBe(600);

    const staleChange = queueReducer(sending, {
      type: 'changed',
      item: item('a', { state: 'sending', attempts: 1, sentBytes: 100, updatedAt: at(3) }),
    });
    expect(staleChange.items[0]?.sentBytes).toBe(600);
  });

  it('starts progress again on a new attempt', () => {
    const state = applyAll(emptyQueue, [
      { type: 'changed', item: item('a', { state: 'sending', attempts: 1, sentBytes: 900 }) },
      { type: 'changed', item: item('a', { state: 'failed', attempts: 1, sentBytes: 900, updatedAt: at(1) }) },
      { type: 'changed', item: item('a', { state: 'sending', attempts: 2, sentBytes: 0, updatedAt: at(2) }) },
    ]);
    expect(state.items[0]?.sentBytes).toBe(0);
  });

  it('adds items it has not seen, newest first', () => {
    const state = applyAll(emptyQueue, [
      { type: 'listed', summary: { paused: false, counts, items: [item('a')] } },
      { type: 'changed', item: item('b', { createdAt: at(30) }) },
    ]);
    expect(state.items.map((entry) => entry.id)).toEqual(['b', 'a']);
  });

  it('ignores progress for an item it does not know yet', () => {
    const state = queueReducer(emptyQueue, { type: 'progress', progress: { id: 'zzz', sentBytes: 5, totalBytes: 10 } });
    expect(state).toBe(emptyQueue);
  });

  it('keeps a newer event over an older listing', () => {
    const state = applyAll(emptyQueue, [
      { type: 'changed', item: item('a', { state: 'sent', updatedAt: at(9) }) },
      { type: 'listed', summary: { paused: false, counts, items: [item('a', { state: 'queued', updatedAt: at(1) })] } },
    ]);
    expect(state.items[0]?.state).toBe('sent');
  });

  it('keeps each item with the patient it was dropped for', () => {
    const events: QueueEvent[] = [
      { type: 'enqueued', items: [item('a', { patient: { id: 'p1', displayName: 'Tremblay, Amélie', identifiers: [] } })] },
      { type: 'changed', item: item('b', { patient: { id: 'p2', displayName: 'Roy, Jean', identifiers: [] }, createdAt: at(5) }) },
    ];
    const state = applyAll(emptyQueue, events);
    expect(state.items.map((entry) => entry.patient.displayName)).toEqual(['Roy, Jean', 'Tremblay, Amélie']);
  });

  it('drops what a replacing listing no longer has (clear filed, sign-out) but keeps newer states of the rest', () => {
    const state = applyAll(emptyQueue, [
      { type: 'changed', item: item('a', { state: 'sent', updatedAt: at(3) }) },
      { type: 'changed', item: item('b', { state: 'sending', attempts: 1, updatedAt: at(4) }) },
      { type: 'listed', replace: true, summary: { paused: false, counts, items: [item('b', { state: 'queued', updatedAt: at(1) })] } },
    ]);
    expect(state.items.map((entry) => [entry.id, entry.state])).toEqual([['b', 'sending']]);
    expect(state.counts).toEqual(counts);
  });

  it('records why uploads are paused', () => {
    const state = queueReducer(emptyQueue, { type: 'paused', paused: { paused: true, pausedReason: 'signed-out' } });
    expect(state).toMatchObject({ paused: true, pausedReason: 'signed-out' });
  });
});
