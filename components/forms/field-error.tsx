/** A field's error, next to it and announced (linked through aria-describedby by its id). */
export function FieldError({ id, message }: { id: string; message?: string }) {
  return (
    <p id={id} aria-live="polite" className="mt-1 min-h-5 text-sm font-semibold text-red-700">
      {message ?? ''}
    </p>
  );
}

export function FormError({ message }: { message?: string }) {
  return (
    <div aria-live="assertive" role={message ? 'alert' : undefined}>
      {message && <p className="rounded-lg border border-red-300 bg-red-50 p-3 font-semibold text-red-900">{message}</p>}
    </div>
  );
}
