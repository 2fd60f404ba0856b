// lib.mjs - shared helpers for the werkbrug end-to-end tests.
//
// One Chromium per test file (node --test runs every file in its own
// process), one fresh browser context per test, so cookies never leak
// between users.  Every page a test looks at goes through check(), which
//   - runs axe-core in the page and records every violation of impact
//     "serious" or "critical" (lesser ones are printed as TAP comments),
//   - sends the HTML exactly as the server sent it to the Nu HTML Checker
//     and records every error,
//   - records console errors and uncaught page errors, which includes any
//     Content-Security-Policy violation (the CSP is left in force: axe is
//     injected through the DevTools protocol, which CSP does not govern).
// Findings do not stop the test: it goes on with its flow so that one run
// shows every finding, and fails at the end, listing them all.
//
// Environment (set by run.sh):
//   E2E_BASE          http://127.0.0.1:PORT of a running werkbrug
//   E2E_PASS_<USER>   demo password of <user>@werkbrug.example
//   E2E_VNU_URL       a running Nu HTML Checker servlet; when unset, vnu.jar
//                     is run once per page (slow but self-contained)
//   E2E_CHROMIUM      browser executable (default /usr/bin/chromium)
//   E2E_ARTIFACTS     if set, a screenshot of every failing test goes there

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const vnuJar = join(here, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');

export const BASE = (process.env.E2E_BASE || '').replace(/\/$/, '');
export { assert };

const TEST_TIMEOUT_MS = 30_000;
const ACTION_TIMEOUT_MS = 10_000;

/* Demo password of user (the local part of the e-mail address). */
export function password(user) {
	const v = process.env[`E2E_PASS_${user.toUpperCase()}`];
	if (!v)
		throw new Error(`E2E_PASS_${user.toUpperCase()} is not set ` +
		    '(run the suite through tests/e2e/run.sh)');
	return v;
}

export function email(user) {
	return `${user}@werkbrug.example`;
}

let browserPromise = null;
let profileDir = null;

async function browser() {
	if (browserPromise === null) {
		profileDir = mkdtempSync(join(tmpdir(), 'werkbrug-e2e-chromium-'));
		browserPromise = chromium.launch({
			executablePath: process.env.E2E_CHROMIUM || '/usr/bin/chromium',
			headless: true,
			timeout: 30_000,
			args: [
				'--headless=new',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--disable-dev-shm-usage',
				'--disable-breakpad',
			],
			// playwright refuses --user-data-dir in args: it starts
			// Chromium with a fresh profile of its own in the tmp dir
			// and removes it on close.  TMPDIR points it at ours, HOME
			// and XDG keep crash reports and caches out of ~ (all of
			// it goes when closeBrowser() removes profileDir).
			env: {
				...process.env,
				TMPDIR: profileDir,
				HOME: profileDir,
				XDG_CONFIG_HOME: join(profileDir, 'config'),
				XDG_CACHE_HOME: join(profileDir, 'cache'),
			},
		});
	}
	return browserPromise;
}

/* Called from each test file's after() hook. */
export async function closeBrowser() {
	if (browserPromise !== null) {
		const b = await browserPromise.catch(() => null);
		await b?.close().catch(() => {});
		browserPromise = null;
	}
	if (profileDir !== null) {
		rmSync(profileDir, { recursive: true, force: true });
		profileDir = null;
	}
}

/*
 * e2e(name, fn): a node:test test that gets a fresh context and page.
 * fn receives { page, context, check, login, t }.
 */
export function e2e(name, fn) {
	test(name, { timeout: TEST_TIMEOUT_MS }, async (t) => {
		if (!BASE)
			throw new Error('E2E_BASE is not set (run the suite ' +
			    'through tests/e2e/run.sh)');
		const b = await browser();
		const context = await b.newContext({
			baseURL: BASE,
			locale: 'nl-NL',
			timezoneId: 'Europe/Amsterdam',
			viewport: { width: 1280, height: 900 },
		});
		context.setDefaultTimeout(ACTION_TIMEOUT_MS);
		context.setDefaultNavigationTimeout(ACTION_TIMEOUT_MS);
		const page = await context.newPage();
		const s = new Session(t, page);
		let failed = true;
		try {
			await fn({
				page, context, t,
				check: (label, opts) => s.check(label, opts),
				login: (user) => s.login(user),
			});
			failed = false;
		} finally {
			if (failed && process.env.E2E_ARTIFACTS) {
				mkdirSync(process.env.E2E_ARTIFACTS, { recursive: true });
				const f = join(process.env.E2E_ARTIFACTS,
				    name.replace(/[^A-Za-z0-9]+/g, '-') + '.png');
				await page.screenshot({ path: f, fullPage: true })
				    .catch(() => {});
				t.diagnostic(`screenshot: ${f}`);
			}
			await context.close().catch(() => {});
			// When the flow itself failed, its error is what the
			// test reports; the findings up to then still show.
			if (failed)
				s.printFindings();
		}
		s.assertClean();
	});
}

/*
 * Run check() on a deliberately broken page (served by the browser itself,
 * not by werkbrug) and return what it found, so that a checker that has
 * silently stopped checking (axe not injected, vnu not answering) is caught.
 */
export async function checkerSelfTest(t) {
	const b = await browser();
	const context = await b.newContext({ baseURL: BASE });
	try {
		const page = await context.newPage();
		await page.route('**/__e2e_selftest', (r) => r.fulfill({
			status: 200,
			contentType: 'text/html; charset=utf-8',
			body: '<!DOCTYPE html>\n<html>\n<head><title>x</title>' +
			    '</head>\n<body>\n<main>\n<img src="data:,">\n' +
			    '<input type="text">\n<p><div></p>\n</main>\n' +
			    '</body>\n</html>\n',
		}));
		const s = new Session(t, page);
		await page.goto('/__e2e_selftest');
		await s.check('self-test page');
		return s.findings;
	} finally {
		await context.close().catch(() => {});
	}
}

class Session {
	constructor(t, page) {
		this.t = t;
		this.page = page;
		this.findings = [];
		this.lastDoc = null;	// last main-frame document response
		this.consoleErrors = [];
		page.on('response', (r) => {
			if (r.request().isNavigationRequest()) {
				if (r.frame() === page.mainFrame())
					this.lastDoc = r;
				return;
			}
			// A sub-resource (style sheet, image) that fails.  The
			// favicon is asked for by the browser, not the page.
			const u = new URL(r.url());
			if (r.status() >= 400 && u.pathname !== '/favicon.ico')
				this.consoleErrors.push(`HTTP ${r.status()} for ` +
				    `${u.pathname} (${r.request().resourceType()})`);
		});
		page.on('console', (m) => {
			// "Failed to load resource" repeats what the response
			// handler above saw (or an expected 401/403 document).
			if (m.type() === 'error' &&
			    !m.text().startsWith('Failed to load resource'))
				this.consoleErrors.push(m.text());
		});
		page.on('pageerror', (e) => {
			this.consoleErrors.push(`uncaught: ${e.message}`);
		});
	}

	/*
	 * Check the page now shown.  label names it in messages; opts.status
	 * is the HTTP status its document must have had (default 200).
	 */
	async check(label, { status = 200 } = {}) {
		const page = this.page;
		await page.waitForLoadState('load');
		const u = new URL(page.url());
		const where = `${label} (${u.pathname}${u.search})`;
		const resp = this.lastDoc;
		assert.ok(resp, `${where}: no document response seen`);
		assert.equal(resp.status(), status,
		    `${where}: HTTP status of the page`);
		const html = await resp.text();

		for (const e of this.consoleErrors.splice(0))
			this.findings.push(`${where}: console: ${e}`);

		await this.axe(where);
		await this.vnu(where, html);
	}

	async axe(where) {
		const page = this.page;
		// Evaluated through the DevTools protocol, which the page's
		// CSP (no 'unsafe-eval', no inline script) does not govern.
		const results = await page.evaluate(async (src) => {
			if (typeof window.axe === 'undefined')
				(0, eval)(src);
			return await window.axe.run(document, {
				resultTypes: ['violations'],
			});
		}, axeSource);
		for (const v of results.violations) {
			const nodes = v.nodes.map((n) =>
			    `      ${n.target.join(' ')}\n        ${n.failureSummary
				?.replace(/\n/g, '\n        ') ?? ''}`).join('\n');
			const msg = `${where}: axe ${v.id} [${v.impact}]: ${v.help}` +
			    ` (${v.helpUrl})\n${nodes}`;
			if (v.impact === 'serious' || v.impact === 'critical')
				this.findings.push(msg);
			else
				for (const l of `(not failing) ${msg}`.split('\n'))
					this.t.diagnostic(l);
		}
	}

	async vnu(where, html) {
		let messages;
		try {
			messages = process.env.E2E_VNU_URL
			    ? await vnuServlet(html)
			    : await vnuCli(html);
		} catch (e) {
			this.findings.push(`${where}: Nu HTML Checker did not ` +
			    `answer: ${e.message}`);
			return;
		}
		const lines = html.split('\n');
		for (const m of messages) {
			const line = m.lastLine ?? m.firstLine;
			const src = line ? lines[line - 1]?.trim() : '';
			const msg = `${where}: vnu line ${line}: ${m.message}`;
			if (m.type === 'error' || m.subType === 'fatal')
				this.findings.push(`${msg}\n      ${src}`);
			else if (m.subType === 'warning')
				this.t.diagnostic(`(not failing) ${msg}`);
		}
	}

	/* Log in through the form on /inloggen and land on the start page. */
	async login(user) {
		const page = this.page;
		await page.goto('/inloggen');
		await page.getByLabel('E-mailadres').fill(email(user));
		await page.getByLabel('Wachtwoord').fill(password(user));
		await submit(page, page.getByRole('button', { name: 'Inloggen' }));
		assert.equal(new URL(page.url()).pathname, '/',
		    `after logging in as ${user} the start page is shown`);
	}

	printFindings() {
		for (const e of this.consoleErrors.splice(0))
			this.findings.push(`console: ${e}`);
		// As TAP comments, which scripts/runtests.sh shows.
		for (const f of this.findings)
			for (const l of f.split('\n'))
				this.t.diagnostic(l);
	}

	assertClean() {
		this.printFindings();
		if (this.findings.length > 0)
			assert.fail(`${this.findings.length} finding(s):\n` +
			    this.findings.map((f) => `  - ${f}`).join('\n'));
	}
}

async function vnuServlet(html) {
	const url = new URL(process.env.E2E_VNU_URL);
	url.searchParams.set('out', 'json');
	const r = await fetch(url, {
		method: 'POST',
		headers: { 'Content-Type': 'text/html; charset=utf-8' },
		body: html,
		signal: AbortSignal.timeout(20_000),
	});
	if (!r.ok)
		throw new Error(`HTTP ${r.status}`);
	return (await r.json()).messages;
}

function vnuCli(html) {
	return new Promise((resolve, reject) => {
		const p = spawn('java', ['-jar', vnuJar, '--format', 'json',
		    '--stdout', '--exit-zero-always', '-'],
		    { stdio: ['pipe', 'pipe', 'inherit'] });
		let out = '';
		p.stdout.setEncoding('utf8');
		p.stdout.on('data', (d) => { out += d; });
		p.on('error', reject);
		p.on('close', () => {
			try {
				resolve(JSON.parse(out).messages);
			} catch (e) {
				reject(new Error(`vnu.jar: ${e.message}`));
			}
		});
		p.stdin.end(html);
	});
}

/*
 * Click something that loads a new document (a link, a form's button) and
 * wait until that document has loaded.
 */
export async function submit(page, locator) {
	await Promise.all([page.waitForEvent('load'), locator.click()]);
}

/* Check a stylesheet with the Nu checker's CSS validator. */
export async function cssErrors(path) {
	const r = await fetch(BASE + path);
	assert.equal(r.status, 200, `GET ${path}`);
	const css = await r.text();
	if (!process.env.E2E_VNU_URL)
		return [];
	const url = new URL(process.env.E2E_VNU_URL);
	url.searchParams.set('out', 'json');
	const v = await fetch(url, {
		method: 'POST',
		headers: { 'Content-Type': 'text/css; charset=utf-8' },
		body: css,
		signal: AbortSignal.timeout(20_000),
	});
	const lines = css.split('\n');
	return (await v.json()).messages
	    .filter((m) => m.type === 'error')
	    .map((m) => `${path} line ${m.lastLine}: ${m.message}\n      ` +
		(lines[m.lastLine - 1] ?? '').trim());
}
