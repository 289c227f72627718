'use server';

import { eq } from 'drizzle-orm';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { centerSettings } from '@/db/schema';
import { staffAction } from '@/lib/admin/staff-action';
import { writeAudit } from '@/lib/audit/log';
import { centerSettingsSchema } from './schema';

/** CONFIGURACION BASICA → Guardar (admins only). Applies to the portal at once. */
export const saveCenterSettings = staffAction(['admin'], centerSettingsSchema, async (input, { staff, ip }) => {
  await getDb().transaction(async (tx) => {
    const [before] = await tx.select().from(centerSettings).where(eq(centerSettings.id, 1)).for('update');
    const [after] = await tx
      .update(centerSettings)
      .set({ ...input, updatedAt: new Date(), updatedByStaffId: staff.staffId })
      .where(eq(centerSettings.id, 1))
      .returning();
    await writeAudit(tx, { kind: 'staff', staffId: staff.staffId, label: staff.username }, {
      action: 'settings.update',
      entity: 'center_settings',
      entityId: '1',
      before,
      after,
      ip,
    });
  });
  revalidatePath('/', 'layout');
  return { ok: true };
});
