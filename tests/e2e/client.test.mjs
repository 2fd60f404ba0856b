// client.test.mjs - the client pages in a browser: a GGZ professional opens
// a demo client and its tabs, registers a new client (a wrong BSN first),
// shows the full BSN, records a consent for UWV and revokes it; the UWV
// professional opens a client the demo shares with UWV and gets the 404
// page for one it does not.
//
// The demo (werkbrug demo, run by run.sh) registers five clients of the
// GGZ login with BSNs starting 9999; the first two have a consent for the
// UWV login's organisation, which is on their team.
import { after } from 'node:test';
import { e2e, closeBrowser, submit, assert } from './lib.mjs';

after(closeBrowser);

// Not a demo BSN (those start with 9999); passes the 11-proef.
const NEW_BSN = '111222333';
const NEW_GIVEN = 'Eva';
const NEW_FAMILY = 'Endtoend';
const NEW_NAME = `${NEW_GIVEN} ${NEW_FAMILY}`;

/* Open "Cliënten" from the main navigation. */
async function openClients(page, check, who) {
	const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
	await submit(page, nav.getByRole('link', { name: 'Cliënten' }));
	assert.equal(new URL(page.url()).pathname, '/clienten');
	await assert.doesNotReject(page.getByRole('heading', { level: 1,
	    name: 'Mijn cliënten' }).waitFor());
	await check(`Mijn cliënten (${who})`);
}

/* The client links of the "Mijn cliënten" table. */
function clientLinks(page) {
	return page.locator('main table a[href^="/clienten/"]');
}

/* Follow the tab `name` of the client page and check it is current. */
async function openTab(page, check, name, path, who) {
	const tabs = page.getByRole('navigation',
	    { name: 'Onderdelen van het dossier' });
	await submit(page, tabs.getByRole('link', { name, exact: true }));
	assert.equal(new URL(page.url()).pathname, path);
	assert.equal(await tabs.getByRole('link', { name, exact: true })
	    .getAttribute('aria-current'), 'page',
	    `the tab "${name}" is marked as the current page`);
	await check(`${name} tab (${who})`);
}

e2e('GGZ professional opens a client and its Team and Toestemmingen tabs',
    async ({ page, check, login }) => {
	await login('ggz');
	await openClients(page, check, 'GGZ professional');
	const links = clientLinks(page);
	assert.ok(await links.count() >= 5,
	    'the GGZ login is on the team of the five demo clients');

	const link = links.first();
	const name = (await link.innerText()).trim();
	const path = await link.getAttribute('href');
	assert.match(path, /^\/clienten\/\d+$/);
	await submit(page, link);
	assert.equal(new URL(page.url()).pathname, path);
	assert.equal((await page.getByRole('heading', { level: 1 })
	    .innerText()).trim(), name, 'the page is headed with the name');
	const main = page.locator('main');
	assert.match(await main.innerText(), /\*{5}\d{4}/,
	    'the BSN is shown masked');
	assert.match(await page.locator('main .banner').innerText(),
	    /uw organisatie de cliënt heeft aangemeld/,
	    'the banner says why this professional sees the client');
	await check('client page (GGZ professional)');

	await openTab(page, check, 'Team', `${path}/team`, 'GGZ professional');
	assert.match(await page.locator('main ul.cards').innerText(),
	    /\(u\)/, 'the team lists the professional themself');

	await openTab(page, check, 'Toestemmingen', `${path}/toestemmingen`,
	    'GGZ professional');
	await assert.doesNotReject(page.getByRole('heading', { level: 2,
	    name: 'Toestemming vastleggen' }).waitFor());

	await openTab(page, check, 'Plan', `${path}/plan`, 'GGZ professional');
	await openTab(page, check, 'Tijdlijn', `${path}/tijdlijn`,
	    'GGZ professional');
	await openTab(page, check, 'Gegevens', path, 'GGZ professional');
});

e2e('GGZ professional registers a client, shows the full BSN, records a ' +
    'consent for UWV and revokes it', async ({ page, check, login }) => {
	await login('ggz');
	await openClients(page, check, 'GGZ professional');
	await submit(page, page.getByRole('link',
	    { name: 'Cliënt aanmelden' }));
	assert.equal(new URL(page.url()).pathname, '/clienten/nieuw');
	await check('Cliënt aanmelden (empty form)');

	await page.getByLabel('BSN').fill('123456789');
	await page.getByLabel('Voornaam').fill(NEW_GIVEN);
	await page.getByLabel('Achternaam (met tussenvoegsel)').fill(NEW_FAMILY);
	await page.getByLabel('Geboortedatum').fill('05-06-1991');
	await page.getByLabel('Woonplaats (gemeente)').selectOption('GM0796');
	await page.getByLabel('Uitkering').selectOption('wajong');
	await page.getByLabel('Doelgroep').selectOption('cmd');
	await page.getByLabel('Uw functie voor deze cliënt')
	    .selectOption('ips-trajectbegeleider');
	await submit(page, page.getByRole('button', { name: 'Aanmelden' }));
	assert.equal(new URL(page.url()).pathname, '/clienten/nieuw');
	await check('Cliënt aanmelden (wrong BSN)', { status: 400 });
	assert.match(await page.locator('#bsn-error').innerText(),
	    /geen geldig BSN/);
	assert.equal(await page.getByLabel('BSN').getAttribute('aria-invalid'),
	    'true');
	// What was typed and chosen is kept.
	assert.equal(await page.getByLabel('Achternaam (met tussenvoegsel)')
	    .inputValue(), NEW_FAMILY);
	assert.equal(await page.getByLabel('Uitkering').inputValue(), 'wajong');

	await page.getByLabel('BSN').fill(NEW_BSN);
	await submit(page, page.getByRole('button', { name: 'Aanmelden' }));
	const m = new URL(page.url()).pathname.match(/^\/clienten\/(\d+)$/);
	assert.ok(m, `the new client's page is shown, not ${page.url()}`);
	const path = m[0];
	assert.match(await page.locator('main .flash').innerText(),
	    /De cliënt is aangemeld/);
	assert.equal((await page.getByRole('heading', { level: 1 })
	    .innerText()).trim(), NEW_NAME);
	const main = page.locator('main');
	assert.match(await main.innerText(), /\*{5}2333/,
	    'the BSN is shown masked');
	assert.doesNotMatch(await main.innerText(), new RegExp(NEW_BSN),
	    'the full BSN is not on the page');
	await check('new client page');

	await submit(page, page.getByRole('button',
	    { name: 'Toon het volledige BSN' }));
	assert.equal(new URL(page.url()).pathname, `${path}/bsn`);
	assert.match(await main.innerText(), new RegExp(NEW_BSN),
	    'the full BSN is shown on request');
	await check('client page with the full BSN');

	await page.goto(`${path}/toestemmingen`);
	await check('Toestemmingen (no consent yet)');
	assert.match(await main.innerText(),
	    /Er is nu geen toestemming voor andere organisaties/);
	const org = page.getByLabel('Organisatie die toestemming krijgt');
	const uwvOption = org.locator('option', { hasText: 'UWV' }).first();
	assert.equal(await uwvOption.count(), 1,
	    'a UWV organisation of the region can be chosen');
	const orgValue = await uwvOption.getAttribute('value');
	const orgLabel = (await uwvOption.innerText()).trim();
	const orgName = orgLabel.replace(/\s*\([^)]*\)$/, '');
	await org.selectOption(orgValue);
	await page.getByLabel('Doel').selectOption('re-integratie');
	const cats = page.getByRole('group', { name: 'Welke gegevens' });
	await cats.getByLabel('Persoonsgegevens en contact').check();
	await cats.getByLabel('Werk en inkomen').check();
	await page.getByRole('group',
	    { name: 'Hoe gaf de cliënt toestemming?' })
	    .getByLabel('Schriftelijk').check();
	await page.getByLabel('Waar staat het bewijs?')
	    .fill('Formulier E2E-1');
	await submit(page, page.getByRole('button',
	    { name: 'Toestemming vastleggen' }));
	assert.equal(new URL(page.url()).pathname, `${path}/toestemmingen`);
	assert.match(await page.locator('main .flash').innerText(),
	    /De toestemming is vastgelegd/);
	const card = page.locator('main section.card').filter({
	    has: page.getByRole('heading', { level: 3, name: orgName }) });
	assert.equal(await card.count(), 1,
	    'the consent for the UWV organisation is listed as active');
	assert.match(await card.innerText(),
	    /Persoonsgegevens en contact, Werk en inkomen/);
	await check('Toestemmingen (one active consent)');

	await card.getByLabel('Reden van intrekken (niet verplicht)')
	    .fill('De cliënt wil het niet meer');
	await submit(page, card.getByRole('button',
	    { name: 'Toestemming intrekken' }));
	assert.equal(new URL(page.url()).pathname, `${path}/toestemmingen`);
	assert.match(await page.locator('main .flash').innerText(),
	    /De toestemming is ingetrokken/);
	assert.equal(await page.locator('main section.card').count(), 0,
	    'no active consent is left');
	const history = page.getByRole('table',
	    { name: 'Ingetrokken en verlopen toestemmingen' });
	assert.match(await history.innerText(), /De cliënt wil het niet meer/,
	    'the revoked consent is in the history with its reason');
	await check('Toestemmingen (revoked)');

	// The new client is in the list.
	await openClients(page, check, 'GGZ professional, after registering');
	assert.equal(await clientLinks(page).filter({ hasText: NEW_NAME })
	    .count(), 1, 'the new client is listed');
});

e2e('UWV professional opens a client shared with UWV, and gets the 404 ' +
    'page for one that is not', async ({ page, check, login }) => {
	await login('uwv');
	await openClients(page, check, 'UWV professional');
	const links = clientLinks(page);
	assert.equal(await links.count(), 2,
	    'the demo shares two clients with the UWV login');
	const shared = [];
	for (const l of await links.all())
		shared.push(await l.getAttribute('href'));

	const link = links.first();
	const name = (await link.innerText()).trim();
	await submit(page, link);
	assert.match(new URL(page.url()).pathname, /^\/clienten\/\d+$/);
	assert.equal((await page.getByRole('heading', { level: 1 })
	    .innerText()).trim(), name);
	assert.match(await page.locator('main .banner').innerText(),
	    /onder toestemming nummer \d+/,
	    'the banner names the consent relied on');
	const tabs = page.getByRole('navigation',
	    { name: 'Onderdelen van het dossier' });
	assert.equal(await tabs.getByRole('link', { name: 'Tijdlijn' }).count(),
	    0, 'no timeline tab: the consent does not name notes');
	await check('client page (UWV professional, under consent)');

	const path = new URL(page.url()).pathname;
	await openTab(page, check, 'Team', `${path}/team`, 'UWV professional');

	// UWV cannot pass on what it does not hold: no demo consent names
	// the notes.
	await openTab(page, check, 'Toestemmingen', `${path}/toestemmingen`,
	    'UWV professional');
	const org = page.getByLabel('Organisatie die toestemming krijgt');
	await org.selectOption({ index: 1 });
	await page.getByLabel('Doel').selectOption('re-integratie');
	await page.getByRole('group', { name: 'Welke gegevens' })
	    .getByLabel('Notities').check();
	await page.getByRole('group',
	    { name: 'Hoe gaf de cliënt toestemming?' })
	    .getByLabel('Mondeling').check();
	await submit(page, page.getByRole('button',
	    { name: 'Toestemming vastleggen' }));
	await check('Toestemmingen (refused, UWV professional)',
	    { status: 403 });
	assert.match(await page.locator('#categories-error').innerText(),
	    /U kunt alleen toestemming vastleggen/);
	assert.equal(await page.locator('main section.card').filter({
	    hasText: 'Notities' }).count(), 0, 'no consent for notes was made');

	// The demo's clients are the first ids of a fresh database; one of
	// the first five is not shared with UWV.
	const hidden = [1, 2, 3, 4, 5].map((i) => `/clienten/${i}`)
	    .find((p) => !shared.includes(p));
	assert.ok(hidden, 'a demo client is not shared with UWV');
	const resp = await page.goto(hidden);
	assert.equal(resp.status(), 404,
	    'a client without consent answers 404');
	await check('client without consent (UWV professional)',
	    { status: 404 });
	assert.equal((await page.getByRole('heading', { level: 1 })
	    .innerText()).trim(), 'Niet gevonden');
});
