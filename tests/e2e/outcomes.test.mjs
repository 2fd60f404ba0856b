// outcomes.test.mjs - Uitkomsten (the quarterly indicators with their
// charts and targets) and the IPS-25 trend, in a real browser, each page
// checked with axe-core and the Nu HTML Checker.
import { after } from 'node:test';
import { e2e, closeBrowser, submit, assert } from './lib.mjs';

after(closeBrowser);

/* The quarter ("2026K3") of the day `days` before today. */
function quarterOf(days) {
	const d = new Date(Date.now() - days * 86400000);
	return `${d.getFullYear()}K${Math.floor(d.getMonth() / 3) + 1}`;
}

e2e('a GGZ professional sees their own organisation\'s figures unhidden',
    async ({ page, check, login }) => {
	/* The demo's IPS client started 120 days ago: employer contact on
	 * day 12, a competitive 16-hour job on day 40 (80 days ago). */
	const quarter = quarterOf(80);
	await login('ggz');
	await page.getByRole('link', { name: 'Uitkomsten' }).first().click();
	await page.waitForURL(/\/uitkomsten/);
	await check('Uitkomsten (own organisation, last quarter)');
	await page.goto(`/uitkomsten?kwartaal=${quarter}`);
	await check(`Uitkomsten (own organisation, ${quarter})`);
	const main = await page.locator('main').innerText();
	assert.match(main, new RegExp(quarter));
	assert.match(main, /Dit zijn de cijfers van uw eigen organisatie/);
	assert.doesNotMatch(main, /<10/, 'nothing is hidden in the own view');
	const ips = page.locator('tbody tr', { hasText: 'IPS (EPA)' });
	assert.equal(await ips.count(), 1, 'a row for IPS');
	const cells = await ips.locator('td').allInnerTexts();
	assert.deepEqual(cells.slice(0, 4), ['1', '1', '100,0 %', '1'],
	    'in traject, working, rate, job starts');
	assert.equal(cells[4], quarterOf(108) === quarter ? '12,0' : '–',
	    'days to the first employer contact');
	assert.equal(cells[5], '40,0', 'days to the first job');
	assert.equal(await page.locator('figure.chart svg[role="img"]')
	    .count(), 2, 'the employment and ladder charts');
});

e2e('UWV sees the region with small cells hidden', async ({ page, check,
    login }) => {
	await login('uwv');
	await page.goto('/uitkomsten?regio=AM27');
	await check('Uitkomsten (region AM27, outside view)');
	const main = await page.locator('main').innerText();
	assert.match(main, /toestemming gaven voor monitoring/);
	assert.match(main, /<10/, 'the two consented demo clients are hidden');
	assert.doesNotMatch(await page.locator('table.figures').innerText(),
	    /(^|\s)[1-9](\s|$)/, 'no count from 1 to 9 is shown');
});

e2e('the coordinator records a target and sees where the region stands',
    async ({ page, check, login }) => {
	await login('coordinator');
	await page.goto('/uitkomsten?regio=AM27');
	await page.getByText('Streefcijfer vastleggen').click();
	await page.getByLabel('Indicator').selectOption('employment-rate');
	await page.getByLabel('Streefwaarde').fill('41');
	await submit(page, page.getByRole('button', { name: 'Vastleggen' }));
	await check('Uitkomsten after a target (coordinator)');
	assert.match(await page.locator('main').innerText(),
	    /Het streefcijfer is vastgelegd/);
	const row = page.locator('tr', { hasText: 'Werkend in een reguliere' +
	    ' baan (%)' });
	assert.equal(await row.count(), 1);
	assert.match(await row.innerText(), /41/);
	assert.match(await row.innerText(), /minder dan 10/,
	    'a hidden figure is not judged');
});

e2e('the IPS-25 trend of a programme is a chart with its table',
    async ({ page, check, login }) => {
	await login('ggz');
	await page.goto('/trouw');
	await check('Trouw (IPS-25) list');
	await submit(page, page.locator('main a[href^="/trouw/programmas/"]')
	    .first());
	await check('IPS-25 programme page');
	assert.equal(await page.locator('figure.chart svg[role="img"]')
	    .count(), 1);
	assert.ok(await page.locator('table caption').count() >= 1);
});

/* "yyyy-mm-dd" of today, as the date fields take it. */
function today() {
	return new Date().toISOString().slice(0, 10);
}

e2e('a GGZ professional records an employer contact and a ladder rung ' +
    'on the client record', async ({ page, check, login }) => {
	await login('ggz');
	/* the demo's first client has the IPS trajectory */
	const id = 1;
	await page.goto(`/clienten/${id}/trajecten`);
	await check('Trajecten tab');
	const main = page.locator('main');
	assert.match(await main.innerText(), /IPS \(EPA\)/);
	assert.match(await main.innerText(), /Bakkerij De Korenbloem/);
	await main.locator('summary', { hasText: 'Mijlpaal vastleggen' }).first()
	    .click();
	const type = main.locator('select[id^="ms-"][id$="-type"]').first();
	await type.selectOption('employer-contact');
	const tid = (await type.getAttribute('id')).split('-')[1];
	await page.locator(`#ms-${tid}-date`).fill(today());
	await submit(page, page.locator(`#ms-${tid}-date`).locator(
	    'xpath=ancestor::form').getByRole('button', { name: 'Vastleggen' }));
	await check('Trajecten tab (after a milestone)');
	assert.equal(new URL(page.url()).pathname,
	    `/clienten/${id}/trajecten`);

	await page.goto(`/clienten/${id}/metingen`);
	await check('Metingen tab');
	await page.locator('#ladder-value').selectOption('4');
	await page.locator('#ladder-date').fill(today());
	await submit(page, page.getByRole('button', { name: 'Trede vastleggen' }));
	await check('Metingen tab (after a rung)');
	assert.match(await main.innerText(), /Onbetaald werk/,
	    'the new rung is listed with its label');
});
