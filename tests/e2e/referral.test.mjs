// referral.test.mjs - warme overdracht in a browser: the GGZ professional
// refers a demo client to the UWV contact point from the client's
// Verwijzingen tab and follows it on "Verwijzingen"; the UWV professional
// (from today the home region's UWV contact point, see demo.c) finds it in
// the inbox with the client's name, accepts it and opens the client.
//
// The demo's first two clients (/clienten/1 and /2 in a fresh database)
// have a consent for the UWV login's organisation, for re-integratie and
// naming identity, so a referral of the first one can leave.  The second
// test goes on from what the first one sent.
import { after } from 'node:test';
import { e2e, closeBrowser, submit, assert } from './lib.mjs';

after(closeBrowser);

const CLIENT = '/clienten/1';
const QUESTION = 'Graag een intake voor IPS: de cliënt wil buiten werken ' +
    '(E2E-verwijzing).';

// Filled in by the first test.
const sent = { client: null, person: null, org: null };

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

/* Open "Verwijzingen" from the main navigation. */
async function openReferrals(page, check, who) {
	const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
	await submit(page, nav.getByRole('link', { name: 'Verwijzingen' }));
	assert.equal(new URL(page.url()).pathname, '/verwijzingen');
	assert.equal(await nav.getByRole('link', { name: 'Verwijzingen' })
	    .getAttribute('aria-current'), 'page',
	    'the navigation marks "Verwijzingen" as the current page');
	await assert.doesNotReject(page.getByRole('heading', { level: 1,
	    name: 'Verwijzingen' }).waitFor());
	await check(`Verwijzingen (${who})`);
}

e2e('GGZ professional cannot refer a client without a UWV consent: the ' +
    'form says what is missing', async ({ page, check, login }) => {
	await login('ggz');
	// The third demo client has no consent for UWV.
	await page.goto('/clienten/3/verwijzingen');
	await check('Verwijzingen tab (client without UWV consent)');
	const cp = page.getByLabel('Contactpunt', { exact: true });
	const uwv = cp.locator('option', { hasText: '(UWV)' });
	assert.equal(await uwv.count(), 1,
	    'the region\'s UWV contact point can be chosen');
	const org = (await uwv.innerText()).trim().replace(/ \(UWV\),.*$/, '');
	await cp.selectOption(await uwv.getAttribute('value'));
	await page.getByLabel('Doel', { exact: true })
	    .selectOption('re-integratie');
	await page.getByLabel('Uw vraag aan het contactpunt').fill(QUESTION);
	await submit(page, page.getByRole('button',
	    { name: 'Verwijzing versturen' }));
	assert.equal(new URL(page.url()).pathname, '/clienten/3/verwijzingen');
	await check('Verwijzingen tab (refused: no consent)', { status: 400 });
	const error = await page.locator('#contact_point-error').innerText();
	assert.ok(error.includes(`nog geen toestemming gegeven aan ${org}`),
	    `the message names the organisation: "${error}"`);
	assert.equal(await cp.getAttribute('aria-invalid'), 'true');
	assert.equal(await page.getByLabel('Uw vraag aan het contactpunt')
	    .inputValue(), QUESTION, 'the question is kept');
	assert.match(await page.locator('main').innerText(),
	    /Nog geen verwijzingen\./, 'nothing was sent');
});

e2e('GGZ professional refers a client with a UWV consent to the UWV ' +
    'contact point', async ({ page, check, login }) => {
	await login('ggz');
	await page.goto(CLIENT);
	await check('client page (GGZ professional)');
	const name = (await page.getByRole('heading', { level: 1 })
	    .innerText()).trim();
	assert.ok(name.length > 1, 'the client page is headed with a name');

	const path = `${CLIENT}/verwijzingen`;
	await openTab(page, check, 'Verwijzingen', path, 'GGZ professional');
	const main = page.locator('main');
	assert.match(await main.innerText(), /Nog geen verwijzingen\./);

	const cp = page.getByLabel('Contactpunt', { exact: true });
	const uwv = cp.locator('option', { hasText: '(UWV)' });
	assert.equal(await uwv.count(), 1,
	    'the region\'s UWV contact point can be chosen');
	const label = (await uwv.innerText()).trim();
	const m = label.match(/^(.+) \(UWV\), (.+)$/);
	assert.ok(m, `the option names organisation and person: "${label}"`);
	await cp.selectOption(await uwv.getAttribute('value'));
	await page.getByLabel('Doel', { exact: true })
	    .selectOption('re-integratie');
	await page.getByLabel('Uw vraag aan het contactpunt').fill(QUESTION);
	await submit(page, page.getByRole('button',
	    { name: 'Verwijzing versturen' }));
	assert.equal(new URL(page.url()).pathname, path);
	assert.match(await page.locator('main .flash').innerText(),
	    /De verwijzing is verstuurd naar het contactpunt/);
	const card = main.locator('ul.cards li.card').filter(
	    { hasText: QUESTION });
	assert.equal(await card.count(), 1, 'the referral is listed');
	const text = await card.innerText();
	assert.match(text, /Verzonden/);
	assert.ok(text.includes(m[1]), 'the card names the UWV organisation');
	assert.equal(await card.getByRole('button',
	    { name: /Verwijzing intrekken/ }).count(), 1,
	    'an open referral can be withdrawn');
	await check('Verwijzingen tab (one referral sent)');

	await openReferrals(page, check, 'GGZ professional');
	const row = page.getByRole('table',
	    { name: 'Uw verwijzingen, nieuwste eerst' })
	    .getByRole('row').filter({ hasText: name });
	assert.equal(await row.count(), 1,
	    'the sent referral is listed with the client\'s name');
	assert.match(await row.innerText(), /Verzonden/);
	sent.client = name;
	sent.org = m[1];
	sent.person = m[2];
});

e2e('UWV contact point sees the referral with the client\'s name, ' +
    'accepts it and opens the client', async ({ page, check, login }) => {
	assert.ok(sent.client, 'the first test sent a referral');
	await login('uwv');
	await openReferrals(page, check, 'UWV contact point');
	const card = page.locator('main ul.cards li.card').filter(
	    { hasText: QUESTION });
	assert.equal(await card.count(), 1,
	    'the referral is in the contact point\'s inbox');
	const text = await card.innerText();
	assert.ok(text.includes(sent.client), 'the inbox names the client');
	assert.match(text, /Verzonden/);

	// Both answers open; the page is checked with their forms shown.
	await card.locator('summary', { hasText: 'Accepteren' }).click();
	await card.locator('summary', { hasText: 'Afwijzen' }).click();
	await check('Verwijzingen (UWV contact point, answer forms open)');
	const form = card.locator('form[action$="/accepteren"]');
	await form.getByLabel('Wie pakt het op?').selectOption(
	    { label: sent.person });
	await form.getByLabel('Functie voor deze cliënt').selectOption(
	    'arbeidsdeskundige');
	await submit(page, form.getByRole('button', { name: 'Accepteren' }));
	assert.equal(new URL(page.url()).pathname, '/verwijzingen');
	assert.match(await page.locator('main .flash').innerText(),
	    /De verwijzing is geaccepteerd/);
	const done = page.locator('main ul.cards li.card').filter(
	    { hasText: QUESTION });
	assert.match(await done.innerText(), /Geaccepteerd/);
	assert.match(await done.innerText(),
	    new RegExp(`Opgepakt door ${sent.person}`));
	assert.equal(await done.locator('form').count(), 0,
	    'an answered referral has no forms');
	await check('Verwijzingen (UWV contact point, accepted)');

	await page.goto(CLIENT);
	await check('client page (UWV, after accepting)');
	assert.equal((await page.getByRole('heading', { level: 1 })
	    .innerText()).trim(), sent.client);
	const tabs = page.getByRole('navigation',
	    { name: 'Onderdelen van het dossier' });
	await submit(page, tabs.getByRole('link', { name: 'Team' }));
	assert.match(await page.locator('main').innerText(),
	    new RegExp(sent.person), 'the one who took it on is on the team');
	await check('Team tab (UWV, after accepting)');
});
