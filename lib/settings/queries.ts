import 'server-only';
import { cache } from 'react';
import { getDb, type DbOrTx } from '@/db/client';
import type { CenterSettings } from '@/db/schema';
import { getCenterSettings } from './center';

export { getCenterSettings };

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
