// DNA identification: the pairs the screenings kept, with filters and
// paging; one selected shows its per-locus LR table (the remains'
// genotype, the references', the LR at each locus, inconsistent and
// missing loci marked), scrolled into view, the posterior with the prior
// it assumed, and the decisions of two people: one reviews with a note,
// another (who sees who reviewed and the note) confirms, each through a
// dialog with an explicit button, never a single key; a notice when
// confirming would flag the remains for return to the other side. A
// confirmed identification can be withdrawn: an admin and an
// identification officer, one requests with the reason, the other
// approves. J and K move between pairs.
import { get, post, query } from '../api.js';
import { h, clear, notice, table, dialog } from '../dom.js';
import { t, label, number } from '../i18n.js';
import { pager } from './remains.js';

const PAGE = 50;

// An LR for people: 20, 1,234, 0.0312, or 10^12.4 (from its log10).
export function lrText(log10) {
  if (log10 === null || log10 === undefined || Number.isNaN(log10)) return h('span', {}, '—');
  if (log10 < -300) return h('span', { class: 'lr' }, '0');
  if (log10 < 6 && log10 > -4) {
    const v = 10 ** log10;
    return h('span', { class: 'lr' }, v >= 1 ? number(Number(v.toPrecision(4))) : v.toPrecision(3));
  }
  return h('span', { class: 'lr' }, '10', h('sup', {}, log10.toFixed(1)));
}

const lrOf = (v) => lrText(v > 0 ? Math.log10(v) : -1000);

function relText(text) {
  return text ? text.split(', ').map((r) => label('dna_rel', r)).join(', ') : '—';
}

export function priorText(p) {
  if (!p.prior_n) return '';
  const n = number(Math.round(p.prior_n));
  return t(p.kind === 'identity' ? 'dna.prior_remains' : 'dna.prior_missing', { n });
}

function statusBadge(p) {
  const text = label('dna_statuses', p.status) +
    (p.status === 'confirmed' && p.action ? `: ${label('dna_actions', p.action)}` : '');
  return h('span', { class: `status ds-${p.status}` }, text);
}

function caseLink(tag, id) {
  return id ? h('a', { href: `/remains/${id}` }, tag) : tag;
}

function who(ctx, p) {
  if (p.kind === 'identity') return caseLink(t('dna.same_person_as', { tag: p.other_case }), p.other_case_id);
  const id = h('span', { class: 'mono small' }, p.person);
  const name = p.person_name || p.person;
  return [ctx.can('person_read') ? h('a', { href: `/persons/${p.person}` }, name) : name, ' ', p.person_name ? id : null];
}

function subnav(ctx) {
  return h('p', { class: 'subnav' }, h('a', { href: '/dna' }, t('dna.proposals')), ' · ',
    h('a', { href: '/dna/data', id: 'dna-data-link' }, t(ctx.can('dna_write') ? 'dna_data.title' : 'dna_data.frequencies')),
    ' · ', h('a', { href: '/dna/advice', id: 'dna-advice-link' }, t('dna_advice.title')));
}

function filters(ctx) {
  const q = ctx.query;
  const status = h('select', { id: 'dna-status', name: 'status' }, h('option', { value: '' }, t('search.any')),
    ['proposed', 'candidate', 'reviewed', 'confirmed', 'rejected', 'withdrawn', 'fallen'].map((s) =>
      h('option', { value: s, selected: s === q.get('status') }, label('dna_statuses', s))));
  const input = (name, size) => h('input', { id: `dna-${name}`, name, value: q.get(name) || '', size });
  const form = h('form', { class: 'filters', onsubmit: (e) => {
    e.preventDefault();
    const params = Object.fromEntries([...new FormData(form).entries()].filter(([, v]) => v.trim()));
    ctx.navigate(`/dna${query(params)}`);
  } },
  h('div', { class: 'field' }, h('label', { for: 'dna-status' }, t('dna.status')), status),
  h('div', { class: 'field' }, h('label', { for: 'dna-case' }, t('dna.case')), input('case', 18)),
  h('div', { class: 'field' }, h('label', { for: 'dna-person' }, t('dna.person')), input('person', 20)),
  h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('search.submit')),
    h('a', { href: '/dna', class: 'button' }, t('search.clear'))));
  return form;
}

// ---- one pair, locus by locus ------------------------------------------------

function lociTable(e) {
  const rels = e.relatives.map((r) => h('span', {}, r.sample, h('br'), h('span', { class: 'muted small' }, relText(r.relationship))));
  const rows = e.loci.map((l) => {
    const mark = !l.compared ? t('dna.not_compared') : !l.consistent ? `✗ ${t('dna.inconsistent')}` : '';
    return { l, cells: [h('strong', {}, l.locus), l.remains || h('span', { class: 'muted' }, t('dna.not_typed')),
      ...l.relatives.map((g) => g || h('span', { class: 'muted' }, t('dna.not_typed'))),
      l.compared ? lrOf(l.lr) : h('span', { class: 'muted' }, '1'), mark] };
  });
  return table([t('dna.locus'), t('dna.remains'), ...rels, t('dna.lr'), ''], rows.map((r) => r.cells),
    { class: 'loci', id: 'dna-loci' },
    (i) => ({ class: !rows[i].l.compared ? 'not-compared' : !rows[i].l.consistent ? 'inconsistent' : null,
      dataset: { locus: rows[i].l.locus } }));
}

// The sexes of the pair (the laboratory's for remains, the registry's for
// the person), and plainly when they exclude it.
function sexLines(e) {
  const sex = (s, amel) => label('values', s) + (amel ? ` (${t('dna.amelogenin', { amel })})` : '');
  const remains = sex(e.remains_sex, e.amelogenin);
  const line = h('p', { id: 'dna-sex' }, e.person
    ? t('dna.sex_kinship', { remains, person: sex(e.other_sex) })
    : t('dna.sex_identity', { remains, tag: e.other_case, other: sex(e.other_sex, e.other_amelogenin) }));
  if (!e.sex_conflict) return [line];
  return [line, h('p', { class: 'notice warn', id: 'dna-sex-conflict', role: 'status' },
    t(e.person ? 'dna.sex_conflict_person' : 'dna.sex_conflict_case',
      { remains: label('values', e.remains_sex), other: label('values', e.other_sex), tag: e.other_case }))];
}

// What confirming would do, said before anyone does it.
function consequence(e, p) {
  const open = !e.proposal || ['candidate', 'proposed', 'reviewed'].includes(e.proposal.status);
  if (!open) return null;
  const name = (p && p.person_name) || e.person;
  if (e.confirm_action === 'return') {
    return h('p', { class: 'notice warn', id: 'dna-return-notice', role: 'status' },
      t('dna.will_return', { who: name, party: e.return_to }));
  }
  return notice('info', e.confirm_action === 'join' ? t('dna.will_join') : t('dna.will_identify', { who: name }));
}

const has = (v) => v !== null && v !== undefined;
// A probability to 6 places; a small one as small as it is, not 0.000000.
const probText = (v) => (!has(v) ? '—' : v > 0 && v < 1e-6 ? v.toExponential(1) : v.toFixed(6));

// The posterior pairing probability beside the generalised LR: every
// explanation of the pair's group summed (docs/dna.md), or why there is none.
// Bounds where the group was too large to enumerate: never a value between them.
function boundsText(s) {
  const lo = probText(s.pairing_lo);
  const hi = probText(s.pairing_hi);
  return lo === hi ? lo : t('dna.pairing_range', { lo, hi });
}

function pairingLine(s) {
  if (!s || s.kind !== 'kinship') return null;
  if (!has(s.pairing) && has(s.pairing_lo)) {
    return h('p', { id: 'dna-pairing' }, t('dna.pairing_bounds', { p: boundsText(s) }));
  }
  if (!has(s.pairing)) return h('p', { id: 'dna-pairing', class: 'muted' }, t('dna.pairing_none'));
  return h('p', { id: 'dna-pairing' }, t('dna.pairing_text', { p: probText(s.pairing),
    none: probText(s.pairing_none_remains), absent: probText(s.pairing_none_person) }));
}

function summaryLines(e) {
  const m = e.params;
  const lines = [
    h('p', { id: 'dna-total' }, t('dna.total_before'), ' ', lrText(e.log10_lr), ' ',
      t('dna.total_after', { n: e.compared, bad: e.inconsistent })),
    h('p', {}, t('dna.posterior', { p: e.posterior.toFixed(6),
      prior: priorText({ kind: e.other_case ? 'identity' : 'kinship', prior_n: e.missing }) })),
  ];
  const s = e.proposal;
  if (s && s.log10_glr !== null && s.log10_glr !== undefined) {
    lines.push(h('p', {}, t('dna.glr_text'), ' ', lrText(s.log10_glr), ' ',
      t('dna.glr_posterior', { p: s.posterior.toFixed(6) })));
  }
  const pairing = pairingLine(s);
  if (pairing) lines.push(pairing);
  lines.push(h('p', { class: 'muted small' }, t('dna.model', { theta: m.theta, mutation: label('dna_mutation', m.mutation.model),
    pat: m.mutation.paternal, mat: m.mutation.maternal, dropout: m.dropout })));
  const own = m.mutation.markers || [];
  if (own.length) {
    lines.push(h('p', { class: 'muted small', id: 'dna-model-markers' }, t('dna.model_markers', {
      list: own.map((x) => `${x.locus}: ${label('dna_mutation', x.model)}${x.model === 'none' ? '' : ` (${x.paternal}, ${x.maternal})`}`).join('; '),
    })));
  }
  return lines;
}

function stored(e) {
  const s = e.proposal;
  if (!s) return h('p', { class: 'muted' }, t('dna.no_proposal'));
  return h('div', { id: 'dna-stored' },
    h('p', {}, t('dna.stored'), ' ', statusBadge(s),
      s.decided_by ? ` ${t('dna.decided_by', { who: s.decided_by, when: s.decided_at })}` : '',
      s.note ? h('span', { class: 'muted', translate: 'no' }, ` — ${s.note}`) : null),
    s.reviewed_by ? h('p', { id: 'dna-reviewed' }, t('dna.reviewed_by', { who: s.reviewed_by, when: s.reviewed_at }),
      ' ', h('q', { id: 'dna-review-note', translate: 'no' }, s.review_note)) : null,
    s.status === 'fallen' ? h('p', { id: 'dna-fallen', class: 'notice warn' },
      t('dna.fallen_text', { when: s.fallen_at, sample: s.fallen_sample || '' })) : null,
    s.withdraw_by ? h('p', { id: 'dna-withdrawal', class: s.status === 'withdrawn' ? 'notice' : 'notice warn' },
      ...withWords(t(s.status === 'withdrawn' ? 'dna.withdrawn_text' : 'dna.withdraw_pending',
        { who: s.withdraw_by, when: s.withdraw_at, by: s.withdrawn_by || '', reason: '\u0000' }), s.withdraw_reason)) : null);
}

// A sentence of ours with a person's own words in it (a reason as they
// wrote it, in their language): the words apart, not to be translated.
function withWords(sentence, words) {
  const [a, b] = sentence.split('\u0000');
  return b === undefined ? [sentence] : [a, h('span', { translate: 'no' }, words), b];
}

// A decision is made in a dialog (dom.js): what it does, the note (or
// reason), and an explicit button; Escape or Cancel leaves everything as
// it was.
function decisionDialog(title, text, field, button, run) {
  return dialog({ id: 'dna-dialog', title, text, field, ok: button, run });
}

function isAdmin(ctx) {
  return ctx.me && ctx.me.roles.includes('admin');
}

// The buttons for what this user may do with the pair now.
function decisionButtons(ctx, e, onDecide) {
  const s = e.proposal;
  if (!s) return null;
  const me = ctx.me ? ctx.me.user : '';
  const write = ctx.can('dna_write');
  const b = [];
  const button = (id, label, primary, what) => h('button', { id, type: 'button', class: primary ? 'primary' : null,
    onclick: what }, label);
  // A pair of different sexes is neither reviewed nor confirmed.
  if (write && !e.sex_conflict && ['candidate', 'proposed'].includes(s.status)) {
    b.push(button('dna-review', t('dna.review'), true, () => decisionDialog(t('dna.review_title'), t('dna.review_text'),
      { label: t('dna.note'), hint: t('dna.note_hint'), required: true }, t('dna.review_ok'),
      (note) => onDecide('review', { note }))));
  }
  if (write && !e.sex_conflict && s.status === 'reviewed') {
    if (s.reviewed_by === me) {
      b.push(h('p', { class: 'muted', id: 'dna-await' }, t('dna.awaits_second')));
    } else {
      const below = s.reviewed_from === 'candidate';
      b.push(button('dna-confirm', t('dna.confirm'), true, () => decisionDialog(t('dna.confirm_title'),
        `${t('dna.confirm_text', { who: s.reviewed_by, note: s.review_note })}${below ? ` ${t('dna.force_text')}` : ''}`,
        { label: t('dna.note'), hint: '', required: false }, t('dna.confirm_ok'),
        (note) => onDecide('confirm', { note, force: below || undefined }))));
    }
  }
  if (write && ['candidate', 'proposed', 'reviewed'].includes(s.status)) {
    b.push(button('dna-reject', t('dna.reject'), false, () => decisionDialog(t('dna.reject_title'), t('dna.reject_text'),
      { label: t('dna.note'), hint: '', required: false }, t('dna.reject_ok'), (note) => onDecide('reject', { note }))));
  }
  const withdrawer = write || isAdmin(ctx);
  if (withdrawer && s.status === 'confirmed' && !s.withdraw_by) {
    b.push(button('dna-withdraw', t('dna.withdraw'), false, () => decisionDialog(t('dna.withdraw_title'),
      t('dna.withdraw_text'), { label: t('dna.reason'), hint: '', required: true }, t('dna.withdraw_ok'),
      (reason) => onDecide('withdraw', { reason }))));
  }
  if (withdrawer && s.status === 'confirmed' && s.withdraw_by) {
    if (s.withdraw_by !== me) {
      b.push(button('dna-withdraw-approve', t('dna.withdraw_approve'), true, () => decisionDialog(t('dna.approve_title'),
        t('dna.approve_text', { who: s.withdraw_by, reason: s.withdraw_reason }), null, t('dna.approve_ok'),
        () => onDecide('withdraw/approve', {}))));
    }
    b.push(button('dna-withdraw-cancel', t('dna.withdraw_cancel'), false, () => decisionDialog(t('dna.cancel_title'),
      t('dna.cancel_text'), null, t('dna.cancel_ok'), () => onDecide('withdraw/cancel', {}))));
  }
  if (!b.length) return null;
  return h('div', { class: 'decide' }, h('div', { class: 'actions' }, b), h('span', { class: 'muted small' }, t('dna.keys')));
}

async function explanation(ctx, p, onDecide) {
  const box = h('section', { class: 'card dna-explain', id: 'dna-explain', 'aria-live': 'polite' });
  const other = p.kind === 'identity' ? p.other_case_id || p.other_case : p.person;
  let e;
  try {
    e = await get(`/api/dna/explain${query({ case: p.case_id || p.case, other })}`);
  } catch (err) {
    box.append(notice('error', err.message));
    return { box, e: null };
  }
  box.append(...[
    h('h2', {}, p.kind === 'identity' ? t('dna.explain_identity', { tag: e.case, other: e.other_case })
      : t('dna.explain_kinship', { tag: e.case, who: p.person_name ? `${p.person_name} (${e.person})` : e.person })),
    h('p', { class: 'muted small' }, t('dna.references'), ' ',
      e.relatives.map((r) => `${r.sample}: ${relText(r.relationship)}`).join('; ')),
    ...sexLines(e), e.sex_conflict ? null : consequence(e, p), lociTable(e),
    h('div', { class: 'dna-totals' }, summaryLines(e)), stored(e),
    decisionButtons(ctx, e, onDecide)].filter(Boolean));
  // Secondary evidence beside the DNA's: the family's description against the remains'.
  if (p.kind !== 'identity' && ctx.can('antemortem_read')) {
    const { comparison } = await import('./antemortem.js');
    box.append(await comparison(p.case_id || p.case, e.person));
  }
  return { box, e };
}

// ---- the list ------------------------------------------------------------------

function proposalsTable(ctx, rows, filtered, onSelect) {
  if (!rows.length) return notice('info', t(filtered ? 'dna.none_filtered' : 'dna.none'));
  return table([t('dna.col_case'), t('dna.col_who'), t('dna.col_relatives'), t('dna.col_lr'), t('dna.col_posterior'),
    t('dna.col_loci'), t('dna.col_status')],
  rows.map((p) => [caseLink(p.case, p.case_id), who(ctx, p),
    p.kind === 'identity' ? t('dna.fragments') : relText(p.relatives),
    [lrText(p.log10_lr), p.log10_glr !== null && p.log10_glr !== undefined && Math.abs(p.log10_glr - p.log10_lr) > 0.05
      ? h('div', { class: 'muted small' }, t('dna.glr_text'), ' ', lrText(p.log10_glr)) : null],
    [h('span', { class: 'mono' }, p.posterior.toFixed(6)), h('div', { class: 'muted small' }, priorText(p)),
      has(p.pairing) || has(p.pairing_lo) ? h('div', { class: 'muted small dna-pairing' },
        t('dna.pairing_short', { p: has(p.pairing) ? probText(p.pairing) : boundsText(p) })) : null],
    p.inconsistent ? `${p.loci} (${t('dna.inconsistent_n', { n: p.inconsistent })})` : String(p.loci),
    statusBadge(p)]),
  { class: 'dna-proposals', id: 'dna-proposals' },
  (i) => ({ dataset: { i, id: rows[i].id }, tabindex: '0',
    onclick: (ev) => { if (!ev.target.closest('a')) onSelect(i); },
    onkeydown: (ev) => { if (ev.key === 'Enter') onSelect(i); } }));
}

function doneText(d, p) {
  if (d.withdrawal) return t(`dna.done_withdraw_${d.withdrawal}`, { tag: d.case });
  if (d.status === 'reviewed') return t('dna.done_review');
  if (d.status === 'rejected') return t('dna.done_reject');
  if (d.action === 'return') return t('dna.done_return', { tag: d.case, party: p.returnTo || '' });
  if (d.action === 'join') return t('dna.done_join');
  return t('dna.done_identify', { tag: d.case, who: p.person_name || d.person });
}

export async function render(ctx) {
  const q = ctx.query;
  const offset = Math.max(0, Number(q.get('offset') || 0));
  const params = Object.fromEntries(['status', 'case', 'person'].map((k) => [k, q.get(k)]));
  const status = h('p', { role: 'status', class: 'muted', id: 'dna-decision' });
  const list = h('div', {});
  const panel = h('div', {});
  let page;
  let current = -1;
  let shown = 0;

  async function load() {
    page = await get(`/api/dna/proposals${query({ ...params, limit: PAGE, offset: offset || null })}`);
  }

  function draw() {
    clear(list).append(
      h('p', { class: 'summary' }, h('strong', { id: 'dna-count' }, t('dna.count', { n: number(page.total) }))),
      proposalsTable(ctx, page.proposals, Object.values(params).some(Boolean), select),
      pager('/dna', params, offset, page.proposals.length, page.total));
    for (const tr of list.querySelectorAll('#dna-proposals tbody tr')) tr.classList.toggle('selected', Number(tr.dataset.i) === current);
  }

  async function select(i) {
    if (!page.proposals.length) return;
    current = Math.max(0, Math.min(i, page.proposals.length - 1));
    draw();
    await show(page.proposals[current]);
  }

  // One pair, which may no longer be in the list (decided, and filtered out).
  async function show(p) {
    const serial = ++shown;
    clear(panel).append(h('p', { class: 'loading' }, t('app.loading')));
    const { box, e } = await explanation(ctx, p, (d, fields) => decide(p, d, fields));
    if (serial !== shown) return; // another pair was chosen meanwhile
    p.returnTo = e ? e.return_to : null;
    clear(panel).append(box);
    // each person sees the evidence: the locus table, not only the list
    box.scrollIntoView({ block: 'start' });
  }

  // Called from a dialog: an error is thrown back to it, and shown there.
  async function decide(p, decision, fields) {
    const other = p.kind === 'identity' ? p.other_case_id || p.other_case : p.person;
    const body = { case: p.case_id || p.case, other };
    for (const [k, v] of Object.entries(fields)) if (v) body[k] = v;
    const d = await post(`/api/dna/${decision}`, body);
    status.textContent = [doneText(d, p), d.note].filter(Boolean).join(' ');
    p.status = d.status;
    await load();
    const i = page.proposals.findIndex((x) => x.id === p.id);
    if (i >= 0) {
      await select(i);
    } else {
      current = -1;
      draw();
      await show(p);
    }
  }

  function onKey(e) {
    if (!document.body.contains(panel)) { document.removeEventListener('keydown', onKey); return; }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.target.closest && e.target.closest('input, select, textarea, dialog')) return;
    // J and K only move: no decision is ever taken by one key
    if (e.key === 'j') select(current + 1);
    else if (e.key === 'k') select(current - 1);
  }

  await load();
  draw();
  document.addEventListener('keydown', onKey);
  if (page.proposals.length) select(0);
  return h('section', { class: 'dna' }, h('h1', {}, t('dna.title')), subnav(ctx),
    h('p', { class: 'muted' }, t('dna.intro')), filters(ctx), list, status, panel);
}
