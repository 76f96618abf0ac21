import { createHash } from 'node:crypto';
import { SANDBOX_USERS } from '../users.js';

/** OpenEMR identifies users by uuid in `sub` (shared/api/openemr.md §6.5); stable per login here. */
export function userUuid(login: string): string {
  const hex = createHash('sha256').update(`openemr-user:${login}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function loginForUuid(uuid: string): string | undefined {
  return SANDBOX_USERS.find((user) => userUuid(user.login) === uuid)?.login;
}
