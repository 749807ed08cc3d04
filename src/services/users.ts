import { can, isRole, type Role } from '../domain/permissions.js';
import type { Db } from '../storage/database.js';
import {
  deleteSessionRowsOf,
  findAccountRowById,
  listAccountRows,
  lockEnabledAdminIds,
  updateAccountDisabled,
  updateAccountRole,
} from '../storage/repositories/user.repository.js';
import { setPassword, type Account } from './accounts.js';
import { InvalidInput, NotAllowed, NotFound } from './errors.js';

/** One line of the Users page. */
export interface UserListEntry {
  id: number;
  name: string;
  email: string;
  role: Role;
  disabled: boolean;
}

/** What an admin can change about someone else's account from the Users page. */
export type UserChange =
  { kind: 'role'; role: Role } | { kind: 'disable' } | { kind: 'enable' } | { kind: 'password'; password: string };

export const LAST_ADMIN_MESSAGE = 'There must always be at least one admin who can sign in.';

/** Every account, ordered by name. */
export const listUsers = async (db: Db): Promise<UserListEntry[]> =>
  (await listAccountRows(db)).map((row) => ({
    id: row.id,
    name: row.name,
    email: row.email,
    role: isRole(row.role) ? row.role : 'contributor',
    disabled: row.disabled === 1,
  }));

/** Refuses what nobody may do to their own account here, whatever the rest of the database says. */
function refuseChangeToSelf(change: UserChange): void {
  if (change.kind === 'disable' || change.kind === 'enable') {
    throw new InvalidInput({ form: 'You cannot disable your own account.' });
  }
  if (change.kind === 'role' && change.role !== 'admin') {
    throw new InvalidInput({ form: 'You cannot remove your own admin role.' });
  }
  if (change.kind === 'password') {
    throw new InvalidInput({ form: 'Change your own password on your account page.' });
  }
}

const takesAwayAdmin = (change: UserChange): boolean =>
  change.kind === 'disable' || (change.kind === 'role' && change.role !== 'admin');

/**
 * Applies one admin's change to another account. Role and access changes are checked against the enabled admins
 * and written in one transaction holding their rows, so the newsroom always keeps an admin who can sign in,
 * even when two admins demote each other at the same moment.
 */
export async function changeUser(db: Db, actor: Account, targetId: number, change: UserChange): Promise<void> {
  if (!can(actor.role, 'users.manage')) throw new NotAllowed('Only admins manage users.');
  if (!(await findAccountRowById(db, targetId))) throw new NotFound('user', 'That account does not exist.');
  if (targetId === actor.id) refuseChangeToSelf(change);
  if (change.kind === 'password') {
    await setNewPassword(db, targetId, change.password);
    return;
  }
  await db.transaction().execute(async (trx) => {
    const admins = await lockEnabledAdminIds(trx);
    if (takesAwayAdmin(change) && admins.includes(targetId) && admins.length === 1) {
      throw new InvalidInput({ form: LAST_ADMIN_MESSAGE });
    }
    if (change.kind === 'role') {
      await updateAccountRole(trx, targetId, change.role);
      return;
    }
    await updateAccountDisabled(trx, targetId, change.kind === 'disable');
    if (change.kind === 'disable') await deleteSessionRowsOf(trx, targetId);
  });
}

async function setNewPassword(db: Db, targetId: number, password: string): Promise<void> {
  // The account can be deleted between the look-up and the write; say so as the look-up would have.
  if (!(await setPassword(db, targetId, password))) throw new NotFound('user', 'That account does not exist.');
}
