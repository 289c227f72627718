import { expect, type Page } from '@playwright/test';

/** Moving through the patient's weekly agenda (Tomar Turno). */

/** "Ver Horarios Libres Semana Siguiente", waiting until the next week is really on screen. */
export async function goToNextWeek(page: Page) {
  await expect(page.getByText('Horario Libre')).toBeVisible();
  const url = page.url();
  await page.getByRole('link', { name: /Ver Horarios Libres Semana Siguiente/ }).first().click();
  await expect(page).not.toHaveURL(url);
}

/** Clicks the first free slot of the agenda, moving a week on while this one has none. */
export async function pickFirstFreeSlot(page: Page): Promise<string> {
  for (let week = 0; week < 4; week++) {
    // count() does not wait: first let the agenda render.
    await expect(page.getByText('Horario Libre')).toBeVisible();
    const first = page.getByRole('link', { name: /, libre, primer turno disponible$/ });
    if (await first.count()) {
      const label = (await first.getAttribute('aria-label'))!.replace(/, libre, primer turno disponible$/, '');
      await first.click();
      return label;
    }
    await expect(page.getByText('No hay horarios libres esta semana.')).toBeVisible();
    await goToNextWeek(page);
  }
  throw new Error('no free slot in four weeks');
}
