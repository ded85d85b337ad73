import { test, expect } from '../fixtures/test';
import { addUser, setPasswordAndLogin, logout, passwordStep, PASSWORD } from '../fixtures/users';
import { mailsTo, nextMail, codeIn } from '../fixtures/mail';

// The same round trips with JavaScript off: the forms post and the server redirects.
test('set password, sign in with the code and sign out work without JavaScript', async ({ page }) => {
  const user = addUser();
  await setPasswordAndLogin(page, user, false);
  await logout(page);
});

test('a wrong password and a wrong code are reported without JavaScript', async ({ page }) => {
  const user = addUser();
  await setPasswordAndLogin(page, user, false);
  await logout(page);
  await passwordStep(page, user.email, PASSWORD + 'x', false);
  await expect(page.locator('#login-password-error')).toHaveText(/falsch/);

  const seen = (await mailsTo(user.email)).length;
  await passwordStep(page, user.email, PASSWORD, false);
  await expect(page).toHaveURL(/\/login\/code$/);
  const code = codeIn(await nextMail(user.email, /Anmeldecode/, seen));
  await page.getByLabel('Code aus der E-Mail').fill(code === '000000' ? '000001' : '000000');
  await page.getByRole('button', { name: 'Bestätigen' }).click();
  await expect(page.locator('#login-code-error')).toHaveText('Dieser Code stimmt nicht.');
});
