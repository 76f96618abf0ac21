import type { Ref } from 'react';
import { useDropzone } from 'react-dropzone';
import { t } from '../strings';

interface DropZoneProps {
  disabled: boolean;
  busy: boolean;
  onFiles: (files: File[]) => void;
  chooseButtonRef: Ref<HTMLButtonElement>;
}

/**
 * No `accept` filter: main decides what can be filed by sniffing the bytes, and says why it refused
 * a file, which a silent filter here would not.
 */
export function DropZone({ disabled, busy, onFiles, chooseButtonRef }: DropZoneProps) {
  const { getRootProps, getInputProps, isDragActive, open } = useDropzone({
    onDrop: (files) => {
      if (files.length > 0) onFiles(files);
    },
    disabled,
    multiple: true,
    // The visible button is the keyboard route; the zone itself is not a second tab stop.
    noClick: true,
    noKeyboard: true,
  });

  const message = disabled ? t.drop.disabledHint : busy ? t.drop.registering : isDragActive ? t.drop.dragActive : t.drop.hint;
  const className = ['drop-zone', disabled && 'is-disabled', isDragActive && 'is-drag-active'].filter(Boolean).join(' ');

  return (
    <section {...getRootProps({ role: 'region', 'aria-label': t.drop.regionLabel, className })}>
      <input {...getInputProps()} />
      <p className="drop-zone-message" aria-live="polite">
        {message}
      </p>
      <button type="button" className="button-secondary" ref={chooseButtonRef} onClick={open} disabled={disabled}>
        {t.drop.chooseFiles}
      </button>
    </section>
  );
}
