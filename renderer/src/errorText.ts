import type { ErrorView } from './api/types';
import { t } from './strings';

export interface ErrorText {
  summary: string;
  action: string;
  /** Extra facts from the view: the field at fault, when to expect the next try, the server's words. */
  details: string[];
}

export function describeError(view: ErrorView): ErrorText {
  const wording = t.errors[view.kind];
  const details: string[] = [];
  if (view.field) details.push(t.errorDetail.field(view.field));
  if (view.retryAfterMs !== undefined) details.push(t.errorDetail.retryIn(Math.max(1, Math.ceil(view.retryAfterMs / 1000))));
  if (view.message && view.message !== wording.summary) details.push(t.errorDetail.serverSaid(view.message));
  return { summary: wording.summary, action: wording.action, details };
}

export function describeRefusal(view: ErrorView): string {
  return t.refused[view.kind];
}
