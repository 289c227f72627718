import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { accountTokens, patients, webAccounts } from '@/db/schema';

/**
 * The single-use links of a web account: activation (48 h), password reset (1 h), email change
 * (48 h). The link carries 32 random bytes; the database keeps only their SHA-256, so a leaked
 * dump or backup cannot be turned into working links.
 */

export type TokenPurpose = 'activation' | 'password_reset' | 'email_change';

export const TOKEN_TTL_MS: Record<TokenPurpose, number> = {
  activation: 48 * 60 * 60_000,
  password_reset: 60 * 60_000,
  email_change: 48 * 60 * 60_000,
};

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** What a link may carry: base64url of 32 bytes (43 characters). Anything else is not ours. */
export function looksLikeToken(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

export async function issueAccountToken(
  tx: DbOrTx,
  accountId: number,
  purpose: TokenPurpose,
  extra: { newEmail?: string; pendingProfile?: unknown; now?: Date } = {},
): Promise<IssuedToken> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date((extra.now ?? new Date()).getTime() + TOKEN_TTL_MS[purpose]);
  await tx.insert(accountTokens).values({
    accountId,
    purpose,
    tokenHash: hashToken(token),
    newEmail: extra.newEmail ?? null,
    pendingProfile: extra.pendingProfile ?? null,
    expiresAt,
  });
  return { token, expiresAt };
}

/**
 * Unused links of that purpose stop working (a newer one was sent, or one of them was just used).
 * They are expired rather than marked used, so the page can say "venció o fue reemplazado" instead
 * of "ya fue usado".
 */
export async function expireOpenTokens(tx: DbOrTx, accountId: number, purpose: TokenPurpose): Promise<void> {
  await tx
    .update(accountTokens)
    .set({ expiresAt: sql`least(${accountTokens.expiresAt}, now())` })
    .where(and(eq(accountTokens.accountId, accountId), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt)));
}

export type TokenState = 'valid' | 'used' | 'expired' | 'invalid';

/** A link as its page needs it, without consuming it. */
export async function findAccountToken(db: DbOrTx, token: string, purpose: TokenPurpose) {
  if (!looksLikeToken(token)) return null;
  const [row] = await db
    .select({
      id: accountTokens.id,
      accountId: accountTokens.accountId,
      newEmail: accountTokens.newEmail,
      pendingProfile: accountTokens.pendingProfile,
      usedAt: accountTokens.usedAt,
      expired: sql<boolean>`${accountTokens.expiresAt} <= now()`,
      patientId: patients.id,
      dni: patients.dni,
      lastName: patients.lastName,
      firstName: patients.firstName,
      email: patients.email,
      passwordHash: webAccounts.passwordHash,
      activatedAt: webAccounts.activatedAt,
    })
    .from(accountTokens)
    .innerJoin(webAccounts, eq(webAccounts.id, accountTokens.accountId))
    .innerJoin(patients, eq(patients.id, webAccounts.patientId))
    .where(and(eq(accountTokens.tokenHash, hashToken(token)), eq(accountTokens.purpose, purpose)))
    .limit(1);
  return row ?? null;
}

export type FoundToken = NonNullable<Awaited<ReturnType<typeof findAccountToken>>>;

export function tokenState(row: FoundToken | null): TokenState {
  if (!row) return 'invalid';
  if (row.usedAt) return 'used';
  return row.expired ? 'expired' : 'valid';
}

/**
 * Marks the link used if, at this instant, it is still unused and unexpired. The condition is in
 * the UPDATE itself, so two clicks racing each other cannot both get `true`.
 */
export async function consumeAccountToken(tx: DbOrTx, tokenId: number): Promise<boolean> {
  const used = await tx
    .update(accountTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(accountTokens.id, tokenId), isNull(accountTokens.usedAt), sql`${accountTokens.expiresAt} > now()`))
    .returning({ id: accountTokens.id });
  return used.length === 1;
}
