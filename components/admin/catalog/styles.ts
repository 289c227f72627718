/** Shared classes of the catalogue screens: big touch targets, visible focus (globals.css). */
export const buttonBase = 'inline-flex min-h-11 items-center justify-center rounded-lg px-4 font-semibold disabled:opacity-60';
export const primaryButton = `${buttonBase} bg-brand-700 text-white hover:bg-brand-800`;
export const plainButton = `${buttonBase} border border-slate-400 bg-white hover:bg-slate-100`;
export const dangerButton = `${buttonBase} border border-red-700 bg-white text-red-800 hover:bg-red-50`;
