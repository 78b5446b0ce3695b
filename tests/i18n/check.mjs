// The message catalogues are complete (TAP): every code the C sources use
// has a text in English, Ukrainian and Russian in the C catalogue
// (src/core/msgtab*.c), which the UI reads from GET /api/messages, once;
// every UI key of en.js is in uk.js and ru.js; every key the pages use
// (web/js/**) is in en.js, uk.js and ru.js; a text names the same
// {arguments} in every language.
//   node tests/i18n/check.mjs SRC_DIR WEB_DIR
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cCatalogue, cCodes, cEntries } from './catalogue.mjs';
import { keyUses, missingIn, kindsMissing } from './uikeys.mjs';
import { tap } from './tap.mjs';

const [src, web] = process.argv.slice(2).map((p) => resolve(p));
const LANGS = ['en', 'uk', 'ru'];
const ui = {};
for (const l of LANGS) ui[l] = (await import(pathToFileURL(join(web, 'js/lang', `${l}.js`)))).default;

const { ok, end } = tap();

// {name}, {name:kind}, {@name}, {name#one|few|many}: the argument's name
const args = (s) => [...new Set([...String(s).matchAll(/\{@?(\w+)(?::\w+|#[^}]*)?\}/g)].map((m) => m[1]))].sort().join(',');
// Keys are paths (arrays: a key may hold a dot, "jw>=0.94"); codes are
// dotted ("stage.not_on").
const flat = (o, p = []) => Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? flat(v, [...p, k]) : [[[...p, k], v]]));
const lookup = (t, key) => (Array.isArray(key) ? key : key.split('.')).reduce((o, k) => (o && o[k] !== undefined ? o[k] : undefined), t);

// 1. the C catalogue: three texts, the same arguments
const cat = cCatalogue(src);
const bad = Object.entries(cat).filter(([, t]) => t.length !== 3 || t.some((s) => !s));
ok(Object.keys(cat).length > 0 && !bad.length, 'the C catalogue has a text in each of en, uk, ru for every code',
  bad.map(([c]) => c));
const argsDiffer = Object.entries(cat).filter(([, t]) => t.length === 3 && (args(t[1]) !== args(t[0]) || args(t[2]) !== args(t[0])));
ok(!argsDiffer.length, 'the C catalogue names the same arguments in every language', argsDiffer.map(([c]) => c));

// 2. every code the sources raise is in the C catalogue
const used = cCodes(src);
const missing = [...used].filter(([c]) => !cat[c]).map(([c, f]) => `${c} (${f})`);
ok(used.size > 0 && !missing.length, `every code the C sources use is in the C catalogue (${used.size} codes)`, missing);

// 3. one text per code: a code is in one part of the catalogue, once,
// and the UI's tables do not keep a copy of it (they read /api/messages)
const all = cEntries(src);
const twice = all.filter((c, i) => all.indexOf(c) !== i);
ok(!twice.length, `no code is in the C catalogue twice (${all.length} entries)`, twice);
for (const l of LANGS)
  ok(ui[l].errors === undefined, `web/js/lang/${l}.js keeps no copy of the server's messages (errors)`);

// 4. the UI: every key of en.js in the other languages, same placeholders
const en = flat(ui.en);
for (const l of LANGS.slice(1)) {
  const gaps = en.filter(([k]) => { const v = lookup(ui[l], k); return v === undefined || v === ''; }).map(([k]) => k.join('.'));
  ok(!gaps.length, `web/js/lang/${l}.js has every key of en.js (${en.length} keys)`, gaps.slice(0, 40));
  const diff = en.filter(([k, v]) => typeof lookup(ui[l], k) === 'string' && args(lookup(ui[l], k)) !== args(v)).map(([k]) => k.join('.'));
  ok(!diff.length, `web/js/lang/${l}.js names the same {placeholders} as en.js`, diff.slice(0, 40));
}

// 5. every key the pages use is in each language file (t('…'),
// label('kind', …), a key kept for t(); tests/i18n/uikeys.mjs), and the
// {name:kind} of a text names a table of its file
const uses = keyUses(web, new Set(Object.keys(ui.en).filter((k) => ui.en[k] && typeof ui.en[k] === 'object')));
ok(uses.length > 0, `the pages' keys are read (${uses.length} uses under web/js)`);
for (const l of LANGS) {
  const gaps = missingIn(ui[l], l, uses).concat(kindsMissing(ui[l], l));
  ok(!gaps.length, `web/js/lang/${l}.js has every key the pages use`, gaps.slice(0, 40));
}

// 6. the UI writes a count's word as the C catalogue does ({n#...};
// core/test_msg checks the same numbers on the C side)
globalThis.localStorage = { getItem: () => null, setItem: () => {} };
globalThis.navigator = { language: 'en' };
globalThis.document = { documentElement: {} };
const i18n = await import(pathToFileURL(join(web, 'js/i18n.js')));
const plural = {
  en: ['{n} {n#person|persons}', { 0: '0 persons', 1: '1 person', 2: '2 persons', 21: '21 persons' }],
  uk: ['{n} {n#особа|особи|осіб}', { 0: '0 осіб', 1: '1 особа', 2: '2 особи', 4: '4 особи', 5: '5 осіб', 11: '11 осіб',
    12: '12 осіб', 21: '21 особа', 22: '22 особи', 25: '25 осіб', 111: '111 осіб', 121: '121 особа' }],
  ru: ['{n} {n#лицо|лица|лиц}', { 1: '1 лицо', 3: '3 лица', 14: '14 лиц', 101: '101 лицо', 102: '102 лица' }],
};
for (const [l, [tmpl, want]] of Object.entries(plural)) {
  i18n.setLanguage(l);
  const wrong = Object.entries(want).filter(([k, v]) => i18n.format(tmpl, { n: Number(k) }) !== v)
    .map(([k, v]) => `${k}: ${i18n.format(tmpl, { n: Number(k) })}, not ${v}`);
  ok(!wrong.length, `the UI writes a count's word in ${l} as the catalogue does`, wrong);
}

end();
