import Link from 'next/link';

export interface NewLinkHelp {
  href: string;
  label: string;
  explanation: string;
}

/** Where each kind of link can be asked for again. */
export const NEW_LINK = {
  activation: {
    href: '/registrarse',
    label: 'Pedir un enlace nuevo',
    explanation: 'Para recibir un enlace nuevo, vuelva a Registrarse con su DNI. Si ya activó su usuario, ingrese con su DNI y su contraseña.',
  },
  passwordReset: {
    href: '/recuperar',
    label: 'Pedir un enlace nuevo',
    explanation: 'Puede pedir otro enlace desde "¿Olvidó su contraseña?".',
  },
  emailChange: {
    href: '/mis-datos',
    label: 'Ir a Mis Datos',
    explanation: 'Puede pedir el cambio de e-mail otra vez desde Mis Datos.',
  },
} satisfies Record<string, NewLinkHelp>;

/** What a mailed link's page says when the link cannot be used, and where to get a new one. */
export function LinkProblem({
  state,
  newLink,
}: {
  state: 'used' | 'expired' | 'invalid';
  newLink: NewLinkHelp;
}) {
  const message = {
    used: 'Este enlace ya fue usado: cada enlace sirve una sola vez.',
    expired: 'Este enlace venció, o fue reemplazado por uno más nuevo. Use el último mail que le enviamos, o pida un enlace nuevo.',
    invalid: 'Este enlace no es válido. Revise que copió la dirección completa del mail, o pida un enlace nuevo.',
  }[state];
  return (
    <div role="alert" className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-5 text-lg text-amber-950">
      <p className="font-semibold">{message}</p>
      <p>{newLink.explanation}</p>
      <div className="flex flex-wrap gap-3">
        <Link
          href={newLink.href}
          className="inline-flex min-h-12 items-center rounded-lg bg-brand-700 px-5 font-semibold text-white hover:bg-brand-800"
        >
          {newLink.label}
        </Link>
        <Link
          href="/ingresar"
          className="inline-flex min-h-12 items-center rounded-lg border-2 border-brand-700 px-5 font-semibold text-brand-700 hover:bg-brand-50"
        >
          Ingresar
        </Link>
      </div>
    </div>
  );
}
