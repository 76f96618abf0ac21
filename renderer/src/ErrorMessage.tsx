import type { ErrorView } from './api/types';
import { describeError } from './errorText';

interface ErrorMessageProps {
  error: ErrorView;
  /** What failed, when the surrounding screen does not already say it. */
  context?: string;
  /** Errors that appear after the user acted are announced; ones shown in a list are not. */
  announce?: boolean;
}

export function ErrorMessage({ error, context, announce = true }: ErrorMessageProps) {
  const text = describeError(error);
  return (
    <div className="error-message" role={announce ? 'alert' : undefined}>
      <p className="error-summary">
        {context ? `${context} ` : ''}
        {text.summary}
      </p>
      <p className="error-action">{text.action}</p>
      {text.details.map((detail) => (
        <p className="error-detail" key={detail}>
          {detail}
        </p>
      ))}
    </div>
  );
}
