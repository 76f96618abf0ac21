import { z } from 'zod';

/**
 * How the clinic writes an all-numeric date: 03/04/1978 is 3 April 1978 ('dmy') or March 4 ('mdy').
 * Only typed input is read this way; the screen always writes dates with a month name.
 */
export const DateOrderSchema = z.enum(['dmy', 'mdy']);
export type DateOrder = z.infer<typeof DateOrderSchema>;
