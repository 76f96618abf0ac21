import type { DroppedFile } from '../api/types';
import { describeRefusal } from '../errorText';
import { formatSize } from '../format';
import { t } from '../strings';

interface RefusedFilesProps {
  files: readonly DroppedFile[];
  onDismiss: (fileId: string) => void;
}

export function RefusedFiles({ files, onDismiss }: RefusedFilesProps) {
  if (files.length === 0) return null;
  return (
    <section className="refused" aria-labelledby="refused-heading">
      <h3 id="refused-heading">{t.drop.refusedHeading}</h3>
      <ul aria-labelledby="refused-heading" className="refused-list">
        {files.map((file) => (
          <li key={file.fileId} className="refused-item">
            <div>
              <p className="file-name">
                {file.name} <span className="muted">{formatSize(file.size)}</span>
              </p>
              {file.problem && <p className="refused-reason">{describeRefusal(file.problem)}</p>}
              {file.problem?.message && <p className="error-detail">{t.errorDetail.serverSaid(file.problem.message)}</p>}
            </div>
            <button type="button" className="button-quiet" onClick={() => onDismiss(file.fileId)}>
              {t.drop.dismiss}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
