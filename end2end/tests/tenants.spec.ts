import { test, expect, newClient } from '../fixtures/test';
import { linkIn, mailsTo, nextMail } from '../fixtures/mail';
import { addMember, createTenant, freshTenant } from '../fixtures/tenants';
import {
  PASSWORD,
  addUser,
  codeStep,
  freshEmail,
  hydrated,
  login,
  passwordStep,
  setPassword,
  setPasswordAndLogin,
} from '../fixtures/users';

test('a platform admin creates a customer and invites an editor, who sees only that customer', async ({ page, browser }, info) => {
  const admin = addUser({ platformAdmin: true, prefix: 'admin' });
  await setPasswordAndLogin(page, admin);
  const tenant = freshTenant('baeckerei');
  await createTenant(page, tenant, ['English', 'Italiano']);
  await page.screenshot({ path: info.outputPath('members-new-tenant.png'), fullPage: true });

  const editor = freshEmail('editor');
  await addMember(page, editor, 'Redaktion');
  await expect(page.getByRole('status')).toContainText('Einladung gesendet an');
  await expect(page.getByRole('list', { name: 'Offene Einladungen' }).getByRole('listitem').filter({ hasText: editor })).toBeVisible();

  const mail = await nextMail(editor, /Einladung/);
  expect(mail.text).toContain(tenant.name);
  const guest = await newClient(browser, info);
  const guestPage = await guest.newPage();
  await guestPage.goto(linkIn(mail, '/invite'));
  await hydrated(guestPage);
  await guestPage.getByLabel('Ihr Name').fill('Eddie Editor');
  await guestPage.getByLabel('Neues Passwort').fill(PASSWORD);
  await guestPage.getByLabel('Passwort wiederholen').fill(PASSWORD);
  await guestPage.getByRole('button', { name: 'Konto anlegen' }).click();
  await expect(guestPage).toHaveURL(/\/login\?welcome=1/);
  const seen = (await mailsTo(editor)).length;
  await passwordStep(guestPage, editor);
  await codeStep(guestPage, editor, { seen });

  // Only that customer, as editor.
  const mine = guestPage.getByRole('list', { name: 'Ihre Kunden' });
  await expect(mine.getByRole('listitem')).toHaveCount(1);
  await mine.getByRole('link', { name: new RegExp(tenant.name) }).click();
  await expect(guestPage).toHaveURL(new RegExp(`/t/${tenant.slug}$`));
  await expect(guestPage.getByTestId('tenant-role')).toHaveText('Redaktion');
  await expect(guestPage.getByText('Deutsch, English, Italiano')).toBeVisible();
  await guestPage.screenshot({ path: info.outputPath('tenant-home-editor.png'), fullPage: true });
  // An editor may look at the members but not manage them.
  await guestPage.getByRole('navigation', { name: 'Bereiche des Kunden' }).getByRole('link', { name: 'Mitglieder' }).click();
  await expect(guestPage.getByRole('list', { name: 'Mitglieder' })).toContainText('Eddie Editor');
  await expect(guestPage.getByRole('region', { name: 'Mitglied hinzufügen' })).toHaveCount(0);
  // Any other customer is simply not there.
  const other = freshTenant('fremd');
  await createTenant(page, other);
  await guestPage.goto(`/t/${other.slug}`);
  await expect(guestPage.getByRole('heading', { name: 'Kunde nicht gefunden' })).toBeVisible();
  await guest.close();
});

test('a member of two customers switches between them and the last one is remembered', async ({ page, browser }, info) => {
  const admin = addUser({ platformAdmin: true, prefix: 'admin' });
  await setPasswordAndLogin(page, admin);
  const member = addUser({ prefix: 'member' });
  const first = freshTenant('erster');
  const second = freshTenant('zweiter');
  await createTenant(page, first);
  await addMember(page, member.email, 'Nur lesen');
  await createTenant(page, second);
  await addMember(page, member.email, 'Redaktion');

  const client = await newClient(browser, info);
  const memberPage = await client.newPage();
  await setPasswordAndLogin(memberPage, member);
  const switcher = memberPage.getByRole('button', { name: /Kunde wechseln/ });
  await switcher.click();
  const menu = memberPage.getByRole('list', { name: 'Kunden', exact: true });
  await expect(menu.getByRole('link')).toHaveCount(2);
  await memberPage.screenshot({ path: info.outputPath('switcher-open.png') });
  await menu.getByRole('link', { name: first.name }).click();
  await expect(memberPage).toHaveURL(new RegExp(`/t/${first.slug}$`));
  await expect(memberPage.getByTestId('tenant-role')).toHaveText('Nur lesen');
  await expect(switcher).toContainText(first.name);
  await switcher.click();
  await menu.getByRole('link', { name: second.name }).click();
  await expect(memberPage).toHaveURL(new RegExp(`/t/${second.slug}$`));
  await expect(memberPage.getByTestId('tenant-role')).toHaveText('Redaktion');
  await expect(switcher).toContainText(second.name);

  // Back on the dashboard, and after signing in again, the last customer is offered first.
  await memberPage.goto('/');
  await hydrated(memberPage);
  await expect(memberPage.getByRole('button', { name: /Kunde wechseln/ })).toContainText(second.name);
  const cards = memberPage.getByRole('list', { name: 'Ihre Kunden' }).getByRole('listitem');
  await expect(cards.first()).toContainText(second.name);
  await expect(cards.first()).toContainText('Weiter mit');
  await memberPage.screenshot({ path: info.outputPath('dashboard-two-tenants.png'), fullPage: true });
  await client.close();
});

test('the activity feed shows what each person did, and filters by person', async ({ page, browser }, info) => {
  const admin = addUser({ platformAdmin: true, prefix: 'admin' });
  await setPasswordAndLogin(page, admin);
  const owner = addUser({ prefix: 'owner' });
  const viewer = addUser({ prefix: 'viewer' });
  const tenant = freshTenant('aktiv');
  await createTenant(page, tenant);
  await addMember(page, owner.email, 'Inhaber');
  await addMember(page, viewer.email, 'Nur lesen');

  // The owner makes the viewer an editor.
  const client = await newClient(browser, info);
  const ownerPage = await client.newPage();
  await setPassword(ownerPage, owner);
  await login(ownerPage, owner.email);
  await ownerPage.goto(`/t/${tenant.slug}/members`);
  await hydrated(ownerPage);
  const row = ownerPage.getByRole('list', { name: 'Mitglieder' }).getByRole('listitem').filter({ hasText: viewer.email });
  await row.getByRole('combobox').selectOption({ label: 'Redaktion' });
  await row.getByRole('button', { name: 'Rolle ändern' }).click();
  await expect(row).toContainText('Redaktion');

  // The admin reads the feed: both of them, and the owner's change alone when filtered.
  await page.goto(`/t/${tenant.slug}/activity`);
  await hydrated(page);
  const feed = page.getByRole('list', { name: 'Aktivität' });
  await expect(feed).toContainText(owner.email);
  await expect(feed).toContainText(admin.email);
  await page.screenshot({ path: info.outputPath('activity.png'), fullPage: true });
  await page.getByLabel('Person').selectOption({ label: owner.email });
  await page.getByRole('button', { name: 'Filtern' }).click();
  await expect(page).toHaveURL(/actor=/);
  const entries = feed.getByRole('listitem');
  await expect(entries.first()).toContainText(owner.email);
  await expect(feed).not.toContainText(admin.email);
  await expect(entries.first()).toContainText('viewer');
  await expect(entries.first()).toContainText('editor');
  // One record's history.
  await entries.first().getByRole('link', { name: 'Verlauf' }).click();
  await expect(page.getByText('Sie sehen den Verlauf eines Eintrags.')).toBeVisible();
  await expect(feed.getByRole('listitem')).toHaveCount(2);
  await client.close();
});
