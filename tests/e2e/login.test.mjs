// login.test.mjs - the login page: a wrong password, the language switch.
import { after, test } from 'node:test';
import {
	e2e, closeBrowser, submit, assert, email, cssErrors, checkerSelfTest,
} from './lib.mjs';

after(closeBrowser);

e2e('a wrong password shows a Dutch error and stays on the login page',
    async ({ page, check }) => {
	await page.goto('/inloggen');
	await check('login page');

	await page.getByLabel('E-mailadres').fill(email('ggz'));
	await page.getByLabel('Wachtwoord').fill('dit-is-niet-het-wachtwoord');
	await submit(page, page.getByRole('button', { name: 'Inloggen' }));
	assert.equal(new URL(page.url()).pathname, '/inloggen',
	    'still on the login page');
	await check('login page after a wrong password', { status: 401 });

	const alert = page.getByRole('alert');
	assert.equal(await alert.count(), 1, 'one error message is shown');
	assert.match(await alert.innerText(),
	    /e-mailadres of het wachtwoord klopt niet/i,
	    'the error is in Dutch and says what went wrong');
	assert.equal(await page.getByLabel('E-mailadres').inputValue(),
	    email('ggz'), 'the e-mail address typed is kept');
	assert.equal(await page.getByLabel('Wachtwoord').inputValue(), '',
	    'the password is not echoed back');
	assert.equal(await page.getByRole('button', { name: 'Uitloggen' })
	    .count(), 0, 'not logged in');
});

e2e('the language switch turns the page into English and back',
    async ({ page, check }) => {
	await page.goto('/inloggen');
	assert.equal(await page.locator('html').getAttribute('lang'), 'nl');

	await submit(page, page.getByRole('button', { name: 'English' }));
	assert.equal(new URL(page.url()).pathname, '/inloggen',
	    'the switch returns to the same page');
	assert.equal(await page.locator('html').getAttribute('lang'), 'en',
	    '<html lang> is "en" after pressing English');
	await check('login page in English');
	assert.equal(await page.getByRole('button', { name: 'Nederlands' })
	    .count(), 1, 'a button leads back to Dutch');

	await submit(page, page.getByRole('button', { name: 'Nederlands' }));
	assert.equal(await page.locator('html').getAttribute('lang'), 'nl',
	    '<html lang> is "nl" again after pressing Nederlands');
	assert.equal((await page.getByRole('heading', { level: 1 })
	    .innerText()).trim(), 'Inloggen');
});

test('the style sheet is valid CSS (Nu checker)', async () => {
	const errors = await cssErrors('/static/werkbrug.css');
	assert.deepEqual(errors, [], errors.join('\n'));
});

test('the page checker finds the defects of a known-bad page', async (t) => {
	const found = (await checkerSelfTest(t)).join('\n');
	for (const want of ['axe image-alt', 'axe label', 'axe html-has-lang',
	    'vnu line 6: An “img”', 'vnu line 8'])
		assert.ok(found.includes(want), `the checker reports ${want}; ` +
		    `it reported:\n${found}`);
});
