import { test, expect, newClient } from '../fixtures/test';
import { codeIn, linkIn, mailsTo, nextMail } from '../fixtures/mail';
import {
  PASSWORD,
  addUser,
  codeStep,
  freshEmail,
  hydrated,
  login,
  logout,
  passwordStep,
  setPassword,
  setPasswordAndLogin,
} from '../fixtures/users';

test('a remembered device skips the code next time, but never the password', async ({ page }, info) => {
  const user = addUser();
  await setPassword(page, user);
  await login(page, user.email, { remember: true });
  await logout(page);

  // A wrong password is still refused on this device.
  await passwordStep(page, user.email, PASSWORD + 'x');
  await expect(page.locator('#login-password-error')).toHaveText(/falsch/);
  // The right one signs in at once: no code page, no new code mail.
  const mails = (await mailsTo(user.email)).length;
  await passwordStep(page, user.email);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Willkommen');
  expect((await mailsTo(user.email)).length).toBe(mails);

  // The device is listed on the account page and can be forgotten.
  await page.goto('/account');
  await hydrated(page);
  const devices = page.getByRole('list', { name: 'Gemerkte Geräte' });
  await expect(devices.getByRole('listitem')).toHaveCount(1);
  await expect(devices).toContainText('Dieses Gerät');
  await page.screenshot({ path: info.outputPath('account.png'), fullPage: true });
  await devices.getByRole('button', { name: /^Vergessen/ }).click();
  await expect(page.getByText('Keine gemerkten Geräte.')).toBeVisible();
  await logout(page);
  await passwordStep(page, user.email);
  await expect(page).toHaveURL(/\/login\/code$/);
});

test('five wrong codes kill the code, even for the right one', async ({ page }, info) => {
  const user = addUser();
  await setPassword(page, user);
  const seen = (await mailsTo(user.email)).length;
  await passwordStep(page, user.email);
  await expect(page).toHaveURL(/\/login\/code$/);
  await hydrated(page);
  const code = codeIn(await nextMail(user.email, /Anmeldecode/, seen));
  const wrong = code === '000000' ? '000001' : '000000';
  const field = page.getByLabel('Code aus der E-Mail');
  for (let i = 1; i <= 4; i++) {
    await field.fill(wrong);
    await page.getByRole('button', { name: 'Bestätigen' }).click();
    await expect(page.locator('#login-code-error')).toHaveText('Dieser Code stimmt nicht.');
    await expect(page.locator('#login-code-hint')).toContainText(`Noch ${5 - i} Versuch`);
  }
  await field.fill(wrong);
  await page.getByRole('button', { name: 'Bestätigen' }).click();
  await expect(page.locator('#login-code-error')).toContainText('Zu viele falsche Versuche');
  await field.fill(code);
  await page.getByRole('button', { name: 'Bestätigen' }).click();
  await expect(page.locator('#login-code-error')).toContainText('Zu viele falsche Versuche');
  await expect(page).toHaveURL(/\/login\/code$/);
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: info.outputPath('code-locked.png'), fullPage: true });
});

test('a forgotten password is reset through the mailed link', async ({ page }, info) => {
  const user = addUser();
  await setPassword(page, user);
  await page.goto('/login');
  await hydrated(page);
  await page.getByRole('link', { name: 'Passwort vergessen?' }).click();
  await expect(page.getByRole('heading', { name: 'Passwort vergessen' })).toBeVisible();
  await hydrated(page);
  const seen = (await mailsTo(user.email)).length;
  await page.getByLabel('E-Mail').fill(user.email);
  await page.getByRole('button', { name: 'Link senden' }).click();
  await expect(page.getByRole('status')).toContainText('Wenn es ein Konto mit dieser Adresse gibt');
  await page.screenshot({ path: info.outputPath('forgot-sent.png') });

  const mail = await nextMail(user.email, /Passwort zurücksetzen/, seen);
  await page.goto(linkIn(mail, '/set-password'));
  await hydrated(page);
  await expect(page.getByRole('heading', { name: 'Neues Passwort festlegen' })).toBeVisible();
  // A weak password is refused with the reason.
  await page.getByLabel('Neues Passwort').fill('passwort12345');
  await page.getByLabel('Passwort wiederholen').fill('passwort12345');
  await page.getByRole('button', { name: 'Passwort speichern' }).click();
  await expect(page.locator('#new-password-error')).toContainText('zu leicht zu erraten');
  const fresh = 'Kompass Zitrone Treppe 8';
  await page.getByLabel('Neues Passwort').fill(fresh);
  await page.getByLabel('Passwort wiederholen').fill(fresh);
  await page.getByRole('button', { name: 'Passwort speichern' }).click();
  await expect(page).toHaveURL(/\/login\?password_set=1/);
  await login(page, user.email, { password: fresh });
  // The link worked once.
  await page.goto(linkIn(mail, '/set-password'));
  await expect(page.getByRole('heading', { name: 'Link ungültig' })).toBeVisible();
});

test('ending a session in one browser signs the other browser out', async ({ page, browser }, info) => {
  const user = addUser();
  await setPasswordAndLogin(page, user);
  const other = await newClient(browser, info);
  const otherPage = await other.newPage();
  await login(otherPage, user.email);

  await page.goto('/account');
  await hydrated(page);
  const sessions = page.getByRole('list', { name: 'Sitzungen' });
  await expect(sessions.getByRole('listitem')).toHaveCount(2);
  await expect(sessions.getByRole('listitem').filter({ hasText: 'Diese Sitzung' })).toHaveCount(1);
  await page.screenshot({ path: info.outputPath('sessions.png'), fullPage: true });
  await sessions
    .getByRole('listitem')
    .filter({ hasNotText: 'Diese Sitzung' })
    .getByRole('button', { name: /^Beenden/ })
    .click();
  await expect(sessions.getByRole('listitem')).toHaveCount(1);

  // The other browser is signed out at its next step.
  await otherPage.reload();
  await expect(otherPage).toHaveURL(/\/login/);
  await expect(otherPage.getByRole('heading', { name: 'Anmelden' })).toBeVisible();
  await other.close();
});

test('a disabled user is thrown out and cannot sign in', async ({ page, browser }, info) => {
  const admin = addUser({ platformAdmin: true, prefix: 'admin' });
  await setPasswordAndLogin(page, admin);
  const user = addUser();
  const other = await newClient(browser, info);
  const userPage = await other.newPage();
  await setPasswordAndLogin(userPage, user);

  await page.goto('/admin/users');
  await hydrated(page);
  const accounts = page.getByRole('list', { name: 'Konten' });
  const row = accounts.getByRole('listitem').filter({ hasText: user.email });
  await row.getByRole('button', { name: /^Sperren/ }).click();
  await expect(row).toContainText('Gesperrt');
  await page.screenshot({ path: info.outputPath('users.png'), fullPage: true });

  // The session watch notices when the tab comes back to the front; a navigation does at once.
  await userPage.goto('/account');
  await expect(userPage).toHaveURL(/\/login/);
  await hydrated(userPage);
  await passwordStep(userPage, user.email);
  await expect(userPage.locator('#login-password-error')).toHaveText(/falsch/);

  // The security log shows it, with who did it.
  await page.goto(`/admin/security?kind=user_disabled`);
  await hydrated(page);
  await expect(page.getByRole('list', { name: 'Sicherheitsprotokoll' }).getByRole('listitem').first()).toContainText(user.email);
  await page.screenshot({ path: info.outputPath('security-log.png'), fullPage: true });
  await other.close();
});

test('an invited person chooses a name and password, signs in with the code and sees the session', async ({ page, browser }, info) => {
  const admin = addUser({ platformAdmin: true, prefix: 'admin' });
  await setPasswordAndLogin(page, admin);
  await page.goto('/admin/users');
  await hydrated(page);
  const invitee = freshEmail('invited');
  await page.getByLabel('E-Mail', { exact: true }).fill(invitee);
  await page.getByRole('button', { name: 'Einladung senden' }).click();
  await expect(page.getByRole('status')).toContainText(`Einladung gesendet an ${invitee}`);
  const invitations = page.getByRole('list', { name: 'Offene Einladungen' });
  await expect(invitations.getByRole('listitem').filter({ hasText: invitee })).toBeVisible();

  const mail = await nextMail(invitee, /Einladung/);
  const guest = await newClient(browser, info);
  const guestPage = await guest.newPage();
  await guestPage.goto(linkIn(mail, '/invite'));
  await hydrated(guestPage);
  await expect(guestPage.getByRole('heading', { name: 'Einladung annehmen' })).toBeVisible();
  await guestPage.getByLabel('Ihr Name').fill('Carla Nunes');
  await guestPage.getByLabel('Neues Passwort').fill(PASSWORD);
  await guestPage.getByLabel('Passwort wiederholen').fill(PASSWORD);
  await guestPage.screenshot({ path: info.outputPath('invite.png'), fullPage: true });
  await guestPage.getByRole('button', { name: 'Konto anlegen' }).click();
  await expect(guestPage).toHaveURL(/\/login\?welcome=1/);
  await expect(guestPage.getByRole('status')).toContainText('Ihr Konto ist angelegt');

  const seen = (await mailsTo(invitee)).length;
  await passwordStep(guestPage, invitee);
  await expect(guestPage.getByRole('heading', { name: 'Code eingeben' })).toBeVisible();
  await hydrated(guestPage);
  await guestPage.screenshot({ path: info.outputPath('code-page.png'), fullPage: true });
  await codeStep(guestPage, invitee, { seen });
  await expect(guestPage.getByRole('heading', { level: 1 })).toContainText('Carla Nunes');
  await guestPage.goto('/account');
  await hydrated(guestPage);
  await expect(guestPage.getByRole('list', { name: 'Sitzungen' }).getByRole('listitem')).toHaveCount(1);

  // The invitation is no longer open.
  await page.reload();
  await hydrated(page);
  await expect(page.getByRole('list', { name: 'Offene Einladungen' }).getByRole('listitem').filter({ hasText: invitee })).toHaveCount(0);
  await guest.close();
});
