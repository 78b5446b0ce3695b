// The server's data said in the user's language: a clause's rule
// (src/accord/rule.c rule_json), why the planner left someone out, what
// bounds the next stage, and an agreement's terms in words. The same
// sentences the CLI writes in English, from the catalogue (rule.*,
// limits.*, words.*).
import { t, label, number, titled } from './i18n.js';

const SYMBOLS = { eq: '=', ne: '≠', lt: '<', le: '≤', gt: '>', ge: '≥' };

// A word of a rule (a value of a field: colonel, severely_wounded) in
// words when some table has it, else as written.
function word(w) {
  for (const kind of ['values', 'statuses', 'events', 'categories']) {
    const s = label(kind, w);
    if (s !== w) return s;
  }
  return w;
}

function value(v) {
  if (!v) return '?';
  if (v.field !== undefined) return v.field === 'status' ? t('rule.status') : label('fields', v.field);
  if (v.number !== undefined) return number(v.number);
  if (v.date !== undefined) return v.date;
  if (v.word !== undefined) return word(v.word);
  if (v.stage_date) return t('rule.stage_date');
  if (v.age_on !== undefined) return v.age_on === 'stage' ? t('rule.age_on_stage') : t('rule.age_on', { date: v.age_on });
  return '?';
}

export function ruleText(r) {
  if (!r) return '';
  switch (r.op) {
    case 'or': case 'and': return t(`rule.${r.op}`, { l: ruleText(r.l), r: ruleText(r.r) });
    case 'not': return t('rule.not', { l: ruleText(r.l) });
    case 'cmp': return r.numeric ? `${value(r.v)} ${SYMBOLS[r.cmp]} ${value(r.lo)}` : t(`rule.${r.cmp}`, { v: value(r.v), lo: value(r.lo) });
    case 'between': return t('rule.between', { v: value(r.v), lo: value(r.lo), hi: value(r.hi) });
    case 'in': return t(r.negated ? 'rule.not_in' : 'rule.in', { v: value(r.v), set: r.set.map(value).join(t('rule.list_sep')) });
    case 'unknown': return t(r.negated ? 'rule.known' : 'rule.unknown', { v: value(r.v) });
    case 'captured': return t(r.negated ? 'rule.captured_since' : 'rule.captured_before', { d: value(r.lo) });
    default: return '';
  }
}

// The detail of a planner's exclusion ({rule}, {value}, {status},
// {party_unknown}); the server's English `why` only if there is no data.
export function exclusionDetail(x) {
  const d = x.detail;
  if (!d) return x.why || '';
  if (d.rule) return ruleText(d.rule);
  if (d.status) return label('statuses', d.status);
  if (d.party_unknown) return t('rule.party_unknown');
  return d.value !== undefined ? word(d.value) : x.why || '';
}

// What bounds the next stage (plan.limit).
export function limitText(l) {
  if (!l || l.bound === 'none') return '';
  const n = number(l.n);
  switch (l.bound) {
    case 'everyone': return t(l.capacity ? 'limits.everyone_capacity' : 'limits.everyone');
    case 'points': return t('limits.points') + (l.pool ? t('limits.pool_apart') : '') + (l.capacity ? t('limits.within_capacity') : '');
    default: return t(`limits.${l.bound}`, { side: l.side, n });
  }
}


// A clause's basis in words ("1 000 for 1 000").
export function basisText(c, parties) {
  const x = c.terms || {};
  if (c.basis === 'all_for_all') return t('agreements.all_for_all');
  if (x.quota) return x.quota[0] === x.quota[1] ? t('words.quota_same', { a: number(x.quota[0]), b: number(x.quota[1]) })
    : t('words.quota', { a: number(x.quota[0]), pa: parties[0], b: number(x.quota[1]), pb: parties[1] });
  if (x.ratio) return t('words.ratio', { a: number(x.ratio[0]), pa: parties[0], b: number(x.ratio[1]), pb: parties[1] });
  if (c.basis === 'points') return t('words.scale', { n: (x.scale || []).length });
  return c.basis_text || '';
}

function clauseWords(c, parties) {
  const x = c.terms || {};
  const lines = [`${t('words.clause', { id: c.id, subject: label('subjects', c.subject) })}${titled(c) ? `: ${titled(c)}` : ''}`,
    `  ${t('words.basis', { text: basisText(c, parties) })}`];
  if (x.eligible) lines.push(`  ${t('words.eligible', { text: ruleText(x.eligible) })}`);
  for (const s of x.scale || [])
    lines.push(`  ${t('words.points', { n: number(s.points), text: s.when ? ruleText(s.when) : t('words.anyone_else') })}`);
  if (x.pool) lines.push(`  ${t('words.pool', { text: ruleText(x.pool) })}`);
  if ((x.priority || []).length)
    lines.push(`  ${t('words.priority', { text: x.priority.map((p) => t(`words.${p.key}_${p.ascending ? 'asc' : 'desc'}`)).join(t('words.then')) })}`);
  if (c.capacity) lines.push(`  ${t('words.capacity', { n: number(c.capacity) })}`);
  return lines.join('\n');
}

// The agreement in words, as `parley agreement show` says it in English.
export function agreementWords(ag) {
  const p = ag.parties;
  let terms = t('words.between', { a: p[0], b: p[1] });
  if (ag.mediator) terms += `, ${t('words.mediated', { m: ag.mediator })}`;
  if (ag.concluded) terms += `; ${t('words.concluded', { d: ag.concluded })}`;
  if (ag.transit) terms += `; ${t('words.transit', { t: ag.transit })}`;
  if (ag.valid_from) terms += `; ${t('words.valid_from', { d: ag.valid_from })}`;
  if (ag.valid_until) terms += ` ${t('words.valid_until', { d: ag.valid_until })}`;
  const lines = [t('words.head', { id: ag.id, title: titled(ag) }), `  ${terms}`,
    `  ${t(ag.counting === 'at_signing' ? 'words.counts_signing' : 'words.counts_delivery')}`];
  if (ag.embargo_until === 'done') lines.push(`  ${t('words.embargo_done')}`);
  else if (ag.embargo_until) lines.push(`  ${t('words.embargo_until', { d: ag.embargo_until })}`);
  if (ag.embargo_until) lines.push(`  ${t('words.embargo_k', { k: ag.embargo_k })}`);
  return [lines.join('\n'), ...ag.clauses.map((c) => clauseWords(c, p))].join('\n\n');
}
