'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect } from 'react';
import { useForm } from 'react-hook-form';
import { FormFooter } from '@/components/admin/catalog/form-footer';
import { useActionSubmit, type SaveAction } from '@/components/admin/catalog/use-action-submit';
import { Fieldset, TextField } from '@/components/admin/form-controls';
import { FormError } from '@/components/forms/field-error';
import { MAIL_PROVIDER_LABELS, mailSettingsSchema, SECURITY_LABELS, type MailSettingsInput } from '@/lib/messaging/settings-schemas';
import { SelectField } from '@/components/admin/form-controls';
import { SecretField } from './settings-fields';

/** CONFIGURAR ENVIO DE MAILS: like setting up an account in Outlook or Thunderbird. */
export function MailSettingsForm({
  defaults,
  passwordStored,
  apiKeyStored,
  save,
}: {
  defaults: MailSettingsInput;
  passwordStored: boolean;
  apiKeyStored: boolean;
  save: SaveAction;
}) {
  const form = useForm({ resolver: zodResolver(mailSettingsSchema, undefined, { raw: true }), defaultValues: defaults, mode: 'onBlur' });
  const { onSubmit, pending, result } = useActionSubmit(form, save);
  const errors = form.formState.errors;
  // A saved secret leaves the browser's memory: the field shows "••• guardada" again.
  useEffect(() => {
    if (result?.ok) {
      form.setValue('password', '');
      form.setValue('apiKey', '');
    }
  }, [result, form]);
  const provider = form.watch('provider');
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4 rounded-lg bg-white p-4 shadow-sm">
      <FormError message={result && !result.ok ? result.message : undefined} />
      <SelectField
        id="provider"
        label="Proveedor"
        options={MAIL_PROVIDER_LABELS}
        registration={form.register('provider')}
        error={errors.provider}
        help="Desarrollo no envía nada: cada mail queda registrado en el Registro de envíos (salvo que el servidor tenga configurado SMTP_URL o RESEND_API_KEY: entonces se usa esa configuración)."
      />
      {provider === 'smtp' && (
        <Fieldset legend="Servidor SMTP">
          <TextField id="host" label="Servidor SMTP" help="Por ejemplo smtp.suproveedor.com.ar" error={errors.host} registration={form.register('host')} />
          <TextField id="port" label="Puerto" inputMode="numeric" help="587 con STARTTLS, 465 con SSL/TLS, 25 sin seguridad." error={errors.port} registration={form.register('port')} />
          <SelectField id="security" label="Seguridad" options={SECURITY_LABELS} registration={form.register('security')} error={errors.security} />
          <TextField id="user" label="Usuario" help="Vacío si el servidor no pide usuario." error={errors.user} registration={form.register('user')} />
          <SecretField id="password" label="Contraseña" stored={passwordStored} registration={form.register('password')} error={errors.password} />
        </Fieldset>
      )}
      {provider === 'resend' && (
        <Fieldset legend="Resend">
          <SecretField id="apiKey" label="Clave de API" stored={apiKeyStored} registration={form.register('apiKey')} error={errors.apiKey} />
        </Fieldset>
      )}
      {provider !== 'dev' && (
        <TextField
          id="from"
          label="Remitente (De)"
          help="Por ejemplo: Centro Médico <turnos@centro.com.ar>"
          error={errors.from}
          registration={form.register('from')}
        />
      )}
      <FormFooter pending={pending} backHref="/admin" status={result?.ok ? 'Configuración guardada.' : undefined} />
    </form>
  );
}
