import { useEffect, useId, useRef } from 'react';
import { describeCharacter } from '../../../common/note-rules';
import { t } from '../strings';
import type { CharacterFix } from './noteChecks';

interface CharacterFixPreviewProps {
  fix: CharacterFix;
  /** Some refused characters have no safe replacement and stay for the user to change. */
  someLeft: boolean;
  onApply: () => void;
  onCancel: () => void;
}

/**
 * Invisible characters by name, so "→ ' '" is never the whole explanation; visible ones in square
 * brackets, since quotes around a quote mark would hide which one it is.
 */
function shown(text: string): string {
  if (text === '') return '';
  const described = [...text].map(describeCharacter).join('');
  return described === text ? `[${text}]` : described;
}

/** What the one-click fix will change, each replacement with its count, before anything changes. */
export function CharacterFixPreview({ fix, someLeft, onApply, onCancel }: CharacterFixPreviewProps) {
  const id = useId();
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <section className="confirm fix-preview" role="alertdialog" aria-labelledby={`${id}-heading`} aria-describedby={`${id}-intro`} tabIndex={-1} ref={ref}>
      <h3 id={`${id}-heading`}>{t.notes.fix.heading}</h3>
      <p id={`${id}-intro`}>{t.notes.fix.intro}</p>
      <ul className="fix-changes" aria-label={t.notes.fix.listLabel}>
        {fix.changes.map((change) => (
          <li key={`${change.from}\u0000${change.to}`}>{t.notes.fix.change(shown(change.from), shown(change.to), change.count)}</li>
        ))}
      </ul>
      {someLeft && <p className="muted">{t.notes.fix.left}</p>}
      <div className="confirm-actions">
        <button type="button" className="button-primary" onClick={onApply}>
          {t.notes.fix.apply}
        </button>
        <button type="button" className="button-quiet" onClick={onCancel}>
          {t.notes.fix.cancel}
        </button>
      </div>
    </section>
  );
}
