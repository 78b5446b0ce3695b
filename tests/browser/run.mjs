// Browser tests of the web UI: the real `parley serve` over a real demo
// database, driven through Debian's Chromium by playwright-core. Prints
// TAP; writes a screenshot of every page under SHOTS (for review).
//
//   node tests/browser/run.mjs PARLEY WEB_DIR SHOTS
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [parley, webDir, shots] = process.argv.slice(2);
if (!parley || !webDir || !shots) {
  console.error('usage: node run.mjs PARLEY WEB_DIR SCREENSHOT_DIR');
  process.exit(2);
}
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
mkdirSync(shots, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), 'parley-browser-'));
const db = join(dir, 'ui.db');

// ---- the database: demo data, a known person, one user per role --------

function run(args, input) {
  return execFileSync(parley, ['--db', db, ...args], { input, encoding: 'utf8' });
}

const users = {
  admin: ['admin', 'admin-password-1'],
  registrar: ['registrar', 'registrar-password-1'],
  medical: ['medical', 'medical-password-1'],
  auditor: ['auditor', 'auditor-password-1'],
  negotiator: ['negotiator', 'negotiator-password-1'],
  mediator: ['mediator', 'mediator-password-1'],
};
run(['init', '--admin', 'admin', '--password-stdin'], `${users.admin[1]}\n`);
for (const [role, [name, pw]] of Object.entries(users)) {
  if (role !== 'admin') run(['user', 'add', name, '--roles', role, '--password-stdin'], `${pw}\n`);
}
const demo = execFileSync(parley, ['demo-data', '--persons', '300', '--seed', '3'], { maxBuffer: 1 << 28 });
run(['import', '--quiet', '-'], demo);
// Written in Cyrillic only: found by Latin spellings or not at all.
const personId = run(['person', 'add', '--surname', 'Шевчук', '--given-names', 'Олександр',
  '--patronymic', 'Миколайович', '--birth-date', '1994-02-11', '--party', 'UA', '--rank', 'сержант']).trim().split(/\s+/).pop();

// ---- the server -------------------------------------------------------

const server = spawn(parley, ['--db', db, 'serve', '--listen', '127.0.0.1:0', '--web', webDir, '--quiet'],
  { stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (d) => {
    out += d;
    const m = out.match(/serving (http:\/\/[^/\s]+)\//);
    if (m) resolve(m[1]);
  });
  server.on('exit', (code) => reject(new Error(`parley serve exited with ${code}`)));
  setTimeout(() => reject(new Error('parley serve did not start')), 15000);
});

// ---- TAP ----------------------------------------------------------------

const tests = [];
const test = (name, fn, opts = {}) => tests.push({ name, fn, opts });
function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
    '--disable-background-networking', '--disable-extensions', '--no-first-run'],
});

// Each test gets a fresh browser context (no cookies); problems the page
// reports (script errors, CSP violations, server errors) fail the test.
// Refusals (4xx) are the API answering as it should, and are not.
async function newPage(width = 1366, height = 900, lang = 'en') {
  const ctx = await browser.newContext({ viewport: { width, height }, locale: lang === 'uk' ? 'uk-UA' : 'en-GB' });
  const page = await ctx.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`script error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) page.problems.push(`console: ${m.text()}`);
  });
  await page.addInitScript((l) => localStorage.setItem('parley.lang', l), lang);
  return page;
}

async function signIn(page, role) {
  const [name, pw] = users[role];
  await page.goto(`${base}/login`);
  await page.fill('#user', name);
  await page.fill('#password', pw);
  await page.click('form.login button[type=submit]');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.waitForSelector('main h1');
}

async function shot(page, name) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

async function noOverflow(page, what) {
  const [sw, iw] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert(sw <= iw + 1, `${what}: the page is ${sw}px wide in a ${iw}px window`);
}

async function mainText(page) {
  return page.textContent('main');
}

test('a wrong password is refused, the right one signs in', async (page) => {
  await page.goto(`${base}/persons`);
  await page.waitForSelector('form.login');
  await shot(page, '01-sign-in');
  await page.fill('#user', 'registrar');
  await page.fill('#password', 'not-the-password');
  await page.click('form.login button[type=submit]');
  await page.waitForSelector('.notice.error');
  assert((await page.textContent('.notice.error')).includes('Wrong user name or password'), 'no error shown');
  await page.fill('#password', users.registrar[1]);
  await page.click('form.login button[type=submit]');
  // Back where they wanted to go.
  await page.waitForURL(`${base}/persons`);
  await page.waitForSelector('section.search');
});

test('the dashboard shows the counts and charts', async (page) => {
  await signIn(page, 'registrar');
  await page.waitForSelector('.dashboard');
  const n = (await page.textContent('#count-persons')).replace(/\D/g, '');
  assert(n === '301', `expected 301 persons, got ${n}`);
  assert(await page.locator('svg.chart').count() >= 5, 'charts missing');
  assert((await mainText(page)).includes('People returned per month'), 'no returns chart');
  // A registrar sees no counts by medical category.
  assert(!(await mainText(page)).includes('By medical category'), 'medical counts shown to a registrar');
  await shot(page, '02-dashboard');
});

test('search a Cyrillic name by a Latin spelling, open the person, add an event', async (page) => {
  await signIn(page, 'registrar');
  await page.click('nav a[href="/persons"]');
  await page.fill('#f-q', 'oleksandr shevchuk');
  await page.click('form.filters button[type=submit]');
  await page.waitForSelector('table.persons');
  assert((await page.url()).includes('q=oleksandr+shevchuk'), 'the query is not in the address');
  const link = page.locator('a.person-link', { hasText: 'Шевчук Олександр Миколайович' });
  assert(await link.count() === 1, 'Шевчук not found by "oleksandr shevchuk"');
  await shot(page, '03-search');
  // The Russian-style Latin spelling finds him too.
  await page.fill('#f-q', 'Aleksandr Shevchuk');
  await page.click('form.filters button[type=submit]');
  await page.waitForURL(/q=Aleksandr/);
  await page.waitForSelector('table.persons');
  assert(await page.locator('a.person-link', { hasText: 'Шевчук' }).count() === 1, 'not found by "Aleksandr Shevchuk"');
  await page.locator('a.person-link', { hasText: 'Шевчук' }).click();
  await page.waitForURL(`${base}/persons/${personId}`);
  await page.waitForSelector('.person .head h1');
  assert((await page.textContent('.person .head h1')).includes('Шевчук'), 'wrong person page');
  assert((await page.textContent('#person-status')).trim() === 'missing', 'status is not missing');
  assert((await page.textContent('dd[data-field="rank"]')).includes('сержант'), 'rank not shown');
  assert((await mainText(page)).includes('No events yet'), 'timeline not empty');
  // Only the events the lifecycle allows from "missing" are offered.
  const offered = await page.$$eval('#ev-type option', (os) => os.map((o) => o.value));
  assert(offered.includes('capture') && !offered.includes('repatriated') && !offered.includes('hospital_admission'),
    `offered: ${offered.join(', ')}`);
  await shot(page, '04-person');
  await page.selectOption('#ev-type', 'capture');
  await page.fill('#ev-date', '2024-03-05');
  await page.selectOption('#ev-source', 'counterpart_list');
  await page.fill('#ev-place', 'Роботине');
  await page.fill('#ev-note', 'named in the list of 5 March');
  await page.click('#ev-submit');
  await page.waitForSelector('.notice.success');
  const item = page.locator('ol.timeline li.ev-capture');
  assert(await item.count() === 1, 'the event is not in the timeline');
  const text = await item.textContent();
  assert(text.includes('2024-03-05') && text.includes('Роботине') && text.includes('named in the list'), `timeline: ${text}`);
  assert((await page.textContent('#person-status')).trim() === 'captured (reported)', 'status did not move');
  await shot(page, '05-person-event-added');
  // A change to the record, with a bad value first.
  await page.click('#edit');
  await page.fill('#e-birth_date', '1994-02-31');
  await page.click('form.edit button[type=submit]');
  await page.waitForSelector('form.edit .notice.error');
  assert((await page.textContent('form.edit .notice.error')).includes('birth_date'), 'the bad field is not named');
  await page.fill('#e-birth_date', '1994-02-12');
  await page.fill('#e-unit', 'в/ч А0000');
  await page.click('form.edit button[type=submit]');
  await page.waitForSelector('dd[data-field="unit"]');
  assert((await page.textContent('dd[data-field="unit"]')).includes('в/ч А0000'), 'unit not saved');
  assert((await page.textContent('dd[data-field="birth_date"]')).includes('1994-02-12'), 'birth date not saved');
});

test('a lower role is denied the pages it may not see', async (page) => {
  await signIn(page, 'negotiator');
  const nav = await page.textContent('header nav');
  assert(!nav.includes('Audit log') && !nav.includes('Users') && !nav.includes('Import'), `nav: ${nav}`);
  for (const path of ['/audit', '/access', '/users', '/import', '/persons/new']) {
    await page.goto(`${base}${path}`);
    await page.waitForSelector('main h1');
    assert((await page.textContent('main h1')) === 'Access denied', `${path} was not denied`);
  }
  await shot(page, '06-denied');
  // The server says no as well, whatever the page does.
  const status = await page.evaluate(async () => (await fetch('/api/audit')).status);
  assert(status === 403, `GET /api/audit as negotiator: ${status}`);
  // A mediator sees no registry at all.
  await page.click('#sign-out');
  await page.waitForSelector('form.login');
  await signIn(page, 'mediator');
  await page.goto(`${base}/persons`);
  await page.waitForSelector('main h1');
  assert((await page.textContent('main h1')) === 'Access denied', 'a mediator sees the registry');
});

test('medical details only for the medical roles', async (page) => {
  await signIn(page, 'medical');
  await page.goto(`${base}/persons?medical=severely_wounded`);
  await page.waitForSelector('table.persons');
  await page.locator('a.person-link').first().click();
  await page.waitForSelector('dd[data-field="medical"]');
  assert((await page.textContent('dd[data-field="medical"]')).includes('severely wounded'), 'medical category not shown');
  await page.click('#sign-out');
  await page.waitForSelector('form.login');
  await signIn(page, 'registrar');
  await page.goto(`${base}/persons/${personId}`);
  await page.waitForSelector('.person .head h1');
  assert(await page.locator('dd[data-field="medical"]').count() === 0, 'medical field shown to a registrar');
  assert((await mainText(page)).includes('Medical details are withheld'), 'no withheld note');
});

test('the auditor reads the logs and verifies the chain', async (page) => {
  await signIn(page, 'auditor');
  await page.goto(`${base}/audit?actor=registrar`);
  await page.waitForSelector('table.log');
  assert((await mainText(page)).includes(personId), 'the registrar\'s change is not in the audit log');
  await page.click('#verify');
  await page.waitForSelector('.verdict .notice');
  assert((await page.textContent('.verdict')).includes('intact'), 'chain not intact');
  await shot(page, '07-audit-log');
  await page.goto(`${base}/access?person=${personId}`);
  await page.waitForSelector('table.log');
  const rows = await page.locator('table.log tbody tr').allTextContents();
  assert(rows.some((r) => r.includes('registrar') && r.includes('show')), 'the registrar\'s read is not logged');
  await shot(page, '08-access-log');
});

test('imports show every problem, or what was imported', async (page) => {
  await signIn(page, 'registrar');
  await page.goto(`${base}/import`);
  await page.waitForSelector('#files');
  const bad = join(dir, 'list.csv');
  writeFileSync(bad, 'surname,birth_date,party\nКравець,1990-01-01,UA\nКравченко,1990-02-30,UA\nКравчук,1991,Ukraine\n');
  await page.setInputFiles('#files', bad);
  await page.click('form.import button[type=submit]');
  await page.waitForSelector('#import-problems');
  const problems = await page.locator('#import-problems li').allTextContents();
  assert(problems.length === 2 && problems[0].includes('list.csv:3:') && problems[1].includes('list.csv:4:'),
    `problems: ${problems.join(' | ')}`);
  await shot(page, '09-import-problems');
  const good = join(dir, 'good.csv');
  writeFileSync(good, 'surname,given_names,party,ext.ui\nКравець,Ігор,UA,UI-1\nКравченко,Павло,UA,UI-2\n');
  await page.setInputFiles('#files', good);
  await page.click('form.import button[type=submit]');
  await page.waitForSelector('#import-report');
  assert((await page.textContent('#import-report')).includes('Persons added2'), await page.textContent('#import-report'));
  await shot(page, '10-import-done');
});

test('the admin manages users', async (page) => {
  await signIn(page, 'admin');
  await page.goto(`${base}/users`);
  await page.waitForSelector('table.users-table');
  await page.fill('#nu-name', 'olena');
  await page.fill('#nu-display', 'Олена К.');
  await page.fill('#nu-password', 'olena-password-1');
  await page.check('#nu-registrar');
  await page.click('form.add-user button[type=submit]');
  await page.waitForSelector('tr[data-user="olena"]');
  assert((await page.textContent('tr[data-user="olena"]')).includes('Enabled'), 'olena not enabled');
  await shot(page, '11-users');
});

test('reconcile a list in Russian forms, review side by side, confirm by key', async (page) => {
  await signIn(page, 'negotiator');
  await page.click('nav a[href="/reconcile"]');
  await page.waitForSelector('#list-file');
  const list = join(dir, 'their-list.csv');
  // Шевчук in the Russian forms, day and month of birth swapped (as the
  // registry has it now: an earlier test may have changed it); and a man
  // the registry does not have.
  const [y, m, d] = JSON.parse(run(['--json', 'person', 'show', personId])).birth_date.split('-');
  writeFileSync(list, 'ext.icrc,surname,given_names,patronymic,birth_date\n' +
    `R-1,Шевчук,Александр,Николаевич,${y}-${d}-${m}\nR-2,Неизвестный,Пётр,Петрович,1950-01-01\n`);
  await page.setInputFiles('#list-file', list);
  await page.fill('#id-column', 'ext.icrc');
  await page.click('#reconcile-submit');
  await page.waitForSelector('#reconcile-summary');
  await page.click('.tabs button:last-child'); // all rows, in list order
  await page.waitForSelector('#review table.side-by-side');
  const firstRow = await page.textContent('#reconcile-rows tbody tr:first-child');
  assert(firstRow.includes('R-1') && firstRow.includes(personId), `row 1: ${firstRow}`);
  // The birth date differs, marked with how: day and month swapped.
  const birth = page.locator('table.side-by-side tr[data-field="birth_date"]');
  assert(await birth.getAttribute('class') === 'differs', 'the birth date is not marked');
  assert((await birth.textContent()).includes('day/month swapped'), await birth.textContent());
  assert((await page.textContent('table.side-by-side tr[data-field="surname"]')).includes('Шевчук'), 'no registry surname');
  await shot(page, '12-reconcile-review');
  await page.keyboard.press('c');
  await page.waitForFunction(() => document.querySelector('#decision-status').textContent.includes('confirmed'));
  assert((await page.textContent('#reconcile-rows tbody tr:first-child')).includes('✓'), 'the row is not marked decided');
  // Kept: the auditor sees the decision in the audit log.
  const audit = JSON.parse(run(['--json', 'audit', 'log', '--actor', 'negotiator', '--limit', '1']));
  assert(audit[0].entity === 'match_decision' && audit[0].entity_id === personId, JSON.stringify(audit[0]));
});

test('Ukrainian labels, and the layout at tablet width', async (page) => {
  await signIn(page, 'auditor');
  assert((await page.textContent('header nav')).includes('Реєстр'), 'nav not in Ukrainian');
  assert((await page.textContent('main h1')) === 'Огляд', 'dashboard title not in Ukrainian');
  await noOverflow(page, 'dashboard');
  await shot(page, '13-dashboard-uk-tablet');
  await page.goto(`${base}/persons?q=шевчук`);
  await page.waitForSelector('table.persons');
  await noOverflow(page, 'search');
  await shot(page, '14-search-uk-tablet');
  await page.goto(`${base}/persons/${personId}`);
  await page.waitForSelector('.person .head h1');
  assert((await mainText(page)).includes('Хронологія'), 'person page not in Ukrainian');
  await noOverflow(page, 'person');
  await shot(page, '15-person-uk-tablet');
  // Switching back to English.
  await page.selectOption('header select.lang', 'en');
  await page.waitForFunction(() => document.querySelector('main')?.textContent.includes('Timeline'));
}, { width: 820, height: 1180, lang: 'uk' });

// ---- run them -----------------------------------------------------------

let failed = 0;
console.log(`1..${tests.length}`);
for (const [i, t] of tests.entries()) {
  const page = await newPage(t.opts.width, t.opts.height, t.opts.lang);
  try {
    await t.fn(page);
    if (page.problems.length) throw new Error(page.problems.join('; '));
    console.log(`ok ${i + 1} - ${t.name}`);
  } catch (e) {
    failed++;
    console.log(`not ok ${i + 1} - ${t.name}`);
    console.log(`  # ${String(e.message).split('\n').join('\n  # ')}`);
    await shot(page, `failed-${i + 1}`).catch(() => {});
  }
  await page.context().close();
}

await browser.close();
server.kill('SIGTERM');
await new Promise((r) => server.on('exit', r));
rmSync(dir, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
