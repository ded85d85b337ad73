import { test, expect, newClient } from '../fixtures/test';
import { createTenant, freshTenant } from '../fixtures/tenants';
import { addUser, hydrated, login, setPasswordAndLogin } from '../fixtures/users';
import { createPage, createSite, section } from '../fixtures/content';
import type { Page } from '@playwright/test';

test('an editor builds a page in two languages, it saves itself, and a stale save meets the conflict', async ({ page, browser }, info) => {
  const admin = addUser({ platformAdmin: true, prefix: 'admin' });
  await setPasswordAndLogin(page, admin);
  const tenant = freshTenant('seiten');
  await createTenant(page, tenant, ['English']);
  await createSite(page, `${tenant.name} Web`);
  // A German site warns until its legal pages are chosen.
  await expect(page.getByRole('note').filter({ hasText: 'Es fehlt das Impressum' })).toBeVisible();
  // The footer, per language.
  await page.getByLabel('Fußzeile (Deutsch)').fill('Hauptstraße 1, Berlin');
  await page.getByLabel('Fußzeile (English)').fill('1 Main Street, Berlin');
  await page.getByRole('button', { name: 'Fußzeile speichern' }).click();
  await expect(page.getByRole('region', { name: 'Fußzeile' }).getByRole('status')).toHaveText('Gespeichert');
  await page.reload();
  await expect(page.getByLabel('Fußzeile (English)')).toHaveValue('1 Main Street, Berlin');
  await page.screenshot({ path: info.outputPath('site-settings.png'), fullPage: true });

  await section(page, 'Seiten').click();
  await expect(page.getByText('Noch keine Seiten')).toBeVisible();
  await createPage(page, 'Über uns');
  await expect(page.getByRole('tabpanel', { name: /Deutsch/ }).getByLabel('Adresse (Slug)')).toHaveValue('ueber-uns');

  // The English version, saved with the button.
  await page.getByRole('tab', { name: /English/ }).click();
  await expect(page.getByRole('tabpanel', { name: /English/ })).toBeVisible();
  const english = page.getByRole('tabpanel', { name: /English/ });
  await english.getByLabel('Titel', { exact: true }).fill('About us');
  await expect(english.getByLabel('Adresse (Slug)')).toHaveAttribute('placeholder', 'about-us');
  await page.getByRole('button', { name: 'Speichern', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Gespeichert/ })).toBeVisible();
  await page.screenshot({ path: info.outputPath('editor-english.png'), fullPage: true });

  // A draft saves itself a few seconds after typing stops.
  await page.getByRole('tab', { name: /Deutsch/ }).click();
  const german = page.getByRole('tabpanel', { name: /Deutsch/ });
  await german.getByLabel('Beschreibung für Suchmaschinen').fill('Wer wir sind und was wir backen.');
  await expect(page.getByRole('status').filter({ hasText: 'Nicht gespeicherte Änderungen' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^Gespeichert/ })).toBeVisible({ timeout: 10_000 });
  await page.reload();
  await hydrated(page);
  await expect(page.getByRole('tabpanel', { name: /Deutsch/ }).getByLabel('Beschreibung für Suchmaschinen'))
    .toHaveValue('Wer wir sind und was wir backen.');
  await page.getByRole('tab', { name: /English/ }).click();
  await expect(page.getByRole('tabpanel', { name: /English/ }).getByLabel('Titel', { exact: true })).toHaveValue('About us');

  // Someone else saves the same page in between.
  const other = await newClient(browser, info);
  const otherPage = await other.newPage();
  await login(otherPage, admin.email);
  await otherPage.goto(page.url());
  await hydrated(otherPage);
  await otherPage.getByRole('tabpanel', { name: /Deutsch/ }).getByLabel('Titel', { exact: true }).fill('Über uns (neu)');
  await otherPage.getByRole('button', { name: 'Speichern', exact: true }).click();
  await expect(otherPage.getByRole('status').filter({ hasText: /^Gespeichert/ })).toBeVisible();
  await other.close();

  // This editor's save is stopped, says who saved, and keeps the edit.
  await page.getByRole('tab', { name: /Deutsch/ }).click();
  await page.getByRole('tabpanel', { name: /Deutsch/ }).getByLabel('Titel', { exact: true }).fill('Über uns – Team');
  await page.getByRole('button', { name: 'Speichern', exact: true }).click();
  const conflict = page.getByRole('alertdialog', { name: 'Jemand anderes hat diese Seite inzwischen gespeichert' });
  await expect(conflict).toBeVisible();
  await expect(conflict).toContainText(admin.email);
  await expect(page.getByRole('tabpanel', { name: /Deutsch/ }).getByLabel('Titel', { exact: true })).toHaveValue('Über uns – Team');
  await page.screenshot({ path: info.outputPath('editor-conflict.png'), fullPage: true });
  // Overwrite only after confirming.
  await conflict.getByRole('button', { name: 'Meine Fassung speichern' }).click();
  await conflict.getByRole('button', { name: 'Ja, überschreiben' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Gespeichert/ })).toBeVisible();
  await expect(conflict).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Über uns – Team', level: 1 })).toBeVisible();
});

test('the page list orders, nests, searches, and takes pages to the trash and back', async ({ page }, info) => {
  const admin = addUser({ platformAdmin: true, prefix: 'admin' });
  await setPasswordAndLogin(page, admin);
  const tenant = freshTenant('baum');
  await createTenant(page, tenant);
  await createSite(page, `${tenant.name} Web`);
  await section(page, 'Seiten').click();
  await createPage(page, 'Start', 'start');
  await page.getByRole('link', { name: 'Seiten', exact: true }).first().click();
  await createPage(page, 'Kontakt', 'kontakt');
  await page.getByRole('link', { name: 'Seiten', exact: true }).first().click();
  await hydrated(page);

  // A second page with a taken address: the message is at the field.
  await page.getByText('Neue Seite', { exact: true }).click();
  await page.getByLabel('Titel', { exact: true }).fill('Noch ein Kontakt');
  await page.getByLabel('Adresse (Slug)').fill('kontakt');
  await page.getByRole('button', { name: 'Seite anlegen' }).click();
  await expect(page.getByText('Diese Adresse hat schon eine andere Seite')).toBeVisible();
  await expect(page.getByLabel('Adresse (Slug)')).toHaveAttribute('aria-invalid', 'true');

  const list = page.getByRole('list', { name: 'Seiten' });
  const titles = list.getByRole('heading', { level: 3 });
  await expect(titles).toHaveText([/Start/, /Kontakt/]);
  // Touch-friendly up and down.
  await list.getByRole('button', { name: 'Nach oben: Kontakt' }).click();
  await expect(titles).toHaveText([/Kontakt/, /Start/]);
  await page.screenshot({ path: info.outputPath('page-list.png'), fullPage: true });

  // Search.
  await page.getByLabel('Seiten durchsuchen').fill('kon');
  await page.getByRole('button', { name: 'Suchen' }).click();
  await expect(page).toHaveURL(/q=kon/);
  await expect(titles).toHaveText([/Kontakt/]);
  await page.getByLabel('Seiten durchsuchen').fill('');
  await page.getByRole('button', { name: 'Suchen' }).click();
  await expect(titles).toHaveCount(2);

  // Trash, undo, trash again, restore from the trash.
  await list.getByRole('button', { name: 'In den Papierkorb: Start' }).click();
  await expect(titles).toHaveText([/Kontakt/]);
  await page.getByRole('button', { name: 'Rückgängig' }).click();
  await expect(titles).toHaveCount(2);
  await list.getByRole('button', { name: 'In den Papierkorb: Start' }).click();
  await expect(titles).toHaveText([/Kontakt/]);
  await page.getByRole('link', { name: 'Papierkorb' }).click();
  await expect(page.getByRole('heading', { name: 'Papierkorb' })).toBeVisible();
  await list.getByRole('button', { name: 'Wiederherstellen: Start' }).click();
  await expect(page.getByText('Der Papierkorb ist leer.')).toBeVisible();
  await page.getByRole('link', { name: 'Zurück zu den Seiten' }).click();
  await expect(titles).toHaveCount(2);

  // Nesting: Start below Kontakt, from the editor.
  await list.getByRole('link', { name: 'Start' }).click();
  await hydrated(page);
  await page.getByLabel('Verschieben unter').selectOption({ label: 'Kontakt' });
  await page.getByRole('button', { name: 'Verschieben', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Gespeichert/ })).toBeVisible();
  await page.getByRole('link', { name: 'Seiten', exact: true }).first().click();
  await expect(list.getByText('/kontakt/start')).toBeVisible();
  // The subpage is indented below its parent.
  const parentBox = await list.getByRole('listitem').filter({ hasText: '/kontakt' }).first().boundingBox();
  const childBox = await list.getByRole('listitem').filter({ hasText: '/kontakt/start' }).boundingBox();
  expect(childBox!.x).toBeGreaterThan(parentBox!.x + 8);
  await page.screenshot({ path: info.outputPath('page-tree.png'), fullPage: true });
});

test('revisions are compared field by field and one language is restored', async ({ page }, info) => {
  const admin = addUser({ platformAdmin: true, prefix: 'admin' });
  await setPasswordAndLogin(page, admin);
  const tenant = freshTenant('fassung');
  await createTenant(page, tenant, ['English']);
  await createSite(page, `${tenant.name} Web`);
  await section(page, 'Seiten').click();
  await createPage(page, 'Preise');
  const save = async () => {
    await page.getByRole('button', { name: 'Speichern', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Gespeichert/ })).toBeVisible();
  };
  const german = page.getByRole('tabpanel', { name: /Deutsch/ });
  const english = page.getByRole('tabpanel', { name: /English/ });
  await german.getByLabel('Titel', { exact: true }).fill('Preise 2026');
  await save(); // #2
  await page.getByRole('tab', { name: /English/ }).click();
  await english.getByLabel('Titel', { exact: true }).fill('Prices');
  await save(); // #3
  await page.getByRole('tab', { name: /Deutsch/ }).click();
  await german.getByLabel('Titel', { exact: true }).fill('Preise 2027');
  await save(); // #4

  const revisions = page.getByRole('region', { name: 'Versionen' });
  await expect(revisions.getByRole('list', { name: 'Versionen' }).getByRole('listitem')).toHaveCount(4);
  // #3 against #4: only the German title differs.
  await revisions.getByLabel('Ältere Fassung').selectOption({ label: '#3' });
  await revisions.getByLabel('Neuere Fassung').selectOption({ label: '#4' });
  await revisions.getByRole('button', { name: 'Vergleichen' }).click();
  const rows = revisions.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toHaveText(/Deutsch\s*Titel\s*Preise 2026\s*Preise 2027/);
  await page.screenshot({ path: info.outputPath('revisions-compare.png'), fullPage: true });

  // German from #3; English stays.
  await revisions.getByLabel('Fassung', { exact: true }).selectOption({ label: '#3' });
  await revisions.getByLabel('Sprache').selectOption({ label: 'Deutsch' });
  await revisions.getByRole('button', { name: 'Wiederherstellen' }).click();
  await expect(page.getByRole('heading', { name: 'Preise 2026', level: 1 })).toBeVisible();
  await expect(revisions.getByRole('listitem').first()).toContainText('Wiederhergestellt aus #3 (Deutsch)');
  await page.getByRole('tab', { name: /English/ }).click();
  await expect(english.getByLabel('Titel', { exact: true })).toHaveValue('Prices');
});

test('the header menu links a page and an address, in order, and refuses a script link', async ({ page }, info) => {
  const admin = addUser({ platformAdmin: true, prefix: 'admin' });
  await setPasswordAndLogin(page, admin);
  const tenant = freshTenant('menue');
  await createTenant(page, tenant, ['English']);
  await createSite(page, `${tenant.name} Web`);
  await section(page, 'Seiten').click();
  await createPage(page, 'Kontakt', 'kontakt');

  await section(page, 'Menüs').click();
  await expect(page.getByRole('heading', { name: 'Kopfzeile · Deutsch' })).toBeVisible();
  await expect(page.getByText('Dieses Menü ist leer.')).toBeVisible();
  await hydrated(page);
  const form = page.getByRole('region', { name: 'Eintrag hinzufügen' });
  // A page, labelled by its title.
  await form.getByLabel('Seite', { exact: true }).selectOption({ label: 'Kontakt' });
  await form.getByRole('button', { name: 'Eintrag hinzufügen' }).click();
  const items = page.getByRole('list', { name: 'Einträge' }).getByRole('listitem');
  await expect(items).toHaveText([/Kontakt/]);
  // An address needs a safe scheme.
  await form.getByLabel('Eine Adresse').check();
  await form.getByLabel('Adresse (URL)').fill('javascript:alert(1)');
  await form.getByLabel('Beschriftung').fill('Böse');
  await form.getByRole('button', { name: 'Eintrag hinzufügen' }).click();
  await expect(form.getByText('Bitte eine Adresse mit https://')).toBeVisible();
  await expect(items).toHaveCount(1);
  await form.getByLabel('Adresse (URL)').fill('https://shop.example.org');
  await form.getByLabel('Beschriftung').fill('Shop');
  await form.getByRole('button', { name: 'Eintrag hinzufügen' }).click();
  await expect(items).toHaveText([/Kontakt/, /Shop/]);
  // The form starts over for the next item.
  await expect(form.getByLabel('Eine Seite')).toBeChecked();
  await expect(form.getByLabel('Beschriftung')).toHaveValue('');
  await page.getByRole('button', { name: 'Nach oben: Shop' }).click();
  await expect(items).toHaveText([/Shop/, /Kontakt/]);
  await page.screenshot({ path: info.outputPath('menus.png'), fullPage: true });

  // The English menu is its own, and warns about a page that has no English version.
  await page.getByRole('navigation', { name: 'Sprache' }).getByRole('link', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Kopfzeile · English' })).toBeVisible();
  await expect(page.getByText('Dieses Menü ist leer.')).toBeVisible();
  await form.getByLabel('Seite', { exact: true }).selectOption({ label: 'Kontakt' });
  await form.getByRole('button', { name: 'Eintrag hinzufügen' }).click();
  await expect(items.first()).toContainText('Diese Seite gibt es in dieser Sprache nicht');
  await page.getByRole('button', { name: /^Entfernen/ }).click();
  await expect(page.getByText('Dieses Menü ist leer.')).toBeVisible();
});
