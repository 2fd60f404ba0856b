// contactpunt.test.mjs - a GGZ professional finds the UWV contact point of
// 's-Hertogenbosch, opens the contact person's card and logs out.
import { after } from 'node:test';
import { e2e, closeBrowser, submit, assert } from './lib.mjs';

after(closeBrowser);

e2e('GGZ professional finds the UWV contact point of \'s-Hertogenbosch, ' +
    'opens the card and logs out', async ({ page, check, login }) => {
	await login('ggz');
	await check('start page (GGZ professional)');

	const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
	await submit(page, nav.getByRole('link', { name: 'Contactpunt zoeken' }));
	assert.equal(new URL(page.url()).pathname, '/contactpunten');
	assert.equal(await nav.getByRole('link', { name: 'Contactpunt zoeken' })
	    .getAttribute('aria-current'), 'page',
	    'the navigation marks "Contactpunt zoeken" as the current page');
	await assert.doesNotReject(page.getByRole('heading', { level: 1,
	    name: 'Contactpunt zoeken' }).waitFor());
	await check('Contactpunt zoeken (empty form)');

	await page.getByLabel('Gemeente of regio').fill('\'s-Hertogenbosch');
	await page.getByLabel('Domein').selectOption('uwv');
	await submit(page, page.getByRole('button', { name: 'Zoeken' }));
	const url = new URL(page.url());
	assert.equal(url.pathname, '/contactpunten');
	assert.equal(url.searchParams.get('q'), '\'s-Hertogenbosch');
	assert.equal(url.searchParams.get('domain'), 'uwv');
	await check('Contactpunt zoeken (UWV in \'s-Hertogenbosch)');

	// The search keeps what was typed and chosen.
	assert.equal(await page.getByLabel('Gemeente of regio').inputValue(),
	    '\'s-Hertogenbosch');
	assert.equal(await page.getByLabel('Domein').inputValue(), 'uwv');

	const h2 = await page.locator('main h2').first().innerText();
	assert.match(h2, /'s-Hertogenbosch/,
	    'the result heading names the municipality');

	const card = page.locator('main li.card').filter({
	    has: page.locator('.card-function', { hasText: 'UWV' }) }).first();
	assert.equal(await card.count(), 1,
	    'a contact point card for UWV is shown');
	const orgName = await card.locator('.card-name').innerText();
	assert.match(orgName, /UWV/, 'the card names the UWV organisation');

	const deputy = card.locator('.card-deputy');
	const deputyText = (await deputy.innerText()).trim();
	assert.match(deputyText, /^Vervanger: \S.+/,
	    'the card has a "Vervanger" line with a name');
	const deputyLink = deputy.getByRole('link').first();
	assert.ok((await deputyLink.innerText()).trim().length > 1,
	    'the deputy has a name');
	assert.match(await deputyLink.getAttribute('href'), /^\/kaartjes\/\d+$/);

	const person = card.locator('.card-org a').first();
	const personName = (await person.innerText()).trim();
	assert.ok(personName.length > 1, 'the contact person has a name');
	assert.notEqual(personName, (await deputyLink.innerText()).trim(),
	    'contact person and deputy are different people');

	await submit(page, person);
	assert.match(new URL(page.url()).pathname, /^\/kaartjes\/\d+$/);
	assert.equal((await page.getByRole('heading', { level: 1 })
	    .innerText()).trim(), personName,
	    'the card page is headed with the person\'s name');
	const cardOrg = (await page.locator('main .card-org').innerText())
	    .trim();
	assert.equal(cardOrg, orgName.trim(),
	    'the card names the same organisation');
	await check('visitekaartje of the contact person');

	await submit(page, page.getByRole('button', { name: 'Uitloggen' }));
	assert.equal(new URL(page.url()).pathname, '/inloggen',
	    'logging out lands on the login page');
	await check('login page after logging out');

	await page.goto('/contactpunten');
	assert.equal(new URL(page.url()).pathname, '/inloggen',
	    'after logging out a page asks to log in again');
	await check('login page asking to log in again');
	assert.equal(await page.getByRole('button', { name: 'Uitloggen' })
	    .count(), 0, 'no log-out button after logging out');
});
