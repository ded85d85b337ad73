import { test, expect } from '../fixtures/test';
import { addUser, hydrated, setPasswordAndLogin, PASSWORD } from '../fixtures/users';

test('a user from the CLI sets a password, signs in, sees themselves, and signs out', async ({ page }, info) => {
  const user = addUser({ platformAdmin: true });
  await setPasswordAndLogin(page, user);
  await expect(page.getByText('Plattform-Admin')).toBeVisible();
  await page.screenshot({ path: info.outputPath('dashboard.png'), fullPage: true });

  await page.getByRole('button', { name: 'Abmelden' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { name: 'Anmelden' })).toBeVisible();

  // The session is gone: the dashboard sends us back to the login.
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
});

test('the set-password link works once', async ({ page }) => {
  const user = addUser();
  await setPasswordAndLogin(page, user);
  await page.goto(user.link);
  await expect(page.getByRole('heading', { name: 'Link ungültig' })).toBeVisible();
});

test('a wrong password and an unknown e-mail get the same message', async ({ page }, info) => {
  const user = addUser();
  await setPasswordAndLogin(page, user);
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await hydrated(page);

  const messages: string[] = [];
  for (const email of [user.email, 'nobody-here@example.org']) {
    await page.getByLabel('E-Mail').fill(email);
    await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD + 'x');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    const alert = page.locator('#login-password-error');
    await expect(alert).toHaveText(/falsch/);
    messages.push((await alert.textContent()) ?? '');
    await expect(page.getByLabel('Passwort', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  }
  expect(messages[0]).toBe(messages[1]);
  await page.screenshot({ path: info.outputPath('login-error.png') });
});

test('short and mismatched passwords are explained next to the field', async ({ page }) => {
  const user = addUser();
  await page.goto(user.link);
  await hydrated(page);
  await page.getByLabel('Neues Passwort').fill('kurz');
  await page.getByLabel('Passwort wiederholen').fill('anders');
  // Bypass the browser's own minlength check so the server's rule is what answers.
  await page.getByRole('button', { name: 'Passwort speichern' }).evaluate((b) => (b as HTMLButtonElement).form!.setAttribute('novalidate', ''));
  await page.getByRole('button', { name: 'Passwort speichern' }).click();
  await expect(page.locator('#new-password-error')).toHaveText('Das Passwort braucht mindestens 12 Zeichen.');
  await expect(page.locator('#confirm-password-error')).toHaveText('Die beiden Passwörter stimmen nicht überein.');
  // Nothing was used up: the link still works.
  await page.reload();
  await expect(page.getByText(user.email)).toBeVisible();
});

test('the language switches to English without a reload, and stays', async ({ page }) => {
  await page.goto('/login');
  await hydrated(page);
  await page.evaluate(() => ((window as any).__sameDocument = true));
  await page.getByRole('button', { name: /English/ }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await hydrated(page);
  await page.getByRole('button', { name: /Deutsch/ }).click();
  await expect(page.getByRole('heading', { name: 'Anmelden' })).toBeVisible();
});
