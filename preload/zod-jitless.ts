import { z } from 'zod';

/**
 * Imported first by every preload entry, before any schema exists. zod 4 compiles object parsers
 * with `new Function` once it has found eval allowed, and it probes when the first schema is built:
 * in the browser shell that is the init script, which runs before the page's CSP binds, so the
 * probe said yes and the first parse afterwards threw "Evaluating a string as JavaScript violates
 * the following Content Security Policy directive…" (issue 8), which reached the user as the
 * reason a drop failed. Jitless parsing never evaluates strings and is fast enough for IPC replies.
 */
z.config({ jitless: true });
