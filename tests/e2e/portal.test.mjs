// portal.test.mjs - the client portal in a browser: a GGZ professional
// makes a portal code for a demo client; in a browser context of its own
// the client opens an account with that code, logs in, reads Mijn plan,
// Mijn team and the card sheet, grants UWV a consent and revokes it, and
// opens Wie keek mee?.  axe-core and the Nu HTML Checker look at every
// page on the way (check()).
//
// The demo (werkbrug demo, run by run.sh) registers five clients of the
// GGZ login; the first (/clienten/1 in the fresh database) has a plan and
// the GGZ and UWV logins on its team.  The two tests run in order (node
// runs the tests of a file one after another): the second uses the code
// the first was shown.
import { after } from 'node:test';
import { randomBytes } from 'node:crypto';
import { e2e, closeBrowser, submit, assert } from './lib.mjs';

after(closeBrowser);

const CLIENT = '/clienten/1';
const GOAL = 'Minder somberheid en beter slapen';
const EMAIL = 'portaal.client@example.nl';
const PASSWORD = `Eigen-${randomBytes(9).toString('base64url')}`;

// Shown to the professional in the first test, typed by the client in
// the second.
let code = null;
let clientName = null;

/* Follow the link `name` of the main navigation. */
async function openNav(page, name, path) {
	const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
	await submit(page, nav.getByRole('link', { name, exact: true }));
	assert.equal(new URL(page.url()).pathname, path);
	assert.equal(await nav.getByRole('link', { name, exact: true })
	    .getAttribute('aria-current'), 'page',
	    `"${name}" is marked as the current page`);
}

/* The text of the flash message. */
async function flash(page) {
	return (await page.locator('main .flash').innerText()).trim();
}

e2e('a GGZ professional makes a portal code for a demo client',
    async ({ page, check, login }) => {
	await login('ggz');
	await page.goto('/clienten');
	const link = page.locator(`main table a[href="${CLIENT}"]`);
	assert.equal(await link.count(), 1,
	    'the first demo client is in "Mijn cliënten"');
	clientName = (await link.innerText()).trim();
	await submit(page, link);
	await check('client page (GGZ professional)');
	const main = page.locator('main');
	assert.match(await main.innerText(),
	    /De cliënt heeft nog geen eigen account/);

	const [resp] = await Promise.all([
		page.waitForResponse((r) => new URL(r.url()).pathname ===
		    `${CLIENT}/portaalcode`),
		submit(page, page.getByRole('button',
		    { name: 'Maak een code voor het portaal' })),
	]);
	// (playwright joins repeated headers with a newline)
	const cc = resp.headers()['cache-control'] ?? '';
	assert.ok(cc.split(/[\n,]\s*/).every((v) => v === 'no-store') &&
	    cc !== '', `the page with the code is not cached (${cc})`);
	await check('Code voor het portaal');
	code = (await page.locator('main .activation-code').innerText()).trim();
	assert.match(code, /^[A-HJKMNP-Z2-9]{4}(-[A-HJKMNP-Z2-9]{4}){3}$/,
	    'a code of 16 letters and digits without look-alikes');
	assert.match(await main.innerText(), /Geldig tot \d\d-\d\d-\d{4}/);

	// Shown once: the client page does not have it.
	await submit(page, page.getByRole('link',
	    { name: 'Terug naar de cliënt' }));
	assert.equal(new URL(page.url()).pathname, CLIENT);
	assert.ok(!(await main.innerText()).includes(code),
	    'the code is not on the client page');
});

e2e('the client activates the account, reads plan, team and card sheet, ' +
    'grants and revokes a consent, and opens Wie keek mee?',
    async ({ page, check }) => {
	assert.ok(code, 'the first test made a code');
	const main = page.locator('main');

	// Opening the account: a mistake first, then right.
	await page.goto('/activeren');
	await check('Uw account maken');
	await page.getByLabel('Code').fill(code.toLowerCase()
	    .replace(/-/g, ' '));
	await page.getByLabel('E-mailadres').fill(EMAIL);
	await page.getByLabel('Wachtwoord', { exact: true }).fill(PASSWORD);
	await page.getByLabel('Wachtwoord nog een keer').fill(`${PASSWORD}x`);
	await submit(page, page.getByRole('button', { name: 'Account maken' }));
	await check('Uw account maken (passwords differ)', { status: 400 });
	assert.match(await page.locator('#password2-error').innerText(),
	    /niet hetzelfde/);
	assert.equal(await page.getByLabel('Wachtwoord nog een keer')
	    .getAttribute('aria-invalid'), 'true');
	assert.equal(await page.getByLabel('Wachtwoord', { exact: true })
	    .inputValue(), '', 'the password is not filled in again');
	assert.equal(await page.getByLabel('E-mailadres').inputValue(), EMAIL);

	await page.getByLabel('Wachtwoord', { exact: true }).fill(PASSWORD);
	await page.getByLabel('Wachtwoord nog een keer').fill(PASSWORD);
	await submit(page, page.getByRole('button', { name: 'Account maken' }));
	assert.equal(new URL(page.url()).pathname, '/inloggen');
	assert.match(await flash(page), /Uw account is klaar/);
	await check('Inloggen (after activating)');

	// Logging in lands on Mijn plan.
	await page.getByLabel('E-mailadres').fill(EMAIL);
	await page.getByLabel('Wachtwoord').fill(PASSWORD);
	await submit(page, page.getByRole('button', { name: 'Inloggen' }));
	assert.equal(new URL(page.url()).pathname, '/mijn',
	    'a client starts on Mijn plan');
	await check('Mijn plan');
	assert.equal((await page.getByRole('heading', { level: 1 })
	    .innerText()).trim(), 'Mijn plan');
	assert.ok((await main.innerText()).includes(GOAL),
	    'the plan shows the goal the GGZ made');
	const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
	for (const name of ['Cliënten', 'Contactpunt zoeken', "Regio's",
	    'Organisaties'])
		assert.equal(await nav.getByRole('link', { name }).count(), 0,
		    `no "${name}" in the client's menu`);
	// The account is named "Cliënt", not after the client: account names
	// appear in the auditor's log next to the client id.
	assert.ok(!(await page.locator('header').innerText())
	    .includes(clientName), 'the header does not name the client');

	await openNav(page, 'Mijn team', '/mijn/team');
	await check('Mijn team');
	const cards = main.locator('ul.cards > li');
	assert.ok(await cards.count() >= 2,
	    'the GGZ and UWV professionals of the team are listed');
	assert.match(await main.innerText(), /UWV/);
	const members = await cards.count();
	await submit(page, page.getByRole('link',
	    { name: 'Kaartjes printen' }));
	assert.equal(new URL(page.url()).pathname, '/mijn/kaartjes');
	await check('Mijn kaartjes');
	assert.equal(await main.locator('ul.sheet > li').count(), members,
	    'the sheet has a card per team member');

	// Wie mag wat zien?: grant UWV identity for case conferences.
	await openNav(page, 'Wie mag wat zien?', '/mijn/toestemmingen');
	await check('Wie mag wat zien?');
	const active = main.locator('section.card');
	const before = await active.count();
	const org = page.getByLabel('Welke organisatie?');
	const uwv = org.locator('option', { hasText: 'UWV' }).first();
	assert.equal(await uwv.count(), 1, 'UWV of the region can be chosen');
	await org.selectOption(await uwv.getAttribute('value'));
	await page.getByLabel('Waarvoor?').selectOption('casuistiekoverleg');
	await page.getByRole('group', { name: 'Wat mogen zij zien?' })
	    .getByLabel('Persoonsgegevens en contact').check();
	assert.match(await page.getByLabel('Tot en met (dd-mm-jjjj)')
	    .inputValue(), /^\d\d-\d\d-\d{4}$/, 'a year ahead is filled in');
	await submit(page, page.getByRole('button',
	    { name: 'Toestemming geven' }));
	assert.equal(new URL(page.url()).pathname, '/mijn/toestemmingen');
	assert.match(await flash(page), /De toestemming is vastgelegd/);
	await check('Wie mag wat zien? (granted)');
	assert.equal(await active.count(), before + 1);
	const granted = active.filter({ hasText: 'Casuïstiekoverleg' });
	assert.equal(await granted.count(), 1,
	    'the new consent is listed as active');
	assert.match(await granted.innerText(), /Persoonsgegevens en contact/);

	await submit(page, granted.getByRole('button', { name: /^Intrekken/ }));
	assert.equal(new URL(page.url()).pathname, '/mijn/toestemmingen');
	assert.match(await flash(page), /De toestemming is ingetrokken/);
	await check('Wie mag wat zien? (revoked)');
	assert.equal(await active.count(), before);
	assert.equal(await active.filter({ hasText: 'Casuïstiekoverleg' })
	    .count(), 0, 'the revoked consent is no longer active');
	assert.match(await main.locator('ul').last().innerText(),
	    /Casuïstiekoverleg.*ingetrokken/,
	    'it is listed under Eerder as revoked');

	// Mijn vragenlijsten: fill in the PHQ-9.
	await openNav(page, 'Mijn vragenlijsten', '/mijn/vragenlijsten');
	await check('Mijn vragenlijsten');
	await submit(page, main.locator('a[href="/mijn/vragenlijsten/phq9"]'));
	assert.equal(new URL(page.url()).pathname, '/mijn/vragenlijsten/phq9');
	await check('PHQ-9 (portal)');
	const items = main.locator('fieldset');
	assert.equal(await items.count(), 9, 'nine questions');
	for (let i = 0; i < 9; i++)
		await items.nth(i).getByRole('radio').nth(i % 2).check();
	await submit(page, page.getByRole('button',
	    { name: 'Antwoorden versturen' }));
	assert.equal(new URL(page.url()).pathname, '/mijn/vragenlijsten',
	    'after sending, the list again');
	await check('Mijn vragenlijsten (after the PHQ-9)');
	assert.match(await main.innerText(), /\b4\b/,
	    'the score of the answers (0+1+0+1+0+1+0+1+0) is shown');

	// Wie keek mee?: the professionals' reads, and the client's own.
	await openNav(page, 'Wie keek mee?', '/mijn/inzage');
	await check('Wie keek mee?');
	const log = page.getByRole('table', { name: 'Nieuwste eerst' });
	const text = await log.innerText();
	assert.match(text, /maakte een code voor uw account/);
	assert.match(text, /maakte uw account/);
	assert.match(text, /trok een toestemming in/);
	assert.match(text, /bekeek uw gegevens/);
	assert.match(text, /U zelf/);
});
