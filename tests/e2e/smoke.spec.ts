import { expect, test } from '@playwright/test';

test('el servidor responde y la portada carga', async ({ page, request }) => {
  const health = await request.get('/api/health');
  expect(health.ok()).toBe(true);
  expect(await health.json()).toMatchObject({ status: 'ok', database: { engine: 'pglite' } });
  const response = await page.goto('/');
  expect(response?.ok()).toBe(true);
});
