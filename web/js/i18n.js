// Labels in the user's language: t('search.title'), t('search.results', {n: 5}).
import en from './lang/en.js';
import uk from './lang/uk.js';
import ru from './lang/ru.js';

export const languages = { uk, en, ru };
let current = pickLanguage();

function pickLanguage() {
  const saved = localStorage.getItem('parley.lang');
  if (saved && languages[saved]) return saved;
  const asked = (navigator.language || '').toLowerCase().slice(0, 2);
  return languages[asked] ? asked : 'en';
}

export function language() {
  return current;
}

export function setLanguage(code) {
  if (!languages[code]) return;
  current = code;
  localStorage.setItem('parley.lang', code);
  document.documentElement.lang = code;
}

// The server's message catalogue (GET /api/messages), a language at a
// time: the texts of the codes its errors, reasons and notes carry. One
// catalogue serves the CLI and the UI, so there is no copy here.
const catalogues = {};

export async function loadMessages(code = current) {
  if (catalogues[code]) return;
  try {
    const r = await fetch(`/api/messages?lang=${encodeURIComponent(code)}`, { credentials: 'same-origin' });
    if (r.ok) catalogues[code] = (await r.json()).messages;
    else console.warn(`the message catalogue (${code}) did not load: HTTP ${r.status}; the server's English is shown`);
  } catch (e) {
    console.warn(`the message catalogue (${code}) did not load: ${e}; the server's English is shown`);
  }
}

function catalogueText(code) {
  const c = catalogues[current] || catalogues.en;
  return c && typeof c[code] === 'string' ? c[code] : undefined;
}

function lookup(table, key) {
  return key.split('.').reduce((o, k) => (o && o[k] !== undefined ? o[k] : undefined), table);
}

// A label, with {name} placeholders filled in; the English one if this
// language lacks it, and the key itself if both do (so gaps show).
// {name:kind} writes the value as label(kind, value) (a status in words);
// {@name} the text of the message code the value holds (the catalogue's), with
// the same vars. The server's coded messages use the same syntax.
export function t(key, vars) {
  let s = lookup(languages[current], key);
  if (s === undefined) s = lookup(en, key);
  if (s === undefined) return key;
  if (vars) s = fill(s, vars, 0);
  return s;
}

// {n#one|other} (English) or {n#one|few|many} (Ukrainian, Russian): the
// word's form for the number n holds, as the C catalogue writes it.
const PLURAL_INDEX = { one: 0, few: 1, many: 2, other: 2 };
function pluralForm(n, forms) {
  const f = forms.split('|');
  const cat = new Intl.PluralRules(current).select(Number(n));
  const i = current === 'en' ? (cat === 'one' ? 0 : 1) : PLURAL_INDEX[cat] ?? 2;
  return f[Math.min(i, f.length - 1)];
}

// A template of the catalogue's syntax filled with vars, in the language shown.
export function format(template, vars) {
  return fill(template, vars || {}, 0);
}

function fill(s, vars, depth) {
  return s.replace(/\{(@?)(\w+)(?::(\w+)|#([^}]*))?\}/g, (m, at, k, kind, forms) => {
    const v = vars[k];
    if (v === undefined || v === null) return m;
    if (forms !== undefined) return pluralForm(v, forms);
    if (at && depth < 3 && hasMessage(v)) return fill(catalogueText(v), vars, depth + 1);
    return kind ? label(kind, v) : String(v);
  });
}

function hasMessage(code) {
  return catalogueText(code) !== undefined;
}

// A coded message from the server (an error's message_code and args, a
// planner's reason) in the user's language; null if no catalogue has it.
export function message(code, args) {
  return code && hasMessage(code) ? fill(catalogueText(code), withTitle(args || {}), 0) : null;
}

// A message that names an agreement by the id the CLI's user typed
// ({agreement}) and gives its titles (title_en, title_uk, title_ru): the UI
// names it by its title in the user's language instead of the id.
function withTitle(args) {
  const title = args.agreement && (args[`title_${current}`] || args.title_en || args.title_uk || args.title_ru);
  return title ? { ...args, agreement: title } : args;
}

// An error body's text ({code, message, message_code, args, context}): the
// coded message in the user's language; else what kind of error it is in
// the user's language, before the server's English text.
export function errorText(e, status) {
  const coded = message(e.message_code, e.args);
  if (coded) return (e.context || '') + coded;
  const known = e.code && lookup(en, `error_codes.${e.code}`) !== undefined;
  if (!e.message) return known ? t(`error_codes.${e.code}`) : `${t('error_codes.http')} (HTTP ${status})`;
  return current !== 'en' && known ? `${t(`error_codes.${e.code}`)}: ${e.message}` : e.message;
}

// A stored value in words: a status, an event type, an enum value.
export function label(kind, value) {
  if (value === null || value === undefined || value === '') return t('app.unknown');
  const s = lookup(languages[current], `${kind}.${value}`) ?? lookup(en, `${kind}.${value}`);
  return s === undefined ? String(value) : s;
}

// A title the server gives per language ({titles: {en, uk, ru}, title}):
// the user's, else the English, else the one text.
export function titled(o, titles = 'titles', plain = 'title') {
  const ts = (o && o[titles]) || {};
  return ts[current] || ts.en || (o && o[plain]) || '';
}

// A term whose value may hold dots or signs ("jw>=0.94"): table[kind][value]
// without splitting the value at its dots; the value itself if no table has it.
export function term(kind, value) {
  const own = (languages[current][kind] || {})[value];
  return own ?? (en[kind] || {})[value] ?? String(value);
}

// A document's title in the user's language, else its id.
export function titleIn(o) {
  return titled(o) || (o && o.id) || '';
}

// A stage's agreement by its title in the user's language, never its slug
// unless it has no title.
export function stageAgreement(s) {
  return titleIn({ titles: s.agreement_titles, title: s.agreement_title, id: s.agreement });
}

export function number(n) {
  return new Intl.NumberFormat({ uk: 'uk-UA', ru: 'ru-RU' }[current] || 'en-GB').format(n);
}

document.documentElement.lang = current;
