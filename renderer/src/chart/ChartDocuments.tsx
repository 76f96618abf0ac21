import { useEffect, useState } from 'react';
import { request } from '../api/client';
import type { ErrorView, FiledDocument } from '../api/types';
import { formatCalendarDate } from '../dates';
import { ErrorMessage } from '../ErrorMessage';
import { t } from '../strings';

type ChartState = { status: 'loading' } | { status: 'ready'; documents: FiledDocument[] } | { status: 'failed'; error: ErrorView };

interface ChartDocumentsProps {
  patientId: string;
  /** How many of this patient's uploads have been filed; a change means the chart has something new. */
  filedCount: number;
}

export function ChartDocuments({ patientId, filedCount }: ChartDocumentsProps) {
  const [state, setState] = useState<ChartState>({ status: 'loading' });

  useEffect(() => {
    let stale = false;
    void request('documents:list', { patientId }).then((outcome) => {
      if (stale) return;
      setState(outcome.ok ? { status: 'ready', documents: outcome.value } : { status: 'failed', error: outcome.error });
    });
    return () => {
      stale = true;
    };
  }, [patientId, filedCount]);

  return (
    <section className="panel chart" aria-labelledby="chart-heading">
      <h2 id="chart-heading">{t.chart.heading}</h2>
      {state.status === 'loading' && <p className="muted">{t.chart.loading}</p>}
      {state.status === 'failed' && <ErrorMessage error={state.error} announce={false} />}
      {state.status === 'ready' && state.documents.length === 0 && <p className="muted">{t.chart.empty}</p>}
      {state.status === 'ready' && state.documents.length > 0 && (
        <ul className="chart-list" aria-labelledby="chart-heading">
          {state.documents.map((document) => (
            <li key={document.id} className="chart-item">
              <span className="chart-title">{document.title}</span>
              <span className="muted">
                {[document.typeLabel ?? t.chart.untyped, document.date && formatCalendarDate(document.date)].filter(Boolean).join(' · ')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
