import 'server-only';
import { eq } from 'drizzle-orm';
import { cache } from 'react';
import { getDb, type DbOrTx } from '@/db/client';
import { centerSettings, type CenterSettings } from '@/db/schema';
import { preparedQuery } from '@/db/prepared';

/** The center's settings row. It exists from the first start (seeded), so its absence is a bug. */
export async function getCenterSettings(db: DbOrTx): Promise<CenterSettings> {
  // Prepared (db/prepared.ts): every page and action reads this row.
  const [row] = await preparedQuery(db, 'center_settings', (db) => db.select().from(centerSettings).where(eq(centerSettings.id, 1)).prepare('center_settings')).execute();
  if (!row) throw new Error('center_settings is empty: the database was not seeded');
  return row;
}

/**
 * The settings row for the page being rendered, read once however many layouts and pages of the
 * request ask for it (React's per-request cache). For server components only: actions and
 * transactions call getCenterSettings() and read it fresh.
 */
export const getRequestCenterSettings = cache(() => getCenterSettings(getDb()));

/** What every portal page shows: header and contact footer. */
export type PublicCenterInfo = Pick<
  CenterSettings,
  'centerName' | 'homePhrase' | 'contactEmail' | 'contactPhones' | 'contactHours' | 'webEnabled' | 'webAddress'
>;

export async function getPublicCenterInfo(db: DbOrTx): Promise<PublicCenterInfo> {
  return publicCenterInfo(await getCenterSettings(db));
}

export function publicCenterInfo(s: CenterSettings): PublicCenterInfo {
  return {
    centerName: s.centerName,
    homePhrase: s.homePhrase,
    contactEmail: s.contactEmail,
    contactPhones: s.contactPhones,
    contactHours: s.contactHours,
    webEnabled: s.webEnabled,
    webAddress: s.webAddress,
  };
}
