import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionButton } from '@/components/admin/catalog/action-button';
import { CatalogPage, Row, SavedNotice, Section } from '@/components/admin/catalog/list-parts';
import { plainButton, primaryButton } from '@/components/admin/catalog/styles';
import { getDb } from '@/db/client';
import { requireStaff } from '@/lib/auth/session';
import { setStaffUserActiveAction } from '@/lib/staff/actions';
import { roleLabels } from '@/lib/staff/schemas';
import { listStaffUsers } from '@/lib/staff/users';
import { getCenterSettings } from '@/lib/settings/queries';
import { formatDate, formatTime } from '@/lib/time/format';

export const metadata: Metadata = { title: 'Usuarios del personal' };
const BASE = '/admin/sistema/usuarios';

export default async function StaffUsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const me = await requireStaff('admin');
  const db = getDb();
  const [users, settings] = await Promise.all([listStaffUsers(db), getCenterSettings(db)]);
  const saved = (await searchParams).guardado === '1';
  const row = (u: (typeof users)[number]) => (
    <Row
      key={u.id}
      title={`${u.username} · ${u.fullName}`}
      actions={
        <>
          <Link href={`${BASE}/${u.id}`} className={plainButton}>
            Modificar<span className="sr-only"> {u.username}</span>
          </Link>
          {u.id !== me.staffId &&
            (u.active ? (
              <ActionButton action={setStaffUserActiveAction} input={{ id: u.id, on: false }} label="Desactivar" context={u.username} tone="danger" confirm={`¿Desactivar a ${u.username}? No podrá ingresar.`} />
            ) : (
              <ActionButton action={setStaffUserActiveAction} input={{ id: u.id, on: true }} label="Reactivar" context={u.username} />
            ))}
        </>
      }
    >
      <p className="text-sm text-slate-700">
        {roleLabels[u.role]}
        {u.lastLoginAt ? ` · último ingreso ${formatDate(u.lastLoginAt, settings.timeZone)} ${formatTime(u.lastLoginAt, settings.timeZone)}` : ' · nunca ingresó'}
      </p>
    </Row>
  );
  const active = users.filter((u) => u.active);
  const inactive = users.filter((u) => !u.active);
  return (
    <CatalogPage title="Usuarios del personal" intro={<p>Quién ingresa al área del personal y con qué permisos. Cada cambio queda en la auditoría.</p>}>
      <SavedNotice show={saved} />
      <Link href={`${BASE}/nuevo`} className={primaryButton}>
        NUEVO
      </Link>
      <Section title="Activos" count={active.length}>
        {active.map(row)}
      </Section>
      <Section title="Desactivados" count={inactive.length}>
        {inactive.map(row)}
      </Section>
    </CatalogPage>
  );
}
