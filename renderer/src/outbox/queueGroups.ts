import type { OutboxItemView } from '../api/types';

export interface QueueGroup {
  patient: OutboxItemView['patient'];
  /** Still to do or needing the user: queued, sending, failed, needs review. */
  open: OutboxItemView[];
  filed: OutboxItemView[];
}

/**
 * The queue as the user reads it: the banner's patient first, then each other patient under their
 * own name, so nothing of another patient's ever sits under the current banner. Cancelled items
 * were removed by the user and are not shown.
 */
export function groupByPatient(items: readonly OutboxItemView[], currentPatientId: string | undefined): QueueGroup[] {
  const groups = new Map<string, QueueGroup>();
  for (const item of items) {
    if (item.state === 'cancelled') continue;
    const group = groups.get(item.patient.id) ?? { patient: item.patient, open: [], filed: [] };
    (item.state === 'sent' ? group.filed : group.open).push(item);
    groups.set(item.patient.id, group);
  }
  const all = [...groups.values()];
  // Then the patients with something still to do, before those whose items are all filed.
  return all.sort((a, b) => rank(a) - rank(b));

  function rank(group: QueueGroup): number {
    if (group.patient.id === currentPatientId) return 0;
    return group.open.length > 0 ? 1 : 2;
  }
}
