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

function lookup(table, key) {
  return key.split('.').reduce((o, k) => (o && o[k] !== undefined ? o[k] : undefined), table);
}

// A label, with {name} placeholders filled in; the English one if this
// language lacks it, and the key itself if both do (so gaps show).
// {name:kind} writes the value as label(kind, value) (a status in words);
// {@name} the text of the message code the value holds (errors.CODE), with
// the same vars. The server's coded messages use the same syntax.
export function t(key, vars) {
  let s = lookup(languages[current], key);
  if (s === undefined) s = lookup(en, key);
  if (s === undefined) return key;
  if (vars) s = fill(s, vars, 0);
  return s;
}

function fill(s, vars, depth) {
  return s.replace(/\{(@?)(\w+)(?::(\w+))?\}/g, (m, at, k, kind) => {
    const v = vars[k];
    if (v === undefined || v === null) return m;
    if (at && depth < 2 && hasMessage(v)) return fill(t(`errors.${v}`), vars, depth + 1);
    return kind ? label(kind, v) : String(v);
  });
}

function hasMessage(code) {
  return lookup(languages[current], `errors.${code}`) !== undefined || lookup(en, `errors.${code}`) !== undefined;
}

// A coded message from the server (an error's message_code and args, a
// planner's reason) in the user's language; null if no catalogue has it.
export function message(code, args) {
  return code && hasMessage(code) ? t(`errors.${code}`, args || {}) : null;
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

export function number(n) {
  return new Intl.NumberFormat({ uk: 'uk-UA', ru: 'ru-RU' }[current] || 'en-GB').format(n);
}

document.documentElement.lang = current;
