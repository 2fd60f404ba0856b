// access.test.mjs - who sees what: the coordinator's region page, the
// professional's view of it, and the admin pages.
import { after } from 'node:test';
import { e2e, closeBrowser, submit, assert } from './lib.mjs';

after(closeBrowser);

/* Find the region of 's-Hertogenbosch through the contact point search and
 * follow its link; returns the region code. */
async function openRegionOfDenBosch(page, check, who) {
	await page.goto('/contactpunten?q=%27s-Hertogenbosch&domain=uwv');
	const link = page.locator('main a[href^="/regios/AM"]').first();
	assert.equal(await link.count(), 1,
	    'the search result links to the region');
	await submit(page, link);
	const m = new URL(page.url()).pathname.match(/^\/regios\/(AM\d\d)$/);
	assert.ok(m, `a region page is shown, not ${page.url()}`);
	await check(`region page ${m[1]} (${who})`);
	return m[1];
}

e2e('the coordinator sees "Contactpunt instellen" on their region page',
    async ({ page, check, login }) => {
	await login('coordinator');
	await check('start page (coordinator)');
	const code = await openRegionOfDenBosch(page, check, 'coordinator');
	const setUp = page.getByRole('link', { name: 'Contactpunt instellen' });
	assert.equal(await setUp.count(), 1,
	    'the coordinator sees "Contactpunt instellen"');
	assert.equal(await setUp.getAttribute('href'),
	    `/regios/${code}/contactpunten/nieuw`);
	await submit(page, setUp);
	await check(`new contact point form (${code}, coordinator)`);
});

e2e('a GGZ professional does not see "Contactpunt instellen" on that ' +
    'region page, nor open its form', async ({ page, check, login }) => {
	await login('ggz');
	const code = await openRegionOfDenBosch(page, check, 'GGZ professional');
	assert.equal(code, 'AM27', '\'s-Hertogenbosch lies in AM27');
	assert.equal(await page.getByRole('link',
	    { name: 'Contactpunt instellen' }).count(), 0,
	    'the GGZ professional does not see "Contactpunt instellen"');
	const resp = await page.goto(`/regios/${code}/contactpunten/nieuw`);
	assert.equal(resp.status(), 403,
	    'the form\'s address answers 403 to a professional');
	await check(`new contact point form (${code}, GGZ professional)`,
	    { status: 403 });
});

e2e('a professional opening /beheer/gebruikers gets the 403 page',
    async ({ page, check, login }) => {
	await login('ggz');
	const resp = await page.goto('/beheer/gebruikers');
	assert.equal(resp.status(), 403);
	await check('/beheer/gebruikers as a professional', { status: 403 });
	const h1 = (await page.getByRole('heading', { level: 1 }).innerText())
	    .trim();
	assert.ok(h1.length > 0, 'the 403 page has a heading');
	assert.doesNotMatch(await page.locator('main').innerText(),
	    /Gebruikers beheren|@werkbrug\.example/,
	    'the 403 page shows nothing of the user list');
	assert.equal(await page.getByRole('button', { name: 'Uitloggen' })
	    .count(), 1, 'still logged in, with the usual header');
});
