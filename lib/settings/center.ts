import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { centerSettings, type CenterSettings } from '@/db/schema';
import { preparedQuery } from '@/db/prepared';

/**
 * The center's settings row. It exists from the first start (seeded), so its absence is a bug.
 * Not server-only (unlike ./queries.ts): `npm run worker` composes mail with it outside Next.
 */
export async function getCenterSettings(db: DbOrTx): Promise<CenterSettings> {
  // Prepared (db/prepared.ts): every page and action reads this row.
  const [row] = await preparedQuery(db, 'center_settings', (db) => db.select().from(centerSettings).where(eq(centerSettings.id, 1)).prepare('center_settings')).execute();
  if (!row) throw new Error('center_settings is empty: the database was not seeded');
  return row;
}

