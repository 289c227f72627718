import { and, asc, count, eq, ne, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { isUniqueViolation } from '@/db/errors';
import { staffUsers } from '@/db/schema';
import { writeAudit } from '@/lib/audit/log';
import { hashPassword, passwordChange } from '@/lib/auth/password';
import type { StaffUserInput } from './schemas';

type Result = { ok: true; id: number } | { ok: false; error: string; fieldErrors?: Record<string, string> };
/** sid: the acting session, kept signed in when staff change their own password. */
type Actor = { staffId: number; username: string; ip?: string; sid?: string };

/** Never the password hash. */
export async function listStaffUsers(db: DbOrTx) {
  return db
    .select({
      id: staffUsers.id,
      username: staffUsers.username,
      fullName: staffUsers.fullName,
      role: staffUsers.role,
      active: staffUsers.active,
      lastLoginAt: staffUsers.lastLoginAt,
    })
    .from(staffUsers)
    .orderBy(sql`${staffUsers.active} desc`, asc(staffUsers.username));
}

/** Never the hash, nor the id of the session kept after a password change. */
const safe = (row: typeof staffUsers.$inferSelect) => {
  const { passwordHash: _omit, passwordChangedBySid: _sid, ...rest } = row;
  return rest;
};

const USERNAME_TAKEN: Result = { ok: false, error: 'Ya existe un usuario con ese nombre.', fieldErrors: { username: 'Ya existe un usuario con ese nombre.' } };

export async function createStaffUser(db: Db, input: StaffUserInput, actor: Actor): Promise<Result> {
  if (!input.password) return { ok: false, error: 'Revise los datos marcados.', fieldErrors: { password: 'Elija una contraseña para el usuario nuevo.' } };
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.insert(staffUsers).values({ username: input.username, fullName: input.fullName, role: input.role, passwordHash }).returning();
      await writeAudit(tx, { kind: 'staff', staffId: actor.staffId, label: actor.username }, { action: 'staff.create', entity: 'staff_user', entityId: String(row.id), after: safe(row), ip: actor.ip });
      return { ok: true as const, id: row.id };
    });
  } catch (err) {
    if (isUniqueViolation(err)) return USERNAME_TAKEN;
    throw err;
  }
}

/** Another active admin must remain: a center can never lock itself out of its settings. */
async function otherActiveAdmins(tx: DbOrTx, id: number): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(staffUsers)
    .where(and(eq(staffUsers.role, 'admin'), eq(staffUsers.active, true), ne(staffUsers.id, id)));
  return row.n;
}

export async function updateStaffUser(db: Db, id: number, input: StaffUserInput, actor: Actor): Promise<Result> {
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  try {
    return await db.transaction(async (tx) => {
      const [before] = await tx.select().from(staffUsers).where(eq(staffUsers.id, id)).for('update');
      if (!before) return { ok: false as const, error: 'Ese usuario no existe.' };
      if (before.role === 'admin' && input.role !== 'admin' && (await otherActiveAdmins(tx, id)) === 0) {
        return { ok: false as const, error: 'Debe quedar al menos un administrador activo.', fieldErrors: { role: 'Debe quedar al menos un administrador activo.' } };
      }
      const [after] = await tx
        .update(staffUsers)
        .set({
          username: input.username,
          fullName: input.fullName,
          role: input.role,
          // A new password ends the user's other sessions; staff changing their own stay signed in.
          ...(passwordHash ? passwordChange(staffUsers, passwordHash, actor.staffId === id ? (actor.sid ?? null) : null) : {}),
        })
        .where(eq(staffUsers.id, id))
        .returning();
      await writeAudit(tx, { kind: 'staff', staffId: actor.staffId, label: actor.username }, {
        action: passwordHash ? 'staff.update_password' : 'staff.update',
        entity: 'staff_user',
        entityId: String(id),
        before: safe(before),
        after: safe(after),
        ip: actor.ip,
      });
      return { ok: true as const, id };
    });
  } catch (err) {
    if (isUniqueViolation(err)) return USERNAME_TAKEN;
    throw err;
  }
}

export async function setStaffUserActive(db: Db, id: number, active: boolean, actor: Actor): Promise<Result> {
  if (!active && id === actor.staffId) return { ok: false, error: 'No puede desactivar su propio usuario.' };
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(staffUsers).where(eq(staffUsers.id, id)).for('update');
    if (!before) return { ok: false as const, error: 'Ese usuario no existe.' };
    if (!active && before.role === 'admin' && (await otherActiveAdmins(tx, id)) === 0) {
      return { ok: false as const, error: 'Debe quedar al menos un administrador activo.' };
    }
    const [after] = await tx.update(staffUsers).set({ active }).where(eq(staffUsers.id, id)).returning();
    await writeAudit(tx, { kind: 'staff', staffId: actor.staffId, label: actor.username }, {
      action: active ? 'staff.activate' : 'staff.deactivate',
      entity: 'staff_user',
      entityId: String(id),
      before: safe(before),
      after: safe(after),
      ip: actor.ip,
    });
    return { ok: true as const, id };
  });
}
