import { useId, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { t } from '../strings';

export type WorkspaceTab = 'documents' | 'note';

const ORDER: readonly WorkspaceTab[] = ['documents', 'note'];

interface WorkspaceTabsProps {
  selected: WorkspaceTab;
  onSelect: (tab: WorkspaceTab) => void;
  documents: ReactNode;
  note: ReactNode;
  /** The selected tab's button, for focus after the patient picker closes. */
  selectedTabRef?: RefObject<HTMLButtonElement | null>;
}

/**
 * "File documents | Write a note" as a WAI-ARIA tab list (arrow keys, Home, End). Both panels stay
 * mounted and only the selected one is shown, so files being described and a note being written
 * both survive a look at the other tab.
 */
export function WorkspaceTabs({ selected, onSelect, documents, note, selectedTabRef }: WorkspaceTabsProps) {
  const id = useId();
  const buttons = useRef(new Map<WorkspaceTab, HTMLButtonElement>());
  const labels: Record<WorkspaceTab, string> = { documents: t.workspace.documentsTab, note: t.workspace.noteTab };

  function onKeyDown(event: KeyboardEvent) {
    const index = ORDER.indexOf(selected);
    const next =
      event.key === 'ArrowRight' ? ORDER[(index + 1) % ORDER.length] : event.key === 'ArrowLeft' ? ORDER[(index - 1 + ORDER.length) % ORDER.length] : event.key === 'Home' ? ORDER[0] : event.key === 'End' ? ORDER[ORDER.length - 1] : undefined;
    if (!next) return;
    event.preventDefault();
    onSelect(next);
    buttons.current.get(next)?.focus();
  }

  return (
    <div className="workspace-tabs">
      <div className="tab-list" role="tablist" aria-label={t.workspace.tabsLabel} onKeyDown={onKeyDown}>
        {ORDER.map((tab) => (
          <button
            key={tab}
            type="button"
            role="tab"
            id={`${id}-tab-${tab}`}
            aria-selected={tab === selected}
            aria-controls={`${id}-panel-${tab}`}
            tabIndex={tab === selected ? 0 : -1}
            className="tab"
            ref={(element) => {
              if (element) buttons.current.set(tab, element);
              else buttons.current.delete(tab);
              if (tab === selected && selectedTabRef) selectedTabRef.current = element;
            }}
            onClick={() => onSelect(tab)}
          >
            {labels[tab]}
          </button>
        ))}
      </div>
      {ORDER.map((tab) => (
        <div key={tab} role="tabpanel" id={`${id}-panel-${tab}`} aria-labelledby={`${id}-tab-${tab}`} hidden={tab !== selected} className="tab-panel">
          {tab === 'documents' ? documents : note}
        </div>
      ))}
    </div>
  );
}
