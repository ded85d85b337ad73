import { test, expect } from '@playwright/test';
import { addUser, setPasswordAndLogin, PASSWORD } from '../fixtures/users';

// The same round trip with JavaScript off: the forms post and the server redirects.
test('set password, sign in and sign out work without JavaScript', async ({ page }) => {
  const user = addUser();
  await setPasswordAndLogin(page, user, false);
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await expect(page).toHaveURL(/\/login$/);
});

test('a wrong password is reported without JavaScript', async ({ page }) => {
  const user = addUser();
  await setPasswordAndLogin(page, user, false);
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await page.getByLabel('E-Mail').fill(user.email);
  await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD + 'x');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.locator('#login-password-error')).toHaveText(/falsch/);
});
