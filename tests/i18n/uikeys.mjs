// The UI's words that the pages use are in the language files: every key
// a page names in t('…'), label('kind', …) or term('kind', …) under
// web/js/ (not web/js/lang/) is in web/js/lang/{en,uk,ru}.js. A key the
// files lack shows raw on screen (t() answers the key itself), so the check
// reads the calls' first arguments from the source:
//   t('families.title')            the key, a text in each language
//   t(c ? 'a.x' : 'a.y')           each string of the argument that looks like a key
//   t(`reconcile.flag_${f}`)       some key of that shape (the variable part any text)
//   label('statuses', s)           the kind, a table in each language
//   label('statuses', 'held')      and that value in it
// A key made wholly at run time (t(k), t(`${p}.x`)) cannot be read here.
// Used by check.mjs over the real tree and by selftest.mjs over fixtures.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// The source read once: `text` with its comments and regular expression
// literals blanked (offsets and lines kept), so that an example in a
// comment is not a use; `code` the same with the insides of strings and
// template literals blanked too (a ${…} kept), so that a call is looked for
// in code only; `strings` each plain string literal ({value, at}).
export function scan(src) {
  const text = src.split('');
  const code = src.split('');
  const strings = [];
  const n = src.length;
  let i = 0;
  let prev = ''; // the last significant character outside strings and comments
  const blank = (a, from, to) => { for (let k = from; k < to; k++) if (a[k] !== '\n') a[k] = ' '; };
  const string = (q) => { // i at the opening quote
    const at = i;
    let v = '';
    i++;
    while (i < n && src[i] !== q && src[i] !== '\n') {
      if (src[i] === '\\') { v += src[i + 1]; i += 2; continue; }
      v += src[i++];
    }
    blank(code, at + 1, i);
    strings.push({ value: v, at });
    i++;
  };
  const template = () => { // i at the backquote
    i++;
    let from = i;
    while (i < n && src[i] !== '`') {
      if (src[i] === '\\') { i += 2; continue; }
      if (src[i] === '$' && src[i + 1] === '{') {
        blank(code, from, i);
        i += 2;
        expression('}');
        from = i;
        continue;
      }
      i++;
    }
    blank(code, from, i);
    i++;
  };
  // Code up to the closing `until` (past it), or to the end.
  const expression = (until) => {
    let depth = 0;
    while (i < n) {
      const c = src[i];
      if (c === '/' && src[i + 1] === '/') {
        const end = src.indexOf('\n', i);
        const to = end < 0 ? n : end;
        blank(text, i, to);
        blank(code, i, to);
        i = to;
      } else if (c === '/' && src[i + 1] === '*') {
        const end = src.indexOf('*/', i + 2);
        const to = end < 0 ? n : end + 2;
        blank(text, i, to);
        blank(code, i, to);
        i = to;
      } else if (c === '\'' || c === '"') {
        string(c);
        prev = c;
      } else if (c === '`') {
        template();
        prev = c;
      } else if (c === '/' && (prev === '' || '(,=:[!&|?{};+-*%<>~^'.includes(prev))) {
        const at = i++;
        let cls = false;
        while (i < n && (cls || src[i] !== '/') && src[i] !== '\n') {
          if (src[i] === '\\') i++;
          else if (src[i] === '[') cls = true;
          else if (src[i] === ']') cls = false;
          i++;
        }
        i++;
        blank(text, at + 1, i - 1);
        blank(code, at + 1, i - 1);
        prev = '/';
      } else {
        if (until && c === '{') depth++;
        if (until && c === '}' && !depth--) { i++; return; }
        if (!/\s/.test(c)) prev = /[\w$)\]]/.test(c) ? 'x' : c;
        i++;
      }
    }
  };
  expression(null);
  return { text: text.join(''), code: code.join(''), strings };
}

// The call's arguments' text from the opening parenthesis at `open`, split
// at the top level's commas: [{text, at}].
function callArgs(src, open) {
  const args = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === '\'' || c === '"') {
      i++;
      while (i < src.length && src[i] !== c) { if (src[i] === '\\') i++; i++; }
    } else if (c === '`') {
      i = templateEnd(src, i) - 1;
    } else if ('([{'.includes(c)) {
      depth++;
    } else if (')]}'.includes(c)) {
      depth--;
      if (!depth) { args.push({ text: src.slice(start, i), at: start }); return args; }
    } else if (c === ',' && depth === 1) {
      args.push({ text: src.slice(start, i), at: start });
      start = i + 1;
    }
  }
  return args;
}

// Past the template literal whose backquote is at i.
function templateEnd(src, i) {
  i++;
  while (i < src.length && src[i] !== '`') {
    if (src[i] === '\\') { i += 2; continue; }
    if (src[i] === '$' && src[i + 1] === '{') {
      let depth = 1;
      i += 2;
      while (i < src.length && depth) {
        const c = src[i];
        if (c === '`') { i = templateEnd(src, i); continue; }
        if (c === '\'' || c === '"') { i++; while (i < src.length && src[i] !== c) { if (src[i] === '\\') i++; i++; } }
        else if (c === '{') depth++;
        else if (c === '}') depth--;
        i++;
      }
      continue;
    }
    i++;
  }
  return i + 1;
}

// The literals of an argument: strings as {value}, template literals as
// {parts: [static texts between the ${…}]}, each with its offset.
function literals(text, at) {
  const out = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\'' || c === '"') {
      let j = i + 1;
      let v = '';
      while (j < text.length && text[j] !== c) {
        if (text[j] === '\\') { v += text[j + 1]; j += 2; continue; }
        v += text[j++];
      }
      out.push({ value: v, at: at + i });
      i = j;
    } else if (c === '`') {
      const end = templateEnd(text, i);
      const body = text.slice(i + 1, end - 1);
      const parts = [];
      let cur = '';
      for (let j = 0; j < body.length; j++) {
        if (body[j] === '$' && body[j + 1] === '{') {
          parts.push(cur);
          cur = '';
          let depth = 1;
          j += 2;
          while (j < body.length && depth) {
            if (body[j] === '{') depth++;
            else if (body[j] === '}') depth--;
            if (depth) j++;
          }
        } else cur += body[j];
      }
      parts.push(cur);
      out.push(parts.length === 1 ? { value: parts[0], at: at + i } : { parts, at: at + i });
      i = end - 1;
    }
  }
  return out;
}

const KEY = /^[a-z][a-z0-9_]*\.[A-Za-z0-9_.]*[A-Za-z0-9_]$/;

// Every use of a key in the files under web/js (the language files apart):
// [{file, line, col, call, key | pattern | kind (+ value)}]. With `spaces`
// (the top-level tables of en.js), a string anywhere in the code shaped
// 'space.word' of one of them counts as a key too (call 'data'): keys kept
// in a list or handed to a helper before they reach t().
export function keyUses(web, spaces = new Set()) {
  const root = join(web, 'js');
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) { if (p !== join(root, 'lang')) walk(p); } else if (name.endsWith('.js') || name.endsWith('.mjs')) files.push(p);
    }
  };
  walk(root);
  const uses = [];
  for (const f of files) {
    const { text: src, code, strings } = scan(readFileSync(f, 'utf8'));
    const file = relative(web, f);
    const where = (off) => {
      const before = src.slice(0, off);
      const line = before.split('\n').length;
      return { file, line, col: off - before.lastIndexOf('\n') };
    };
    const inCall = new Set();
    for (const m of code.matchAll(/(^|[^\w$.])(t|label|term)\s*\(/g)) {
      const before = code.slice(Math.max(0, m.index - 12), m.index + m[1].length);
      if (/function\s*$/.test(before)) continue; // its definition
      const open = m.index + m[0].length - 1;
      const args = callArgs(src, open);
      if (!args.length) continue;
      const call = m[2];
      if (call === 't') {
        for (const l of literals(args[0].text, args[0].at)) {
          inCall.add(l.at);
          if (l.value !== undefined && KEY.test(l.value)) uses.push({ ...where(l.at), call, key: l.value });
          else if (l.parts && /^[a-z][a-z0-9_]*\./.test(l.parts[0]))
            uses.push({ ...where(l.at), call, pattern: l.parts });
        }
      } else {
        // label('kind', …): a kind written out; label(k, …) is read at run time
        const quoted = (a) => { const s = a ? a.text.trim() : ''; return /^'[^'\\]*'$|^"[^"\\]*"$/.test(s) ? s.slice(1, -1) : undefined; };
        const kind = quoted(args[0]);
        if (kind === undefined) continue;
        uses.push({ ...where(args[0].at + args[0].text.indexOf(args[0].text.trim()[0])), call, kind, value: quoted(args[1]) });
      }
    }
    for (const s of strings) {
      const m = /^([a-z][a-z0-9_]*)\.([a-z0-9_]+)$/.exec(s.value);
      if (m && spaces.has(m[1]) && !inCall.has(s.at)) uses.push({ ...where(s.at), call: 'data', key: s.value });
    }
  }
  return uses;
}

const flat = (o, p = []) => Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' && !Array.isArray(v)
  ? flat(v, [...p, k]) : [[[...p, k].join('.'), v]]));
const lookup = (table, path) => path.reduce((o, k) => (o && o[k] !== undefined ? o[k] : undefined), table);
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// What a language file lacks of the uses: one line each, "FILE:LINE:COL:
// t('key'): not in LANG.js" (the same key used twice: each use).
export function missingIn(table, lang, uses) {
  const keys = flat(table).filter(([, v]) => typeof v === 'string').map(([k]) => k);
  const problems = [];
  const at = (u) => `${u.file}:${u.line}:${u.col}`;
  for (const u of uses) {
    if (u.key !== undefined) {
      if (typeof lookup(table, u.key.split('.')) !== 'string')
        problems.push(`${at(u)}: ${u.call === 'data' ? `'${u.key}' (a key kept for t())` : `t('${u.key}')`}: not in ${lang}.js`);
    } else if (u.pattern) {
      const re = new RegExp(`^${u.pattern.map(escape).join('.+')}$`);
      if (!keys.some((k) => re.test(k)))
        problems.push(`${at(u)}: t(\`${u.pattern.join('${…}')}\`): no key of that shape in ${lang}.js`);
    } else {
      const kind = table[u.kind];
      if (!kind || typeof kind !== 'object') problems.push(`${at(u)}: ${u.call}('${u.kind}', …): no table '${u.kind}' in ${lang}.js`);
      else if (u.value !== undefined && kind[u.value] === undefined && lookup(kind, u.value.split('.')) === undefined)
        problems.push(`${at(u)}: ${u.call}('${u.kind}', '${u.value}'): not in ${lang}.js`);
    }
  }
  return problems;
}

// The {name:kind} placeholders of a language's texts name tables it has
// (a text's kind written as label(kind, value)).
export function kindsMissing(table, lang) {
  const problems = [];
  for (const [k, v] of flat(table)) {
    if (typeof v !== 'string') continue;
    for (const m of v.matchAll(/\{@?\w+:(\w+)\}/g))
      if (!table[m[1]] || typeof table[m[1]] !== 'object') problems.push(`${lang}.js ${k}: {…:${m[1]}}: no table '${m[1]}'`);
  }
  return problems;
}
