import { z } from 'zod';
import { ErrorViewSchema } from '../shared/errors.js';

/** What the session shows of itself. Auth owns it; the IPC contract reuses it as an output schema. */
export const AuthStatusSchema = z.object({
  state: z.enum(['signed-out', 'signing-in', 'signed-in', 'expired']),
  /** No `displayName` when the server names nobody: the UI then says "Signed in", never an opaque id. */
  user: z.object({ displayName: z.string().optional() }).optional(),
  /** Why the last sign-in or refresh failed, worded for the user. */
  error: ErrorViewSchema.optional(),
  /** False when secrets cannot be encrypted at rest: the session ends when the app quits. */
  sessionPersists: z.boolean(),
  /** False when the server cannot end the grant (no revocation): sign-out then ends it only here. Absent until known. */
  revokesOnSignOut: z.boolean().optional(),
});
export type AuthStatus = z.infer<typeof AuthStatusSchema>;
