// rights.test.mjs - the client's rights under the AVG and business cards
// handed on via the client, in a browser.
//
// A GGZ professional registers a client for the purpose, opens its Rechten
// tab, downloads the export (JSON) and erases the client through the
// confirmation page, after which the record answers 404.  A second fresh
// client (no consent for UWV) gets a portal code; in a browser context of
// its own the client opens an account, reads Mijn gegevens, downloads it
// and asks for a correction, which the professional sees on the Rechten tab
// and marks handled.  Then the client tries to hand the team's cards to the
// UWV login, is told to give UWV a consent first, gives one on "Wie mag wat
// zien?" and hands the cards on; the GGZ professional accepts the proposal
// on the Team tab, and the UWV professional opens the client (but not its
// Rechten tab: only the registering organisation answers those requests).
// axe-core and the Nu HTML Checker look at every page on the way (check()).
//
// The demo clients (/clienten/1-5) are left alone: other suites use them.
// The tests run in order (node runs the tests of a file one after another)
// and hand on what they made through `made`.
import { after } from 'node:test';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { e2e, closeBrowser, submit, assert, email } from './lib.mjs';

after(closeBrowser);

// Not demo BSNs (those start with 9999) nor used by other suites; both
// pass the 11-proef.
const ERASED = { bsn: '123456782', given: 'Wim', family: 'Wisproef' };
const PORTAL = { bsn: '314159265', given: 'Rosa', family: 'Rechtentest' };
const CLIENT_EMAIL = 'rechten.client@example.nl';
const CLIENT_PASSWORD = `Eigen-${randomBytes(9).toString('base64url')}`;
const CORRECTION = 'Mijn telefoonnummer is veranderd: 06 - 9876 5432 ' +
    '(E2E-correctie).';

// Filled in on the way: the portal client's page and id, its portal code,
// the UWV organisation and the professional proposed for the team.
const made = { path: null, id: null, code: null, uwvOrg: null,
    proposed: null };

/* The text of the flash message. */
async function flash(page) {
	return (await page.locator('main .flash').innerText()).trim();
}

/* Register a client through the form; returns its page's path. */
async function register(page, check, who) {
	await page.goto('/clienten/nieuw');
	await page.getByLabel('BSN').fill(who.bsn);
	await page.getByLabel('Voornaam').fill(who.given);
	await page.getByLabel('Achternaam (met tussenvoegsel)')
	    .fill(who.family);
	await page.getByLabel('Geboortedatum').fill('17-04-1988');
	await page.getByLabel('Woonplaats (gemeente)').selectOption('GM0796');
	await page.getByLabel('Uitkering').selectOption('wajong');
	await page.getByLabel('Doelgroep').selectOption('cmd');
	await page.getByLabel('Uw functie voor deze cliënt')
	    .selectOption('ips-trajectbegeleider');
	await submit(page, page.getByRole('button', { name: 'Aanmelden' }));
	const path = new URL(page.url()).pathname;
	assert.match(path, /^\/clienten\/\d+$/,
	    `the new client's page is shown, not ${page.url()}`);
	assert.match(await flash(page), /De cliënt is aangemeld/);
	assert.equal((await page.getByRole('heading', { level: 1 })
	    .innerText()).trim(), `${who.given} ${who.family}`);
	await check(`new client page (${who.family})`);
	return path;
}

/* Follow the tab `name` of the client page and check it is current. */
async function openTab(page, check, name, path, what) {
	const tabs = page.getByRole('navigation',
	    { name: 'Onderdelen van het dossier' });
	await submit(page, tabs.getByRole('link', { name, exact: true }));
	assert.equal(new URL(page.url()).pathname, path);
	assert.equal(await tabs.getByRole('link', { name, exact: true })
	    .getAttribute('aria-current'), 'page',
	    `the tab "${name}" is marked as the current page`);
	await check(`${name} tab (${what})`);
}

/* Follow the link `name` of the main navigation. */
async function openNav(page, check, name, path) {
	const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
	await submit(page, nav.getByRole('link', { name, exact: true }));
	assert.equal(new URL(page.url()).pathname, path);
	await check(name);
}

/* The portal client logs in and lands on Mijn plan. */
async function clientLogin(page) {
	await page.goto('/inloggen');
	await page.getByLabel('E-mailadres').fill(CLIENT_EMAIL);
	await page.getByLabel('Wachtwoord').fill(CLIENT_PASSWORD);
	await submit(page, page.getByRole('button', { name: 'Inloggen' }));
	assert.equal(new URL(page.url()).pathname, '/mijn',
	    'a client starts on Mijn plan');
}

/* GET path with the page's cookies; the export is a download, which a
 * navigation would not show. */
async function fetchAs(page, path) {
	return page.request.get(path, { maxRedirects: 0 });
}

e2e('GGZ professional opens the Rechten tab, downloads the export and ' +
    'erases a client registered for it', async ({ page, check, login }) => {
	await login('ggz');
	const path = await register(page, check, ERASED);
	const id = Number(path.split('/').pop());
	const main = page.locator('main');

	await openTab(page, check, 'Rechten', `${path}/rechten`,
	    'GGZ professional');
	await assert.doesNotReject(page.getByRole('heading', { level: 2,
	    name: 'Rechten van de cliënt (AVG)' }).waitFor());
	assert.match(await main.innerText(),
	    /De cliënt heeft niet gevraagd om iets te corrigeren/);

	// The export: a JSON file for the client, not kept by the browser,
	// with the BSN masked for the professional.
	const download = page.getByRole('link',
	    { name: 'Alle gegevens downloaden voor de cliënt' });
	assert.equal(await download.getAttribute('href'),
	    `${path}/export.json`);
	const r = await fetchAs(page, `${path}/export.json`);
	assert.equal(r.status(), 200, 'the export answers 200');
	const h = r.headers();
	assert.match(h['content-type'] ?? '', /^application\/json\b/,
	    'the export is JSON');
	assert.match(h['content-disposition'] ?? '',
	    new RegExp(`^attachment; filename="client-${id}\\.json"$`));
	assert.match(h['cache-control'] ?? '', /no-store/);
	const text = await r.text();
	const data = JSON.parse(text);
	assert.equal(data.client?.id, id, 'the export is of this client');
	assert.equal(data.client?.given_name, ERASED.given);
	assert.match(data.client?.bsn_masked ?? '', /^\*{5}6782$/);
	assert.ok(!text.includes(ERASED.bsn),
	    'the full BSN is not in the professional\'s export');

	// The confirmation page says what goes and what stays.
	await submit(page, page.getByRole('link', { name: 'Gegevens wissen' }));
	assert.equal(new URL(page.url()).pathname, `${path}/wissen`);
	await check('Gegevens wissen');
	await assert.doesNotReject(page.getByRole('heading', { level: 3,
	    name: 'Dit blijft bewaard, en waarom' }).waitFor());
	assert.equal(await page.getByRole('link',
	    { name: 'Download eerst alle gegevens voor de cliënt' })
	    .getAttribute('href'), `${path}/export.json`);
	const reasons = page.getByRole('group',
	    { name: 'Waarom wist u de gegevens?' });
	const confirm = page.getByLabel(
	    'Ik begrijp dat dit niet ongedaan kan worden gemaakt.');

	// Without the check box the server refuses too (the browser's own
	// check is switched off to reach it).
	await reasons.getByLabel('Op verzoek van de cliënt').check();
	await page.locator('main form#form').evaluate((f) => {
		f.noValidate = true;
	});
	await submit(page, page.getByRole('button',
	    { name: 'Definitief wissen' }));
	assert.equal(new URL(page.url()).pathname, `${path}/wissen`);
	await check('Gegevens wissen (not confirmed)', { status: 400 });
	assert.ok((await page.locator('#confirm-error').innerText()).length > 0,
	    'the check box has an error message');
	assert.equal(await confirm.getAttribute('aria-invalid'), 'true');
	assert.ok(await reasons.getByLabel('Op verzoek van de cliënt')
	    .isChecked(), 'the chosen reason is kept');
	assert.equal((await fetchAs(page, path)).status(), 200,
	    'nothing was erased');

	await confirm.check();
	await submit(page, page.getByRole('button',
	    { name: 'Definitief wissen' }));
	assert.equal(new URL(page.url()).pathname, '/clienten');
	assert.match(await flash(page),
	    /De gegevens van de cliënt zijn gewist/);
	await check('Mijn cliënten (after erasing)');
	assert.equal(await page.locator(`main a[href="${path}"]`).count(), 0,
	    'the erased client is no longer listed');

	const resp = await page.goto(path);
	assert.equal(resp.status(), 404, 'the erased client answers 404');
	await check('erased client', { status: 404 });
	assert.equal((await page.getByRole('heading', { level: 1 })
	    .innerText()).trim(), 'Niet gevonden');
	assert.equal((await fetchAs(page, `${path}/export.json`)).status(),
	    404, 'nor is there an export of it');
});

e2e('GGZ professional registers a client without a UWV consent and makes ' +
    'a portal code for it', async ({ page, check, login }) => {
	await login('ggz');
	made.path = await register(page, check, PORTAL);
	made.id = Number(made.path.split('/').pop());
	await submit(page, page.getByRole('button',
	    { name: 'Maak een code voor het portaal' }));
	assert.equal(new URL(page.url()).pathname, `${made.path}/portaalcode`);
	await check('Code voor het portaal');
	made.code = (await page.locator('main .activation-code').innerText())
	    .trim();
	assert.match(made.code, /^[A-HJKMNP-Z2-9]{4}(-[A-HJKMNP-Z2-9]{4}){3}$/);
});

e2e('the client opens an account, reads Mijn gegevens, downloads them ' +
    'and asks for a correction', async ({ page, check }) => {
	assert.ok(made.code, 'the previous test made a portal code');
	const main = page.locator('main');

	await page.goto('/activeren');
	await check('Uw account maken');
	await page.getByLabel('Code').fill(made.code);
	await page.getByLabel('E-mailadres').fill(CLIENT_EMAIL);
	await page.getByLabel('Wachtwoord', { exact: true })
	    .fill(CLIENT_PASSWORD);
	await page.getByLabel('Wachtwoord nog een keer').fill(CLIENT_PASSWORD);
	await submit(page, page.getByRole('button', { name: 'Account maken' }));
	assert.equal(new URL(page.url()).pathname, '/inloggen');
	assert.match(await flash(page), /Uw account is klaar/);

	await clientLogin(page);
	await check('Mijn plan');
	await submit(page, main.getByRole('link',
	    { name: 'Alles wat werkbrug over u bewaart' }));
	assert.equal(new URL(page.url()).pathname, '/mijn/gegevens');
	await check('Mijn gegevens');
	assert.equal((await page.getByRole('heading', { level: 1 })
	    .innerText()).trim(), 'Mijn gegevens');
	const text = await main.innerText();
	assert.ok(text.includes(`${PORTAL.given} ${PORTAL.family}`),
	    'the page names the client');
	assert.ok(text.includes(PORTAL.bsn),
	    'the client sees their own full BSN');
	assert.match(text,
	    /U hebt geen toestemming gegeven aan een andere organisatie/);
	assert.match(text, /Er staan geen notities over u/);

	// The download link gives the same as a file.
	const link = main.getByRole('link',
	    { name: 'Mijn gegevens downloaden' });
	assert.equal(await link.getAttribute('href'), '/mijn/gegevens.json');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		link.click(),
	]);
	assert.equal(download.suggestedFilename(), 'mijn-gegevens.json');
	const file = await download.path();
	const data = JSON.parse(await readFile(file, 'utf8'));
	await download.delete();
	assert.equal(data.client?.id, made.id, 'the download is of the client');
	assert.equal(data.client?.bsn, PORTAL.bsn,
	    'the client\'s own download holds the full BSN');
	assert.ok(Array.isArray(data.access_log) && data.access_log.length > 0,
	    'the download holds the access log');

	// Klopt er iets niet?
	await page.getByLabel('Wat klopt er niet?').fill(CORRECTION);
	await submit(page, page.getByRole('button', { name: 'Versturen' }));
	const u = new URL(page.url());
	assert.equal(u.pathname, '/mijn/gegevens');
	assert.equal(u.hash, '#correctie');
	assert.match(await flash(page), /Uw vraag is verstuurd/);
	await check('Mijn gegevens (correction sent)');
	const asked = main.locator('p').filter({ hasText: CORRECTION });
	assert.equal(await asked.count(), 1, 'the request is listed');
	assert.match(await asked.innerText(), /nog niet afgehandeld/);
	assert.equal(await page.getByLabel('Wat klopt er niet?').inputValue(),
	    '', 'the form is empty again');
});

e2e('GGZ professional sees the correction request on the Rechten tab and ' +
    'marks it handled', async ({ page, check, login }) => {
	assert.ok(made.path, 'an earlier test registered the portal client');
	await login('ggz');
	await page.goto(made.path);
	await check('portal client page (GGZ professional)');
	assert.match(await page.locator('main').innerText(),
	    /De cliënt heeft een eigen account/);
	await openTab(page, check, 'Rechten', `${made.path}/rechten`,
	    'GGZ professional, one correction request');
	const card = page.locator('main section.card').filter(
	    { hasText: CORRECTION });
	assert.equal(await card.count(), 1, 'the request is listed');
	const handled = card.getByRole('button', { name: /^Afgehandeld/ });
	assert.equal(await handled.count(), 1, 'an open request has a button');

	await submit(page, handled);
	assert.equal(new URL(page.url()).pathname, `${made.path}/rechten`);
	assert.match(await flash(page), /Het verzoek is afgehandeld/);
	await check('Rechten tab (request handled)');
	assert.match(await card.innerText(), /afgehandeld/);
	assert.equal(await card.getByRole('button').count(), 0,
	    'a handled request has no button');
});

e2e('the client sees the correction handled, is told to give UWV a ' +
    'consent before handing on the cards, gives it and hands them on',
    async ({ page, check }) => {
	assert.ok(made.code, 'an earlier test made a portal code');
	const main = page.locator('main');
	await clientLogin(page);
	await page.goto('/mijn/gegevens');
	await check('Mijn gegevens (request handled)');
	assert.doesNotMatch(await main.locator('p').filter(
	    { hasText: CORRECTION }).innerText(), /nog niet/,
	    'the request is shown as handled');

	// Without a consent for UWV: refused, and told what to do.
	await openNav(page, check, 'Mijn team', '/mijn/team');
	const address = page.getByLabel(
	    'E-mailadres op het kaartje van uw nieuwe begeleider');
	await address.fill(email('uwv'));
	await submit(page, page.getByRole('button',
	    { name: 'Kaartjes doorgeven' }));
	assert.equal(new URL(page.url()).pathname, '/mijn/team/doorgeven');
	await check('Mijn team (no consent for UWV)', { status: 400 });
	const error = (await page.locator('#email-error').innerText()).trim();
	const m = error.match(/^U hebt (.+) nog geen toestemming gegeven\. /);
	assert.ok(m, `the message names the organisation: "${error}"`);
	assert.match(error, /Wie mag wat zien\?/);
	made.uwvOrg = m[1];
	assert.match(made.uwvOrg, /UWV/);
	assert.equal(await address.getAttribute('aria-invalid'), 'true');
	assert.equal(await address.inputValue(), email('uwv'),
	    'the address is kept');
	assert.doesNotMatch(await main.innerText(), /Uw team beslist nog over/);

	// Wie mag wat zien?: a consent for exactly that organisation.
	await openNav(page, check, 'Wie mag wat zien?', '/mijn/toestemmingen');
	await page.getByLabel('Welke organisatie?')
	    .selectOption({ label: made.uwvOrg });
	await page.getByLabel('Waarvoor?').selectOption('re-integratie');
	const what = page.getByRole('group', { name: 'Wat mogen zij zien?' });
	await what.getByLabel('Persoonsgegevens en contact').check();
	await what.getByLabel('Werk en inkomen').check();
	await submit(page, page.getByRole('button',
	    { name: 'Toestemming geven' }));
	assert.equal(new URL(page.url()).pathname, '/mijn/toestemmingen');
	assert.match(await flash(page), /De toestemming is vastgelegd/);
	await check('Wie mag wat zien? (consent for UWV)');
	assert.equal(await main.locator('section.card').filter(
	    { hasText: made.uwvOrg }).count(), 1, 'the consent is active');

	await openNav(page, check, 'Mijn team', '/mijn/team');
	await address.fill(email('uwv'));
	await submit(page, page.getByRole('button',
	    { name: 'Kaartjes doorgeven' }));
	assert.equal(new URL(page.url()).pathname, '/mijn/team');
	assert.match(await flash(page), /Uw kaartjes zijn doorgegeven/);
	await check('Mijn team (cards handed on)');
	const pending = main.locator('p').filter(
	    { hasText: 'Uw team beslist nog over' });
	assert.equal(await pending.count(), 1, 'the proposal is pending');
	assert.ok((await pending.innerText()).includes(made.uwvOrg),
	    'it names the UWV organisation');
	assert.ok(!(await main.locator('ul.cards').innerText())
	    .includes(made.uwvOrg), 'UWV is not on the team yet');
});

e2e('GGZ professional accepts the proposal on the Team tab',
    async ({ page, check, login }) => {
	assert.ok(made.uwvOrg, 'the client handed the cards to UWV');
	await login('ggz');
	await page.goto(made.path);
	await openTab(page, check, 'Team', `${made.path}/team`,
	    'GGZ professional, one proposal');
	await assert.doesNotReject(page.getByRole('heading', { level: 2,
	    name: 'Voorgesteld door de cliënt' }).waitFor());
	const proposals = page.locator('main ul.cards').nth(1);
	const card = proposals.locator('li.card').filter(
	    { hasText: made.uwvOrg });
	assert.equal(await card.count(), 1, 'the UWV professional is proposed');
	made.proposed = (await card.locator('.card-name').innerText()).trim();
	assert.ok(made.proposed.length > 1, 'the proposal names a person');

	await card.getByLabel('Functie voor deze cliënt')
	    .selectOption('arbeidsdeskundige');
	await submit(page, card.getByRole('button', { name: /^In het team/ }));
	assert.equal(new URL(page.url()).pathname, `${made.path}/team`);
	assert.match(await flash(page), /De collega is aan het team/);
	await check('Team tab (proposal accepted)');
	const members = page.locator('main ul.cards').first();
	const joined = members.locator('li.card').filter(
	    { hasText: made.proposed });
	assert.equal(await joined.count(), 1,
	    'the professional is on the team');
	assert.ok((await joined.innerText()).includes(made.uwvOrg));
	assert.equal(await page.getByRole('heading',
	    { name: 'Voorgesteld door de cliënt' }).count(), 0,
	    'no proposal is left');
});

e2e('UWV professional opens the client, but not its Rechten tab',
    async ({ page, check, login }) => {
	assert.ok(made.proposed, 'the proposal was accepted');
	await login('uwv');
	await page.goto('/clienten');
	const link = page.locator(`main table a[href="${made.path}"]`);
	assert.equal(await link.count(), 1,
	    'the client is in the UWV professional\'s "Mijn cliënten"');
	await submit(page, link);
	assert.equal(new URL(page.url()).pathname, made.path);
	assert.equal((await page.getByRole('heading', { level: 1 })
	    .innerText()).trim(), `${PORTAL.given} ${PORTAL.family}`);
	assert.match(await page.locator('main .banner').innerText(),
	    /onder toestemming nummer \d+/,
	    'the banner names the client\'s consent');
	await check('portal client page (UWV professional)');
	const tabs = page.getByRole('navigation',
	    { name: 'Onderdelen van het dossier' });
	assert.equal(await tabs.getByRole('link', { name: 'Rechten' }).count(),
	    0, 'no Rechten tab for an organisation under consent');

	await openTab(page, check, 'Team', `${made.path}/team`,
	    'UWV professional');
	assert.match(await page.locator('main ul.cards').first().innerText(),
	    /\(u\)/, 'the UWV professional is on the team');

	const resp = await page.goto(`${made.path}/rechten`);
	assert.equal(resp.status(), 404);
	await check('Rechten tab (UWV professional)', { status: 404 });
	assert.equal((await fetchAs(page, `${made.path}/export.json`))
	    .status(), 404, 'nor the export');
});
