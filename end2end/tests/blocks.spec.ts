import { test, expect } from '../fixtures/test';
import { createTenant, freshTenant } from '../fixtures/tenants';
import { addUser, hydrated, setPasswordAndLogin } from '../fixtures/users';
import { addBlock, block, blocks, createPage, createSite, saveNow, section, smallTargets } from '../fixtures/content';

test('an editor builds a page from blocks, reorders them, undoes a delete and previews it in two languages', async ({ page }, info) => {
  const phone = info.project.name === 'phone';
  const admin = addUser({ platformAdmin: true, prefix: 'admin' });
  await setPasswordAndLogin(page, admin);
  const tenant = freshTenant('bloecke');
  await createTenant(page, tenant, ['English']);
  await createSite(page, `${tenant.name} Web`);
  await section(page, 'Seiten').click();
  await createPage(page, 'Öffnungszeiten');
  await expect(page.getByText('Diese Seite hat noch keine Blöcke.')).toBeVisible();

  // A heading, and rich text formatted with the toolbar (bold, a link).
  await addBlock(page, 'Überschrift');
  await block(page, 'Überschrift 1').getByLabel('Überschrift', { exact: true }).fill('Wir haben geöffnet');
  await addBlock(page, 'Text');
  const text = block(page, 'Text 2').getByRole('textbox', { name: 'Text' });
  await expect(text).toBeFocused();
  await text.pressSequentially('Montag bis Freitag');
  await text.press('ControlOrMeta+a');
  await block(page, 'Text 2').getByRole('button', { name: 'Fett' }).click();
  await expect(text.locator('b')).toHaveText('Montag bis Freitag');
  await text.press('End');
  await text.pressSequentially(' Karte');
  for (let i = 0; i < 5; i++) await text.press('Shift+ArrowLeft');
  page.once('dialog', (d) => d.accept('https://example.org/karte'));
  await block(page, 'Text 2').getByRole('button', { name: 'Link einfügen' }).click();
  await expect(text.getByRole('link', { name: 'Karte' })).toHaveAttribute('href', 'https://example.org/karte');
  if (!phone) {
    // The toolbar is one tab stop; the arrow keys, Home and End move inside it.
    const toolbar = block(page, 'Text 2').getByRole('toolbar');
    await toolbar.getByRole('button', { name: 'Fett' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(toolbar.getByRole('button', { name: 'Kursiv' })).toBeFocused();
    await page.keyboard.press('End');
    await expect(toolbar.getByRole('button', { name: 'Absatz' })).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(toolbar.getByRole('button', { name: 'Fett' })).toBeFocused();
    await expect(toolbar.getByRole('button', { name: 'Fett' })).toHaveAttribute('tabindex', '0');
    await expect(toolbar.getByRole('button', { name: 'Absatz' })).toHaveAttribute('tabindex', '-1');
  }

  // A video whose address is not from a supported provider is refused at its field.
  await addBlock(page, 'Video oder Karte');
  const video = block(page, 'Video oder Karte 3');
  await video.getByLabel('Adresse des Videos oder der Karte').fill('https://example.org/video.mp4');
  await page.getByRole('button', { name: 'Speichern', exact: true }).click();
  await expect(video.getByRole('alert')).toContainText('Diese Adresse geht nicht');
  await expect(page.getByRole('alert').filter({ hasText: 'Bitte die markierten Felder in den Blöcken prüfen.' })).toBeVisible();
  await video.getByLabel('Adresse des Videos oder der Karte').fill('https://www.youtube.com/watch?v=dQw4w9WgXcQ');
  await video.getByLabel('Beschriftung').fill('Unser Laden');
  await saveNow(page);

  // Reorder: the text goes first (by touch with the arrows, on a desktop by drag and drop).
  if (phone) {
    await block(page, 'Text 2').getByRole('button', { name: 'Nach oben' }).click();
  } else {
    // Mouse steps as a person drags: press on the handle, move in steps, release over the target.
    const target = block(page, 'Überschrift 1').getByRole('heading');
    await target.scrollIntoViewIfNeeded();
    const from = (await block(page, 'Text 2').getByTitle('Ziehen, um den Block zu verschieben').boundingBox())!;
    const to = (await target.boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
    await page.mouse.up();
  }
  await expect(blocks(page).getByRole('heading', { level: 3 })).toHaveText(['Text 1', 'Überschrift 2', 'Video oder Karte 3']);
  await expect(block(page, 'Text 1').getByRole('button', { name: 'Nach oben' })).toBeDisabled();

  // Duplicate, delete the copy, undo, delete again.
  await block(page, 'Überschrift 2').getByRole('button', { name: 'Duplizieren' }).click();
  await expect(block(page, 'Überschrift 3').getByLabel('Überschrift', { exact: true })).toHaveValue('Wir haben geöffnet');
  await block(page, 'Überschrift 3').getByRole('button', { name: 'Löschen' }).click();
  await expect(block(page, 'Überschrift 3')).toHaveCount(0);
  await page.getByRole('status').filter({ hasText: 'Block gelöscht' }).getByRole('button', { name: 'Rückgängig' }).click();
  await expect(block(page, 'Überschrift 3')).toBeVisible();
  await block(page, 'Überschrift 3').getByRole('button', { name: 'Löschen' }).click();
  await saveNow(page);

  // The English texts of the same blocks.
  await page.getByRole('tab', { name: /English/ }).click();
  await expect(page.getByRole('heading', { name: /^Inhalt/ })).toContainText('English');
  // The German texts are the model: as placeholders, and "not translated yet" until there is one.
  const englishHeading = block(page, 'Überschrift 2').getByLabel('Überschrift', { exact: true });
  await expect(englishHeading).toHaveValue('');
  await expect(englishHeading).toHaveAttribute('placeholder', 'Wir haben geöffnet');
  await expect(block(page, 'Überschrift 2').getByText('Noch nicht übersetzt.')).toBeVisible();
  await englishHeading.fill('We are open');
  await expect(block(page, 'Überschrift 2').getByText('Noch nicht übersetzt.')).toHaveCount(0);
  await expect(block(page, 'Text 1').getByText('Noch nicht übersetzt.')).toBeVisible();
  await expect(page.getByRole('tab', { name: /English/ })).toContainText('fehlt');
  await page.getByRole('tabpanel', { name: /English/ }).getByLabel('Titel', { exact: true }).fill('Opening hours');
  // With a title the language exists; the text block is still German only, so it is incomplete.
  await expect(page.getByRole('tab', { name: /English/ })).toContainText('unvollständig');
  await saveNow(page);
  await page.screenshot({ path: info.outputPath('blocks-editor.png'), fullPage: true });
  await page.getByRole('region', { name: /^Inhalt/ }).screenshot({ path: info.outputPath('blocks-card.png') });
  // Every control of the block editor is a touch target of at least 44 px high (checkboxes count by
  // their row, the drag grip is not a control).
  expect(await smallTargets(page.getByRole('region', { name: /^Inhalt/ }))).toEqual([]);

  // After a reload: the order, the formatting and both languages are kept.
  await page.reload();
  await hydrated(page);
  await expect(blocks(page).getByRole('heading', { level: 3 })).toHaveText(['Text 1', 'Überschrift 2', 'Video oder Karte 3']);
  await expect(block(page, 'Text 1').getByRole('textbox', { name: 'Text' }).locator('b')).toHaveText(/^Montag bis Freitag/);
  await expect(block(page, 'Überschrift 2').getByLabel('Überschrift', { exact: true })).toHaveValue('Wir haben geöffnet');

  // The preview: the saved page as the site shows it, German first, then English.
  const preview = page.getByRole('region', { name: /^Vorschau/ });
  const frame = preview.getByTitle('Vorschau der Seite').contentFrame();
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Öffnungszeiten');
  await expect(frame.getByRole('heading', { level: 2 })).toHaveText('Wir haben geöffnet');
  await expect(frame.getByRole('link', { name: 'Karte' })).toHaveAttribute('href', 'https://example.org/karte');
  // Two clicks: nothing from YouTube until the visitor asks.
  await expect(frame.locator('iframe')).toHaveCount(0);
  await frame.getByRole('button', { name: 'Inhalt laden' }).click();
  await expect(frame.locator('iframe')).toHaveAttribute('src', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ');
  await preview.getByRole('button', { name: 'Desktop' }).click();
  await expect(preview.getByRole('button', { name: 'Desktop' })).toHaveAttribute('aria-pressed', 'true');
  await preview.scrollIntoViewIfNeeded();
  await page.screenshot({ path: info.outputPath('preview.png') });
  await page.getByRole('tab', { name: /English/ }).click();
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Opening hours');
  await expect(frame.getByRole('heading', { level: 2 })).toHaveText('We are open');
  await expect(frame.getByRole('button', { name: 'Load content' })).toBeVisible();
});
