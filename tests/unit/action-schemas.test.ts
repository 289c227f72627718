import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { hostileField, hostileInputFor, isSpanishMessage, shapeKeys } from '../support/hostile';

/**
 * Every zod schema the server actions and the pages' params parsers use, found by reading lib/:
 * a new schema module is fuzzed without anyone adding it here. For any input a forged request can
 * carry, safeParse never throws, and a refusal explains itself in Spanish.
 * (The actions themselves, on a real database: tests/integration/action-hostile-input.test.ts.)
 */

const root = path.resolve(__dirname, '../..');

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** lib modules that export a zod schema; 'use server' modules are driven end to end instead. */
const schemaModules = tsFiles(path.join(root, 'lib'))
  .filter((file) => {
    const source = fs.readFileSync(file, 'utf8');
    return /from 'zod'/.test(source) && /^export const \w+ = z\b|^export const \w+Schema\b/m.test(source) && !/^'use server'/.test(source);
  })
  .map((file) => path.relative(root, file))
  // The process environment is read once at boot, not from a request.
  .filter((file) => file !== 'lib/env.ts')
  .sort();

async function collectSchemas(): Promise<Array<[string, z.ZodType]>> {
  const out: Array<[string, z.ZodType]> = [];
  for (const file of schemaModules) {
    const mod = (await import(/* @vite-ignore */ path.join(root, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) if (value instanceof z.ZodType) out.push([`${file}#${name}`, value]);
  }
  return out;
}

const schemas = await collectSchemas();

describe('action input schemas under hostile input', () => {
  it('finds the schema modules (a sanity check of the discovery itself)', () => {
    expect(schemaModules).toEqual(
      expect.arrayContaining(['lib/accounts/schemas.ts', 'lib/agenda/schemas.ts', 'lib/booking/params.ts', 'lib/patients/schemas.ts']),
    );
    expect(schemas.length).toBeGreaterThan(30);
  });

  it.each(schemas)('%s never throws and refuses in Spanish', (_name, schema) => {
    const keys = shapeKeys(schema);
    fc.assert(
      fc.property(fc.oneof(hostileInputFor(keys), hostileField), (input) => {
        let result: z.ZodSafeParseResult<unknown>;
        try {
          result = schema.safeParse(input);
        } catch (err) {
          throw new Error(`safeParse threw on ${String(err)}`);
        }
        if (!result.success) {
          for (const issue of result.error.issues) {
            if (!isSpanishMessage(issue.message)) throw new Error(`not Spanish: ${JSON.stringify(issue.message)} at ${issue.path.join('.')}`);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('the Spanish check itself rejects zod’s English defaults', () => {
    const english = z.object({ a: z.string().max(1), b: z.number() });
    z.config(z.locales.en());
    try {
      const issues = english.safeParse({ a: 'xx', b: 'x' }).error!.issues;
      expect(issues.every((i) => !isSpanishMessage(i.message))).toBe(true);
    } finally {
      z.config(z.locales.es());
    }
  });
});
