import { useEffect, useRef, useState } from 'react';
import type { OutboxItemView, OutboxState } from '../api/types';
import { t } from '../strings';

/**
 * The sentence a screen reader hears when an upload changes state. The first listing is not
 * announced: it describes what already was, not a change.
 */
export function useStateAnnouncement(items: readonly OutboxItemView[], listed: boolean): string {
  const previous = useRef<Map<string, OutboxState> | null>(null);
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    const current = new Map(items.map((item) => [item.id, item.state]));
    const before = previous.current;
    previous.current = listed ? current : null;
    if (!before) return;
    const changed = items.filter((item) => before.get(item.id) !== item.state);
    if (changed.length === 0) return;
    setAnnouncement(
      changed.map((item) => t.queue.announce(item.title, item.patient.displayName, t.queue.state[item.state])).join('. '),
    );
  }, [items, listed]);

  return announcement;
}
