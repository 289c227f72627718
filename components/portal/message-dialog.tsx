/**
 * A message the patient must acknowledge before going on. Rendered by the server instead of the
 * page behind it, so it cannot be skipped; shaped like a modal, focus starts on "OK".
 */
export function MessageDialog({ title, message, action }: { title: string; message: string; action: () => Promise<void> }) {
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/60 p-4">
      <div role="dialog" aria-modal="true" aria-labelledby="dialog-title" aria-describedby="dialog-message" className="w-full max-w-md rounded-xl bg-white p-6 shadow-xl">
        <h2 id="dialog-title" className="text-lg font-bold text-brand-800">
          {title}
        </h2>
        <p id="dialog-message" className="mt-3 whitespace-pre-line text-slate-800">
          {message}
        </p>
        <form action={action} className="mt-5 text-right">
          {/* eslint-disable-next-line jsx-a11y/no-autofocus */}
          <button type="submit" autoFocus className="min-h-12 min-w-24 rounded-lg bg-brand-700 px-6 font-semibold text-white hover:bg-brand-800">
            OK
          </button>
        </form>
      </div>
    </div>
  );
}
