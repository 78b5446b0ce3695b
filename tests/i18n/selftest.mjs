// The check that every key the pages use is in the language files
// (uikeys.mjs), on small fixture trees, and check.mjs itself on a copy of
// the real web/ with one key missing (TAP):
//   node tests/i18n/selftest.mjs SRC_DIR WEB_DIR
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { keyUses, missingIn, kindsMissing } from './uikeys.mjs';
import { tap } from './tap.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const [src, web] = process.argv.slice(2).map((p) => resolve(p));
const roots = [];

const { ok, end } = tap();

// A web/ of one page (web/js/pages/p.js) and the tables given.
function tree(page, table = { a: { one: 'One', kind_x: 'X' }, kinds: { held: 'held' } }) {
  const root = mkdtempSync(join(tmpdir(), 'uikeys-'));
  roots.push(root);
  mkdirSync(join(root, 'js', 'pages'), { recursive: true });
  mkdirSync(join(root, 'js', 'lang'));
  writeFileSync(join(root, 'js', 'pages', 'p.js'), page);
  return { root, table };
}

function problems(page, table) {
  const f = tree(page, table);
  const spaces = new Set(Object.keys(f.table).filter((k) => typeof f.table[k] === 'object'));
  return missingIn(f.table, 'en', keyUses(f.root, spaces)).concat(kindsMissing(f.table, 'en'));
}

let p = problems("import { t, label } from '../i18n.js';\nt('a.one'); label('kinds', s); label('kinds', 'held');\nt(`a.kind_${k}`);\n");
ok(!p.length, 'keys the file has pass', p);

p = problems("const x = 1;\nconst y = h('p', {}, t('a.two', { n: 2 }));\n");
ok(p.length === 1 && p[0] === "js/pages/p.js:2:24: t('a.two'): not in en.js", 'a key the file lacks fails, at its file, line and column', p);

p = problems("t(done ? 'a.one' : 'a.three');\n");
ok(p.length === 1 && p[0].includes("t('a.three')"), 'each key of a choice is checked', p);

p = problems("// as t('a.gone') would say\n/* t('a.gone2') */\nconst s = \"t('a.not_a_call')\";\nconst r = /t\\('a.x'\\)/;\nt('a.one');\n");
ok(!p.length, 'a key in a comment, a string or a regular expression is not a use', p);

p = problems("t(`a.flag_${f}`);\n");
ok(p.length === 1 && p[0].includes('no key of that shape'), 'a key made from a template needs a key of its shape', p);

p = problems("label('colours', c);\nlabel('kinds', 'lost');\n");
ok(p.length === 2 && p[0].includes("no table 'colours'") && p[1].includes("label('kinds', 'lost')"),
  'label() needs its table, and a value written out in it', p);

p = problems("const KEYS = ['a.one', 'a.four'];\nh('p', {}, KEYS.map((k) => t(k)));\nimport('./x.js'); get('/api/a.json');\n");
ok(p.length === 1 && p[0].includes("'a.four' (a key kept for t())"), 'a key kept in a list for t() is checked too', p);

p = problems("t('a.one');\n", { a: { one: 'One', said: 'State: {s:colours}' } });
ok(p.length === 1 && p[0].includes("no table 'colours'"), 'a {name:kind} placeholder needs its table', p);

p = problems("t('a.nested');\n", { a: { one: 'One', nested: { deeper: 'x' } } });
ok(p.length === 1, 'a key naming a table, not a text, fails (t() would show [object Object])', p);

// check.mjs itself: the real web/ passes; one page's key missing from
// uk.js and ru.js only fails, naming the page, the languages and the key.
const run = (w) => spawnSync(process.execPath, [join(here, 'check.mjs'), src, w], { encoding: 'utf8' });
const copy = mkdtempSync(join(tmpdir(), 'uikeys-web-'));
roots.push(copy);
cpSync(web, copy, { recursive: true });
let r = run(copy);
ok(r.status === 0, 'check.mjs passes on a copy of web/', r.stdout.split('\n').filter((l) => l.startsWith('not ok') || l.startsWith('#')));
writeFileSync(join(copy, 'js', 'pages', 'zz_selftest.js'), "import { t } from '../i18n.js';\nexport const x = () => t('families.no_such_key_for_the_selftest');\n");
r = run(copy);
const said = r.stdout.split('\n');
ok(r.status === 1 && said.some((l) => /^not ok \d+ - web\/js\/lang\/en\.js has every key the pages use/.test(l)) &&
  said.some((l) => l.includes("js/pages/zz_selftest.js:2:26: t('families.no_such_key_for_the_selftest'): not in en.js")),
'check.mjs fails on a page using a key en.js lacks, naming where', said.filter((l) => l.startsWith('not ok') || l.startsWith('#')));

for (const root of roots) rmSync(root, { recursive: true, force: true });
end();
