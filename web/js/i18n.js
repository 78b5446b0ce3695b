// Labels in the user's language: t('search.title'), t('search.results', {n: 5}).
import en from './lang/en.js';
import uk from './lang/uk.js';

export const languages = { uk, en };
let current = pickLanguage();

function pickLanguage() {
  const saved = localStorage.getItem('parley.lang');
  if (saved && languages[saved]) return saved;
  return (navigator.language || '').toLowerCase().startsWith('uk') ? 'uk' : 'en';
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

function lookup(table, key) {
  return key.split('.').reduce((o, k) => (o && o[k] !== undefined ? o[k] : undefined), table);
}

// A label, with {name} placeholders filled in; the English one if this
// language lacks it, and the key itself if both do (so gaps show).
export function t(key, vars) {
  let s = lookup(languages[current], key);
  if (s === undefined) s = lookup(en, key);
  if (s === undefined) return key;
  if (vars) s = s.replace(/\{(\w+)\}/g, (m, k) => (vars[k] !== undefined ? String(vars[k]) : m));
  return s;
}

// A stored value in words: a status, an event type, an enum value.
export function label(kind, value) {
  if (value === null || value === undefined || value === '') return t('app.unknown');
  const s = lookup(languages[current], `${kind}.${value}`) ?? lookup(en, `${kind}.${value}`);
  return s === undefined ? String(value) : s;
}

// A document's title in the user's language ({titles: {uk, en, ru}} of an
// agreement or a clause), else as the server falls back (agreement.h:
// English, Ukrainian, Russian, then the one text), else its id.
export function titleIn(o) {
  const ts = (o && o.titles) || {};
  return ts[current] || ts.en || ts.uk || ts.ru || (o && (o.title || o.id)) || '';
}

export function number(n) {
  return new Intl.NumberFormat(current === 'uk' ? 'uk-UA' : 'en-GB').format(n);
}

document.documentElement.lang = current;
