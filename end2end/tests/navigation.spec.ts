import { test, expect } from '../fixtures/test';
import { addUser, setPasswordAndLogin } from '../fixtures/users';

test('phones get a navigation drawer, desktops a sidebar', async ({ page, isMobile }, info) => {
  const user = addUser();
  await setPasswordAndLogin(page, user);
  const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
  const menu = page.getByRole('button', { name: 'Menü' });

  if (isMobile) {
    await expect(nav).toBeHidden();
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await menu.click();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await expect(nav).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Übersicht' })).toBeVisible();
    await page.screenshot({ path: info.outputPath('drawer-open.png') });
    await page.keyboard.press('Escape');
    await expect(nav).toBeHidden();
    await menu.click();
    await nav.getByRole('link', { name: 'Übersicht' }).click();
    await expect(nav).toBeHidden();
  } else {
    await expect(menu).toBeHidden();
    await expect(nav).toBeVisible();
  }
});

test('keyboard users can skip to the content', async ({ page, isMobile }) => {
  test.skip(isMobile, 'no keyboard on the phone');
  const user = addUser();
  await setPasswordAndLogin(page, user);
  await page.goto('/');
  await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Zum Inhalt springen' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
});
