// Browser tests of the web UI: the real `parley serve` over a real demo
// database, driven through Debian's Chromium by playwright-core. Prints
// TAP; writes a screenshot of every page under SHOTS (for review).
//
//   node tests/browser/run.mjs PARLEY WEB_DIR SHOTS
import { spawn, execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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
  identification: ['identification', 'identification-password-1'],
  identification2: ['identification2', 'identification2-password-1'],
  family_liaison: ['liaison', 'liaison-password-1'],
};
run(['init', '--admin', 'admin', '--password-stdin'], `${users.admin[1]}\n`);
for (const [role, [name, pw]] of Object.entries(users)) {
  if (role !== 'admin') run(['user', 'add', name, '--roles', role.replace(/\d$/, ''), '--password-stdin'], `${pw}\n`);
}
const demo = execFileSync(parley, ['demo-data', '--persons', '300', '--seed', '3'], { maxBuffer: 1 << 28 });
run(['import', '--quiet', '-'], demo);
// Written in Cyrillic only: found by Latin spellings or not at all.
const personId = run(['person', 'add', '--surname', 'Шевчук', '--given-names', 'Олександр',
  '--patronymic', 'Миколайович', '--birth-date', '1994-02-11', '--party', 'UA', '--rank', 'сержант']).trim().split(/\s+/).pop();

// A returnee's testimony naming him, waiting in the review queue (the
// sweeps see the queue with its forms).
const seenBy = run(['person', 'add', '--surname', 'Гордієнко', '--given-names', 'Ілля', '--birth-date', '1988-08-08']).trim().split(/\s+/).pop();
run(['testimony', 'add', '--returnee', seenBy, '--taken-on', '2025-10-01', '--taken-at', 'Чернігів',
  '--seen', 'surname=Шевчук;given_names=Олександр;place=Оленівка;date=2025-08;condition=alive']);

// A case closed a hundred years ago, for the retention rules (1 to 100
// years): the only one they reach.
const oldCaseId = run(['person', 'add', '--surname', 'Столітній', '--given-names', 'Андрій',
  '--birth-date', '1900-02-03', '--inform', 'Дружина, Полтава']).trim().split(/\s+/).pop();
run(['person', 'event', oldCaseId, '--type', 'capture', '--date', '1920-01-01', '--source', 'own_records']);
run(['person', 'event', oldCaseId, '--type', 'released_otherwise', '--date', '1921-06-01', '--source', 'own_records']);

// ---- an exchange under the Istanbul agreement of 2 June 2025 -------------
// People both sides hold (held: a capture and a capture card), the
// agreement, the parties' and the mediator's keys; stage 1 planned,
// proposed, signed by UA and RU, imported (agreed) and executed; stage 2
// agreed and waiting for its handover.
const exchangePeople = [
  // icrc, surname, given names, born, party, held by, medical
  ['B1', 'Коваленко', 'Олександр', '1975-03-02', 'UA', 'RU', 'severely_wounded'],
  ['B2', 'Бондар', 'Юрій', '1980-11-30', 'UA', 'RU', 'seriously_ill'],
  ['B3', 'Гнатюк', 'Петро', '1985-06-01', 'UA', 'RU', 'none'],
  ['B4', 'Иванов', 'Сергей', '1979-05-05', 'RU', 'UA', 'severely_wounded'],
  ['B5', 'Петров', 'Алексей', '2002-07-07', 'RU', 'UA', 'none'],
  ['B6', 'Волков', 'Игорь', '2004-01-15', 'RU', 'UA', 'seriously_ill'],
];
writeFileSync(join(dir, 'exchange-persons.csv'), 'ext.icrc,surname,given_names,birth_date,party,held_by,medical,branch,capture_date,consent\n' +
  exchangePeople.map((x) => `${x.join(',')},armed_forces,2022-02-26,yes`).join('\n') + '\n');
writeFileSync(join(dir, 'exchange-events.csv'), 'ext.icrc,type,date,source\n' +
  exchangePeople.map(([icrc]) => `${icrc},capture,2022-02-26,counterpart_list\n${icrc},capture_card,2022-04-01,icrc_visit`).join('\n') + '\n');
run(['import', '--quiet', join(dir, 'exchange-persons.csv'), join(dir, 'exchange-events.csv')]);
run(['agreement', 'add', join(webDir, '..', 'examples', 'istanbul-2025-06-02.json')]);
for (const [signer, role] of [['UA', 'party'], ['RU', 'party'], ['TR', 'mediator']]) {
  const key = join(dir, `${signer}.key`);
  execFileSync(parley, ['keys', 'generate', '--signer', signer, '--role', role, '-o', key]);
  execFileSync(parley, ['keys', 'export', key, '-o', join(dir, `${signer}.pub`)], { stdio: 'ignore' });
  run(['keys', 'import', join(dir, `${signer}.pub`)]);
}
// A stage of two a side on `date`, through to agreed; its id.
function agreedStage(date) {
  const out = run(['plan', 'istanbul-2025-06-02', '--clause', 'wounded-ill-young', '--stage-date', date,
    '--capacity', '2', '--save', '--handover-point', 'Belarus-Ukraine border']);
  const id = out.match(/saved the next stage as (S[0-9A-Z]+)/)[1];
  const manifest = join(dir, `${id}.json`);
  run(['stage', 'propose', id]);
  execFileSync(parley, ['--db', db, 'manifest', 'export', id, '-o', manifest], { stdio: 'ignore' });
  for (const signer of ['UA', 'RU']) execFileSync(parley, ['manifest', 'sign', manifest, '--key', join(dir, `${signer}.key`)]);
  run(['manifest', 'import', manifest]);
  return id;
}
const stage1 = agreedStage('2025-06-09');
run(['stage', 'execute', stage1]);
const stage2 = agreedStage('2025-06-10');
// Held by UA when stage 2 was agreed, for a substitution at its handover:
// one the clause admits (young), one it does not (born 1980, no medical
// reason).
const substitutePeople = [
  ['S1', 'Замінов', 'Павло', '2003-03-03', 'RU', 'UA', 'none'],
  ['S2', 'Заміненко', 'Олег', '1980-08-08', 'RU', 'UA', 'none'],
];
writeFileSync(join(dir, 'substitute-persons.csv'), 'ext.icrc,surname,given_names,birth_date,party,held_by,medical,branch,capture_date,consent\n' +
  substitutePeople.map((x) => `${x.join(',')},armed_forces,2023-05-05,yes`).join('\n') + '\n');
writeFileSync(join(dir, 'substitute-events.csv'), 'ext.icrc,type,date,source\n' +
  substitutePeople.map(([icrc]) => `${icrc},capture,2023-05-05,counterpart_list\n${icrc},capture_card,2023-06-01,icrc_visit`).join('\n') + '\n');
run(['import', '--quiet', join(dir, 'substitute-persons.csv'), join(dir, 'substitute-events.csv')]);

// ---- DNA: simulated missing persons (some of the other side), their ----
// relatives' and their remains' profiles, frequencies counted from the
// NIST genotypes, one screening.
const sim = join(dir, 'sim');
const simMissing = 30;
execFileSync(parley, ['dna', 'simulate', '--missing', String(simMissing), '--remains', '30', '--seed', '5',
  '--kinds', 'parents=2,self=1,two_siblings=1', '--other-side', '0.3', '--dir', sim], { stdio: 'ignore' });
run(['import', '--quiet', join(sim, 'persons.csv')]);
run(['remains', 'import', '--quiet', join(sim, 'cases.csv')]);
run(['dna', 'frequencies', '--quiet', '--from', join(webDir, '..', 'data', 'str', 'nist1036_genotypes.csv')]);
run(['dna', 'import', 'references', '--quiet', join(sim, 'references.csv')]);
run(['dna', 'import', 'remains', '--quiet', join(sim, 'remains.csv')]);
run(['dna', 'screen', '--threads', '2']);
// A proposed pair for a person of ours, and one for a person of the side
// that handed the remains over.
const simParty = Object.fromEntries(readFileSync(join(sim, 'persons.csv'), 'utf8').trim().split(/\r?\n/).slice(1)
  .map((l) => [l.split(',')[0], l.split(',').pop()]));
const proposed = JSON.parse(run(['--json', 'dna', 'proposals', '--status', 'proposed', '--limit', '500'])).proposals
  .filter((p) => p.kind === 'kinship');
const dnaOurs = proposed.find((p) => simParty[p.person] === 'UA');
const dnaTheirs = proposed.find((p) => simParty[p.person] === 'RU');

// ---- the server -------------------------------------------------------

const server = spawn(parley, ['--db', db, 'serve', '--listen', '127.0.0.1:0', '--web', webDir, '--quiet', '--party', 'UA'],
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

// The calls a page makes, with its session and CSRF token: what the UI
// offers no button for is still refused by the server.
async function apiAs(page, method, path, body) {
  return page.evaluate(async ([m, p, b]) => {
    const me = await (await fetch('/api/me')).json();
    const r = await fetch(p, { method: m, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf },
      body: b === undefined ? undefined : JSON.stringify(b) });
    return { status: r.status, body: await r.json().catch(() => null) };
  }, [method, path, body]);
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
  // 300 demo persons, Шевчук, the returnee Гордієнко, the case closed a hundred years ago.
  const want = String(303 + exchangePeople.length + substitutePeople.length + simMissing);
  assert(n === want, `expected ${want} persons, got ${n}`);
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
  // The home address and the person to be informed's, each a group of its own.
  assert(await page.locator('dd[data-field="home_address"]').count() === 1 &&
    await page.locator('dd[data-field="inform_country"]').count() === 1, 'no address fields on the person page');
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
  // Named as the form names it, and said from the message's code.
  const bad = await page.textContent('form.edit .notice.error');
  assert(bad.includes('Date of birth') && bad.includes('no such day in that month'), `the bad field is not named: ${bad}`);
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
  // An import's events: one entry per person's run of rows, each event shown with its statuses.
  await page.goto(`${base}/audit?action=add&limit=500`);
  await page.waitForSelector('table.log');
  const changes = await page.locator('table.log span.change').allTextContents();
  assert(changes.some((c) => /type=capture, .*status_after=captured \| .*type=capture_card, .*status_after=held/.test(c)),
    `no imported run of events shown event by event: ${changes.slice(0, 3).join(' / ')}`);
  await page.goto(`${base}/access?person=${personId}`);
  await page.waitForSelector('table.log');
  const rows = await page.locator('table.log tbody tr').allTextContents();
  assert(rows.some((r) => r.includes('registrar') && r.includes('viewed')), 'the registrar\'s read is not logged');
  await shot(page, '08-access-log');
});

test('imports show every problem, or what was imported', async (page) => {
  await signIn(page, 'registrar');
  await page.goto(`${base}/import`);
  await page.waitForSelector('#files');
  const bad = join(dir, 'list.csv');
  writeFileSync(bad, 'surname,birth_date,party\nКравець,1990-01-01,UA\nКравченко,1990-02-30,UA\nКравчук,1991,Ukrainia\n');
  await page.setInputFiles('#files', bad);
  await page.click('form.import button[type=submit]');
  await page.waitForSelector('#import-problems');
  const problems = await page.locator('#import-problems li').allTextContents();
  assert(problems.length === 2 && problems[0].includes('list.csv:3:') && problems[1].includes('list.csv:4:'),
    `problems: ${problems.join(' | ')}`);
  await shot(page, '09-import-problems');
  const good = join(dir, 'good.csv');
  // headed in the office's own words, as a spreadsheet saves it: read as
  // the fields, and the columns so read said under the counts
  writeFileSync(good, 'Прізвище;Ім’я;party;ext.ui;Дата народження\nКравець;Ігор;UA;UI-1;01.02.1990\nКравченко;Павло;UA;UI-2;\n');
  await page.setInputFiles('#files', good);
  await page.click('form.import button[type=submit]');
  await page.waitForSelector('#import-report');
  assert((await page.textContent('#import-report')).includes('Persons added2'), await page.textContent('#import-report'));
  const read = await page.textContent('#import-columns-read');
  assert(read.includes('Прізвище: surname, Ім’я: given_names, Дата народження: birth_date'), `columns: ${read}`);
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

test('a list that meets nobody says why: no pair came together, in a warning above the counts', async (page) => {
  await signIn(page, 'negotiator');
  await page.goto(`${base}/reconcile`);
  await page.waitForSelector('#list-file');
  const list = join(dir, 'nobody.csv');
  writeFileSync(list, 'surname,given_names\nЪъъйцукен,Щщщфыва\n');
  await page.setInputFiles('#list-file', list);
  await page.click('#reconcile-submit');
  await page.waitForSelector('#reconcile-summary');
  const warned = await page.textContent('.linkage-warnings');
  assert(warned.includes('no pair of records came together'), `no warning: ${warned}`);
});

test('a list saved by a spreadsheet (semicolons, its own headers, dates day first) is read, and a value it cannot read is said', async (page) => {
  await signIn(page, 'negotiator');
  await page.goto(`${base}/reconcile`);
  await page.waitForSelector('#list-file');
  const list = join(dir, 'excel.csv');
  writeFileSync(list, 'Прізвище;Ім’я;Дата народження;Стать\nЪъъйцукен;Щщщфыва;12.03.1990;ч\nЪъъйцукен;Ыыыфыва;02.01.85;ж\n');
  await page.setInputFiles('#list-file', list);
  await page.click('#reconcile-submit');
  await page.waitForSelector('#reconcile-summary');
  const warned = await page.textContent('.linkage-warnings');
  assert(warned.includes("column 'birth_date': 1 value of the list could not be read and was compared as unknown; " +
    "the first, on line 3: '02.01.85': a two-digit year"), `no warning of the value: ${warned}`);
  assert(!warned.includes("'sex'"), `sex was read: ${warned}`);
  const read = await page.textContent('#columns-read');
  assert(read.includes('Прізвище: Surname') && read.includes('Дата народження: Date of birth'), `columns: ${read}`);
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
  assert((await birth.textContent()).includes('day and month swapped'), await birth.textContent());
  assert((await page.textContent('table.side-by-side tr[data-field="surname"]')).includes('Шевчук'), 'no registry surname');
  await shot(page, '12-reconcile-review');
  await page.keyboard.press('c');
  await page.waitForFunction(() => document.querySelector('#decision-status').textContent.includes('confirmed'));
  assert((await page.textContent('#reconcile-rows tbody tr:first-child')).includes('✓'), 'the row is not marked decided');
  // Kept: the auditor sees the decision in the audit log.
  const audit = JSON.parse(run(['--json', 'audit', 'log', '--actor', 'negotiator', '--limit', '1']));
  assert(audit[0].entity === 'match_decision' && audit[0].entity_id === personId, JSON.stringify(audit[0]));
});

test('the negotiator reads an agreement and its ledger, and plans a stage', async (page) => {
  await signIn(page, 'negotiator');
  await page.click('nav a[href="/agreements"]');
  await page.waitForSelector('table.agreements-table');
  await page.click('a[href="/agreements/istanbul-2025-06-02"]');
  await page.waitForSelector('#ledger');
  // Stage 1 delivered two a side; stage 2 holds two a side.
  const row = await page.locator('#ledger tbody tr', { hasText: 'wounded-ill-young' }).first().textContent();
  assert(row.includes('UA') && row.includes('2'), `ledger row: ${row}`);
  assert(await page.locator('svg.chart.progress').count() === 1, 'no progress chart');
  assert((await mainText(page)).includes('6,000 for 6,000'), 'the bodies clause is not in words');
  await shot(page, '16-agreement');
  await page.click('#plan-link');
  await page.waitForSelector('#plan-clause');
  await page.selectOption('#plan-clause', 'wounded-ill-young');
  await page.fill('#plan-date', '2025-06-11');
  await page.fill('#plan-capacity', '3');
  await page.click('#plan-submit');
  await page.waitForSelector('#excluded-counts');
  await page.selectOption('#excl-reason', 'not_eligible');
  const excluded = page.locator('#exclusions tbody tr', { hasText: 'Гнатюк' });
  assert(await excluded.count() === 1, 'Гнатюк is not among those not eligible');
  const why = await excluded.locator('td').last().textContent();
  assert(why.trim().length > 0, 'the exclusion is not explained');
  assert(await page.locator('#plan-save').count() === 1, 'a negotiator cannot save the plan');
  await shot(page, '17-planner');
});

test('a stage: both parties\' signatures valid, the manifest to download, the list', async (page) => {
  await signIn(page, 'negotiator');
  await page.goto(`${base}/stages`);
  await page.waitForSelector('table.stages-table');
  assert(await page.locator(`a[href="/stages/${stage1}"]`).count() === 1, 'stage 1 not listed');
  await shot(page, '18-stages');
  await page.click(`a[href="/stages/${stage1}"]`);
  await page.waitForSelector('#signatures');
  for (const signer of ['UA', 'RU']) {
    assert(await page.locator(`#signatures li.signed[data-signer="${signer}"]`).count() === 1, `${signer} has not signed`);
  }
  assert(await page.locator('#signatures li.unsigned[data-signer="TR"]').count() === 1, 'the mediator shown as signed');
  const verdicts = await page.locator('table.sig-table tbody tr').allTextContents();
  assert(verdicts.length === 2 && verdicts.every((v) => v.includes('✓')), `signatures: ${verdicts.join(' | ')}`);
  assert((await page.textContent('#stage-status')).includes('executed'), 'stage 1 is not executed');
  assert(await page.locator('#manifest-download').count() === 1, 'no download link');
  const dl = await page.evaluate(async (id) => {
    const r = await fetch(`/api/stages/${id}/manifest`);
    return [r.status, r.headers.get('Content-Disposition'), (await r.json()).signatures.length];
  }, stage1);
  assert(dl[0] === 200 && dl[1].includes(stage1) && dl[2] === 2, `download: ${dl}`);
  assert(await page.locator('#entries tbody tr').count() === 4, 'not four on the stage');
  await shot(page, '19-stage');
  // The mediator witnesses the manifest; its file comes back and is uploaded.
  const manifest = join(dir, `${stage1}.json`);
  execFileSync(parley, ['manifest', 'sign', manifest, '--key', join(dir, 'TR.key')]);
  await page.goto(`${base}/stages`);
  await page.setInputFiles('#manifest-file', manifest);
  await page.click('#manifest-submit');
  await page.waitForSelector('#manifest-report dl');
  const kept = await page.textContent('#manifest-report');
  assert(kept.includes('witnessed by the mediator') && kept.includes('Signatures kept3'), kept);
  await page.goto(`${base}/stages/${stage1}`);
  await page.waitForSelector('#signatures');
  assert(await page.locator('#signatures li.signed[data-signer="TR"]').count() === 1, 'the witness is not shown');
});

test('the statement of an executed stage, under the embargo: rendered, copied, each format to download', async (page) => {
  await signIn(page, 'negotiator');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  await page.goto(`${base}/stages/${stage1}`);
  await page.click('#statement-link');
  await page.waitForSelector('#statement-text h2');
  // Stage 2 is still open: the phase is not over.
  assert(await page.locator('#embargo').count() === 1, 'the embargo is not shown');
  const text = await page.textContent('#statement-text');
  assert(text.includes('Their number will be given'), 'numbers not withheld');
  assert(text.includes('fewer than 10 people'), 'the rule of k is not said');
  // Two people came home: no age, no date of capture, no category.
  assert(!/youngest|oldest|February 2022|first days|Among them/.test(text), `a figure of fewer than k: ${text}`);
  assert(!text.includes('Коваленко'), 'a name in a statement');
  assert(!text.includes('istanbul-2025-06-02'), 'the agreement\'s id in a statement');
  // Rendered: a heading and paragraphs, no Markdown left.
  assert(await page.textContent('#statement-text h2') === 'Exchange of prisoners: stage 1, 9 June 2025', 'no heading');
  assert(!/(^|\n)#|\b_|_\s*$/.test(await page.innerText('#statement-text')), 'raw Markdown shown');
  assert(await page.locator('#statement-text p.note em').count() === 1, 'the note is not rendered');
  // Each format to download, labelled apart, answering as its kind.
  const links = await page.$$eval('a[id^="statement-download-"]', (as) => as.map((a) => [a.id, a.textContent, a.getAttribute('href')]));
  assert(links.length === 3 && new Set(links.map((l) => l[1])).size === 3, `downloads: ${JSON.stringify(links)}`);
  const kinds = { 'statement-download-html': 'text/html', 'statement-download-text': 'text/plain', 'statement-download-md': 'text/markdown' };
  for (const [id, , href] of links) {
    const [type, cd, body] = await page.evaluate(async (u) => {
      const r = await fetch(u);
      return [r.headers.get('Content-Type'), r.headers.get('Content-Disposition'), await r.text()];
    }, href);
    assert(type.startsWith(kinds[id]) && cd.startsWith('attachment'), `${id}: ${type}, ${cd}`);
    assert(!body.includes('istanbul-2025-06-02'), `${id}: the agreement's id`);
  }
  // Copied with its formatting; the plain text is the statement's.
  await page.click('#statement-copy');
  await page.waitForFunction(() => document.querySelector('#statement-copied').textContent !== '');
  assert(await page.textContent('#statement-copied') === 'Copied, with its formatting.', await page.textContent('#statement-copied'));
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert(copied.startsWith('Exchange of prisoners: stage 1, 9 June 2025\n\nPeople have come home.'), `copied: ${copied}`);
  await shot(page, '20-statement');
  await page.selectOption('#st-lang', 'uk');
  await page.waitForFunction(() => document.querySelector('#statement-text')?.getAttribute('lang') === 'uk');
  const uk = await page.textContent('#statement-text');
  assert(uk.includes('через Білорусь'), 'no Ukrainian statement');
  assert(uk.includes('Посередник: Туреччина.') && !uk.includes('Туреччину'), 'the mediator not in the nominative');
  assert(uk.includes('Відповідно до домовленості: Стамбул, 2 червня 2025 року'), 'not the Ukrainian title');
});

test('the statement page in Ukrainian on a phone', async (page) => {
  await signIn(page, 'negotiator');
  await page.goto(`${base}/stages/${stage1}/statement`);
  await page.waitForSelector('#statement-text h2');
  assert(await page.getAttribute('#statement-text', 'lang') === 'uk', 'the statement is not in the UI\'s language');
  const main = await mainText(page);
  for (const words of ['Копіювати заяву', 'Завантажити як вебсторінку (.html)', 'Завантажити як простий текст (.txt)',
    'Завантажити як Markdown (.md)', 'меншої ніж 10 осіб']) assert(main.includes(words), `missing: ${words}`);
  for (const english of ['Copy', 'Download', 'Language', 'withheld', 'Embargo']) {
    assert(!main.includes(english), `English in the Ukrainian page: ${english}`);
  }
  await noOverflow(page, 'statement');
  await shot(page, '21-statement-uk-phone');
}, { width: 390, height: 844, lang: 'uk' });

// The ledger's cells for a clause and side on the agreement's page:
// delivered, on stages, not delivered, owed, outstanding.
async function ledgerRow(page, clause, side) {
  await page.goto(`${base}/agreements/istanbul-2025-06-02`);
  await page.waitForSelector('#ledger');
  const cells = await page.locator('#ledger tbody tr', { hasText: clause }).filter({ hasText: side }).first()
    .locator('td').allTextContents();
  return cells.slice(2).map((c) => Number(c.replace(/\D/g, '') || 0));
}

test('the handover as people cross: one by one and by group, a refusal, a substitute picked among the eligible; finished, then corrected with a reason and the ledger follows', async (page) => {
  await signIn(page, 'negotiator');
  await page.goto(`${base}/stages/${stage2}`);
  await page.click('#stage-execute');
  await page.waitForSelector('#exec-entries');
  // Everyone pending, nothing chosen for them; the day is today.
  const d = new Date();
  const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  assert(await page.inputValue('#exec-date') === today, `the day is ${await page.inputValue('#exec-date')}, not today`);
  const rows = await page.$$eval('#exec-entries tbody tr', (trs) => trs.map((tr) => ({
    seq: tr.cells[1].textContent, side: tr.cells[2].textContent, chosen: tr.querySelector('select')?.value })));
  assert(rows.length >= 2 && rows.every((r) => r.chosen === ''), `not everyone pending: ${JSON.stringify(rows)}`);
  const ua = rows.find((r) => r.side === 'UA'), other = rows.find((r) => r !== ua);
  assert(ua && other, 'no entry UA hands over');
  // Saved without an outcome: refused next to the person.
  await page.click(`#save-${ua.seq}`);
  await page.waitForSelector(`#msg-${ua.seq} .notice.error`);
  // The substitute: only the eligible may be picked; the other with the planner's reason.
  await page.selectOption(`#out-${ua.seq}`, 'substituted');
  await page.fill(`#sub-${ua.seq}-q`, 'Замін');
  await page.waitForSelector(`#sub-${ua.seq}-results li.eligible`);
  const refusedLine = await page.textContent(`#sub-${ua.seq}-results li.not-eligible`);
  assert(refusedLine.includes('Заміненко') && refusedLine.includes('not eligible under the clause'), `the ineligible: ${refusedLine}`);
  assert(await page.locator(`#sub-${ua.seq}-results li.not-eligible button`).count() === 0, 'an ineligible person can be picked');
  assert((await page.textContent(`#sub-${ua.seq}-results li.eligible`)).includes('Замінов'), 'the eligible one is not offered');
  await shot(page, '21-execute-substitute');
  await page.click(`#sub-${ua.seq}-results li.eligible button`);
  await page.click(`#save-${ua.seq}`);
  await page.waitForSelector('.execute > .notice.success');
  assert((await page.textContent('#exec-status')) === 'in progress', 'the stage is not in progress');
  // A refusal, saved on its own.
  await page.selectOption(`#out-${other.seq}`, 'refused');
  await page.fill(`#note-${other.seq}`, 'at the border');
  await page.click(`#save-${other.seq}`);
  await page.waitForFunction((seq) => !document.querySelector(`#out-${seq}`), other.seq);
  // The rest as a group.
  const rest = await page.$$eval('#exec-entries input[type=checkbox]', (xs) => xs.map((x) => x.id));
  if (rest.length) {
    assert(await page.isDisabled('#exec-finish'), 'finish offered while people are pending');
    for (const id of rest) await page.check(`#${id}`);
    await page.selectOption('#group-outcome', 'handed_over');
    await page.click('#group-save');
    await page.waitForFunction(() => !document.querySelector('#exec-entries input[type=checkbox]'));
  }
  await shot(page, '21b-execute-recorded');
  // Finishing is said in a dialog first: going back leaves the stage in progress.
  await page.click('#exec-finish');
  await page.waitForSelector('#finish-dialog');
  assert((await page.textContent('#finish-dialog')).includes('only by a correction'), 'the finish dialog does not say what follows');
  await page.click('#finish-dialog-cancel');
  assert((await page.textContent('#exec-status')) === 'in progress', 'cancelling the dialog finished the stage');
  await page.click('#exec-finish');
  await page.click('#finish-dialog-ok');
  await page.waitForSelector('#execute-report');
  assert((await page.textContent('#exec-status')) === 'executed', 'the stage is not executed');
  await shot(page, '22-execute-report');
  await page.goto(`${base}/stages/${stage2}`);
  await page.waitForSelector('#discrepancies');
  const entries = await page.textContent('#entries');
  assert(entries.includes('refused at the handover') && entries.includes('Замінов'), 'the refusal or the substitute is not on the stage');
  // The refusal corrected, with its reason: the ledger follows.
  const before = await ledgerRow(page, 'wounded-ill-young', other.side);
  await page.goto(`${base}/stages/${stage2}`);
  await page.click('#stage-correct');
  await page.waitForSelector('#exec-entries');
  await page.click(`#fix-${other.seq}`);
  await page.click(`#fix-save-${other.seq}`);
  await page.waitForSelector(`#msg-${other.seq} .notice.error`); // no outcome chosen yet
  await page.selectOption(`#fix-out-${other.seq}`, 'handed_over');
  await page.click(`#fix-save-${other.seq}`);
  // The dialog says who, from what to what, and that the ledger follows.
  await page.waitForSelector('#fix-dialog');
  const said = await page.textContent('#fix-dialog');
  assert(said.includes('refused at the handover → handed over') && /ledger and the statements are recomputed/.test(said),
    `the correction dialog says: ${said}`);
  // The reason is required: asked for in the dialog, nothing sent.
  await page.click('#fix-dialog-ok');
  await page.waitForFunction(() => /required/.test(document.querySelector('#fix-dialog-error')?.textContent || ''));
  // Escape leaves everything as it was.
  await page.keyboard.press('Escape');
  await page.waitForSelector('#fix-dialog', { state: 'detached' });
  assert(!(await page.textContent('#exec-entries')).includes('corrected'), 'corrected without the dialog\'s button');
  // A refusal stays in the dialog: meanwhile someone else made the same
  // correction (in another window), so the server refuses this one.
  await page.click(`#fix-save-${other.seq}`);
  await page.fill('#fix-dialog-text', 'crossed an hour later, after all');
  const person = (await apiAs(page, 'GET', `/api/stages/${stage2}`)).body.entries.find((e) => String(e.seq) === other.seq).person;
  let { status } = await apiAs(page, 'POST', `/api/stages/${stage2}/corrections`, { person, outcome: 'handed_over', reason: 'corrected in another window' });
  assert(status === 200, `the other window's correction: ${status}`);
  await page.click('#fix-dialog-ok');
  await page.waitForFunction(() => /already/.test(document.querySelector('#fix-dialog-error')?.textContent || ''));
  assert(await page.locator('#fix-dialog').isVisible(), 'the dialog closed on a refusal');
  await shot(page, '22c-execute-correct-refused');
  await page.click('#fix-dialog-cancel');
  // The other window's correction undone, then this one made through the dialog.
  ({ status } = await apiAs(page, 'POST', `/api/stages/${stage2}/corrections`, { person, outcome: 'refused', reason: 'the other window was wrong' }));
  assert(status === 200, `undoing the other window's correction: ${status}`);
  await page.reload();
  await page.waitForSelector(`#fix-${other.seq}`);
  await page.click(`#fix-${other.seq}`);
  await page.selectOption(`#fix-out-${other.seq}`, 'handed_over');
  await page.click(`#fix-save-${other.seq}`);
  await page.fill('#fix-dialog-text', 'crossed an hour later, after all');
  await page.click('#fix-dialog-ok');
  await page.waitForSelector('#status-message .notice.success');
  const done = await page.textContent('#status-message');
  assert(done.includes('corrected from refused at the handover to handed over'), `the message after: ${done}`);
  assert((await page.textContent('#exec-entries')).includes('corrected'), 'the correction is not shown');
  await shot(page, '22b-execute-corrected');
  const after = await ledgerRow(page, 'wounded-ill-young', other.side);
  assert(after[0] === before[0] + 1 && after[2] === before[2] - 1, `ledger before ${before}, after ${after}`);
  await page.goto(`${base}/stages/${stage2}`);
  await page.waitForSelector('#discrepancies');
  assert((await page.textContent('#discrepancies')).includes('crossed an hour later'), 'the correction is not among the discrepancies');
});

test('aftercare: where those handed over are now', async (page) => {
  await signIn(page, 'medical');
  await page.click('nav a[href="/aftercare"]');
  await page.waitForSelector('table.aftercare-table');
  // Our own returnees first; both sides on request.
  const parties = await page.locator('table.aftercare-table tbody tr td:nth-child(3)').allTextContents();
  assert(parties.length && parties.every((p) => p === 'UA'), `not only our side's: ${parties.join(' ')}`);
  await page.selectOption('#ac-side', 'all');
  await page.click('form.filters button[type=submit]');
  await page.waitForURL(/side=all/);
  await page.waitForSelector('table.aftercare-table');
  assert(Number((await page.textContent('#ac-total')).replace(/\D/g, '')) >= 4, 'fewer than four handed over');
  assert(await page.locator('#ac-art117').count() === 1, 'no Art. 117 count for the medical role');
  await shot(page, '23-aftercare');
  await page.click('#sign-out');
  await page.waitForSelector('form.login');
  await signIn(page, 'negotiator');
  await page.goto(`${base}/aftercare`);
  await page.waitForSelector('table.aftercare-table');
  assert(await page.locator('#ac-art117').count() === 0, 'the Art. 117 count shown to a negotiator');
});

test('remains: a cases file with a bad row, then a good one; a case and the batches', async (page) => {
  await signIn(page, 'identification');
  await page.click('nav a[href="/remains"]');
  await page.waitForSelector('#remains-import-link');
  await page.click('#remains-import-link');
  await page.waitForSelector('#rm-file');
  const bad = join(dir, 'cases.csv');
  writeFileSync(bad, 'tag,batch,from_party,to_party,handover_date,condition,holder,custody_since\n' +
    'UA-2025-06-11-0001,RU-UA-2025-06-11,RU,UA,2025-06-11,skeletal,Бюро СМЕ,2025-06-12\n' +
    'UA-2025-06-11-0002,RU-UA-2025-06-11,RU,UA,2025-06-11,burnt,Бюро СМЕ,2025-06-12\n');
  await page.setInputFiles('#rm-file', bad);
  await page.click('#rm-submit');
  await page.waitForSelector('#remains-problems');
  const problems = await page.locator('#remains-problems li').allTextContents();
  assert(problems.length === 1 && problems[0].includes("cases.csv:3: column 'condition'"), problems.join(' | '));
  await shot(page, '24-remains-import-problems');
  writeFileSync(bad, 'tag,batch,from_party,to_party,handover_date,condition,holder,custody_since\n' +
    'UA-2025-06-11-0001,RU-UA-2025-06-11,RU,UA,2025-06-11,skeletal,Бюро СМЕ,2025-06-12\n' +
    'UA-2025-06-11-0002,RU-UA-2025-06-11,RU,UA,2025-06-11,commingled,Бюро СМЕ,2025-06-12\n');
  await page.setInputFiles('#rm-file', bad);
  await page.click('#rm-submit');
  await page.waitForSelector('#remains-report');
  assert((await page.textContent('#remains-report')).includes('Cases added2'), await page.textContent('#remains-report'));
  await shot(page, '25-remains-import-done');
  await page.goto(`${base}/remains`);
  await page.waitForSelector('#cases');
  await shot(page, '26-remains');
  await page.click('a.case-link >> text=UA-2025-06-11-0002');
  await page.waitForSelector('#custody');
  assert((await page.textContent('#custody')).includes('Бюро СМЕ'), 'no custody chain');
  assert(await page.locator('#identify-form').count() === 1, 'no identification form');
  await page.fill('#cu-holder', 'Київське бюро СМЕ');
  await page.fill('#cu-since', '2025-06-01');
  await page.click('#custody-form button[type=submit]');
  await page.waitForSelector('#custody-form .notice.error');
  await page.fill('#cu-since', '2025-06-20');
  await page.click('#custody-form button[type=submit]');
  await page.waitForFunction(() => document.querySelectorAll('#custody li').length === 2);
  await shot(page, '27-remains-case');
  await page.click('#batches-link');
  await page.waitForSelector('#batches');
  assert((await page.textContent('#batches')).includes('RU-UA-2025-06-11'), 'the batch is not listed');
  await shot(page, '28-batches');
});

test('bodies in the ledger: two batches recorded with their declared counts, tied to stage 1 and the bodies clause', async (page) => {
  await signIn(page, 'identification');
  // A declared count that is not a whole number from 1 is refused in words, and nothing is recorded.
  const record = async (label, declared) => {
    await page.goto(`${base}/remains/batches`);
    await page.waitForSelector('#batch-add-form');
    await page.fill('#nb-label', label);
    await page.fill('#nb-from', 'RU');
    await page.fill('#nb-to', 'UA');
    await page.fill('#nb-date', '2025-06-09');
    await page.fill('#nb-declared', declared);
    await page.click('#nb-submit');
  };
  await record('RU-700', '0');
  await page.waitForSelector('#nb-messages .notice.error');
  assert((await page.textContent('#nb-messages')).includes('Bodies declared'), await page.textContent('#nb-messages'));
  await shot(page, '28a-batch-add-refused');
  for (const [label, n] of [['RU-700', '700'], ['RU-560', '560']]) {
    await record(label, n);
    await page.waitForSelector('#batch-tie-form');
    await page.selectOption('#tie-agreement', 'istanbul-2025-06-02');
    await page.selectOption('#tie-clause', 'bodies');
    await page.selectOption('#tie-stage', stage1);
    await page.click('#tie-submit');
    await page.waitForSelector('#tie-messages .notice.success');
    await page.waitForSelector('#batch-clause');
  }
  assert((await page.textContent('main')).includes(stage1), 'the batch does not name its stage');
  await shot(page, '28b-batch-tied');
  await page.goto(`${base}/remains/batches`);
  await page.waitForSelector('#batches');
  await shot(page, '28c-batches-tied');
  await page.click('#sign-out');
  await page.waitForSelector('form.login');
  await signIn(page, 'negotiator');
  await page.goto(`${base}/agreements/istanbul-2025-06-02`);
  await page.waitForSelector('#ledger');
  const ru = await page.locator('#ledger tbody tr', { hasText: 'bodies' }).filter({ hasText: 'RU' }).first().textContent();
  assert(ru.includes('1,260'), `the ledger's bodies row for RU: ${ru}`);
  assert(await page.locator('#ledger-bodies-note').count() === 1, 'the ledger does not say how bodies are counted');
  await shot(page, '28d-ledger-bodies');
});

// In a dialog: the note (or reason), then its explicit button.
async function dialogDecide(page, button, text) {
  await page.click(button);
  await page.waitForSelector('dialog#dna-dialog[open]');
  if (text !== null) await page.fill('#dna-dialog-text', text);
  await page.click('#dna-dialog-ok');
  await page.waitForSelector('dialog#dna-dialog', { state: 'detached' });
}

async function signOutIn(page, role) {
  await page.click('#sign-out');
  await page.waitForSelector('form.login');
  await signIn(page, role);
}

test('DNA: proposals explained locus by locus; reviewed by one, confirmed by another, each in a dialog; withdrawn by an admin and an officer; the other side\'s flagged for return', async (page) => {
  assert(dnaOurs && dnaTheirs, 'the screening proposed no pair of both sides');
  await signIn(page, 'identification');
  await page.click('nav a[href="/dna"]');
  await page.waitForSelector('#dna-proposals');
  assert(Number((await page.textContent('#dna-count')).replace(/\D/g, '')) >= 10, 'too few pairs');
  // The first pair is shown at once, locus by locus.
  await page.waitForSelector('#dna-loci');
  assert(await page.locator('#dna-loci tbody tr').count() === 29, 'not 29 loci');
  assert((await page.textContent('#dna-proposals')).includes('prior 1/'), 'no prior shown');
  await shot(page, '33-dna-proposals');
  // Filtered to one of ours: its table, the relatives used, then reviewed in a dialog.
  await page.selectOption('#dna-status', 'proposed');
  await page.fill('#dna-case', dnaOurs.case);
  await page.click('form.filters button[type=submit]');
  await page.waitForURL(/status=proposed/);
  await page.waitForFunction((tag) => document.querySelector('#dna-explain h2')?.textContent.includes(tag), dnaOurs.case);
  assert((await page.textContent('#dna-proposals')).includes(dnaOurs.person), 'the person is not in the row');
  const head = await page.locator('#dna-loci thead th').allTextContents();
  assert(head.length >= 5 && head[1] === 'Remains', `locus table head: ${head.join(' | ')}`);
  assert(await page.locator('#dna-return-notice').count() === 0, 'a person of ours flagged for return');
  assert((await page.textContent('#dna-explain')).includes('identifies the case as'), 'no word of what confirming does');
  // the pairing probability beside the generalised LR, in the panel and the row
  const pairingText = await page.textContent('#dna-pairing');
  assert(/Pairing probability [01]\.\d{6}/.test(pairingText) && pairingText.includes('none of their candidates'),
    `no pairing probability shown: ${pairingText}`);
  assert((await page.textContent('#dna-proposals')).includes('pairing '), 'no pairing probability in the row');
  const sexLine = await page.textContent('#dna-sex');
  assert(/Sex: remains (unknown|male|female).*; missing person (unknown|male|female)/.test(sexLine), `no sex line: ${sexLine}`);
  assert(await page.locator('#dna-sex-conflict').count() === 0, 'a proposed pair shown as a sex conflict');
  // No single key decides: C and R do nothing.
  await page.click('#dna-explain h2');
  await page.keyboard.press('c');
  await page.keyboard.press('r');
  await page.waitForTimeout(300);
  assert(await page.locator('dialog#dna-dialog').count() === 0, 'a key opened a decision');
  assert((await page.textContent('#dna-stored')).includes('proposed'), 'a key decided the pair');
  assert(await page.locator('#dna-confirm').count() === 0, 'confirm offered before a review');
  // Cancel leaves it as it was; a review needs its note.
  await page.click('#dna-review');
  await page.waitForSelector('dialog#dna-dialog[open]');
  await page.click('#dna-dialog-ok');
  assert((await page.textContent('#dna-dialog-error')).includes('required'), 'a review without a note');
  await page.click('#dna-dialog-cancel');
  await dialogDecide(page, '#dna-review', 'all loci read again; references checked (browser test)');
  await page.waitForFunction(() => document.querySelector('#dna-decision').textContent.includes('Reviewed'));
  await page.waitForSelector('#dna-await');
  assert(await page.locator('#dna-confirm').count() === 0, 'the reviewer is offered the confirmation');
  await shot(page, '34-dna-reviewed');
  // The second person sees who reviewed and the note, and the evidence in view.
  await signOutIn(page, 'identification2');
  await page.goto(`${base}/dna?case=${encodeURIComponent(dnaOurs.case)}&status=reviewed`);
  await page.waitForSelector('#dna-reviewed');
  const reviewed = await page.textContent('#dna-reviewed');
  assert(reviewed.includes('identification') && reviewed.includes('references checked'), reviewed);
  const top = await page.evaluate(() => document.querySelector('#dna-explain').getBoundingClientRect().top);
  assert(top >= -1 && top < 200, `the locus panel is not scrolled into view (top ${top})`);
  await dialogDecide(page, '#dna-confirm', 'seen the evidence');
  await page.waitForFunction(() => document.querySelector('#dna-decision').textContent.includes('Confirmed'));
  await page.waitForSelector('#dna-stored .ds-confirmed');
  assert((await page.textContent('#dna-stored')).includes('seen the evidence'), 'the note is not kept');
  assert(await page.locator('#dna-confirm').count() === 0, 'a decided pair can be confirmed again');
  await shot(page, '35-dna-confirmed');
  await page.goto(`${base}/persons/${dnaOurs.person}`);
  await page.waitForSelector('#person-status');
  assert((await page.textContent('#person-status')).trim() === 'remains identified', 'the person is not identified');
  // Withdrawn: the admin requests with the reason, an officer approves.
  await signOutIn(page, 'admin');
  await page.goto(`${base}/dna?case=${encodeURIComponent(dnaOurs.case)}&status=confirmed`);
  await page.waitForSelector('#dna-withdraw');
  await dialogDecide(page, '#dna-withdraw', 'the reference sample was the neighbour\'s (browser test)');
  await page.waitForSelector('#dna-withdrawal');
  assert(await page.locator('#dna-withdraw-approve').count() === 0, 'the requester is offered the approval');
  await signOutIn(page, 'identification');
  await page.goto(`${base}/dna?case=${encodeURIComponent(dnaOurs.case)}&status=confirmed`);
  await page.waitForSelector('#dna-withdraw-approve');
  assert((await page.textContent('#dna-withdrawal')).includes('neighbour'), 'the reason is not shown');
  await dialogDecide(page, '#dna-withdraw-approve', null);
  await page.waitForFunction(() => document.querySelector('#dna-decision').textContent.includes('Withdrawn'));
  await page.waitForSelector('#dna-stored .ds-withdrawn');
  await shot(page, '36-dna-withdrawn');
  await page.goto(`${base}/persons/${dnaOurs.person}`);
  await page.waitForSelector('#person-status');
  assert((await page.textContent('#person-status')).trim() === 'missing', 'the person is not missing again');
  // One of theirs: the notice before anyone confirms.
  await page.goto(`${base}/dna?case=${encodeURIComponent(dnaTheirs.case)}&status=proposed`);
  await page.waitForSelector('#dna-return-notice');
  assert((await page.textContent('#dna-return-notice')).includes('flagged for return to RU'), await page.textContent('#dna-return-notice'));
  await shot(page, '37-dna-return-notice');
  const audit = run(['audit', 'verify']);
  assert(audit.includes('intact'), audit);
});

test('DNA data: a bad profiles file shows its rows, a pedigree its table and tree, a screening its summary; the registrar is denied', async (page) => {
  await signIn(page, 'identification');
  await page.goto(`${base}/dna/data`);
  await page.waitForSelector('#dna-frequencies table');
  assert(await page.locator('#dna-frequencies tbody tr').count() === 29, 'not 29 loci of frequencies');
  const bad = join(dir, 'lab.csv');
  writeFileSync(bad, `case,TH01.1,TH01.2\n${dnaOurs.case},6,7\nNOPE,7,8\n`);
  await page.selectOption('#dna-kind', 'remains');
  await page.setInputFiles('#dna-file', bad);
  await page.click('#dna-import-submit');
  await page.waitForSelector('#dna-problems');
  const problems = await page.locator('#dna-problems li').allTextContents();
  assert(problems.length === 1 && problems[0].includes("lab.csv:3: column 'case': no remains case tagged 'NOPE'"), problems.join(' | '));
  // A pedigree file: a father and son both missing, the mother and a brother typed.
  const fa = run(['person', 'add', '--surname', 'Мельник', '--given-names', 'Петро', '--sex', 'male']).trim();
  const son = run(['person', 'add', '--surname', 'Мельник', '--given-names', 'Іван', '--sex', 'male']).trim();
  const ped = join(dir, 'family.csv');
  writeFileSync(ped, 'family,id,father,mother,sex,sample,person,TH01.1,TH01.2\n' +
    `F-17,FA,,,M,,${fa},,\nF-17,MO,,,F,S-MO-17,,7,8\nF-17,SON,FA,MO,M,,${son},,\n` +
    'F-17,BRO,FA,MO,M,S-BRO-17,,7,9.3\n');
  await page.selectOption('#dna-kind', 'pedigree');
  await page.setInputFiles('#dna-file', ped);
  await page.click('#dna-import-submit');
  await page.waitForSelector('#dna-import-report');
  const report = await page.textContent('#dna-import-report');
  assert(report.includes('Families added') && report.includes('Profiles added'), report);
  await page.waitForSelector('#dna-pedigrees button[data-family="F-17"]');
  assert((await page.textContent('#dna-pedigrees')).includes('Мельник Петро (FA)'), 'the missing persons are not listed');
  await page.click('#dna-pedigrees button[data-family="F-17"]');
  await page.waitForSelector('#dna-pedigree-tree');
  const tree = await page.textContent('#dna-pedigree-tree');
  assert(tree.includes('└─ with MO (female) typed: sample S-MO-17') && tree.includes(`SON (male) MISSING: ${son}`), tree);
  assert(await page.locator('#dna-pedigree-view tbody tr').count() === 4, 'not 4 individuals');
  await shot(page, '37-dna-pedigree');
  // A locus's own mutation model: a bad line refused with the field in focus, then kept.
  await page.click('#dna-mutation-settings summary');
  await page.fill('#dna-marker_mutation', 'TH01=stepwise:0.004/0.001\nD8S1179=sideways');
  await page.click('#dna-screen-submit');
  await page.waitForSelector('#dna-screen .notice.error');
  const refusal = await page.textContent('#dna-screen .notice.error');
  assert(refusal.includes("'D8S1179=sideways': the model: expected none, equal, proportional, stepwise or extended-stepwise"), refusal);
  assert(await page.evaluate(() => document.activeElement.id) === 'dna-marker_mutation', 'the refused field is not in focus');
  await page.fill('#dna-marker_mutation', 'TH01=stepwise:0.004/0.001:0.0002:0.2\n\nD8S1179=none');
  await page.selectOption('#dna-mutation', 'equal');
  await page.fill('#dna-paternal_rate2', '0.0002');
  await page.fill('#dna-theta', '0.01');
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/dna/screen'));
  await page.click('#dna-screen-submit');
  await page.waitForSelector('#dna-summary');
  const mut = (await (await answer).json()).params.mutation;
  assert(mut.model === 'equal' && mut.paternal_rate2 === 0.0002 && mut.markers.length === 2 &&
    mut.markers[0].locus === 'TH01' && mut.markers[0].model === 'stepwise' && mut.markers[0].maternal === 0.001 &&
    mut.markers[1].model === 'none', JSON.stringify(mut));
  assert((await page.textContent('#dna-summary')).includes('Decided before'), await page.textContent('#dna-summary'));
  await shot(page, '36-dna-data');
  await page.click('#sign-out');
  await page.waitForSelector('form.login');
  await signIn(page, 'registrar');
  assert(!(await page.textContent('header nav')).includes('DNA'), 'DNA in the registrar\'s menu');
  await page.goto(`${base}/dna`);
  await page.waitForSelector('main h1');
  assert((await page.textContent('main h1')) === 'Access denied', 'the registrar sees the DNA page');
  const status = await page.evaluate(async () => (await fetch('/api/dna/proposals')).status);
  assert(status === 403, `GET /api/dna/proposals as registrar: ${status}`);
});

test('the mediator sees a stage and its manifest, but not the registry', async (page) => {
  await signIn(page, 'mediator');
  // No dashboard for the mediator: home is the list of stages.
  await page.waitForSelector('table.stages-table');
  const nav = await page.textContent('header nav');
  assert(nav.includes('Stages') && !nav.includes('Registry') && !nav.includes('Agreements'), `nav: ${nav}`);
  await page.click(`a[href="/stages/${stage1}"]`);
  await page.waitForSelector('#entries');
  assert(await page.locator('#stage-propose, #stage-cancel').count() === 0, 'a mediator may change a stage');
  // ...but sends in the parties' signed files, to witness them on its own instance
  assert(await page.locator('#manifest-file').count() === 1, 'the mediator cannot send in a signed manifest');
  assert(await page.locator('#signatures li.signed').count() === 3, 'signatures not shown');
  await shot(page, '29-mediator-stage');
  await page.goto(`${base}/persons`);
  await page.waitForSelector('main h1');
  assert((await page.textContent('main h1')) === 'Access denied', 'a mediator sees the registry');
  const status = await page.evaluate(async () => (await fetch('/api/persons?q=a')).status);
  assert(status === 403, `GET /api/persons as mediator: ${status}`);
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
  // The pages of an exchange fit a tablet too.
  for (const [path, sel, name] of [[`/agreements/istanbul-2025-06-02`, '#ledger', '30-agreement-uk-tablet'],
    [`/stages/${stage1}`, '#signatures', '31-stage-uk-tablet'], ['/remains/batches', '#batches', '32-batches-uk-tablet']]) {
    await page.goto(`${base}${path}`);
    await page.waitForSelector(sel);
    await noOverflow(page, path);
    // the agreement by its Ukrainian title, never its slug or English one
    if (!path.startsWith('/remains')) {
      const h1 = await page.textContent('main h1');
      assert(h1.includes('Стамбул, 2 червня 2025 року') && !h1.includes('istanbul-2025') && !h1.includes('Istanbul'),
        `${path}: the agreement is not named in Ukrainian: ${h1}`);
    }
    await shot(page, name);
  }
  assert((await page.textContent('main h1')) === 'Партії', 'the batches page is not in Ukrainian');
  // The DNA page too: the list and a pair's loci.
  await page.goto(`${base}/dna`);
  await page.waitForSelector('#dna-loci');
  assert((await page.textContent('main h1')) === 'Ідентифікація за ДНК', 'the DNA page is not in Ukrainian');
  assert((await page.textContent('#dna-proposals')).includes('апріорна 1/'), 'the prior is not in Ukrainian');
  await noOverflow(page, '/dna');
  await shot(page, '37-dna-uk-tablet');
  // Switching back to English.
  await page.goto(`${base}/persons/${personId}`);
  await page.waitForSelector('.person .head h1');
  await page.selectOption('header select.lang', 'en');
  await page.waitForFunction(() => document.querySelector('main')?.textContent.includes('Timeline'));
}, { width: 820, height: 1180, lang: 'uk' });

// ---- branch x-ux: dialogs before destructive actions, messages after changes, aftercare in bulk

// Whether focus is inside the element matched by sel.
async function focusInside(page, sel) {
  return page.evaluate((s) => !!document.querySelector(s)?.contains(document.activeElement), sel);
}

test('a stage cancelled through a dialog: Escape leaves it, the reason is required, then a message says so', async (page) => {
  const out = run(['plan', 'istanbul-2025-06-02', '--clause', 'wounded-ill-young', '--stage-date', '2025-06-11',
    '--capacity', '2', '--save']);
  const stage3 = (out.match(/saved the next stage as (S[0-9A-Z]+)/) || [])[1];
  assert(stage3, `no stage saved: ${out}`);
  await signIn(page, 'negotiator');
  await page.goto(`${base}/stages/${stage3}`);
  await page.waitForSelector('#stage-cancel');
  assert(await page.locator('#cancel-reason').count() === 0, 'a reason field outside the dialog');
  await page.click('#stage-cancel');
  await page.waitForSelector('dialog#cancel-dialog[open]');
  assert(await page.evaluate(() => document.activeElement.id) === 'cancel-dialog-text', 'focus is not on the reason');
  const labelled = await page.evaluate(() => {
    const d = document.getElementById('cancel-dialog');
    return document.getElementById(d.getAttribute('aria-labelledby'))?.textContent;
  });
  assert(labelled && labelled.includes('Cancel stage'), `the dialog is labelled ${labelled}`);
  // Tab goes round the dialog's controls and never leaves it.
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Tab');
    assert(await focusInside(page, '#cancel-dialog'), `focus left the dialog after ${i + 1} Tab`);
  }
  await page.keyboard.press('Shift+Tab');
  assert(await focusInside(page, '#cancel-dialog'), 'focus left the dialog on Shift+Tab');
  await shot(page, '40-stage-cancel-dialog');
  // Escape: nothing changes, and focus is back on the button.
  await page.keyboard.press('Escape');
  await page.waitForSelector('dialog#cancel-dialog', { state: 'detached' });
  assert(await page.evaluate(() => document.activeElement.id) === 'stage-cancel', 'focus not returned to the button');
  assert((await page.textContent('#stage-status')).includes('draft'), 'Escape changed the stage');
  // No reason: refused in the dialog, the stage untouched.
  await page.click('#stage-cancel');
  await page.waitForSelector('dialog#cancel-dialog[open]');
  await page.click('#cancel-dialog-ok');
  assert((await page.textContent('#cancel-dialog-error')).includes('required'), 'a cancellation without a reason');
  const status = await page.evaluate(async (id) => (await (await fetch(`/api/stages/${id}`)).json()).status, stage3);
  assert(status === 'draft', `cancelled without a reason: ${status}`);
  await page.fill('#cancel-dialog-text', 'the other side postponed the exchange');
  await page.click('#cancel-dialog-ok');
  await page.waitForSelector('dialog#cancel-dialog', { state: 'detached' });
  await page.waitForFunction(() => document.getElementById('stage-status')?.textContent.includes('cancelled'));
  const said = await page.textContent('#status-message');
  assert(said.includes('cancelled') && said.includes('postponed'), `the message: ${said}`);
  assert(await page.getAttribute('#status-message', 'role') === 'status', 'the message is not a status region');
  await shot(page, '41-stage-cancelled');
  // The next page has a message of its own, not this one.
  await page.click('nav a[href="/stages"]');
  await page.waitForSelector('table.stages-table');
  assert((await page.textContent('#status-message')).trim() === '', 'the message outlived its page');
});

test('a stage\'s entry taken off through a dialog that says the version rises', async (page) => {
  const out = run(['plan', 'istanbul-2025-06-02', '--clause', 'wounded-ill-young', '--stage-date', '2025-06-12',
    '--capacity', '2', '--save']);
  const stage4 = (out.match(/saved the next stage as (S[0-9A-Z]+)/) || [])[1];
  assert(stage4, `no stage saved: ${out}`);
  await signIn(page, 'negotiator');
  await page.goto(`${base}/stages/${stage4}`);
  await page.waitForSelector('#entries');
  const before = await page.locator('#entries tbody tr').count();
  await page.locator('#entries tbody tr button').first().click();
  await page.waitForSelector('dialog#remove-dialog[open]');
  const text = await page.textContent('#remove-dialog');
  assert(text.includes('version 2') && text.includes('now 1'), `the dialog: ${text}`);
  // A slip of Enter does not take anyone off: focus starts on Cancel.
  assert(await page.evaluate(() => document.activeElement.id) === 'remove-dialog-cancel', 'focus not on Cancel');
  await page.click('#remove-dialog-ok');
  await page.waitForSelector('dialog#remove-dialog', { state: 'detached' });
  await page.waitForFunction((n) => document.querySelectorAll('#entries tbody tr').length === n - 1, before);
  assert((await page.textContent('#status-message')).includes('version 2'), 'no message after taking off');
});

test('the admin creates a user, saves roles and disables the user through a dialog, a message after each', async (page) => {
  await signIn(page, 'admin');
  await page.goto(`${base}/users`);
  await page.waitForSelector('table.users-table');
  await page.fill('#nu-name', 'taras');
  await page.fill('#nu-password', 'taras-password-1');
  await page.check('#nu-registrar');
  await page.click('form.add-user button[type=submit]');
  await page.waitForSelector('tr[data-user="taras"]');
  assert((await page.textContent('#status-message')).includes('taras created'), 'no message after creating');
  await page.check('#u-taras-medical');
  await page.click('tr[data-user="taras"] .save-user');
  await page.waitForFunction(() => document.getElementById('status-message')?.textContent.includes('Roles and name of taras saved'));
  assert(await page.isChecked('#u-taras-medical'), 'the role was not saved');
  // Disabling asks first; Escape leaves the user enabled.
  await page.click('tr[data-user="taras"] .disable-user');
  await page.waitForSelector('dialog#disable-dialog[open]');
  assert((await page.textContent('#disable-dialog')).includes('can no longer sign in'), 'the dialog does not say what disabling does');
  await shot(page, '42-user-disable-dialog');
  await page.keyboard.press('Escape');
  await page.waitForSelector('dialog#disable-dialog', { state: 'detached' });
  assert((await page.textContent('tr[data-user="taras"]')).includes('Enabled'), 'Escape disabled the user');
  await page.click('tr[data-user="taras"] .disable-user');
  await page.waitForSelector('dialog#disable-dialog[open]');
  await page.click('#disable-dialog-ok');
  await page.waitForSelector('dialog#disable-dialog', { state: 'detached' });
  await page.waitForFunction(() => document.querySelector('tr[data-user="taras"]')?.textContent.includes('Disabled'));
  assert((await page.textContent('#status-message')).includes('taras is disabled'), 'no message after disabling');
  await shot(page, '43-user-disabled');
  const login = await page.evaluate(async () => (await fetch('/api/login', { method: 'POST',
    headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: 'taras', password: 'taras-password-1' }) })).status);
  assert(login >= 400, `a disabled user signed in: ${login}`);
});

test('aftercare in bulk: a stage\'s returnees of our side given a step in one action, all or nothing', async (page) => {
  await signIn(page, 'registrar');
  await page.goto(`${base}/aftercare?stage=${stage1}`);
  await page.waitForSelector('table.aftercare-table');
  const ids = await page.locator('table.aftercare-table tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.person));
  assert(ids.length === 2, `stage 1 has ${ids.length} returnees of ours`);
  await page.check('#ac-all');
  assert((await page.textContent('#ac-chosen')).includes('2'), 'select-all did not choose both');
  await page.selectOption('#ac-event', 'arrived_transit');
  await page.fill('#ac-date', '2025-06-10');
  await page.fill('#ac-place', 'Gomel');
  await shot(page, '44-aftercare-bulk');
  const calls = [];
  page.on('request', (r) => { if (r.url().endsWith('/api/aftercare/events')) calls.push(r.method()); });
  await page.click('#ac-record');
  await page.waitForFunction(() => document.getElementById('status-message')?.textContent.includes('recorded for 2'));
  assert(calls.length === 1, `${calls.length} requests for one action`);
  const steps = await page.evaluate(async (s) => (await (await fetch(`/api/aftercare?stage=${s}&party=UA`)).json())
    .persons.map((p) => p.step), stage1);
  assert(steps.length === 2 && steps.every((x) => x === 'transit'), `steps: ${steps}`);
  // The same again: refused for the first, so for nobody; the person named.
  await page.waitForSelector('table.aftercare-table');
  await page.check('#ac-all');
  await page.selectOption('#ac-event', 'arrived_transit');
  await page.fill('#ac-date', '2025-06-10');
  await page.click('#ac-record');
  await page.waitForSelector('#ac-bulk-messages .notice.error');
  const refusal = await page.textContent('#ac-bulk-messages');
  assert(refusal.includes('Nothing was recorded') && /in[ _]transit/.test(refusal), refusal);
  assert(await page.locator('table.aftercare-table tr.refused').count() === 1, 'the refused person is not marked');
  // Home, for both, in one action.
  await page.selectOption('#ac-event', 'repatriated');
  await page.fill('#ac-date', '2025-06-11');
  await page.click('#ac-record');
  await page.waitForFunction(() => document.getElementById('status-message')?.textContent.includes('recorded for 2'));
  const home = await page.evaluate(async (s) => (await (await fetch(`/api/aftercare?stage=${s}&party=UA`)).json())
    .persons.map((p) => p.step), stage1);
  assert(home.every((x) => x === 'home'), `steps: ${home}`);
  await shot(page, '45-aftercare-bulk-done');
  // The other side's returnees on request.
  await page.selectOption('#ac-side', 'other');
  await page.click('form.filters button[type=submit]');
  await page.waitForURL(/side=other/);
  await page.waitForSelector('table.aftercare-table');
  const parties = await page.locator('table.aftercare-table tbody tr td:nth-child(3)').allTextContents();
  assert(parties.length && parties.every((p) => p === 'RU'), `the other side: ${parties.join(' ')}`);
});

test('reviewers see both sides: a list with one name column split and shown field by field; the audit log by user and action, local times, paged, exported', async (page) => {
  await signIn(page, 'negotiator');
  await page.goto(`${base}/reconcile`);
  await page.waitForSelector('#list-file');
  const [y, m, d] = JSON.parse(run(['--json', 'person', 'show', personId])).birth_date.split('-');
  const list = join(dir, 'their-names.csv');
  writeFileSync(list, `ПІБ,birth_date\nШЕВЧУК Александр Николаевич,${y}-${m}-${d}\nНеизвестный П. П.,1950-01-01\nZzyzx,1960-01-01\n`);
  await page.setInputFiles('#list-file', list);
  await page.click('#reconcile-submit');
  await page.waitForSelector('#reconcile-summary');
  // How the names were split, and the one that could not be: said, not hidden.
  const split = await page.textContent('#name-split');
  assert(split.includes('by the surname in capitals') && split.includes('by the initials') &&
    /1 could not be split/.test(split), `split summary: ${split}`);
  // The list's order of names, from the rows that showed it (a ПІБ column).
  assert(split.includes('The list writes the surname first (2 rows showed it)'), `order: ${split}`);
  // Each row once: the outcomes add up to the rows.
  const counts = await page.$$eval('#reconcile-summary dd', (dd) => dd.map((x) => Number(x.textContent.replace(/\D/g, ''))));
  assert(counts[1] + counts[2] + counts[3] + counts[4] === counts[0], `summary: ${counts}`);
  await page.click('.tabs button:last-child');
  await page.waitForSelector('#review table.side-by-side');
  // Both names in the list, not only ids.
  const first = await page.textContent('#reconcile-rows tbody tr:first-child');
  assert(first.includes('ШЕВЧУК Александр Николаевич') && first.includes('Шевчук Олександр Миколайович'), `row 1: ${first}`);
  // Every field of their side has its value; ours beside it; the scoring per field.
  for (const [field, theirs, ours] of [['surname', 'ШЕВЧУК', 'Шевчук'], ['given_names', 'Александр', 'Олександр'],
    ['patronymic', 'Николаевич', 'Миколайович'], ['birth_date', `${y}-${m}-${d}`, `${y}-${m}-${d}`]]) {
    const row = page.locator(`table.side-by-side tr[data-field="${field}"]`);
    const t = (await row.locator('td.theirs').textContent()).trim();
    const o = (await row.locator('td.ours').textContent()).trim();
    assert(t === theirs && o === ours, `${field}: theirs ${t}, ours ${o}`);
    assert(/\([+-]?\d/.test(await row.locator('td').last().textContent()), `${field}: no weight`);
  }
  assert(await page.locator('table.side-by-side tr[data-field="given_names"]').getAttribute('class') === 'differs',
    'the given name in another language is not marked');
  assert((await page.textContent('#row-split')).includes('capitals'), 'the row does not say how its name was split');
  await shot(page, '50-reconcile-whole-names');
  // A decision each way, for the log.
  await page.keyboard.press('c');
  await page.waitForFunction(() => document.querySelector('#decision-status').textContent.includes('confirmed'));
  await page.keyboard.press('r');
  await page.waitForFunction(() => document.querySelector('#decision-status').textContent.includes('rejected'));

  await signOutIn(page, 'auditor');
  await page.goto(`${base}/audit`);
  await page.waitForSelector('#log-filters');
  await page.fill('#l-actor', 'negotiator');
  await page.fill('#l-action', 'confirm');
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  await page.fill('#l-from', `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T00:00`);
  await page.click('#log-filters button[type=submit]');
  await page.waitForURL((u) => u.search.includes('action=confirm'));
  await page.waitForSelector('table.log');
  const rows = await page.locator('table.log tbody tr').allTextContents();
  assert(rows.length >= 1 && rows.every((r) => r.includes('negotiator') && r.includes('confirm')), `rows: ${rows.join(' | ')}`);
  assert(rows[0].includes('Шевчук Олександр Миколайович'), `no name in the log: ${rows[0]}`);
  // Local time in the cell, the UTC in its title.
  const time = page.locator('table.log tbody tr:first-child time');
  const utc = await time.getAttribute('datetime');
  assert(/Z$/.test(utc) && (await time.getAttribute('title')).includes(utc) && !(await time.textContent()).includes('Z'),
    `time: ${await time.textContent()} / ${utc}`);
  await shot(page, '51-audit-filtered');
  // Exported by the server: every entry the filter takes, as CSV; the export audited.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  const csv = readFileSync(await download.path(), 'utf8').trim().split(/\r?\n/);
  assert(csv[0].startsWith('seq,ts,actor,action') && csv.length === rows.length + 1, `export: ${csv.length} lines for ${rows.length} rows`);
  assert(download.suggestedFilename().startsWith('parley-audit-log-'), download.suggestedFilename());
  // Paged: one entry a page, the next page older, then back to the first.
  await page.goto(`${base}/audit?actor=negotiator&limit=1`);
  await page.waitForSelector('#next-page');
  const seq1 = Number(await page.textContent('table.log tbody tr td'));
  await page.click('#next-page');
  await page.waitForSelector('#first-page');
  const seq2 = Number(await page.textContent('table.log tbody tr td'));
  assert(seq2 < seq1, `page 2 starts at ${seq2}, page 1 at ${seq1}`);
  const exported = await page.evaluate(async () => (await (await fetch('/api/audit?action=export&actor=auditor')).json()).entries);
  assert(exported.length >= 1 && exported[0].after.log === 'audit' && exported[0].after.action === 'confirm',
    JSON.stringify(exported[0]));
  await shot(page, '52-audit-page-2');
  // The access log, by the person's name in Latin letters.
  await page.goto(`${base}/access?name=Shevchuk`);
  await page.waitForSelector('table.log');
  const reads = await page.locator('table.log tbody tr').allTextContents();
  assert(reads.some((r) => r.includes(personId)) && reads.every((r) => r.includes('Шевчук')),
    `access rows: ${reads.slice(0, 3).join(' | ')}`);
  await shot(page, '53-access-by-name');
});

// ---- every page, at a laptop's and a phone's size, in both languages ----
// Each page and its opened forms, errors and dialogs: a screenshot at
// 1366x768 and 390x844 named by page, language and size; no sideways
// scroll at 390 px; an axe-core sweep at 1366 px failing on any WCAG 2.1
// A/AA violation. axe.min.js goes in through playwright (evaluate is not
// subject to the page's CSP).
const axeSource = readFileSync(new URL('./node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
const SIZES = [['desktop', 1366, 768], ['phone', 390, 844]];

async function axeCheck(page, what) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  const r = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  const v = r.violations.map((x) => `${x.id} (${x.impact}): ${x.help} at ${x.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  assert(!v.length, `${what}: axe found ${v.length} WCAG 2.1 A/AA violation(s): ${v.join(' | ')}`);
}

// A page as it settled: its selector there, nothing still loading.
async function settled(page, sel) {
  await page.waitForSelector(sel);
  await page.waitForFunction(() => !document.querySelector('main .loading'));
}

// The pages a role shows, in the order visited; `open` leaves the page in
// a further state (a form opened, an error shown) that is checked too.
// An inquiry without DNA consent, for the sweeps to see its samples refused.
const sweepInquiry = run(['inquiry', 'add', '--inquirer', 'Сорока Марія', '--relation', 'mother', '--person', personId,
  '--consent', 'tracing:oral']).match(/inquiry (Q[0-9A-Z]+)/)[1];

function sweepPages() {
  const ag = 'istanbul-2025-06-02';
  return {
    null: [['login', '/login', 'form.login'],
      ['login-error', '/login', 'form.login', async (page) => {
        await page.fill('#user', 'nobody');
        await page.fill('#password', 'wrong-password');
        await page.click('form.login button[type=submit]');
        await page.waitForSelector('.notice.error');
      }]],
    auditor: [['dashboard', '/', '.dashboard svg.chart'], ['search', '/persons?q=shevchuk', 'table.persons'],
      ['person', `/persons/${personId}`, '.person .head h1'], ['audit-log', '/audit', 'table.log'],
      ['access-log', '/access', 'table.log'], ['not-found', '/no-such-page', 'main h1'],
      ['account', '/account', '#totp-state'],
      ['account-enrol', '/account', '#totp-begin', async (page) => {
        await page.click('#totp-begin');
        await page.waitForSelector('#totp-qr');
      }]],
    registrar: [['new-person', '/persons/new', 'main form'], ['import', '/import', '#files'],
      ['person-edit', `/persons/${personId}`, '#edit', async (page) => {
        await page.click('#edit');
        await page.waitForSelector('form.edit');
      }]],
    negotiator: [['reconcile', '/reconcile', '#list-file'], ['agreements', '/agreements', 'table.agreements-table'],
      ['agreement', `/agreements/${ag}`, '#ledger'],
      ['planner', `/agreements/${ag}/plan`, '#plan-clause', async (page) => {
        await page.selectOption('#plan-clause', 'wounded-ill-young');
        await page.click('#plan-submit');
        await page.waitForSelector('#excluded-counts');
      }],
      ['stages', '/stages', 'table.stages-table'], ['stage', `/stages/${stage1}`, '#signatures'],
      // stage 2: its handover form, or (once a test above executed it) what the page says then
      ['execute', `/stages/${stage2}/execute`, 'main h1'],
      // an executed stage's outcome corrected: the new outcome in the row, then the dialog
      ['execute-correct', `/stages/${stage1}/execute`, '#exec-entries', async (page) => {
        await page.locator('#exec-entries button[id^="fix-"]').first().click();
        await page.locator('#exec-entries select[id^="fix-out-"]').selectOption({ index: 1 });
        await page.locator('#exec-entries button[id^="fix-save-"]').click();
        await page.waitForSelector('dialog#fix-dialog[open]');
      }],
      ['statement', `/stages/${stage1}/statement`, '#statement-text h2'],
      ['aftercare', '/aftercare', 'table.aftercare-table']],
    identification: [['remains', '/remains', '#cases'],
      ['remains-case', '/remains', '#cases', async (page) => {
        await page.locator('a.case-link').first().click();
        await settled(page, 'section.remains-case h1');
      }],
      ['batches', '/remains/batches', '#batches'],
      ['batch', '/remains/batches', '#batches', async (page) => {
        await page.locator('#batches a[href^="/remains/batches/"]').first().click();
        await settled(page, '.batch-page');
      }],
      ['remains-import', '/remains/import', '#rm-file'], ['dna', '/dna', '#dna-loci'],
      ['dna-dialog', '/dna?status=proposed', '#dna-loci', async (page) => {
        await page.click('#dna-review');
        await page.waitForSelector('dialog#dna-dialog[open]');
      }],
      ['dna-data', '/dna/data', '#dna-frequencies table'], ['dna-advice', '/dna/advice', '#dna-advice-form'],
      // the reference samples filtered to the withheld
      ['dna-references-withdrawn', '/dna/data?references=withdrawn', '#dna-references #ref-count']],
    mediator: [['mediator-stage', `/stages/${stage1}`, '#signatures']],
    // the office's name for the letterheads, set by the admin
    admin: [['letter-office', '/letters/templates', '#office-name']],
    family_liaison: [['inquiries', '/inquiries', 'section.inquiries-page'], ['intake', '/inquiries/new', '#intake'],
      // a backlog file refused at its line and column; a sample refused without the DNA consent
      ['inquiry-import-refused', '/inquiries', '#iq-import', async (page) => {
        await page.setInputFiles('#iq-file', backlogFile('sweep-backlog.csv', ['SW-1', 'SW-2'], personId, 'Сорока Юрій', '1980-13-01'));
        await page.click('#iq-import-submit');
        await page.waitForSelector('#iq-import-problems li');
      }],
      ['inquiry-sample-refused', `/inquiries/${sweepInquiry}`, '#sample-form', async (page) => {
        await page.fill('#sm-samples', 'LAB-SWEEP-1');
        await page.click('#sm-submit');
        await page.waitForSelector('#sample-msg .notice.error');
      }],
      ['tasks', '/tasks', 'section.tasks-page'],
      ['letter-templates', '/letters/templates?kind=acknowledgement&lang=en', '#tmpl-editor'],
      ['testimonies', '/testimonies', 'section.testimony-page'], ['testimony-intake', '/testimonies/new', '#testimony-intake'],
      // the returnee's search as one types, its results open
      ['testimony-returnee-found', '/testimonies/new', '#testimony-intake', async (page) => {
        await page.fill('#ts-returnee-find', 'Шевчук');
        await page.waitForSelector('#ts-returnee-find-results button.pick');
      }],
      ['testimony-review', '/testimonies/review', '#review-queue'], ['proof', '/proof', '#proof'],
      ['person-family', `/persons/${personId}`, '#tab-family', async (page) => {
        await page.click('#tab-family');
        await page.waitForSelector('#family-tab');
      }]],
  };
}

async function sweep(lang) {
  for (const [size, width, height] of SIZES) {
    for (const [role, list] of Object.entries(sweepPages())) {
      const page = await newPage(width, height, lang);
      try {
        if (role !== 'null') await signIn(page, role);
        for (const [name, path, sel, open] of list) {
          const what = `${name} (${lang}, ${width}px)`;
          await page.goto(`${base}${path}`);
          await settled(page, sel);
          if (open) await open(page);
          // axe once a language (at the laptop's size: the rules do not
          // depend on the width; the phone's own header is swept below)
          if (width < 500) await noOverflow(page, what);
          else await axeCheck(page, what);
          await shot(page, `page-${name}-${lang}-${size}-${width}x${height}`);
        }
        if (page.problems.length) throw new Error(page.problems.join('; '));
      } finally {
        await page.context().close();
      }
    }
  }
}

test('every page and its opened forms, errors and dialogs in English: no WCAG 2.1 A/AA violation (axe-core), none wider than a 390 px phone; screenshots at 1366x768 and 390x844', async () => {
  await sweep('en');
});

test('every page and its opened forms, errors and dialogs in Ukrainian: no WCAG 2.1 A/AA violation (axe-core), none wider than a 390 px phone; screenshots at 1366x768 and 390x844', async () => {
  await sweep('uk');
});

test('the frame on a phone: a compact header whose menu opens, a skip link, focus visible in the header, charts labelled at 12 px or more, no blank scroll, long lists in pages', async (page) => {
  await signIn(page, 'auditor');
  await settled(page, '.dashboard svg.chart');
  // Compact: the menu is folded, the header no taller than two lines.
  const headerH = await page.evaluate(() => document.querySelector('header.top').getBoundingClientRect().height);
  assert(headerH <= 100, `the header is ${headerH}px tall on a phone`);
  assert(!(await page.isVisible('header nav a[href="/persons"]')), 'the menu is open on a phone');
  await page.click('#menu-toggle');
  assert(await page.getAttribute('#menu-toggle', 'aria-expanded') === 'true', 'the menu button does not say it is open');
  await page.click('header nav a[href="/persons"]');
  await page.waitForURL(`${base}/persons`);
  assert(!(await page.isVisible('header nav a[href="/persons"]')), 'the menu stays open after choosing a page');
  await noOverflow(page, 'the menu');
  await page.click('#menu-toggle');
  await axeCheck(page, 'the phone\'s header, its menu open');
  await shot(page, 'frame-menu-phone');
  // The skip link comes first, shows when focused, and leads to the page.
  await page.goto(`${base}/`);
  await settled(page, '.dashboard svg.chart');
  await page.keyboard.press('Tab');
  const skip = await page.evaluate(() => {
    const a = document.activeElement;
    return [a.className, a.getBoundingClientRect().top];
  });
  assert(skip[0] === 'skip' && skip[1] >= 0, `the first Tab does not reach a visible skip link: ${skip}`);
  await shot(page, 'frame-skip-link-phone');
  // Focus in the header: an outline of at least 3:1 against the header.
  await page.keyboard.press('Tab');
  const focus = await page.evaluate(() => {
    const lum = (c) => {
      const [r, g, b] = c.match(/[\d.]+/g).slice(0, 3).map((x) => {
        const v = Number(x) / 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const a = document.activeElement;
    const s = getComputedStyle(a);
    const bg = getComputedStyle(document.querySelector('header.top')).backgroundColor;
    const [x, y] = [lum(s.outlineColor), lum(bg)].sort((p, q) => q - p);
    return { inHeader: !!a.closest('header'), style: s.outlineStyle, width: parseFloat(s.outlineWidth), ratio: (x + 0.05) / (y + 0.05) };
  });
  assert(focus.inHeader && focus.style !== 'none' && focus.width >= 2 && focus.ratio >= 3,
    `focus in the header: ${JSON.stringify(focus)}`);
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  assert(await page.evaluate(() => document.activeElement.id) === 'main', 'the skip link does not lead to the page');
  // Charts: every label and number at 12 px or more as drawn.
  const small = await page.$$eval('svg.chart text', (ts) => ts
    .map((x) => [x.textContent, parseFloat(getComputedStyle(x).fontSize) * x.getScreenCTM().a])
    .filter(([, px]) => px < 12));
  assert(!small.length, `chart text under 12 px: ${JSON.stringify(small.slice(0, 5))}`);
  // No blank scroll under the last chart.
  const blank = await page.evaluate(() => document.documentElement.scrollHeight -
    (document.querySelector('main').getBoundingClientRect().bottom + window.scrollY));
  assert(blank < 40, `${blank}px of blank page under the dashboard`);
  // Long lists: the audit log of everything, 50 rows a page with a pager.
  await page.goto(`${base}/audit`);
  await settled(page, 'table.log');
  assert(await page.locator('table.log tbody tr').count() === 50, 'the audit log is not paged');
  const first = await page.locator('table.log tbody tr td').first().textContent();
  await page.click('#next-page');
  await page.waitForSelector('#first-page');
  assert(await page.locator('table.log tbody tr').count() === 50, 'the second page does not hold 50 rows');
  assert(await page.locator('table.log tbody tr td').first().textContent() !== first, 'the next page shows the same rows');
  const tall = await page.evaluate(() => document.documentElement.scrollHeight);
  assert(tall < 20000, `the audit log is ${tall}px tall on a phone`);
}, { width: 390, height: 844 });
// ---- x-i18n: every page in Ukrainian, no English sentence --------------
// The English words the UI writes (en.js, and the C catalogue's English)
// that uk.js never writes itself: three or more of them in a row in a
// Ukrainian page (its text, tooltips, placeholders and labels) is English
// that escaped the catalogues. Ids, codes, file names and people's names
// are not such words, nor is one English word alone.
const langDir = join(webDir, 'js', 'lang');
const [enTable, ukTable] = await Promise.all(['en', 'uk'].map(async (l) =>
  (await import(pathToFileURL(join(langDir, `${l}.js`)).href)).default));
const { cCatalogue } = await import(pathToFileURL(join(webDir, '..', 'tests', 'i18n', 'catalogue.mjs')).href);
const strings = (o) => Object.values(o).flatMap((v) => (v && typeof v === 'object' ? strings(v) : [String(v)]));
const latinWords = (texts) => new Set(texts.flatMap((x) => x.toLowerCase().match(/[a-z]+/g) || []));
const serverTexts = Object.values(cCatalogue(join(webDir, '..', 'src')));
const ukLatin = latinWords([...strings(ukTable), ...serverTexts.map((x) => x[1])]);
const englishWords = new Set([...latinWords([...strings(enTable), ...serverTexts.map((x) => x[0]),
  'the a an of to in on at by for with from is are was be been not no and or as it its this that which who has have had will can may must only all any each every than more less there their they he she his her one two'])]
  .filter((w) => !ukLatin.has(w) && w.length > 1 || w === 'a'));

// Runs of 3+ English words in a text: each line split into words and
// other tokens (Cyrillic words, numbers, ids), a run broken by any token
// that is not an English word.
function englishRuns(text) {
  const runs = [];
  for (const line of text.split(/\n+/)) {
    let run = [];
    const flush = () => { if (run.length >= 3) runs.push(run.join(' ')); run = []; };
    for (const tok of line.match(/[\p{L}\p{N}_'’./-]+/gu) || []) {
      if (/^[A-Za-z]+$/.test(tok) && englishWords.has(tok.toLowerCase())) run.push(tok);
      else flush();
    }
    flush();
  }
  return runs;
}

// What is marked translate="no" (a rule as the document writes it, the
// values an audit entry stored) is code or data, not the UI's words.
async function pageEnglish(page) {
  const texts = await page.evaluate(() => {
    document.querySelectorAll('details').forEach((d) => { d.open = true; });
    const kept = [...document.querySelectorAll('[translate=no]')];
    const was = kept.map((e) => e.style.display);
    kept.forEach((e) => { e.style.display = 'none'; });
    const out = [document.querySelector('header')?.innerText || '', document.querySelector('main')?.innerText || '',
      ...[...document.querySelectorAll('[title], [placeholder], [aria-label]')].filter((e) => !e.closest('[translate=no]'))
        .flatMap((e) => ['title', 'placeholder', 'aria-label'].map((a) => e.getAttribute(a) || ''))];
    kept.forEach((e, i) => { e.style.display = was[i]; });
    return out;
  });
  return englishRuns(texts.join('\n'));
}

test('every page in Ukrainian: no English sentence in the text, tooltips or labels; a server error in Ukrainian', async (page) => {
  const found = [];
  const visit = async (path, sel = 'main h1', then) => {
    try {
      await page.goto(`${base}${path}`);
      await page.waitForSelector(sel);
      await page.waitForLoadState('networkidle');
      if (then) await then();
    } catch (e) {
      throw new Error(`${path}: ${e.message.split('\n')[0]}`);
    }
    for (const r of await pageEnglish(page)) found.push(`${path}: "${r}"`);
  };
  const walk = {
    family_liaison: [['/inquiries', 'section.inquiries-page'], ['/tasks', 'section.tasks-page'],
      ['/letters/templates?kind=acknowledgement&lang=uk', '#tmpl-editor', async () => {
        // A template refused at its line: said in Ukrainian, nothing saved.
        await page.fill('#tmpl-body', 'Шановна {inquirer}!\n{особа}');
        await page.click('#tmpl-save');
        await page.waitForSelector('#tmpl-error-line');
        const err = await page.textContent('#tmpl-msg');
        assert(err.includes('рядок 2, стовпець 1: підстановки {особа} немає'), `the template's refusal is not in Ukrainian: ${err}`);
      }],
      ['/testimonies', 'section.testimony-page'], ['/testimonies/new', '#testimony-intake'], ['/testimonies/review', '#review-queue'],
      [`/inquiries/${sweepInquiry}`, '#sample-form', async () => {
        // A sample named without the DNA consent: the refusal in Ukrainian.
        await page.fill('#sm-samples', 'LAB-UK-SWEEP');
        await page.click('#sm-submit');
        await page.waitForSelector('#sample-msg .notice.error');
      }],
      ['/proof', '#proof'], ['/inquiries/new', '#intake', async () => {
      // The intake refused: who asks is missing; said in Ukrainian.
      await page.fill('#iq-surname', 'Шевчук');
      await page.click('#iq-submit');
      await page.waitForSelector('#intake .notice.error');
      const err = await page.textContent('#intake .notice.error');
      assert(err.includes('хто запитує'), `the intake's refusal is not in Ukrainian: ${err}`);
    }]],
    registrar: [['/'], ['/persons'], [`/persons?q=${encodeURIComponent('шевчук')}`, 'table.persons'], [`/persons/${personId}`, '.person .head h1'],
      ['/persons/new', 'form.edit', async () => {
        // A value the server refuses: its error, coded, in Ukrainian.
        await page.fill('#e-surname', 'Тест');
        await page.fill('#e-birth_date', '2099-01-01');
        await page.click('form.edit button[type=submit]');
        await page.waitForSelector('form.edit .notice.error');
        const err = await page.textContent('form.edit .messages');
        assert(err.includes('ще не настала') && err.includes('Дата народження'), `the server's error is not in Ukrainian: ${err}`);
      }], ['/import', '#files', async () => {
        // x-i18n2: an import's row problems, coded, in Ukrainian.
        const bad = join(dir, 'uk-list.csv');
        writeFileSync(bad, 'surname,birth_date,party\nКравець,1990-02-30,UA\n');
        await page.setInputFiles('#files', bad);
        await page.click('form.import button[type=submit]');
        await page.waitForSelector('#import-problems');
        const p = await page.textContent('#import-problems');
        assert(p.includes('uk-list.csv:2: стовпець «birth_date»: такого дня в цьому місяці немає'),
          `the import's problem is not in Ukrainian: ${p}`);
      }], ['/reconcile']],
    negotiator: [['/agreements'], ['/agreements/istanbul-2025-06-02', '#ledger'],
      ['/agreements/istanbul-2025-06-02/plan', '#plan-clause', async () => {
        await page.selectOption('#plan-clause', 'wounded-ill-young');
        await page.fill('#plan-date', '2025-06-11');
        await page.click('#plan-submit');
        await page.waitForSelector('#excluded-counts');
        await page.selectOption('#excl-reason', 'not_eligible');
        const why = await page.locator('#exclusions tbody tr').first().locator('td').last().textContent();
        assert(/вік|статус|Звання|Медична/.test(why), `the rule that excluded is not in Ukrainian: ${why}`);
      }],
      ['/stages'], [`/stages/${stage1}`, '#signatures'], [`/stages/${stage2}`, '#signatures'], [`/stages/${stage1}/statement`, '#statement-text'],
      [`/stages/${stage2}/execute`], ['/aftercare']],
    identification: [['/remains'], ['/remains/batches', '#batches'], ['/dna', '#dna-loci'], ['/dna/data', '#dna-file', async () => {
      // x-i18n2: the DNA importer's problem, coded, in Ukrainian.
      const bad = join(dir, 'uk-lab.csv');
      writeFileSync(bad, 'case,TH01.1,TH01.2\nNOPE-UK,7,8\n');
      await page.selectOption('#dna-kind', 'remains');
      await page.setInputFiles('#dna-file', bad);
      await page.click('#dna-import-submit');
      await page.waitForSelector('#dna-problems');
      const p = await page.textContent('#dna-problems');
      assert(p.includes('немає справи останків з міткою «NOPE-UK»'), `the DNA import's problem is not in Ukrainian: ${p}`);
    }]],
    auditor: [['/audit', 'table'], ['/access', 'table'], ['/account', '#totp-state']],
    admin: [['/users', 'main h1', async () => {
      // x-i18n2: a refusal of the HTTP layer (a route that is not there),
      // coded, in Ukrainian, as the UI shows any failed request.
      const said = await page.evaluate(async () => {
        const { get } = await import('/js/api.js');
        try { await get('/api/no-such-route'); return ''; } catch (e) { return e.message; }
      });
      assert(said.includes('такого маршруту API немає: /api/no-such-route'), `the HTTP layer's error is not in Ukrainian: ${said}`);
    }]],
  };
  for (const [i, [role, pages]] of Object.entries(walk).entries()) {
    await (i ? signOutIn(page, role) : signIn(page, role));
    for (const [path, sel, then] of pages) await visit(path, sel, then);
  }
  assert(!found.length, `English in the Ukrainian UI (${found.length}):\n${[...new Set(found)].join('\n')}`);
}, { lang: 'uk' });

// ---- run them -----------------------------------------------------------

// PARLEY_BROWSER_ONLY=TEXT runs only the tests whose name holds TEXT
// (TEXT|OTHER: either).
test('signing in the browser: the admin makes the office key, UA signs a stage in a dialog, RU\'s and the mediator\'s files come in, agreed without a reload', async (page) => {
  // A stage proposed and signed by nobody yet.
  const out = run(['plan', 'istanbul-2025-06-02', '--clause', 'wounded-ill-young', '--stage-date', '2025-06-12',
    '--capacity', '2', '--save', '--handover-point', 'Belarus-Ukraine border']);
  const id = out.match(/saved the next stage as (S[0-9A-Z]+)/)[1];
  // Only the exchange's own people stay: the planner also proposes persons
  // of the demo registry captured after the stage's date, who cannot be
  // listed on it when it is agreed (not this branch's to fix; said in its
  // report).
  const ours = exchangePeople.map((x) => x[1]);
  const others = JSON.parse(run(['--json', 'stage', 'show', id])).entries
    .filter((e) => e.person && !ours.includes(e.surname)).map((e) => e.person);
  if (others.length) run(['stage', 'remove', id, ...others]);
  run(['stage', 'propose', id]);
  const pass = 'the office passphrase, 2025';
  await signIn(page, 'admin');
  await page.click('nav a[href="/keys"]');
  await page.waitForSelector('#keys');
  await page.fill('#key-signer', 'UA');
  await page.fill('#key-pass', pass);
  await page.fill('#key-confirm', `${pass}!`);
  await page.click('#key-generate');
  await page.waitForSelector('#keys-messages .notice.error');
  await page.fill('#key-confirm', pass);
  await page.click('#key-generate');
  await page.waitForSelector('#keys-messages .notice.success', { timeout: 30000 });
  assert(await page.locator('#keys tr[data-signer="UA"][data-held="1"]').count() === 1, 'the office key is not shown as held');
  await shot(page, '60-keys');
  // The negotiator signs in a passphrase dialog: first a wrong one.
  await page.click('#sign-out');
  await page.waitForSelector('form.login');
  await signIn(page, 'negotiator');
  await page.goto(`${base}/stages/${id}`);
  await page.waitForSelector('#signatures');
  await page.evaluate(() => { window.notReloaded = true; });
  await page.click('#stage-sign');
  await page.fill('#sign-pass', 'not the passphrase at all');
  await page.click('#sign-dialog-ok');
  await page.waitForFunction(() => /wrong passphrase/.test(document.querySelector('#sign-dialog-error')?.textContent || ''), null, { timeout: 30000 });
  await shot(page, '61-sign-dialog');
  await page.fill('#sign-pass', pass);
  await page.click('#sign-dialog-ok');
  await page.waitForSelector('#stage-messages .notice.success', { timeout: 30000 });
  assert(await page.locator('#signatures li.signed[data-signer="UA"]').count() === 1, 'UA is not shown as signed');
  assert(await page.locator('#signatures li.unsigned[data-signer="RU"]').count() === 1, 'RU shown as signed');
  // RU and the mediator sign the file (with the command line, elsewhere);
  // their files come back and are sent in on the stage page.
  for (const signer of ['RU', 'TR']) {
    const file = join(dir, `${id}-${signer}.json`);
    execFileSync(parley, ['--db', db, 'manifest', 'export', id, '-o', file], { stdio: 'ignore' });
    execFileSync(parley, ['manifest', 'sign', file, '--key', join(dir, `${signer}.key`)]);
    await page.setInputFiles('#manifest-file', file);
    await page.click('#manifest-submit');
    await page.waitForSelector(`#signatures li.signed[data-signer="${signer}"]`);
  }
  assert((await page.textContent('#stage-status')).includes('agreed'), 'the stage is not agreed');
  assert((await page.textContent('#stage-messages')).includes('witnessed by the mediator'), 'not said agreed and witnessed');
  assert(await page.evaluate(() => window.notReloaded === true), 'the page was reloaded');
  for (const signer of ['UA', 'RU', 'TR']) {
    assert(await page.locator(`#signatures li.signed[data-signer="${signer}"]`).count() === 1, `${signer} not shown as signed`);
  }
  // Download and upload are told apart, in Ukrainian too.
  assert((await page.textContent('#manifest-download')).startsWith('Get the file'), 'download label');
  await shot(page, '62-stage-signed');
  // The chain names who signed, and the passphrase is nowhere in it.
  const audit = run(['--json', 'audit', 'log', '--limit', '20']);
  assert(audit.includes('manifest.sign') && audit.includes('unlock.refused'), 'signing not audited');
  assert(!audit.includes(pass) && !audit.includes('not the passphrase'), 'a passphrase in the audit log');
});

test('a mediator\'s instance witnesses in its own UI: the office\'s mediator key made on the keys page, the mediator signs from the stage page, valid without a reload; a negotiator may not sign with it, nor the mediator as a party', async (page) => {
  // A stage proposed, signed by nobody yet.
  const out = run(['plan', 'istanbul-2025-06-02', '--clause', 'wounded-ill-young', '--stage-date', '2025-06-13',
    '--capacity', '2', '--save', '--handover-point', 'Belarus-Ukraine border']);
  const id = out.match(/saved the next stage as (S[0-9A-Z]+)/)[1];
  run(['stage', 'propose', id]);
  const witnessPass = 'the mediator\'s passphrase, Ankara';
  await signIn(page, 'admin');
  // A party's key held here too (made by the signing test, or now), for
  // the mediator to be refused with.
  let { body: { keys } } = await apiAs(page, 'GET', '/api/keys');
  if (!keys.some((k) => k.held && k.role === 'party')) {
    const made = await apiAs(page, 'POST', '/api/keys', { signer: 'UA', role: 'party', passphrase: 'a party passphrase, 2025',
      confirm: 'a party passphrase, 2025' });
    assert(made.status === 201, `the party key: ${made.status} ${JSON.stringify(made.body)}`);
  }
  // The mediator's key, made on the keys page: the newest held, so the one
  // the stage page signs with.
  await page.goto(`${base}/keys`);
  await page.waitForSelector('#keys');
  await page.fill('#key-signer', 'TR');
  await page.selectOption('#key-role', 'mediator');
  await page.fill('#key-pass', witnessPass);
  await page.fill('#key-confirm', witnessPass);
  await page.click('#key-generate');
  await page.waitForSelector('#keys-messages .notice.success', { timeout: 30000 });
  assert(await page.locator('#keys tr[data-signer="TR"][data-held="1"]').count() === 1, 'the mediator key is not shown as held');
  ({ body: { keys } } = await apiAs(page, 'GET', '/api/keys'));
  const held = keys.filter((k) => k.held && !k.revoked_at);
  const tr = held.filter((k) => k.signer === 'TR').pop();
  const party = held.find((k) => k.role === 'party');
  assert(tr && tr.role === 'mediator' && party, `held keys: ${JSON.stringify(held.map((k) => [k.signer, k.role]))}`);
  // A negotiator may not sign with the mediator's key, even knowing its
  // passphrase: the page opens the party's key (the newer mediator's is
  // not handed over), which that passphrase does not open.
  await signOutIn(page, 'negotiator');
  await page.goto(`${base}/stages/${id}`);
  await page.waitForSelector('#signatures');
  await page.click('#stage-sign');
  await page.fill('#sign-pass', witnessPass);
  await page.click('#sign-dialog-ok');
  await page.waitForFunction(() => /wrong passphrase for key .* of party/.test(document.querySelector('#sign-dialog-error')?.textContent || ''),
    null, { timeout: 30000 });
  await page.click('#sign-dialog-cancel');
  assert(await page.locator('#signatures li.unsigned[data-signer="TR"]').count() === 1, 'TR shown as signed after the refusal');
  const byFp = await apiAs(page, 'POST', `/api/stages/${id}/sign`, { passphrase: witnessPass, key: tr.fingerprint.replace(/ /g, '') });
  assert(byFp.status === 409 && /only as a party/.test(byFp.body.error.message), `a negotiator with the mediator's key: ${byFp.status}`);
  // The mediator witnesses from the stage page: the signature shown valid in place.
  await signOutIn(page, 'mediator');
  await page.goto(`${base}/stages/${id}`);
  await page.waitForSelector('#signatures');
  assert(await page.locator('#signatures li.unsigned[data-signer="TR"]').count() === 1, 'TR shown as signed before it signed');
  await page.evaluate(() => { window.notReloaded = true; });
  assert((await page.textContent('#stage-sign')).includes('Witness'), `the mediator's button: ${await page.textContent('#stage-sign')}`);
  await page.click('#stage-sign');
  await page.fill('#sign-pass', witnessPass);
  await page.click('#sign-dialog-ok');
  await page.waitForSelector('#stage-messages .notice.success', { timeout: 30000 });
  const said = await page.textContent('#stage-messages .notice.success');
  assert(said.includes('Witnessed with the office key'), `the mediator's message: ${said}`);
  assert(await page.locator('#signatures li.signed[data-signer="TR"]').count() === 1, 'the mediator is not shown as signed');
  const row = page.locator('#signatures .sig-table tbody tr', { hasText: tr.fingerprint });
  assert(await row.count() === 1 && await row.locator('.verdict-ok').count() === 1 && (await row.textContent()).includes('mediator'),
    `the mediator's signature is not shown valid: ${await row.allTextContents()}`);
  assert(await page.evaluate(() => window.notReloaded === true), 'the page was reloaded');
  await shot(page, '63-mediator-witnessed');
  // The mediator may not sign as a party, with the party's key named.
  const asParty = await apiAs(page, 'POST', `/api/stages/${id}/sign`, { passphrase: 'a party passphrase, 2025',
    key: party.fingerprint.replace(/ /g, '') });
  assert(asParty.status === 409 && /only as the mediator/.test(asParty.body.error.message),
    `the mediator with a party's key: ${asParty.status} ${JSON.stringify(asParty.body)}`);
  const v = JSON.parse(run(['--json', 'stage', 'show', id]));
  assert(!['agreed'].includes(v.status), `the stage is ${v.status} with the mediator's signature alone`);
  const audit = run(['--json', 'audit', 'log', '--limit', '20']);
  assert(audit.includes('manifest.sign') && !audit.includes(witnessPass), 'the witness signature not audited, or the passphrase in it');
});

test('a manifest no trusted key signed is kept to review, not applied: said on upload, listed on the stages page', async (page) => {
  await signIn(page, 'negotiator');
  // Stage 1's manifest as a "new version" someone wrote, the signatures
  // stripped, then signed by a key calling itself RU that this office does
  // not trust.
  const file = join(dir, 'forged.json');
  execFileSync(parley, ['--db', db, 'manifest', 'export', stage1, '-o', file], { stdio: 'ignore' });
  const env = JSON.parse(readFileSync(file, 'utf8'));
  env.document.version += 1;
  env.signatures = [];
  writeFileSync(file, JSON.stringify(env));
  execFileSync(parley, ['keys', 'generate', '--signer', 'RU', '-o', join(dir, 'forger.key')], { stdio: 'ignore' });
  execFileSync(parley, ['manifest', 'sign', file, '--key', join(dir, 'forger.key')]);
  const before = JSON.parse(run(['--json', 'stage', 'show', stage1]));
  await page.goto(`${base}/stages`);
  await page.setInputFiles('#manifest-file', file);
  await page.click('#manifest-submit');
  await page.waitForSelector('#manifest-report .notice.error');
  const said = await page.textContent('#manifest-report');
  assert(said.includes('Kept to review, not applied'), `the upload's answer: ${said}`);
  const after = JSON.parse(run(['--json', 'stage', 'show', stage1]));
  assert(after.version === before.version && after.status === before.status, `the stage changed: ${before.version}/${before.status} -> ${after.version}/${after.status}`);
  await page.goto(`${base}/stages`);
  await page.waitForSelector('#received li');
  const listed = await page.textContent('#received');
  assert(listed.includes(stage1) && listed.includes('forged.json') && listed.includes('no key this office trusts'), `received: ${listed}`);
});

test('a key revoked on the keys page through the one dialog: Escape leaves it live, a reason is required, then it is revoked with a message', async (page) => {
  await signIn(page, 'admin');
  const keys = (await apiAs(page, 'GET', '/api/keys')).body.keys;
  const tr = keys.find((k) => k.signer === 'TR' && k.held && !k.revoked_at);
  assert(tr, `no live TR key to revoke: ${JSON.stringify(keys.map((k) => [k.signer, k.held, k.revoked_at]))}`);
  await page.goto(`${base}/keys`);
  const row = page.locator('tr', { hasText: tr.fingerprint });
  await row.locator('button.danger').click();
  await page.waitForSelector('#revoke-dialog[open]');
  assert(await page.evaluate(() => document.activeElement?.id) === 'revoke-reason', 'focus is not on the reason');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#revoke-dialog', { state: 'detached' });
  let now = (await apiAs(page, 'GET', '/api/keys')).body.keys.find((k) => k.fingerprint === tr.fingerprint);
  assert(!now.revoked_at, 'Escape revoked the key');
  await row.locator('button.danger').click();
  await page.click('#revoke-dialog-ok');
  await page.waitForFunction(() => (document.querySelector('#revoke-dialog-error')?.textContent || '').length > 0, null, { timeout: 15000 });
  now = (await apiAs(page, 'GET', '/api/keys')).body.keys.find((k) => k.fingerprint === tr.fingerprint);
  assert(!now.revoked_at, 'revoked without a reason');
  await page.fill('#revoke-reason', 'the laptop was lost');
  await page.click('#revoke-dialog-ok');
  await page.waitForSelector('#keys-messages .notice.success', { timeout: 15000 });
  now = (await apiAs(page, 'GET', '/api/keys')).body.keys.find((k) => k.fingerprint === tr.fingerprint);
  assert(now.revoked_at && !now.held, `the key after revoking: ${JSON.stringify(now)}`);
  assert((await page.textContent('#keys-messages')).includes(tr.fingerprint), 'the message does not name the key');
});

test('a confirmed identification is final: asked in a dialog first (Escape leaves the case as it was), then a message says it is done', async (page) => {
  // A simulated case and a missing person of ours the DNA tests leave alone.
  const used = [dnaOurs, dnaTheirs].filter(Boolean);
  const tag = readFileSync(join(sim, 'cases.csv'), 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(',')[0])
    .filter((x) => !used.some((p) => p.case === x)).pop();
  const person = Object.keys(simParty).filter((id) => simParty[id] === 'UA' && !used.some((p) => p.person === id)).pop();
  await signIn(page, 'identification');
  await page.goto(`${base}/remains?tag=${tag}`);
  await page.click(`a.case-link >> text=${tag}`);
  await page.waitForSelector('#identify-form');
  const before = await page.textContent('#case-status');
  await page.fill('#id-person', person);
  await page.check('#id-confirm');
  await page.click('#identify-form button[type=submit]');
  await page.waitForSelector('#identify-form-dialog');
  const said = await page.textContent('#identify-form-dialog');
  assert(said.includes(tag) && said.includes(person) && said.includes('cannot be withdrawn'), `the dialog says: ${said}`);
  await page.keyboard.press('Escape');
  await page.waitForSelector('#identify-form-dialog', { state: 'detached' });
  assert(await page.textContent('#case-status') === before, 'the case changed without the dialog\'s button');
  assert(JSON.parse(run(['--json', 'remains', 'show', tag])).status === 'unidentified', 'identified after Escape');
  await page.click('#identify-form button[type=submit]');
  await page.click('#identify-form-dialog-ok');
  await page.waitForSelector('#status-message .notice.success');
  assert((await page.textContent('#status-message')).includes(tag), 'no message after');
  assert((await page.textContent('#case-status')).includes('confirmed'), `the case is ${await page.textContent('#case-status')}`);
});

// ---- the second factor (TOTP) -------------------------------------------

// RFC 6238 in node: the code of a base32 secret `steps` time steps from now.
function totpCode(secret, steps = 0) {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret) bits += abc.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30000) + steps));
  const mac = createHmac('sha1', key).update(msg).digest();
  const off = mac[19] & 15;
  return String((mac.readUInt32BE(off) & 0x7fffffff) % 1000000).padStart(6, '0');
}

// The password step by hand (the second step is the test's own).
async function passwordStep(page, name, pw) {
  await page.goto(`${base}/login`);
  await page.fill('#user', name);
  await page.fill('#password', pw);
  await page.click('form.login button[type=submit]');
  await page.waitForSelector('form.second-factor');
}

async function codeStep(page, code, ok) {
  await page.fill('#code', code);
  await page.click('#code-submit');
  if (ok) {
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.waitForSelector('main h1');
  } else {
    await page.waitForSelector('form.second-factor .notice.error');
  }
}

test('totp: turned on in the account page, then sign-in with a code computed here and with a recovery code; the same code or recovery code refused twice', async (page) => {
  run(['user', 'add', 'totp.taras', '--roles', 'registrar', '--password-stdin'], 'taras-password-1\n');
  await page.goto(`${base}/login`);
  await page.fill('#user', 'totp.taras');
  await page.fill('#password', 'taras-password-1');
  await page.click('form.login button[type=submit]');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.click('#account-link');
  await page.waitForSelector('#totp-begin');
  assert((await page.textContent('#totp-state')).includes('Off'), 'not said to be off');
  await page.click('#totp-begin');
  await page.waitForSelector('#totp-qr');
  assert(await page.evaluate(() => document.querySelector('#totp-qr').naturalWidth > 0), 'the QR code did not load');
  const secret = await page.getAttribute('#totp-key', 'data-secret');
  assert(/^[A-Z2-7]{32}$/.test(secret), `secret ${secret}`);
  await shot(page, 'totp-01-enrol');
  const first = totpCode(secret);
  await page.fill('#totp-confirm-code', first);
  await page.click('#totp-confirm-submit');
  await page.waitForSelector('#recovery-codes');
  const codes = await page.$$eval('#recovery-codes li', (ls) => ls.map((l) => l.textContent));
  assert(codes.length === 10 && codes.every((c) => /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/.test(c)),
    `recovery codes: ${codes.join(' ')}`);
  assert(await page.getAttribute('#recovery-download', 'download'), 'no download');
  await shot(page, 'totp-02-recovery-codes');
  await page.click('#recovery-done');
  await page.waitForSelector('#totp-state.success');
  assert((await page.textContent('#totp-state')).includes('10 recovery codes'), await page.textContent('#totp-state'));
  // Signed out; back with the password and a code.
  await page.click('#sign-out');
  await page.waitForSelector('form.login');
  await passwordStep(page, 'totp.taras', 'taras-password-1');
  await shot(page, 'totp-03-code');
  await codeStep(page, first, false); // the code that confirmed: taken already
  assert((await page.textContent('form.second-factor .notice.error')).includes('used already'), 'no reason given');
  await codeStep(page, totpCode(secret, 1), true);
  // A recovery code, typed in lower case, once.
  await page.click('#sign-out');
  await page.waitForSelector('form.login');
  await passwordStep(page, 'totp.taras', 'taras-password-1');
  await codeStep(page, codes[0].toLowerCase(), true);
  await page.click('#sign-out');
  await page.waitForSelector('form.login');
  await passwordStep(page, 'totp.taras', 'taras-password-1');
  await codeStep(page, codes[0], false);
  await page.goto(`${base}/account`);
  await page.waitForSelector('form.login');
});

test('totp: a role that must use a second factor enrols at sign-in, with no session before; the admin resets it after', async (page) => {
  run(['user', 'add', 'totp.ostap', '--roles', 'mediator', '--password-stdin'], 'ostap-password-1\n');
  await signIn(page, 'admin');
  await page.goto(`${base}/users`);
  await page.waitForSelector('#second-factor-roles');
  assert((await page.textContent('#second-factor-roles')).includes('medical officer'), 'no roles suggested');
  await page.check('#sf-mediator');
  await page.click('#second-factor-save');
  await page.waitForSelector('#status-message .notice.success');
  const other = await newPage();
  try {
    await passwordStep(other, 'totp.ostap', 'ostap-password-1');
    await other.waitForSelector('#totp-qr');
    // No session yet.
    assert(await other.evaluate(async () => (await fetch('/api/me')).status) === 401, 'a session before the code');
    await shot(other, 'totp-04-enrol-at-sign-in');
    const secret = await other.getAttribute('#totp-key', 'data-secret');
    await other.fill('#code', totpCode(secret));
    await other.click('#code-submit');
    await other.waitForSelector('#recovery-codes');
    await other.click('#recovery-done');
    await other.waitForURL((u) => !u.pathname.startsWith('/login'));
    assert(await other.evaluate(async () => (await fetch('/api/me')).status) === 200, 'no session after enrolment');
    if (other.problems.length) throw new Error(other.problems.join('; '));
  } finally {
    await other.context().close();
  }
  // The admin sees it, and resets it through a dialog.
  await page.goto(`${base}/users`);
  await page.waitForSelector('tr[data-user="totp.ostap"] .reset-totp');
  await page.click('tr[data-user="totp.ostap"] .reset-totp');
  await page.waitForSelector('dialog#totp-reset-dialog[open]');
  await page.click('#totp-reset-dialog-ok');
  await page.waitForSelector('#status-message .notice.success');
  await page.waitForSelector('tr[data-user="totp.ostap"] .second-factor:not(:has(button))');
  const back = await apiAs(page, 'PATCH', '/api/settings/second-factor', { roles: [] });
  assert(back.status === 200, `the setting was not put back: ${back.status}`);
});

test('retention: the admin sets the identity and contacts rules, a dry run lists, the run in a dialog pseudonymises; the person\'s page says so', async (page) => {
  await signIn(page, 'admin');
  await page.goto(`${base}/retention`);
  await page.waitForSelector('table.retention-rules');
  const row = (kind) => `table.retention-rules tr[data-kind="${kind}"]`;
  assert((await page.textContent(row('identity'))).includes('pseudonymise'), 'the identity rule does not say it pseudonymises');
  assert((await page.textContent(row('contacts'))).includes('erase'), 'the contacts rule does not say it erases');
  for (const kind of ['identity', 'contacts']) {
    await page.fill(`#ret-${kind}`, '100');
    await page.click(`${row(kind)} .save-rule`);
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.includes('admin'), row(kind));
  }
  // The run stays off until a dry run listed the changes.
  assert(await page.isDisabled('button.run-retention'), 'the run was offered before a dry run');
  await page.click('button.dry-run');
  await page.waitForSelector('table.retention-changes');
  const listed = await page.textContent('table.retention-changes');
  assert(listed.includes(oldCaseId) && listed.includes('pseudonymise') && listed.includes('inform'),
    `the dry run does not list the case's two changes: ${listed}`);
  assert((await page.textContent('.retention-result .would')).includes('2 changes'), 'the dry run does not count 2 changes');
  await shot(page, '60-retention-dry-run');
  await page.click('button.run-retention');
  await page.waitForSelector('dialog#retention-dialog[open]');
  await page.keyboard.press('Escape');
  await page.waitForSelector('dialog#retention-dialog', { state: 'detached' });
  assert((await apiAs(page, 'GET', `/api/persons/${oldCaseId}`)).body.surname === 'Столітній', 'Escape ran the rules');
  await page.click('button.run-retention');
  await page.waitForSelector('dialog#retention-dialog[open]');
  await page.click('#retention-dialog-ok');
  await page.waitForSelector('.retention-result .done');
  assert((await page.textContent('.retention-result .done')).includes('2 changes made'), 'no message after the run');
  // The record stays, without its names, and says why.
  await page.goto(`${base}/persons/${oldCaseId}`);
  await page.waitForSelector('.notice.info');
  const text = await page.textContent('section.person');
  assert(text.includes('Pseudonymised by a retention rule') && !text.includes('Столітній') && !text.includes('Дружина'),
    `the person page: ${text.slice(0, 300)}`);
  await shot(page, '61-person-pseudonymised');
});

test('persons entered twice: the reconcile page finds Шевчук written again in Latin and links both records', async (page) => {
  await signIn(page, 'registrar');
  const shown = JSON.parse(run(['--json', 'person', 'show', personId]));
  const made = await apiAs(page, 'POST', '/api/persons', { surname_latin: 'Shevchuk', given_names_latin: 'Oleksandr',
    patronymic_latin: 'Mykolaiovych', birth_date: shown.birth_date, party: 'UA' });
  assert(made.status === 201, `the second record was not made: ${made.status}`);
  await page.goto(`${base}/reconcile`);
  await page.click('#duplicates-run');
  await page.waitForSelector('#duplicates-summary');
  const clusters = await page.textContent('#duplicates-out');
  assert(clusters.includes(personId) && clusters.includes(made.body.id), `not found as one person: ${clusters.slice(0, 400)}`);
  await shot(page, '62-duplicates');
});

// ---- families: an intake during a phone call, the list, the person's tab ----

test('families: an intake as the call goes (the person found as one types, the likely match, consent), the list, the person\'s Family tab', async (page) => {
  await signIn(page, 'family_liaison');
  await page.click('nav a[href="/inquiries"]');
  await page.waitForSelector('section.inquiries-page');
  await page.click('#new-inquiry-link');
  await page.waitForSelector('#intake');
  await page.fill('#iq-inquirer', 'Ніна Шевчук');
  await page.selectOption('#iq-relation', 'mother');
  await page.fill('#iq-phone', '+380 44 555 0199');
  await page.selectOption('#iq-language', 'uk');
  // The names as she says them, in Russian: the engine finds her son.
  let lookUps = 0;
  const countLookUps = (r) => { if (r.url().includes('/api/inquiries/match')) lookUps++; };
  page.on('request', countLookUps);
  await page.fill('#iq-surname', 'Шевчук');
  await page.fill('#iq-given_names', 'Александр');
  await page.fill('#iq-patronymic', 'Николаевич');
  await page.fill('#iq-birth_date', '1994-02-11');
  await page.waitForSelector('#iq-likely-person');
  assert((await page.textContent('#iq-likely-person')).includes(personId), 'the likely match is not Шевчук');
  // Leaving the field (its change event) asks nothing again: the same names.
  const asked = lookUps;
  await page.press('#iq-birth_date', 'Tab');
  await page.waitForTimeout(900);
  assert(lookUps === asked, `the same names were looked up again (${lookUps} look-ups, ${asked} before)`);
  page.off('request', countLookUps);
  // The registry searched as one types, in Latin letters: the same person.
  await page.fill('#iq-find', 'Shevchuk Oleksandr');
  await page.waitForSelector(`#iq-find-results button[data-id="${personId}"]`);
  await page.click(`#iq-find-results button[data-id="${personId}"]`);
  await page.waitForSelector('#iq-chosen');
  await page.fill('#iq-last_seen_place', 'Бахмут');
  await page.check('#iq-c-tracing');
  await page.selectOption('#iq-cf-tracing', 'oral');
  // Sharing with the ICRC dated before tracing: contradictory, refused.
  await page.check('#iq-c-share_icrc');
  await page.fill('#iq-cd-share_icrc', '2020-01-01');
  await shot(page, '70-intake');
  await page.click('#iq-submit');
  await page.waitForSelector('#intake .notice.error');
  assert((await page.textContent('#intake .notice.error')).includes('contradictory consent'), 'contradictory consent not refused');
  await page.fill('#iq-cd-share_icrc', await page.inputValue('#iq-cd-tracing'));
  await page.click('#iq-submit');
  await page.waitForURL(/\/inquiries\/Q[0-9A-Z]{16}$/);
  await page.waitForSelector('#consent-history');
  const id = new URL(page.url()).pathname.split('/').pop();
  const text = await mainText(page);
  assert(text.includes('+380 44 555 0199'), 'the liaison does not see the phone');
  assert(await page.locator('#consent-history tbody tr').count() === 2, 'two consents expected');
  assert(await page.locator('#sought-link').getAttribute('href') === `/persons/${personId}`, 'not about Шевчук');
  await shot(page, '71-inquiry');
  // Withdrawn, kept with its date.
  await page.click('#consent-history button.withdraw[data-purpose="share_icrc"]');
  await page.waitForSelector('#consent-history button.withdraw[data-purpose="share_icrc"]', { state: 'detached' });
  // The page is drawn again after the withdrawal: wait for the new table
  // (the old one goes first), then count its rows.
  await page.waitForSelector('#consent-history tbody tr');
  assert(await page.locator('#consent-history tbody tr').count() === 2, 'the withdrawn consent is gone from the history');
  // The list, then the person's Family tab.
  await page.click('nav a[href="/inquiries"]');
  await page.waitForSelector(`#inquiries a[href="/inquiries/${id}"]`);
  await shot(page, '72-inquiries');
  await page.goto(`${base}/persons/${personId}`);
  await page.click('#tab-family');
  await page.waitForSelector(`#family-tab a[href="/inquiries/${id}"]`);
  assert(await page.locator('#family-new-inquiry').count() === 1, 'no link to a new inquiry about the person');
  await shot(page, '73-person-family-tab');
  // A registrar reads the inquiry without the inquirer's contacts; a mediator not at all.
  await signOutIn(page, 'registrar');
  await page.goto(`${base}/inquiries/${id}`);
  await page.waitForSelector('#contacts-withheld');
  assert(!(await mainText(page)).includes('555 0199'), 'a registrar sees the phone');
  await signOutIn(page, 'mediator');
  const r = await apiAs(page, 'GET', `/api/inquiries/${id}`);
  assert(r.status === 403, `a mediator read the inquiry: ${r.status}`);
});

test('ante-mortem: marks, a tooth and a photo added on the Family tab, seen on the page; a mark without its place refused; the photo only through its checked route', async (page) => {
  await signIn(page, 'family_liaison');
  await page.goto(`${base}/persons/${personId}`);
  await page.click('#tab-family');
  await page.waitForSelector('#antemortem #am-form');
  // A mark without its place on the body: refused, naming the field.
  await page.click('#am-add-mark');
  await page.fill('#am-md-0', 'a scar on the chin');
  await page.click('#am-save');
  await page.waitForSelector('#am-form .notice.error');
  assert((await page.textContent('#am-form .notice.error')).includes('marks[0].location'), 'the mark without a place was not refused by its field');
  await page.selectOption('#am-mk-0', 'tattoo');
  await page.selectOption('#am-ml-0', 'arm_left');
  await page.fill('#am-md-0', 'an anchor with the letters ВМФ');
  await page.selectOption('#am-t-36', 'missing');
  await page.selectOption('#am-t-16', 'filled');
  await page.fill('#am-hmin', '175');
  await page.fill('#am-hmax', '180');
  await page.selectOption('#am-hair', 'brown');
  assert(await page.$('#am-none'), 'the person had an ante-mortem record before the first save');
  await page.click('#am-save');
  // The section drawn again from the saved record: until then the old form
  // holds the same values (a photo submitted on it was lost in a reload).
  await page.waitForFunction(() => !document.querySelector('#am-none') && document.querySelector('#am-md-0')
    && document.querySelector('#am-md-0').value.includes('ВМФ') && document.querySelector('#am-t-36').value === 'missing'
    && !document.querySelector('#am-form .notice.error'));
  // A photo: uploaded, then shown as a thumbnail through /api/photos/.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
  await page.setInputFiles('#am-photo-file', { name: 'not-a-photo.png', mimeType: 'image/png', buffer: Buffer.from('just text') });
  await page.click('#am-photo-submit');
  await page.waitForSelector('#am-upload .notice.error');
  assert((await page.textContent('#am-upload .notice.error')).includes('not an image'), 'a text file was taken as a photo');
  await page.setInputFiles('#am-photo-file', { name: 'front.png', mimeType: 'image/png', buffer: png });
  await page.fill('#am-photo-caption', 'front');
  await page.click('#am-photo-submit');
  await page.waitForSelector('#am-photos img[src^="/api/photos/"]');
  await page.waitForFunction(() => { const i = document.querySelector('#am-photos img'); return i && i.complete && i.naturalWidth === 1; });
  const src = await page.getAttribute('#am-photos img', 'src');
  await shot(page, '74-person-antemortem');
  // A registrar has the Family tab but no ante-mortem data, and the photo is refused.
  await signOutIn(page, 'registrar');
  const r = await page.evaluate(async (p) => (await fetch(p)).status, src);
  assert(r === 403, `a registrar read the photo: ${r}`);
  await page.goto(`${base}/persons/${personId}`);
  await page.click('#tab-family');
  await page.waitForSelector('#family-tab');
  assert(await page.locator('#antemortem').count() === 0, 'a registrar sees the ante-mortem section');
});

test('post-mortem: identification records a case\'s observations on its page and sees them compared with the family\'s description, an exclusion named', async (page) => {
  // The family's description, as the liaison gave it (through the API: the Family tab has its own test).
  await signIn(page, 'family_liaison');
  let r = await apiAs(page, 'POST', `/api/persons/${personId}/antemortem`,
    { height: { min: 175, max: 180 }, hair: 'brown', dental: { 36: 'missing', 16: 'filled' } });
  assert(r.status === 200, `the record was not set: ${r.status}`);
  await signOutIn(page, 'identification');
  const tag = 'PM-2025-0001';
  r = await page.evaluate(async (csv) => {
    const me = await (await fetch('/api/me')).json();
    const data = new FormData();
    data.append('file', new Blob([csv], { type: 'text/csv' }), 'pm.csv');
    const res = await fetch('/api/remains/import', { method: 'POST', headers: { 'X-CSRF-Token': me.csrf }, body: data });
    return res.status;
  }, `tag,recovery_place\n${tag},Ізюм\n`);
  assert(r === 200, `the case was not imported: ${r}`);
  const c = await apiAs(page, 'GET', `/api/remains/${tag}`);
  await page.goto(`${base}/remains/${c.body.id}`);
  await page.waitForSelector('#postmortem #pm-form');
  assert(await page.locator('#pm-none').count() === 1, 'no word that nothing is recorded');
  await page.fill('#pm-hmin', '172');
  await page.fill('#pm-hmax', '178');
  await page.selectOption('#pm-t-36', 'present');
  await page.selectOption('#pm-t-16', 'missing');
  await page.click('#pm-save');
  await page.waitForSelector('#pm-none', { state: 'detached' });
  await page.fill('#am-compare-person', personId);
  await page.click('#am-compare-go');
  await page.waitForSelector('#am-comparison');
  const text = await page.textContent('#am-comparison');
  assert(text.includes('tooth 36: ante-mortem missing, post-mortem present: not possible (exclusion)'), `no exclusion: ${text}`);
  assert(text.includes('the ranges overlap'), `height not compared: ${text}`);
  await shot(page, '75-remains-postmortem');
});

// ---- the watch: the family liaison's tasks ----------------------------------

test('tasks: a list naming a son a family asks about makes a task; the liaison closes it with a note; the Family tab shows it', async (page) => {
  await signIn(page, 'family_liaison');
  const iq = await apiAs(page, 'POST', '/api/inquiries', { inquirer: 'Ніна Шевчук', relation: 'mother', person: personId,
    consents: [{ purpose: 'tracing', form: 'oral' }] });
  assert(iq.status === 201, `the inquiry was not recorded: ${iq.status}`);
  // The other side's list, in Russian, reconciled by the negotiator.
  await signOutIn(page, 'negotiator');
  const rec = await page.evaluate(async () => {
    const me = await (await fetch('/api/me')).json();
    const fd = new FormData();
    fd.append('file', new Blob(['surname,given_names,patronymic,birth_date\nШевчук,Александр,Николаевич,1994-02-11\n'],
      { type: 'text/csv' }), 'ru-2026-06-12.csv');
    const r = await fetch('/api/reconcile', { method: 'POST', headers: { 'X-CSRF-Token': me.csrf }, body: fd });
    return { status: r.status, body: await r.json() };
  });
  assert(rec.status === 200, `the list was not reconciled: ${rec.status}`);
  assert(rec.body.watch && rec.body.watch.created >= 1, `the list made no task: ${JSON.stringify(rec.body.watch)}`);
  await signOutIn(page, 'family_liaison');
  await page.click('nav a[href="/tasks"]');
  await page.waitForSelector('section.tasks-page');
  const row = page.locator('#tasks tr[data-status="open"]', { hasText: 'ru-2026-06-12.csv' });
  assert(await row.count() === 1, 'no open task from the list');
  const id = await row.getAttribute('data-task');
  assert((await row.textContent()).includes('matched to this person'), 'the task does not give its evidence');
  await shot(page, '80-tasks');
  await noOverflow(page, 'the task list');
  // Closing without saying what the family was told is refused.
  await page.click(`#done-${id}`);
  await page.waitForSelector(`form[data-task="${id}"] .notice.error`);
  await page.selectOption(`#how-${id}`, 'letter');
  await page.fill(`#note-${id}`, 'Wrote to the mother: her son is on the other side’s list of 12 June.');
  await page.click(`#done-${id}`);
  await page.waitForSelector(`#tasks tr[data-task="${id}"]`, { state: 'detached' });
  await page.selectOption('#task-status', 'done');
  await page.click('section.tasks-page form.filters button[type=submit]');
  await page.waitForSelector(`#tasks tr[data-task="${id}"][data-status="done"]`);
  assert((await page.textContent(`#tasks tr[data-task="${id}"]`)).includes('Told by letter'), 'how the family was told is not shown');
  // The person's Family tab lists the task too.
  await page.goto(`${base}/persons/${personId}`);
  await page.click('#tab-family');
  await page.waitForSelector(`#person-tasks tr[data-task="${id}"]`);
  await shot(page, '81-person-family-tasks');
  // A registrar reads no task.
  await signOutIn(page, 'registrar');
  const r = await apiAs(page, 'GET', '/api/tasks');
  assert(r.status === 403, `a registrar read the tasks: ${r.status}`);
});

// ---- testimonies: intake, review, accept, the proof report ---------------

test('testimonies: a returnee\'s intake with three people seen (Cyrillic, Latin, a surname and unit), the review queue beside the candidates, accepted, the printable proof-of-captivity report', async (page) => {
  const add = (...a) => run(['person', 'add', ...a]).trim().split(/\s+/).pop();
  const returnee = add('--surname', 'Поплавський', '--given-names', 'Євген', '--birth-date', '1985-02-02');
  const held = add('--surname', 'Кравчук', '--given-names', 'Назар', '--birth-date', '1994-04-04');
  run(['person', 'event', held, '--type', 'capture_card', '--date', '2025-05-01', '--source', 'counterpart_list']);
  const acked = add('--surname', 'Мельничук', '--given-names', 'Андрій', '--birth-date', '1993-06-06');
  run(['person', 'event', acked, '--type', 'mediator_visit', '--date', '2025-06-01', '--source', 'icrc_visit']);
  const lost = add('--surname', 'Шевчишин', '--given-names', 'Тарас', '--birth-date', '1991-01-01', '--unit', 'в/ч А1302');
  run(['person', 'event', lost, '--type', 'capture', '--date', '2025-04-10', '--source', 'own_records']);
  await signIn(page, 'registrar');
  await page.click('nav a[href="/testimonies"]');
  await page.click('#new-testimony-link');
  await page.waitForSelector('#testimony-intake');
  await page.fill('#ts-returnee-find', 'Поплавський Євген');
  await page.click(`#ts-returnee-find-results button[data-id="${returnee}"]`);
  await page.waitForSelector(`#ts-returnee-chosen[data-id="${returnee}"]`);
  await page.fill('#ts-taken_on', '2025-10-20');
  await page.fill('#ts-taken_at', 'Чернігів');
  await page.fill('#ts-0-surname', 'Кравчук');
  await page.fill('#ts-0-given_names', 'Назар');
  await page.fill('#ts-0-place', 'Оленівка');
  await page.selectOption('#ts-0-condition', 'alive');
  await page.click('#ts-add');
  await page.fill('#ts-1-surname', 'Melnychuk');
  await page.fill('#ts-1-given_names', 'Andrii');
  await page.click('#ts-add');
  await page.fill('#ts-2-surname', 'Шевчишин');
  await page.fill('#ts-2-unit', 'А1302');
  await page.fill('#ts-2-place', 'Оленівка');
  await page.fill('#ts-2-date', '2025-09-14');
  await page.selectOption('#ts-2-condition', 'wounded');
  await shot(page, '90-testimony-intake');
  await page.click('#ts-submit');
  await page.waitForURL(/\/testimonies\/D[0-9A-Z]{16}$/);
  await page.waitForSelector('#testimony article.sighting-card');
  assert(await page.locator('#testimony article.sighting-card').count() === 3, 'three sightings expected');
  // The queue: each said name beside its candidates; accept the one meant.
  await page.goto(`${base}/testimonies/review`);
  await page.waitForSelector('#review-queue');
  const queued = await page.locator('#review-queue article[data-status="review"]').count();
  await shot(page, '91-testimony-review');
  for (const id of [held, acked, lost]) {
    const button = page.locator(`button.accept[data-person="${id}"]`).first();
    await button.waitFor();
    await button.click();
    await page.waitForSelector(`button.accept[data-person="${id}"]`, { state: 'detached' });
  }
  await page.waitForFunction((n) => document.querySelectorAll('#review-queue article[data-status="review"]').length === n,
    queued - 3);
  // The report: the unacknowledged one, with the testimony; not the others.
  await page.goto(`${base}/proof`);
  await page.waitForSelector('#proof-table');
  const row = page.locator(`#proof-table tr[data-person="${lost}"]`);
  assert(await row.count() === 1, 'the unacknowledged person is not in the report');
  assert((await row.textContent()).includes('Поплавський'), 'the testimony is not its evidence');
  assert(await page.locator(`#proof-table tr[data-person="${held}"]`).count() === 0, 'an acknowledged person is in the report');
  assert(await page.locator(`#proof-table tr[data-person="${acked}"]`).count() === 0, 'an acknowledged person is in the report');
  await shot(page, '92-proof-report');
  // Deny by default: a medical officer reads no testimony.
  await signOutIn(page, 'medical');
  const r = await apiAs(page, 'GET', '/api/proof-of-captivity');
  assert(r.status === 403, `a medical officer read the report: ${r.status}`);
});

// A file of testimonies as a debriefing team types it: two testimonies of
// one returnee, a row per person seen.
function testimonyFile(name, returnee, refs, condition = 'alive') {
  const path = join(dir, name);
  writeFileSync(path, 'ref,returnee,taken_on,taken_at,surname,given_names,unit,place,date,condition\n' +
    `${refs[0]},${returnee},2025-11-02,Суми,Бойчук,Роман,,Оленівка,2025-09,alive\n` +
    `${refs[0]},,,,Kovalchuk,Ivan,А0501,Taganrog,2025,${condition}\n` +
    `${refs[1]},${returnee},2025-11-03,Суми,Гуменюк,,,Оленівка,2025-10,ill\n`);
  return path;
}

test('testimonies from the web: the returnee found as one types (Latin letters) and chosen with the keyboard; a file with a bad row refused at its line and column, nothing written; the good file imported, each testimony linked, the same file again skipped; a sighting accepted as a person found by name; no import form without testimony_write', async (page) => {
  const returnee = run(['person', 'add', '--surname', 'Ярошенко', '--given-names', 'Богдан', '--birth-date', '1987-03-03'])
    .trim().split(/\s+/).pop();
  await signIn(page, 'registrar');
  await page.goto(`${base}/testimonies/new`);
  await page.waitForSelector('#testimony-intake');
  assert((await page.textContent('label[for="ts-returnee-find"]')).includes('Returnee'), 'the search box has no label');
  // Without a returnee: said, and the search box takes the focus.
  await page.fill('#ts-taken_on', '2025-11-01');
  await page.fill('#ts-0-surname', 'Кравець');
  await page.click('#ts-submit');
  await page.waitForSelector('#ts-msg .notice.error');
  assert((await page.textContent('#ts-msg')).includes('Choose the returnee first'), 'the missing returnee is not said');
  assert(await page.evaluate(() => document.activeElement.id) === 'ts-returnee-find', 'the search box does not take the focus');
  // Typed in Latin letters, found though written in Cyrillic; ↓ through the results, Enter takes him.
  await page.keyboard.type('Yaroshenko Bohdan');
  await page.waitForSelector(`#ts-returnee-find-results button[data-id="${returnee}"]`);
  assert((await page.textContent('#ts-returnee-find-said')).includes('found'), 'how many were found is not said');
  await page.keyboard.press('ArrowDown');
  for (let i = 0; i < 5 && await page.evaluate(() => document.activeElement.dataset.id) !== returnee; i++)
    await page.keyboard.press('ArrowDown');
  assert(await page.evaluate(() => document.activeElement.dataset.id) === returnee, 'the arrows do not reach the person');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#ts-returnee-chosen');
  const chosen = await page.textContent('#ts-returnee-chosen');
  assert(chosen.includes('Ярошенко Богдан') && chosen.includes('1987-03-03') && chosen.includes(returnee),
    `the chosen returnee is not shown with his birth date: ${chosen}`);
  assert(await page.evaluate(() => document.activeElement.id) === 'ts-taken_on', 'the focus does not move on');
  await shot(page, '93-testimony-returnee-chosen');
  // Another, then back: the search box again.
  await page.click('#ts-returnee-change');
  assert(await page.isVisible('#ts-returnee-find'), 'the search box does not come back');
  await page.fill('#ts-returnee-find', returnee);
  await page.click(`#ts-returnee-find-results button[data-id="${returnee}"]`);
  await page.click('#ts-submit');
  await page.waitForURL(/\/testimonies\/D[0-9A-Z]{16}$/);
  assert((await page.textContent('main h1')).includes('Ярошенко'), 'the testimony is not of the returnee chosen');
  // The file: a row with a condition nobody knows is refused, at its line and column; nothing written.
  const count = async () => (await apiAs(page, 'GET', '/api/testimonies?limit=1')).body.total;
  const before = await count();
  await page.goto(`${base}/testimonies`);
  await page.waitForSelector('#ts-import');
  await page.setInputFiles('#ts-file', testimonyFile('bad-debriefings.csv', returnee, ['WEB-1', 'WEB-2'], 'asleep'));
  await page.click('#ts-import-submit');
  await page.waitForSelector('#ts-import-problems li');
  const problems = await page.textContent('#ts-import-problems');
  assert(problems.includes('bad-debriefings.csv:3') && problems.includes('condition') && problems.includes('asleep'),
    `the problem does not say its line and column: ${problems}`);
  assert(await count() === before, 'a refused file wrote testimonies');
  await shot(page, '94-testimony-import-refused');
  // The good file: two testimonies, each linked, their sightings waiting for review.
  const good = testimonyFile('debriefings.csv', returnee, ['WEB-1', 'WEB-2']);
  await page.setInputFiles('#ts-file', good);
  await page.click('#ts-import-submit');
  await page.waitForSelector('#ts-import-list tr[data-ref="WEB-1"]');
  assert(await page.textContent('#ts-import-report dd[data-key="created"]') === '2', 'two testimonies not said imported');
  assert(await page.textContent('#ts-import-report dd[data-key="sightings"]') === '3', 'three sightings not said');
  assert(await page.locator('#ts-import-review').count() === 1, 'no way to the review queue');
  assert(await count() === before + 2, 'the file was not imported');
  // The list above the form shows the new testimonies without a reload.
  const imported = await page.getAttribute('#ts-import-list tr[data-ref="WEB-1"] a', 'href');
  await page.waitForSelector(`#testimonies a[href="${imported}"]`, { timeout: 5000 });
  await shot(page, '95-testimony-imported');
  await noOverflow(page, 'the import');
  // The same file again: nothing new, each testimony named as recorded before.
  await page.setInputFiles('#ts-file', good);
  await page.click('#ts-import-submit');
  await page.waitForSelector('#ts-import-list tr[data-ref="WEB-1"][data-skipped="true"]');
  assert((await page.textContent('#ts-import-done')).includes('Nothing new'), 'a second import is not said to change nothing');
  assert(await count() === before + 2, 'the second import wrote testimonies');
  await page.click('#ts-import-list tr[data-ref="WEB-1"] a');
  await page.waitForSelector('#testimony article.sighting-card');
  assert(await page.locator('#testimony article.sighting-card').count() === 2, 'the imported testimony has not its two sightings');
  // A sighting accepted as someone the engine did not propose: found by name as one types.
  const other = run(['person', 'add', '--surname', 'Остапчук', '--given-names', 'Роман', '--birth-date', '1992-12-12'])
    .trim().split(/\s+/).pop();
  const sid = await page.locator('#testimony article.sighting-card[data-status="review"]').first().getAttribute('data-sighting');
  await page.click(`#accept-other-${sid}`);
  await page.waitForSelector(`article[data-sighting="${sid}"] .notice.error`);
  assert((await page.textContent(`article[data-sighting="${sid}"] .notice.error`)).includes('Find the person first'),
    'accepting nobody is not refused');
  await page.fill(`#other-${sid}`, 'Ostapchuk Roman');
  await page.click(`#other-${sid}-results button[data-id="${other}"]`);
  assert((await page.textContent(`#other-chosen-${sid}`)).includes('Остапчук Роман · 1992-12-12'), 'the person chosen is not shown');
  await page.click(`#accept-other-${sid}`);
  await page.waitForSelector(`article[data-sighting="${sid}"][data-status="accepted"]`);
  assert((await page.textContent(`article[data-sighting="${sid}"]`)).includes('Остапчук'), 'not accepted as the person found');
  // Deny by default: the auditor reads the testimonies and has no import form.
  await signOutIn(page, 'auditor');
  await page.goto(`${base}/testimonies`);
  await page.waitForSelector('section.testimony-page');
  assert(await page.locator('#ts-import').count() === 0, 'the auditor is offered the import');
});

test('testimonies from the web in Ukrainian: the returnee found as one types, a file refused with its problem in Ukrainian, the good one imported', async (page) => {
  const returnee = run(['person', 'add', '--surname', 'Дорошенко', '--given-names', 'Максим', '--birth-date', '1990-09-09'])
    .trim().split(/\s+/).pop();
  await signIn(page, 'family_liaison');
  await page.goto(`${base}/testimonies/new`);
  await page.waitForSelector('#testimony-intake');
  await page.fill('#ts-returnee-find', 'Дорошенко Максим');
  await page.waitForSelector(`#ts-returnee-find-results button[data-id="${returnee}"]`);
  assert((await page.textContent('#ts-returnee-find-said')).includes('Знайдено'), 'the count is not in Ukrainian');
  await page.click(`#ts-returnee-find-results button[data-id="${returnee}"]`);
  const chosen = await page.textContent('#ts-returnee-chosen');
  assert(chosen.includes('Звільнений: Дорошенко Максим') && chosen.includes('1990-09-09'), `not in Ukrainian: ${chosen}`);
  await page.goto(`${base}/testimonies`);
  await page.waitForSelector('#ts-import');
  assert((await page.textContent('#ts-import h2')) === 'Імпорт свідчень з файлу', 'the form is not in Ukrainian');
  await page.setInputFiles('#ts-file', testimonyFile('погані.csv', returnee, ['UK-1', 'UK-2'], 'спить'));
  await page.click('#ts-import-submit');
  await page.waitForSelector('#ts-import-problems li');
  const problems = await page.textContent('#ts-import-problems');
  assert(problems.includes('погані.csv:3') && problems.includes('condition') && /стовп|очіку/.test(problems),
    `the problem is not in Ukrainian: ${problems}`);
  await page.setInputFiles('#ts-file', testimonyFile('свідчення.csv', returnee, ['UK-1', 'UK-2']));
  await page.click('#ts-import-submit');
  await page.waitForSelector('#ts-import-list tr[data-ref="UK-2"]');
  assert((await page.textContent('#ts-import-done')).includes('Імпортовано'), 'the result is not in Ukrainian');
  await noOverflow(page, 'the import in Ukrainian');
  await shot(page, '96-testimony-import-uk');
}, { lang: 'uk' });

// A backlog of inquiries as an office keeps it: one about a person of the
// registry (by id), one about a son new to it (by his names).
function backlogFile(name, refs, known, newName, birth = '1979-01-02') {
  const path = join(dir, name);
  const [surname, given] = newName.split(' ');
  writeFileSync(path, 'ref,person,inquirer,relation,surname,given_names,birth_date,last_seen_place,consent_tracing\n' +
    `${refs[0]},${known},Ганна Шевчук,mother,,,,,written 2025-03-01\n` +
    `${refs[1]},,Оксана ${surname},spouse,${surname},${given},${birth},Кліщіївка,oral\n`);
  return path;
}

test('inquiries from the web: a backlog file with a bad row refused at its line and column, nothing written; the good file imported, each inquiry and person linked (a new son reported missing), the same file again skipped; no import form without inquiry_write', async (page) => {
  const count = async () => (await apiAs(page, 'GET', '/api/inquiries?limit=1')).body.total;
  await signIn(page, 'family_liaison');
  await page.click('nav a[href="/inquiries"]');
  await page.waitForSelector('#iq-import');
  const before = await count();
  assert((await page.textContent('#iq-import-intro')).includes('consent_dna_reference'), 'the columns are not said');
  await page.setInputFiles('#iq-file', backlogFile('backlog-bad.csv', ['WEB-IQ-1', 'WEB-IQ-2'], personId, 'Затуливітер Орест', '1979-13-02'));
  await page.click('#iq-import-submit');
  await page.waitForSelector('#iq-import-problems li');
  const problems = await page.textContent('#iq-import-problems');
  assert(problems.includes('backlog-bad.csv:3') && problems.includes('birth_date') && problems.includes('1979-13-02'),
    `the problem does not say its line and column: ${problems}`);
  assert(await count() === before, 'a refused file wrote inquiries');
  await shot(page, '97-inquiry-import-refused');
  const good = backlogFile('backlog.csv', ['WEB-IQ-1', 'WEB-IQ-2'], personId, 'Затуливітер Орест');
  await page.setInputFiles('#iq-file', good);
  await page.click('#iq-import-submit');
  await page.waitForSelector('#iq-import-list tr[data-ref="WEB-IQ-2"]');
  assert(await page.textContent('#iq-import-report dd[data-key="created"]') === '2', 'two inquiries not said imported');
  assert(await page.textContent('#iq-import-report dd[data-key="persons_created"]') === '1', 'the new son not said');
  assert((await page.textContent('#iq-import-list tr[data-ref="WEB-IQ-1"]')).includes(personId), 'the known person is not linked');
  assert((await page.textContent('#iq-import-list tr[data-ref="WEB-IQ-2"]')).includes('new person, reported missing'),
    'the new person is not said reported missing');
  assert(await count() === before + 2, 'the file was not imported');
  // The list above the form counts and shows the new inquiries without a reload.
  const imported = await page.getAttribute('#iq-import-list tr[data-ref="WEB-IQ-2"] a[href^="/inquiries/"]', 'href');
  await page.waitForSelector(`#inquiries a[href="${imported}"]`, { timeout: 5000 });
  assert((await page.textContent('#inquiries-count')).includes(String(before + 2)), 'the count is not the new one');
  await shot(page, '98-inquiry-imported');
  await noOverflow(page, 'the backlog import');
  // The same file again: nothing new, each row named as recorded before.
  await page.setInputFiles('#iq-file', good);
  await page.click('#iq-import-submit');
  await page.waitForSelector('#iq-import-list tr[data-ref="WEB-IQ-1"][data-skipped="true"]');
  assert((await page.textContent('#iq-import-done')).includes('Nothing new'), 'a second import is not said to change nothing');
  assert(await count() === before + 2, 'the second import wrote inquiries');
  // The new son's person: reported missing by the family, his inquiry on his Family tab.
  await page.click('#iq-import-list tr[data-ref="WEB-IQ-2"] a[href^="/inquiries/"]');
  await page.waitForSelector('#sought-link');
  assert((await page.textContent('main')).includes('Затуливітер'), 'the inquiry is not about the son');
  const son = (await page.getAttribute('#sought-link', 'href')).split('/').pop();
  const events = JSON.parse(run(['--json', 'person', 'show', son])).events || [];
  assert(events.some((e) => e.type === 'reported_missing'), `the new son has no reported_missing event: ${JSON.stringify(events)}`);
  // Audited as the command line's import is.
  const log = JSON.parse(run(['--json', 'audit', 'log', '--limit', '40']));
  assert(log.some((e) => e.action === 'import' && e.entity === 'inquiry_file' && e.after.file === 'backlog.csv' && e.after.created === 2),
    'the import is not audited');
  // Deny by default: the auditor reads the inquiries and has no import form.
  await signOutIn(page, 'auditor');
  await page.goto(`${base}/inquiries`);
  await page.waitForSelector('section.inquiries-page');
  assert(await page.locator('#iq-import').count() === 0, 'the auditor is offered the import');
});

test('DNA samples named later on the inquiry page: refused with the reason while no DNA consent stands, named once it is given, listed on the inquiry and audited; not offered to the auditor', async (page) => {
  await signIn(page, 'family_liaison');
  const iq = await apiAs(page, 'POST', '/api/inquiries', { inquirer: 'Ірина Шевчук', relation: 'sibling', person: personId,
    consents: [{ purpose: 'tracing', form: 'oral' }] });
  assert(iq.status === 201, `the inquiry was not recorded: ${iq.status}`);
  await page.goto(`${base}/inquiries/${iq.body.id}`);
  await page.waitForSelector('#sample-form');
  assert((await page.textContent('#sample-hint')).includes('No DNA consent is in force'), 'the form does not say no consent stands');
  await page.click('#sm-submit');
  await page.waitForSelector('#sample-msg .notice.error');
  assert((await page.textContent('#sample-msg')).includes('at least one sample'), 'an empty form is not said');
  assert(await page.evaluate(() => document.activeElement.id) === 'sm-samples', 'the field does not take the focus');
  await page.fill('#sm-samples', 'LAB-LATE-1');
  await page.click('#sm-submit');
  await page.waitForFunction(() => document.querySelector('#sample-msg')?.textContent.includes('DNA consent'));
  const why = await page.textContent('#sample-msg');
  assert(why.includes(iq.body.id) && why.includes('dna_reference'), `the refusal does not say why: ${why}`);
  assert(await page.locator('#dna-samples').count() === 0, 'a refused sample is listed');
  await shot(page, '99-dna-sample-refused');
  // The DNA consent given, then the samples named (two, with a comma).
  await page.selectOption('#cg-purpose', 'dna_reference');
  await page.click('#consent-form button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#sample-hint')?.textContent.includes('while the consent stands'));
  await page.fill('#sm-samples', 'LAB-LATE-1, LAB-LATE-2');
  await page.click('#sm-submit');
  await page.waitForSelector('#dna-samples');
  const listed = await page.textContent('#dna-samples');
  assert(listed.includes('LAB-LATE-1') && listed.includes('LAB-LATE-2'), `the samples are not listed: ${listed}`);
  await noOverflow(page, 'the samples');
  const shown = JSON.parse(run(['--json', 'inquiry', 'show', iq.body.id]));
  assert((shown.dna_samples || []).length === 2, `the command line does not see the two samples: ${JSON.stringify(shown.dna_samples)}`);
  const log = JSON.parse(run(['--json', 'audit', 'log', '--limit', '20']));
  assert(log.some((e) => e.action === 'samples' && e.entity_id === iq.body.id && JSON.stringify(e.after).includes('LAB-LATE-2')),
    'the samples are not audited');
  // Another inquiry's sample is refused, said where.
  const other = await apiAs(page, 'POST', '/api/inquiries', { inquirer: 'Ірина Шевчук', relation: 'sibling', person: personId,
    consents: [{ purpose: 'tracing', form: 'oral' }, { purpose: 'dna_reference', form: 'written' }] });
  await page.goto(`${base}/inquiries/${other.body.id}`);
  await page.fill('#sm-samples', 'LAB-LATE-2');
  await page.click('#sm-submit');
  await page.waitForSelector('#sample-msg .notice.error');
  assert((await page.textContent('#sample-msg')).includes('LAB-LATE-2'), 'the sample named under another inquiry is not said');
  await signOutIn(page, 'auditor');
  await page.goto(`${base}/inquiries/${iq.body.id}`);
  await page.waitForSelector('#consent-history');
  assert(await page.locator('#sample-form').count() === 0, 'the auditor is offered to name samples');
});

test('DNA references on the DNA data page: every reference sample with its consent (the laboratory\'s, given, withdrawn), filtered by state', async (page) => {
  await signIn(page, 'family_liaison');
  const given = await apiAs(page, 'POST', '/api/inquiries', { inquirer: 'Лідія Гнатюк', relation: 'mother', person: personId,
    consents: [{ purpose: 'tracing', form: 'oral' }, { purpose: 'dna_reference', form: 'written', samples: ['LAB-REFS-1'] }] });
  const gone = await apiAs(page, 'POST', '/api/inquiries', { inquirer: 'Павло Гнатюк', relation: 'father', person: personId,
    consents: [{ purpose: 'tracing', form: 'oral' }, { purpose: 'dna_reference', form: 'written', samples: ['LAB-REFS-2'] }] });
  assert(given.status === 201 && gone.status === 201, 'the inquiries were not recorded');
  const w = await apiAs(page, 'POST', `/api/inquiries/${gone.body.id}/withdrawals`, { purpose: 'dna_reference' });
  assert(w.status === 200, `the consent was not withdrawn: ${w.status}`);
  await signOutIn(page, 'identification');
  await page.goto(`${base}/dna/data`);
  await page.waitForSelector('#references tr[data-state="laboratory"]');
  const all = Number((await page.textContent('#ref-count')).replace(/\D/g, ''));
  assert(await page.locator('#references tr[data-sample="LAB-REFS-1"][data-state="given"]').count() === 1, 'the given sample is not listed');
  assert(await page.locator('#references tr[data-sample="LAB-REFS-2"][data-state="withdrawn"]').count() === 1, 'the withdrawn sample is not listed');
  const head = await page.textContent('#references thead');
  assert(head.includes('Consent') && head.includes('Loci'), `the columns are not said: ${head}`);
  await shot(page, '9a-dna-references');
  await noOverflow(page, 'the references');
  // Only the given: theirs with its inquiry, none of the laboratory's.
  await page.selectOption('#ref-state', 'given');
  await page.click('#ref-show');
  await page.waitForFunction(() => !document.querySelector('#references tr[data-state="laboratory"]'));
  const row = await page.textContent('#references tr[data-sample="LAB-REFS-1"]');
  assert(row.includes(given.body.id) && row.includes('given'), `the given sample's row: ${row}`);
  assert(await page.locator('#references tbody tr:not([data-state="given"])').count() === 0, 'another state is shown');
  assert((await page.textContent('#ref-count')).includes('given'), 'the count does not say the state');
  // Only the withdrawn: with why, never the relative.
  await page.selectOption('#ref-state', 'withdrawn');
  await page.click('#ref-show');
  await page.waitForSelector('#references tr[data-sample="LAB-REFS-2"]');
  assert(await page.locator('#references tbody tr:not([data-state="withdrawn"])').count() === 0, 'another state is shown');
  const held = await page.textContent('#dna-references');
  assert(held.includes('withdrew their DNA consent') && held.includes(gone.body.id), `why it is withheld is not said: ${held}`);
  assert(!held.includes('Гнатюк'), 'the list names the relative');
  // The laboratory's: fewer than all, none given or withdrawn.
  await page.selectOption('#ref-state', 'laboratory');
  await page.click('#ref-show');
  await page.waitForFunction(() => !document.querySelector('#references tr[data-sample="LAB-REFS-2"]'));
  const lab = Number((await page.textContent('#ref-count')).replace(/\D/g, ''));
  assert(lab > 0 && lab < all, `the laboratory's count ${lab} of ${all}`);
  assert(await page.locator('#references tbody tr:not([data-state="laboratory"])').count() === 0, 'another state is shown');
  // Deny by default: the liaison may not read the references.
  await signOutIn(page, 'family_liaison');
  const r = await apiAs(page, 'GET', '/api/dna/references');
  assert(r.status === 403, `the liaison read the references: ${r.status}`);
});

test('inquiries and DNA samples from the web in Ukrainian: a backlog file refused with its problem in Ukrainian, the good one imported; a sample refused with the reason in Ukrainian; the references filtered', async (page) => {
  await signIn(page, 'family_liaison');
  await page.goto(`${base}/inquiries`);
  await page.waitForSelector('#iq-import');
  assert((await page.textContent('#iq-import h2')) === 'Імпорт накопичених запитів з файлу', 'the form is not in Ukrainian');
  await page.setInputFiles('#iq-file', backlogFile('погані-запити.csv', ['UK-IQ-1', 'UK-IQ-2'], personId, 'Вернигора Тарас', '1985-02-30'));
  await page.click('#iq-import-submit');
  await page.waitForSelector('#iq-import-problems li');
  const problems = await page.textContent('#iq-import-problems');
  assert(problems.includes('погані-запити.csv:3') && problems.includes('birth_date') && /стовп|очіку/.test(problems),
    `the problem is not in Ukrainian: ${problems}`);
  await page.setInputFiles('#iq-file', backlogFile('запити.csv', ['UK-IQ-1', 'UK-IQ-2'], personId, 'Вернигора Тарас', '1985-02-03'));
  await page.click('#iq-import-submit');
  await page.waitForSelector('#iq-import-list tr[data-ref="UK-IQ-2"]');
  assert((await page.textContent('#iq-import-done')).includes('Імпортовано'), 'the result is not in Ukrainian');
  assert((await page.textContent('#iq-import-list tr[data-ref="UK-IQ-2"]')).includes('нова особа'), 'how the person was found is not in Ukrainian');
  await noOverflow(page, 'the backlog import in Ukrainian');
  await shot(page, '9b-inquiry-import-uk');
  // A sample without the DNA consent: the reason in Ukrainian.
  await page.click('#iq-import-list tr[data-ref="UK-IQ-1"] a[href^="/inquiries/"]');
  await page.waitForSelector('#sample-form');
  assert((await page.textContent('#sample-form h3')) === 'Назвати зразок ДНК, наданий пізніше', 'the samples form is not in Ukrainian');
  await page.fill('#sm-samples', 'LAB-UK-1');
  await page.click('#sm-submit');
  await page.waitForSelector('#sample-msg .notice.error');
  const why = await page.textContent('#sample-msg');
  assert(/згод/i.test(why) && !why.includes('has no DNA consent'), `the refusal is not in Ukrainian: ${why}`);
  await signOutIn(page, 'identification');
  await page.goto(`${base}/dna/data`);
  await page.waitForSelector('#references');
  assert((await page.textContent('#dna-references h2')) === 'Референсні зразки та згода на них', 'the references are not in Ukrainian');
  await page.selectOption('#ref-state', 'laboratory');
  await page.click('#ref-show');
  await page.waitForFunction(() => document.querySelector('#ref-count')?.textContent.includes('лабораторії'));
  await noOverflow(page, 'the references in Ukrainian');
}, { lang: 'uk' });

test('DNA consent: the liaison withdraws a mother\'s DNA consent and the page names the proposal that fell; the DNA data page shows her reference withheld; given again, usable', async (page) => {
  // A proposed pair of ours that the DNA test does not decide, and a sample of its family.
  const pair = proposed.find((p) => simParty[p.person] === 'UA' && p !== dnaOurs && p !== dnaTheirs);
  assert(pair, 'no second proposed pair in the simulation');
  const sample = readFileSync(join(sim, 'references.csv'), 'utf8').split(/\r?\n/)
    .find((l) => l.split(',')[1] === pair.person).split(',')[0];
  await signIn(page, 'family_liaison');
  const iq = await apiAs(page, 'POST', '/api/inquiries', { inquirer: 'Марія Гончар', relation: 'mother', person: pair.person,
    consents: [{ purpose: 'tracing', form: 'oral' }, { purpose: 'dna_reference', form: 'written', samples: [sample] }] });
  assert(iq.status === 201, `the inquiry was not recorded: ${iq.status} ${JSON.stringify(iq.body)}`);
  await page.goto(`${base}/inquiries/${iq.body.id}`);
  await page.waitForSelector('#consent-history button.withdraw[data-purpose="dna_reference"]');
  await page.click('#consent-history button.withdraw[data-purpose="dna_reference"]');
  await page.waitForSelector('#dna-change #dna-fallen');
  const said = await page.textContent('#dna-change');
  assert(said.includes(sample), `the withheld sample is not named: ${said}`);
  assert((await page.textContent('#dna-fallen')).includes(pair.case), `the fallen proposal of ${pair.case} is not named: ${said}`);
  assert((await page.textContent('#dna-fallen')).includes(pair.person), 'the fallen proposal\'s person is not named');
  assert((await page.textContent('#dna-samples')).includes(`${sample} (withheld`), 'the inquiry does not show its sample withheld');
  await shot(page, '90-dna-consent-withdrawn');
  await noOverflow(page, 'the withdrawal');
  // The identification officer sees the reference withheld, without the mother's contacts, and the proposal fallen.
  await signOutIn(page, 'identification');
  await page.goto(`${base}/dna/data?references=withdrawn`);
  await page.waitForSelector(`#references tr[data-sample="${sample}"][data-state="withdrawn"]`);
  const held = await page.textContent('#dna-references');
  assert(held.includes(sample) && held.includes(iq.body.id), `the withheld reference is not listed: ${held}`);
  assert(!held.includes('Гончар'), 'the withheld list names the relative');
  await shot(page, '91-dna-withheld');
  await page.goto(`${base}/dna?status=fallen`);
  await page.waitForSelector(`text=${pair.case}`);
  // Given again: the page says the sample is usable again.
  await signOutIn(page, 'family_liaison');
  await page.goto(`${base}/inquiries/${iq.body.id}`);
  await page.waitForSelector('#consent-form');
  await page.selectOption('#cg-purpose', 'dna_reference');
  await page.click('#consent-form button[type=submit]');
  await page.waitForSelector('#dna-change');
  assert((await page.textContent('#dna-change')).includes(sample), 'given again: the sample is not said usable');
});

async function letterInquiry(page, inquirer) {
  const iq = await apiAs(page, 'POST', '/api/inquiries', { inquirer, relation: 'mother', person: personId, language: 'uk',
    address: 'вул. Садова 5, Полтава', email: 'family@example.org', consents: [{ purpose: 'tracing', form: 'written' }] });
  assert(iq.status === 201, `the inquiry was not recorded: ${iq.status}`);
  return iq.body.id;
}

test('letters: written on an inquiry (preview, the printable page with print CSS, marked as sent, listed); a template refused at its line, then saved with its history', async (page) => {
  await signIn(page, 'family_liaison');
  const q = await letterInquiry(page, 'Ганна Шевчук');
  await page.goto(`${base}/inquiries/${q}`);
  await page.waitForSelector('#letters-section');
  assert(await page.inputValue('#letter-lang') === 'uk', 'the letter is not in the inquirer\'s language');
  await page.selectOption('#letter-kind', 'acknowledgement');
  await page.click('#letter-preview-btn');
  await page.waitForSelector('#letter-sheet');
  const body = await page.textContent('#letter-body');
  assert(body.includes('Шановна Ганна Шевчук!'), `the preview is not the Ukrainian acknowledgement: ${body.slice(0, 80)}`);
  assert((await page.textContent('.address-block')).includes('вул. Садова 5, Полтава'), 'no address block');
  await noOverflow(page, 'the letter preview');
  // The printable page: the letter alone when printed.
  await page.click('#letter-print-link');
  await page.waitForSelector('section.letter-page #letter-sheet');
  await page.emulateMedia({ media: 'print' });
  assert(!(await page.isVisible('header.top')), 'the app\'s header is printed');
  assert(!(await page.isVisible('#print-button')), 'the print button is printed');
  assert(await page.isVisible('#letter-body'), 'the letter is not printed');
  await shot(page, '82-letter-print');
  await page.emulateMedia({ media: 'screen' });
  // Marked as sent, by e-mail: listed on the inquiry.
  await page.goto(`${base}/inquiries/${q}`);
  await page.waitForSelector('#letters-none');
  await page.click('#letter-preview-btn');
  await page.waitForSelector('#letter-send-form');
  await page.selectOption('#letter-how', 'email');
  await page.click('#letter-send');
  await page.waitForSelector('#letters tr[data-kind="acknowledgement"]');
  assert((await page.textContent('#letters')).includes('by e-mail'), 'how it was sent is not listed');
  await shot(page, '83-letters-on-inquiry');
  // A notice of return before the return is refused, saying the status.
  await page.selectOption('#letter-kind', 'return');
  await page.click('#letter-preview-btn');
  await page.waitForSelector('#letter-msg .notice.error');
  assert((await page.textContent('#letter-msg')).includes('a notice of return needs the person repatriated or released'),
    'the refusal does not say why');
  // The templates page: a bad placeholder refused at its line, then a good text kept with its history.
  await page.click('#templates-link');
  await page.waitForSelector('#templates');
  await page.click('#edit-acknowledgement-uk');
  await page.waitForSelector('#tmpl-editor');
  await page.fill('#tmpl-body', 'Шановна {inquirer}!\n\nЩодо {persn}.');
  await page.click('#tmpl-save');
  await page.waitForSelector('#tmpl-error-line');
  assert((await page.textContent('#tmpl-msg')).includes('line 3, column 6'), 'the refusal does not say where');
  assert((await page.textContent('#tmpl-error-line')).includes('Щодо {persn}.'), 'the line is not shown');
  await shot(page, '84-template-refused');
  await page.fill('#tmpl-inquiry', q);
  await page.fill('#tmpl-body', 'Шановна {inquirer}!\n\nЩодо {person}.');
  await page.click('#tmpl-preview-btn');
  await page.waitForSelector('#tmpl-preview #letter-sheet');
  assert((await page.textContent('#tmpl-preview')).includes('Шановна Ганна Шевчук!'), 'the draft is not previewed');
  await page.click('#tmpl-save');
  await page.waitForSelector('#tmpl-history');
  await page.click('#tmpl-reset');
  await page.waitForFunction(() => document.querySelectorAll('#tmpl-history tbody tr').length === 2);
  // The letter sent before keeps its text.
  await page.goto(`${base}/inquiries/${q}`);
  await page.click('#letters a[href^="/letters/L"]');
  await page.waitForSelector('#letter-sheet');
  assert((await page.textContent('#letter-body')).includes('Шановна Ганна Шевчук!'), 'the sent letter changed');
  // A registrar writes no letter.
  await signOutIn(page, 'registrar');
  const r = await apiAs(page, 'POST', '/api/letters/render', { inquiry: q, kind: 'acknowledgement' });
  assert(r.status === 403, `a registrar rendered a letter: ${r.status}`);
});

test('letters: the admin sets the office\'s name for the letterheads on the templates page (shown on the preview, read by the liaison, refused to her through the API) and edits a template', async (page) => {
  await signIn(page, 'family_liaison');
  const q = await letterInquiry(page, 'Марта Шевчук');
  await signOutIn(page, 'admin');
  await page.goto(`${base}/letters/templates?kind=status_update&lang=en&inquiry=${q}`);
  await page.waitForSelector('#office-section #office-name');
  assert((await page.textContent('#office-current')).includes('No name is set'), 'a name is said set before any was');
  const name = 'Координаційний штаб з питань поводження з військовополоненими';
  await page.fill('#office-name', name);
  await page.click('#office-save');
  await page.waitForSelector('#office-msg .notice.success');
  assert((await page.textContent('#office-current')).includes(name), 'the name saved is not shown');
  await shot(page, '86-letter-office-name');
  // On the letterhead of a preview.
  await page.click('#tmpl-preview-btn');
  await page.waitForSelector('#tmpl-preview #letterhead');
  assert((await page.textContent('#letterhead')) === name, 'the letterhead does not carry the name');
  // The admin edits a template as the liaison does, and resets it.
  await page.fill('#tmpl-body', '{dear} {inquirer}, about {person}: {status}. {office}');
  await page.click('#tmpl-save');
  await page.waitForSelector('#tmpl-history');
  assert((await page.textContent('#tmpl-history')).includes('admin'), 'the version is not the admin\'s');
  await page.click('#tmpl-reset');
  await page.waitForFunction(() => document.querySelectorAll('#tmpl-history tbody tr').length === 2);
  // The liaison sees the name, cannot set it.
  await signOutIn(page, 'family_liaison');
  await page.goto(`${base}/letters/templates`);
  await page.waitForSelector('#office-section');
  assert((await page.textContent('#office-current')).includes(name), 'the liaison does not see the name');
  assert(await page.locator('#office-name').count() === 0, 'the liaison is offered to set the name');
  const r = await apiAs(page, 'POST', '/api/letters/office', { office: 'Інший штаб' });
  assert(r.status === 403, `the liaison set the office's name: ${r.status}`);
  // Taken away again by the admin, so that the other letters tests print no name.
  await signOutIn(page, 'admin');
  const off = await apiAs(page, 'POST', '/api/letters/office', { office: '' });
  assert(off.status === 200 && off.body.office === null, 'the name was not taken away');
});

test('letters in the Ukrainian UI: write, preview, print, mark as sent, listed', async (page) => {
  await signIn(page, 'family_liaison');
  const q = await letterInquiry(page, 'Ольга Шевчук');
  await page.goto(`${base}/inquiries/${q}`);
  await page.waitForSelector('#letters-section');
  assert((await page.textContent('#letters-section h2')) === 'Листи', 'the section is not in Ukrainian');
  await page.selectOption('#letter-kind', 'status_update');
  await page.click('#letter-preview-btn');
  await page.waitForSelector('#letter-sheet');
  assert((await page.textContent('#letter-body')).includes('статус цієї особи'), 'not the status update');
  assert((await page.textContent('#letter-print-link')) === 'Друкувати', 'the print link is not in Ukrainian');
  await page.click('#letter-print-link');
  await page.waitForSelector('section.letter-page #letter-sheet');
  assert((await page.textContent('#print-button')) === 'Друкувати', 'the print button is not in Ukrainian');
  await page.goBack();
  await page.waitForSelector('#letter-preview-btn');
  await page.selectOption('#letter-kind', 'status_update');
  await page.click('#letter-preview-btn');
  await page.waitForSelector('#letter-send-form');
  await page.selectOption('#letter-how', 'post');
  await page.click('#letter-send');
  await page.waitForSelector('#letters tr[data-kind="status_update"]');
  const row = await page.textContent('#letters tr[data-kind="status_update"]');
  assert(row.includes('поштою') && row.includes('повідомлення про статус'), `the row is not in Ukrainian: ${row}`);
  await noOverflow(page, 'the letters in Ukrainian');
  await shot(page, '85-letters-uk');
}, { lang: 'uk' });

const only = process.env.PARLEY_BROWSER_ONLY;
if (only) tests.splice(0, tests.length, ...tests.filter((t) => only.split('|').some((o) => t.name.includes(o))));
let failed = 0;
console.log(`1..${tests.length + 1}`);
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

await browser.close().catch((e) => console.log(`# chromium did not close cleanly: ${e.message}`));
// The server must have lived through every test and stop when asked: a
// server that died on the way (after the last page it served, say) would
// otherwise leave this script waiting on an exit that already happened.
const died = server.exitCode !== null || server.signalCode !== null;
if (died) {
  failed++;
  console.log(`not ok ${tests.length + 1} - the server lived through every test`);
  console.log(`  # parley serve exited early: code ${server.exitCode}, signal ${server.signalCode}`);
} else {
  const stopped = new Promise((r) => server.on('exit', (code, signal) => r({ code, signal })));
  server.kill('SIGTERM');
  const end = await Promise.race([stopped, new Promise((r) => setTimeout(() => r(null), 15000))]);
  const clean = end && (end.code === 0 || end.signal === 'SIGTERM');
  if (!clean) failed++;
  console.log(`${clean ? 'ok' : 'not ok'} ${tests.length + 1} - the server lived through every test and stopped when asked`);
  if (!clean) console.log(`  # ${end ? `it exited with code ${end.code}, signal ${end.signal}` : 'it did not stop within 15 s'}`);
  if (!end) server.kill('SIGKILL');
}
rmSync(dir, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
