import type { ErrorView } from './api/types';
import { formatSize } from './format';
import { t } from './strings';

export interface ErrorText {
  summary: string;
  action: string;
  /** Extra facts from the view: the field at fault, when to expect the next try, the server's words. */
  details: string[];
}

/**
 * The one place an error kind is worded (main's message is only the server's own words or a
 * detail): what happened, with the HTTP status where there was one, and what to do.
 */
export function describeError(view: ErrorView): ErrorText {
  const wording = t.errors[view.kind];
  const details: string[] = [];
  if (view.field) details.push(t.errorDetail.field(view.field));
  if (view.retryAfterMs !== undefined) details.push(t.errorDetail.retryIn(Math.max(1, Math.ceil(view.retryAfterMs / 1000))));
  const bareStatus = view.status !== undefined && view.message === `HTTP ${view.status}`;
  if (view.message && view.message !== wording.summary && !bareStatus) details.push(t.errorDetail.serverSaid(view.message));
  if (view.kind === 'too-large' && view.sizeBytes !== undefined && view.limitBytes !== undefined) {
    details.unshift(t.errorDetail.sizeAndLimit(formatSize(view.sizeBytes), formatSize(view.limitBytes)));
  }
  const summary = view.status !== undefined ? t.errorDetail.withStatus(wording.summary, view.status) : wording.summary;
  return { summary, action: wording.action, details };
}

/** Why a dropped file was refused, with the figures where the view has them. */
export function describeRefusal(view: ErrorView, size?: number): string {
  if (view.kind === 'too-large' && view.limitBytes !== undefined) {
    return t.drop.tooLarge(formatSize(view.sizeBytes ?? size ?? view.limitBytes), formatSize(view.limitBytes));
  }
  if (view.kind === 'validation' && size === 0) return t.drop.empty;
  return t.refused[view.kind];
}

/** Main's own words about a refusal, when they add something the wording above does not say. */
export function refusalDetail(view: ErrorView, size?: number): string | undefined {
  if (!view.message || view.message === describeRefusal(view, size)) return undefined;
  if (view.kind === 'too-large' && view.limitBytes !== undefined) return undefined;
  if (view.kind === 'validation' && size === 0) return undefined;
  return view.message;
}
