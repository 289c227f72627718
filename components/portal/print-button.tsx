'use client';

export function PrintButton() {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="min-h-12 rounded-lg bg-brand-700 px-5 font-semibold text-white hover:bg-brand-800 print:hidden"
    >
      Imprimir
    </button>
  );
}
