'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect } from 'react';
import { useForm } from 'react-hook-form';
import { FormFooter } from '@/components/admin/catalog/form-footer';
import { useActionSubmit, type SaveAction } from '@/components/admin/catalog/use-action-submit';
import { Fieldset, TextField } from '@/components/admin/form-controls';
import { FormError } from '@/components/forms/field-error';
import { SMS_PROVIDER_LABELS, smsSettingsSchema, type SmsSettingsInput } from '@/lib/messaging/settings-schemas';
import { SelectField } from '@/components/admin/form-controls';
import { SecretField } from './settings-fields';

const AUTH_LABELS = { user: 'Usuario y clave', apikey: 'Clave de API' };

/** CONFIGURAR ENVIO DE SMS: the user and password (or API key) SMS Masivos gives the center. */
export function SmsSettingsForm({
  defaults,
  passwordStored,
  apiKeyStored,
  save,
}: {
  defaults: SmsSettingsInput;
  passwordStored: boolean;
  apiKeyStored: boolean;
  save: SaveAction;
}) {
  const form = useForm({ resolver: zodResolver(smsSettingsSchema, undefined, { raw: true }), defaultValues: defaults, mode: 'onBlur' });
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
  const auth = form.watch('auth');
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4 rounded-lg bg-white p-4 shadow-sm">
      <FormError message={result && !result.ok ? result.message : undefined} />
      <SelectField
        id="provider"
        label="Proveedor"
        options={SMS_PROVIDER_LABELS}
        registration={form.register('provider')}
        error={errors.provider}
        help="Desarrollo no envía nada: cada SMS queda registrado en el Registro de envíos (salvo que el servidor tenga configurado SMSMASIVOS_API_KEY o SMSMASIVOS_USER: entonces se usa esa configuración)."
      />
      {provider === 'smsmasivos' && (
        <Fieldset legend="SMS Masivos">
          <SelectField id="auth" label="Identificación" options={AUTH_LABELS} registration={form.register('auth')} error={errors.auth} />
          {auth === 'apikey' ? (
            <SecretField id="apiKey" label="Clave de API" stored={apiKeyStored} registration={form.register('apiKey')} error={errors.apiKey} />
          ) : (
            <>
              <TextField id="user" label="Usuario" error={errors.user} registration={form.register('user')} />
              <SecretField id="password" label="Clave" stored={passwordStored} registration={form.register('password')} error={errors.password} />
            </>
          )}
        </Fieldset>
      )}
      <FormFooter pending={pending} backHref="/admin" status={result?.ok ? 'Configuración guardada.' : undefined} />
    </form>
  );
}
