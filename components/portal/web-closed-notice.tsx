/** What the portal says while the center has turned web booking off (CONFIGURACION BASICA → ACTIVAR?). */
export function WebClosedNotice({ phones, hours }: { phones: string; hours?: string }) {
  return (
    <div role="status" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-900">
      <p className="font-semibold">En este momento no se pueden tomar turnos por internet.</p>
      <p>
        Comuníquese con el centro{phones ? ` al ${phones}` : ''}
        {hours ? ` (${hours})` : ''}.
      </p>
    </div>
  );
}
