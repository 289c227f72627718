/**
 * What a patient or staff member reads when the server could not answer (the database is
 * restarting, a bug): in Spanish, without the error's text or a stack trace, with a way to retry
 * that needs no JavaScript (an empty href reloads the current address).
 */
export const TRY_AGAIN_TITLE = 'No pudimos atender su pedido';
export const TRY_AGAIN_TEXT =
  'El sistema de turnos tuvo un problema momentáneo. Intente nuevamente en unos minutos; si el problema sigue, comuníquese con el centro.';

export function TryAgainNotice({ reset }: { reset?: () => void }) {
  return (
    <div className="mx-auto max-w-xl px-4 py-10">
      <div role="alert" className="space-y-4 rounded-lg border border-amber-300 bg-amber-50 p-5 text-amber-900">
        <h1 className="text-2xl font-bold">{TRY_AGAIN_TITLE}</h1>
        <p className="text-lg">{TRY_AGAIN_TEXT}</p>
        <div className="flex flex-wrap gap-3">
          <a
            href=""
            onClick={
              reset
                ? (event) => {
                    event.preventDefault();
                    reset();
                  }
                : undefined
            }
            className="inline-flex min-h-12 items-center rounded-lg bg-brand-700 px-5 text-lg font-semibold text-white hover:bg-brand-800"
          >
            Intentar nuevamente
          </a>
          <a href="/" className="inline-flex min-h-12 items-center rounded-lg px-5 text-lg text-brand-700 underline">
            Ir al inicio
          </a>
        </div>
      </div>
    </div>
  );
}
