import { test, expect, newClient } from '../fixtures/test';
import { createTenant, freshTenant } from '../fixtures/tenants';
import { addUser, hydrated, login, setPasswordAndLogin } from '../fixtures/users';
import { addBlock, block, blocks, createPage, createSite, saveNow, section, smallTargets } from '../fixtures/content';
import fs from 'node:fs';
import path from 'node:path';

/** A 1600 × 1000 photo with EXIF (orientation and a GPS position). */
const photo = {
  name: 'harbour.jpg',
  mimeType: 'image/jpeg',
  buffer: fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'files', 'harbour.jpg')),
};
/** A 1×1 PNG. */
const dot = {
  name: 'punkt.png',
  mimeType: 'image/png',
  buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'),
};
/** An HTML page named like a photo. */
const fake = { name: 'urlaub.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>') };

test('an editor builds a page with a photo uploaded on the spot, reorders, previews it, and a stale save meets the conflict', async ({ page, browser }, info) => {
  const admin = addUser({ platformAdmin: true, prefix: 'admin' });
  await setPasswordAndLogin(page, admin);
  const tenant = freshTenant('hafen');
  await createTenant(page, tenant);
  await createSite(page, `${tenant.name} Web`);
  await section(page, 'Seiten').click();
  await createPage(page, 'Hafenrundfahrt');

  await addBlock(page, 'Überschrift');
  await block(page, 'Überschrift 1').getByLabel('Überschrift', { exact: true }).fill('Ahoi');
  await addBlock(page, 'Text');
  await block(page, 'Text 2').getByRole('textbox', { name: 'Text' }).pressSequentially('Jeden Tag um 10 Uhr.');
  await addBlock(page, 'Bild');
  const image = block(page, 'Bild 3');
  await expect(image.getByText('Kein Bild gewählt.')).toBeVisible();
  // The picker: the library is empty, so the photo is uploaded from it and chosen at once.
  await image.getByRole('button', { name: 'Bild wählen' }).click();
  const picker = page.getByRole('dialog', { name: 'Bild aus der Mediathek' });
  await expect(picker).toBeVisible();
  await expect(picker.getByText('Noch keine Dateien.')).toBeVisible();
  await picker.getByLabel('Dateien wählen').setInputFiles(photo);
  await expect(picker).toHaveCount(0);
  await expect(image.getByText('harbour.jpg')).toBeVisible();
  // The missing alt text is one click away: the file's page, in a new tab.
  await expect(image.getByRole('link', { name: 'Alternativtext fehlt' })).toHaveAttribute('href', /^\/t\/hafen-[0-9a-f]{6}\/media\/[0-9a-f-]{36}$/);
  await image.getByLabel('Beschriftung').fill('Der Hafen am Morgen');
  await page.screenshot({ path: info.outputPath('editor-image-block.png'), fullPage: true });
  await image.screenshot({ path: info.outputPath('image-block.png') });
  if (info.project.name === 'phone') expect(await smallTargets(image)).toEqual([]);

  // The same photo as the page's social image in German, chosen from the library this time.
  const social = page.getByRole('tabpanel', { name: /Deutsch/ }).getByRole('group', { name: 'Social-Media-Bild' });
  await social.getByRole('button', { name: 'Bild wählen' }).click();
  await page.getByRole('dialog', { name: 'Bild aus der Mediathek' }).getByRole('button', { name: 'Wählen: harbour.jpg' }).click();
  await expect(social.getByText('harbour.jpg')).toBeVisible();
  // Focus is back on the button that opened the picker.
  await expect(social.getByRole('button', { name: 'Bild ändern' })).toBeFocused();

  // The picture goes up, above the text (by touch: the arrow).
  await image.getByRole('button', { name: 'Nach oben' }).click();
  await expect(blocks(page).getByRole('heading', { level: 3 })).toHaveText(['Überschrift 1', 'Bild 2', 'Text 3']);
  await saveNow(page);

  // The preview shows the photo, loaded, with its caption, between the heading and the text.
  const preview = page.getByRole('region', { name: /^Vorschau/ });
  const frame = preview.getByTitle('Vorschau der Seite').contentFrame();
  const figure = frame.getByRole('figure', { name: 'Der Hafen am Morgen' });
  await expect(figure).toBeVisible();
  const img = figure.locator('img');
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
  await expect(frame.locator('main > *')).toHaveCount(4);
  await expect(frame.locator('main > :nth-child(3)')).toHaveAttribute('class', 'block image');
  await preview.screenshot({ path: info.outputPath('preview-with-photo.png') });
  await expect(frame.locator('meta[property="og:image"]')).toHaveAttribute('content', /^\/media\/[0-9a-f-]{36}\/[0-9a-f]{64}-960\.jpg$/);
  await page.reload();
  await hydrated(page);
  await expect(block(page, 'Bild 2').getByText('harbour.jpg')).toBeVisible();

  // Someone else saves the page in between; this editor's next save meets the conflict.
  const other = await newClient(browser, info);
  const otherPage = await other.newPage();
  await login(otherPage, admin.email);
  await otherPage.goto(page.url());
  await hydrated(otherPage);
  await otherPage.getByRole('tabpanel', { name: /Deutsch/ }).getByLabel('Titel', { exact: true }).fill('Hafenrundfahrt 2027');
  await otherPage.getByRole('button', { name: 'Speichern', exact: true }).click();
  await expect(otherPage.getByRole('status').filter({ hasText: /^Gespeichert/ })).toBeVisible();
  await other.close();
  await block(page, 'Überschrift 1').getByLabel('Überschrift', { exact: true }).fill('Ahoi und willkommen');
  await page.getByRole('button', { name: 'Speichern', exact: true }).click();
  await expect(page.getByRole('alertdialog', { name: 'Jemand anderes hat diese Seite inzwischen gespeichert' })).toBeVisible();
  await expect(block(page, 'Überschrift 1').getByLabel('Überschrift', { exact: true })).toHaveValue('Ahoi und willkommen');
});

test('the media library: upload, refusal, duplicates, focal point by tap, alt text per language, use blocks deletion', async ({ page }, info) => {
  const admin = addUser({ platformAdmin: true, prefix: 'admin' });
  await setPasswordAndLogin(page, admin);
  const tenant = freshTenant('medien');
  await createTenant(page, tenant, ['English']);
  await createSite(page, `${tenant.name} Web`);
  await section(page, 'Medien').click();
  await expect(page.getByRole('heading', { name: 'Medien', level: 1 })).toBeVisible();
  await expect(page.getByText('Noch keine Dateien.')).toBeVisible();
  await hydrated(page);

  // A photo and an HTML page named .jpg: one stored, one refused with the reason.
  await page.getByLabel('Dateien wählen').setInputFiles([photo, fake]);
  const status = page.getByRole('status').filter({ hasText: 'harbour.jpg' });
  await expect(status).toContainText('harbour.jpg: hochgeladen');
  await expect(status).toContainText('urlaub.jpg: Diese Art von Datei wird nicht angenommen');
  const library = page.getByRole('list', { name: 'Medien' });
  await expect(library.getByRole('link', { name: 'harbour.jpg' })).toBeVisible();
  await expect(library.getByRole('listitem')).toHaveCount(1);
  await expect(library.getByText('Alternativtext fehlt (DE, EN)')).toBeVisible();
  // The same photo again is recognised.
  await page.getByLabel('Dateien wählen').setInputFiles(photo);
  await expect(page.getByRole('status').filter({ hasText: 'war schon in der Mediathek' })).toBeVisible();
  await expect(library.getByRole('listitem')).toHaveCount(1);
  if (info.project.name === 'desktop') {
    // Dropped on the upload area (drag and drop from the desktop).
    const dropped = await page.evaluateHandle(() => {
      const gif = Uint8Array.from(atob('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw=='), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([gif], 'gezogen.gif', { type: 'image/gif' }));
      return dt;
    });
    await page.getByText('JPEG, PNG, WebP, GIF, SVG oder PDF').dispatchEvent('drop', { dataTransfer: dropped });
    await expect(page.getByRole('status').filter({ hasText: 'gezogen.gif: hochgeladen' })).toBeVisible();
    await expect(library.getByRole('link', { name: 'gezogen.gif' })).toBeVisible();
    // Over the 20 MB cap: refused with the reason, before anything is sent.
    await page.getByLabel('Dateien wählen').setInputFiles({ name: 'riesig.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(20_000_001) });
    await expect(page.getByRole('status').filter({ hasText: 'riesig.jpg: Die Datei ist zu groß' })).toBeVisible();
    await expect(library.getByRole('listitem')).toHaveCount(2);
    // On a slow line the share sent so far is shown (20 kB/s: the 68 kB photo takes about 3 s).
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 50, downloadThroughput: -1, uploadThroughput: 20_000 });
    await page.getByLabel('Dateien wählen').setInputFiles({ ...photo, name: 'langsam.jpg' });
    await expect(page.getByRole('status').filter({ hasText: /langsam\.jpg: Wird hochgeladen: [1-9]\d? %/ })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'langsam.jpg: war schon in der Mediathek' })).toBeVisible({ timeout: 15_000 });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  }
  await page.screenshot({ path: info.outputPath('media-library.png'), fullPage: true });
  if (info.project.name === 'phone') expect(await smallTargets(page.getByRole('main'))).toEqual([]);

  await library.getByRole('link', { name: 'harbour.jpg' }).click();
  await expect(page.getByRole('heading', { name: 'harbour.jpg', level: 1 })).toBeVisible();
  await hydrated(page);
  // The variants are made in the background.
  await expect(async () => {
    await page.reload();
    await expect(page.getByText('480 px, 960 px')).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await hydrated(page);

  // Tap the picture a quarter from the left and three quarters down.
  const picture = page.locator('.focal-frame img');
  const box = (await picture.boundingBox())!;
  const at = { x: box.width * 0.25, y: box.height * 0.75 };
  if (info.project.name === 'phone') await picture.tap({ position: at });
  else await picture.click({ position: at });
  await expect(page.getByLabel('Von links (%)')).toHaveValue('25');
  await expect(page.getByLabel('Von oben (%)')).toHaveValue('75');
  const german = page.getByRole('group', { name: 'Deutsch' });
  const english = page.getByRole('group', { name: 'English' });
  await german.getByLabel('Alternativtext').fill('Boote im Hafen');
  await english.getByLabel('Alternativtext').fill('Boats in the harbour');
  await german.getByLabel('Bildunterschrift').fill('Der Hafen am Morgen');
  await expect(german.getByText('Alternativtext fehlt')).toHaveCount(0);
  await page.getByRole('button', { name: 'Speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Gespeichert.' })).toBeVisible();
  await page.screenshot({ path: info.outputPath('media-detail.png'), fullPage: true });
  if (info.project.name === 'phone') expect(await smallTargets(page.getByRole('main'))).toEqual([]);
  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel('Von links (%)')).toHaveValue('25');
  await expect(page.getByRole('group', { name: 'English' }).getByLabel('Alternativtext')).toHaveValue('Boats in the harbour');
  await expect(page.getByText('Nicht verwendet')).toBeVisible();

  // Used on a page (chosen from the library in the picker), it cannot be deleted.
  await section(page, 'Seiten').click();
  await createPage(page, 'Galerie');
  await addBlock(page, 'Galerie');
  const gallery = block(page, 'Galerie 1');
  await gallery.getByRole('button', { name: 'Bild hinzufügen' }).click();
  const picker = page.getByRole('dialog', { name: 'Bild aus der Mediathek' });
  await expect(picker.getByRole('button', { name: 'Wählen: harbour.jpg' })).toBeVisible();
  await page.screenshot({ path: info.outputPath('media-picker.png') });
  await picker.getByRole('button', { name: 'Wählen: harbour.jpg' }).click();
  await expect(gallery.getByText('harbour.jpg')).toBeVisible();
  // Its alt texts are there, so no warning.
  await expect(gallery.getByText('Alternativtext fehlt')).toHaveCount(0);
  await saveNow(page);

  // The site's logo, from the library.
  await section(page, 'Website').click();
  const logo = page.getByRole('group', { name: 'Logo' });
  await logo.getByRole('button', { name: 'Bild wählen' }).click();
  await page.getByRole('dialog', { name: 'Bild aus der Mediathek' }).getByRole('button', { name: 'Wählen: harbour.jpg' }).click();
  await expect(page.getByRole('region', { name: 'Logo' }).getByRole('status')).toHaveText('Gespeichert.');
  await page.reload();
  await expect(page.getByRole('group', { name: 'Logo' }).getByText('harbour.jpg')).toBeVisible();
  await section(page, 'Medien').click();
  await expect(page.getByText('Verwendet auf 1 Seite · Logo der Website')).toBeVisible();
  await page.getByRole('link', { name: 'harbour.jpg' }).click();
  await expect(page.getByRole('link', { name: 'Galerie' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Logo der Website' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Datei löschen' })).toBeDisabled();
  await expect(page.getByText('Die Datei wird verwendet')).toBeVisible();

  // A file nobody uses can be deleted.
  await page.getByRole('link', { name: /Zur Mediathek/ }).click();
  await hydrated(page);
  await page.getByLabel('Dateien wählen').setInputFiles(dot);
  await page.getByRole('link', { name: 'punkt.png' }).click();
  await expect(page.getByRole('heading', { name: 'punkt.png', level: 1 })).toBeVisible();
  await hydrated(page);
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Datei löschen' }).click();
  await expect(page.getByRole('heading', { name: 'Medien', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'punkt.png' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'harbour.jpg' })).toBeVisible();
});
