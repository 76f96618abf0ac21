import { z } from 'zod';
import { EmrKindSchema } from '../emr/model.js';
import { DateOrderSchema } from '../profiles/date-order.js';
import { NoticeSchema } from '../store/notice.js';

/** What the window needs to know about the app and the clinic it shows; owned here, published by the IPC contract. */
export const AppInfoSchema = z.object({
  version: z.string(),
  shell: z.enum(['electron', 'browser']),
  demo: z.boolean(),
  profile: z.object({
    id: z.string(),
    name: z.string(),
    kind: EmrKindSchema,
    /** How the patient picker reads a typed numeric date such as 03/04/1978. */
    dateOrder: DateOrderSchema,
  }),
  /** One-time notices this user has already dismissed on this computer. */
  dismissedNotices: z.array(NoticeSchema),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const ProfileSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: EmrKindSchema,
  active: z.boolean(),
});
export type ProfileSummary = z.infer<typeof ProfileSummarySchema>;
