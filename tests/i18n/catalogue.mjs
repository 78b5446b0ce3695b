// Reading the C message catalogue (src/core/msgtab*.c) and the codes the C
// sources use, for the i18n check and for writing the UI's catalogue.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

// A C string literal's text (the escapes the catalogue uses: \" \\ \n).
function unquote(lit) {
  return lit.slice(1, -1).replace(/\\(.)/g, (m, c) => (c === 'n' ? '\n' : c));
}

function cText(src) {
  return readdirSync(join(src, 'core')).filter((f) => /^msgtab.*\.c$/.test(f))
    .map((f) => readFileSync(join(src, 'core', f), 'utf8')).join('\n').replace(/\/\*[\s\S]*?\*\//g, '');
}

// Every code the catalogue defines, in order, a code defined twice twice.
export function cEntries(src) {
  return [...cText(src).matchAll(/^\s*\{\s*"([^"]+)"\s*,\s*\{/gm)].map((m) => m[1]);
}

// {code: [en, uk, ru]} from every part (core/msgtab*.c): `{"code", {"en" "…", "uk", "ru"}},`
export function cCatalogue(src) {
  const text = cText(src);
  const out = {};
  const entry = /\{\s*("(?:[^"\\]|\\.)*")\s*,\s*\{((?:\s*"(?:[^"\\]|\\.)*"\s*,?)+)\}\s*\}/g;
  for (const m of text.matchAll(entry)) {
    const texts = [];
    let cur = null;
    for (const t of m[2].matchAll(/"(?:[^"\\]|\\.)*"|,/g)) {
      if (t[0] === ',') { texts.push(cur); cur = null; } else cur = (cur || '') + unquote(t[0]);
    }
    if (cur !== null) texts.push(cur);
    out[unquote(m[1])] = texts;
  }
  return out;
}

function cFiles(dir) {
  const out = [];
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) out.push(...cFiles(p));
    else if (/\.[ch]$/.test(n)) out.push(p);
  }
  return out;
}

// Every code the sources raise or name: pl_failc(err, RC, "code", ...),
// the HTTP layer's "http.*" and the importer's "import.*" literals
// (http_errorc, http_one_upload, problems_atc), a ?: choice of two codes,
// and the literals of the families that are arguments of other messages
// ({@why}: "stage.doing_closed", "event.when_in"). Codes made at run time
// ("exclusion.%s") the check lists itself.
const FAMILIES = /"((?:stage\.doing|event\.when)_[a-z_]+)"/g;

export function cCodes(src) {
  const codes = new Map();
  for (const f of cFiles(src)) {
    if (/msgtab[a-z_]*\.c$/.test(f)) continue;
    const text = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, ''); // examples in comments are not uses
    for (const m of text.matchAll(/pl_failc\(\s*[^,]+,\s*[A-Z_]+,\s*"([^"]+)"/g)) codes.set(m[1], f);
    for (const m of text.matchAll(FAMILIES)) codes.set(m[1], f);
    for (const m of text.matchAll(/"((?:http|import|dna)\.[a-z_]+)"/g)) codes.set(m[1], f);
    // a choice of two codes: cond ? "stage.sign_draft" : "stage.sign_cancelled"
    for (const m of text.matchAll(/\?\s*"([a-z]+\.[a-z_]+)"\s*:\s*"([a-z]+\.[a-z_]+)"/g)) {
      codes.set(m[1], f);
      codes.set(m[2], f);
    }
    for (const m of text.matchAll(/problems_atc\(\s*[^,]+,\s*[^,]+,\s*"([^"]+)"/g)) codes.set(m[1], f);
    // the registry's, reconciliation's and the command line's codes chosen before they are raised
    for (const m of text.matchAll(/"((?:registry|search|reconcile|match|names|cli)\.[a-z_]+)"/g)) codes.set(m[1], f);
    for (const m of text.matchAll(/cli_usage_errorc\(\s*[^,]+,\s*"([^"]+)"/g)) codes.set(m[1], f);
    for (const m of text.matchAll(/cli_(?:say|put)\(\s*[^,]+,\s*"([^"]+)"/g)) codes.set(m[1], f);
    for (const m of text.matchAll(/msg_wrap\(\s*[^,]+,\s*"([^"]+)"/g)) codes.set(m[1], f);
    for (const m of text.matchAll(/http_errorc\(\s*[^,]+,\s*[^,]+,\s*"[^"]+",\s*[^,]+,\s*"([^"]+)"/g)) codes.set(m[1], f);
    // the planner's reasons, written as "exclusion.%s" (accord/admit.c)
    for (const m of text.matchAll(/\[EXCLUDE_\w+\] = "([a-z_]+)"/g)) codes.set(`exclusion.${m[1]}`, f);
  }
  return codes;
}
