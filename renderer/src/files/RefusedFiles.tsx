import type { DroppedFile, ErrorView } from '../api/types';
import { describeRefusal, refusalDetail } from '../errorText';
import { formatSize } from '../format';
import { t } from '../strings';

interface RefusedFilesProps {
  files: readonly DroppedFile[];
  onDismiss: (fileId: string) => void;
  onDismissAll: () => void;
}

export function RefusedFiles({ files, onDismiss, onDismissAll }: RefusedFilesProps) {
  if (files.length === 0) return null;
  return (
    <section className="refused" aria-labelledby="refused-heading">
      <div className="section-head">
        <h3 id="refused-heading">{t.drop.refusedHeading}</h3>
        {files.length > 1 && (
          <button type="button" className="button-quiet" onClick={onDismissAll}>
            {t.drop.dismissAll}
          </button>
        )}
      </div>
      <ul aria-labelledby="refused-heading" className="refused-list">
        {files.map((file) => (
          <li key={file.fileId} className="refused-item">
            <div>
              <p className="file-name">
                {file.name} <span className="muted">{formatSize(file.size)}</span>
              </p>
              {file.problem && <RefusalReason problem={file.problem} size={file.size} />}
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

function RefusalReason({ problem, size }: { problem: ErrorView; size: number }) {
  const detail = refusalDetail(problem, size);
  return (
    <>
      <p className="refused-reason">{describeRefusal(problem, size)}</p>
      {detail && <p className="error-detail">{detail}</p>}
    </>
  );
}
