import type { TargetChoice } from '../../../common/document-targets';
import type { ReadyFile, ReadyFileChanges, ReadyFileField } from './readyFile';
import { ReadyFileRow } from './ReadyFileRow';

interface ReadyFileListProps {
  files: readonly ReadyFile[];
  label: string;
  targets: readonly TargetChoice[];
  invalidFor: (file: ReadyFile) => ReadyFileField[];
  onChange: (fileId: string, changes: ReadyFileChanges) => void;
  onRemove: (fileId: string) => void;
}

export function ReadyFileList({ files, label, targets, invalidFor, onChange, onRemove }: ReadyFileListProps) {
  return (
    <ul className="ready-list" aria-label={label}>
      {files.map((item) => (
        <ReadyFileRow
          key={item.dropped.fileId}
          ready={item}
          targets={targets}
          invalid={invalidFor(item)}
          onChange={(changes) => onChange(item.dropped.fileId, changes)}
          onRemove={() => onRemove(item.dropped.fileId)}
        />
      ))}
    </ul>
  );
}
