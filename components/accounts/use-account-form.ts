'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { startTransition, useActionState, useEffect, useRef } from 'react';
import { useForm, type DefaultValues, type FieldValues, type Resolver } from 'react-hook-form';
import type { z } from 'zod';
import type { AccountFormState } from '@/lib/accounts/schemas';

/**
 * The portal's account forms: react-hook-form holds what the patient typed (so a refused submit
 * keeps it, STACK.md trap 11) and checks it with the same zod schema the server action parses;
 * the action answers with field errors, shown next to the same fields. Without JavaScript the
 * form still posts straight to the action.
 */
export function useAccountForm<V extends FieldValues, S extends AccountFormState>(
  schema: z.ZodType,
  action: (prev: S, formData: FormData) => Promise<S>,
  initialState: S,
  defaultValues: DefaultValues<V>,
) {
  const [state, formAction, pending] = useActionState<S, FormData>(action, initialState as Awaited<S>);
  const formRef = useRef<HTMLFormElement>(null);
  const form = useForm<V>({
    resolver: zodResolver(schema as never) as unknown as Resolver<V>,
    defaultValues,
  });

  // Field errors from the server: take the patient to the first one, as the browser check does.
  useEffect(() => {
    const first = Object.keys(state.fieldErrors ?? {})[0];
    if (first) form.setFocus(first as never);
  }, [state, form]);

  const onSubmit = form.handleSubmit(() => {
    startTransition(() => formAction(new FormData(formRef.current!)));
  });

  const errorOf = (name: string): string | undefined =>
    (form.formState.errors[name]?.message as string | undefined) ?? state.fieldErrors?.[name];

  return { state, formAction, pending, formRef, form, onSubmit, errorOf };
}
