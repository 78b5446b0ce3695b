// The message catalogues are complete (TAP): every code the C sources use
// has a text in English, Ukrainian and Russian in the C catalogue
// (src/core/msgtab.c) and in the UI's (web/js/lang/*.js, under errors);
// every UI key of en.js is in uk.js and ru.js; a text names the same
// {arguments} in every language.
//   node tests/i18n/check.mjs SRC_DIR WEB_DIR
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cCatalogue, cCodes } from './catalogue.mjs';

const [src, web] = process.argv.slice(2).map((p) => resolve(p));
const LANGS = ['en', 'uk', 'ru'];
const ui = {};
for (const l of LANGS) ui[l] = (await import(pathToFileURL(join(web, 'js/lang', `${l}.js`)))).default;

let n = 0;
let failed = 0;
function ok(cond, what, detail) {
  n++;
  if (!cond) failed++;
  console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${what}`);
  if (!cond && detail) for (const line of [].concat(detail)) console.log(`#   ${line}`);
}

const args = (s) => [...String(s).matchAll(/\{@?(\w+)(?::\w+)?\}/g)].map((m) => m[1]).sort().join(',');
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

// 3. every code has a text in the UI's catalogues, with the same arguments
for (const l of LANGS) {
  const gaps = Object.keys(cat).filter((c) => typeof lookup(ui[l].errors || {}, c) !== 'string');
  ok(!gaps.length, `web/js/lang/${l}.js has errors.CODE for every code`, gaps);
  const diff = Object.entries(cat).filter(([c, t]) => typeof lookup(ui[l].errors || {}, c) === 'string' &&
    args(lookup(ui[l].errors, c)) !== args(t[0])).map(([c]) => c);
  ok(!diff.length, `web/js/lang/${l}.js names the code's arguments as the C catalogue does`, diff);
}

// 4. the UI: every key of en.js in the other languages, same placeholders
const en = flat(ui.en);
for (const l of LANGS.slice(1)) {
  const gaps = en.filter(([k]) => { const v = lookup(ui[l], k); return v === undefined || v === ''; }).map(([k]) => k.join('.'));
  ok(!gaps.length, `web/js/lang/${l}.js has every key of en.js (${en.length} keys)`, gaps.slice(0, 40));
  const diff = en.filter(([k, v]) => typeof lookup(ui[l], k) === 'string' && args(lookup(ui[l], k)) !== args(v)).map(([k]) => k.join('.'));
  ok(!diff.length, `web/js/lang/${l}.js names the same {placeholders} as en.js`, diff.slice(0, 40));
}

console.log(`1..${n}`);
process.exit(failed ? 1 : 0);
