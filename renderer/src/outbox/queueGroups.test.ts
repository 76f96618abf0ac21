import { describe, expect, it } from 'vitest';
import type { OutboxItemView } from '../api/types';
import { groupByPatient } from './queueGroups';

function item(id: string, patientId: string, state: OutboxItemView['state']): OutboxItemView {
  return {
    id,
    kind: 'document',
    state,
    title: id,
    size: 1,
    sentBytes: 0,
    patient: { id: patientId, displayName: 'Garcia, Maria', identifiers: [] },
    targetLabel: 'Note',
    attempts: 0,
    createdAt: '2026-12-02T10:00:00.000Z',
    updatedAt: '2026-12-02T10:00:00.000Z',
  };
}

describe('queue grouped by patient', () => {
  it('puts the banner patient first and never mixes another patient into their group', () => {
    const groups = groupByPatient([item('a', 'p1', 'sent'), item('b', 'p2', 'queued'), item('c', 'p3', 'failed'), item('d', 'p2', 'sent')], 'p2');
    expect(groups.map((g) => g.patient.id)).toEqual(['p2', 'p3', 'p1']);
    expect(groups[0]?.open.map((i) => i.id)).toEqual(['b']);
    expect(groups[0]?.filed.map((i) => i.id)).toEqual(['d']);
  });

  it('leaves out what the user cancelled', () => {
    expect(groupByPatient([item('a', 'p1', 'cancelled')], 'p1')).toEqual([]);
  });
});
