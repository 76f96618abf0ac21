import { z } from 'zod';

/** The one-time notices a user can dismiss for good on this computer. */
export const NoticeSchema = z.enum(['session-not-persisted']);
export type Notice = z.infer<typeof NoticeSchema>;
