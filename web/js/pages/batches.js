// Remains batches: every batch with what the sender declared against the
// cases received, and one batch with its cases. Identification officers
// record a batch with its declared count, and tie it to the exchange stage
// it came with and the clause about bodies it counts under in the ledger.
import { get, post, query } from '../api.js';
import { h, notice, table, pairs, field, dialog } from '../dom.js';
import { t, label, number, titleIn } from '../i18n.js';
import { progress } from '../charts.js';
import { casesTable, pager } from './remains.js';

const PAGE = 50;

function difference(b) {
  if (b.declared === null) return '—';
  const d = b.received - b.declared;
  if (!d) return t('batches.as_declared');
  return h('strong', { class: 'flags' }, t(d < 0 ? 'batches.fewer' : 'batches.more', { n: number(Math.abs(d)) }));
}

function byStatus(b) {
  return Object.entries(b.by_status).filter(([, n]) => n).map(([s, n]) => `${label('remains_statuses', s)} ${number(n)}`).join(' · ');
}

// A refusal under the form, the field it names focused; the field's name in words.
function refused(form, msg, err) {
  const name = err.field ? t(`batches.fields.${err.field}`) : null;
  msg.append(notice('error', name && !name.startsWith('batches.') ? `${name}: ${err.message}` : err.message));
  if (err.field) form.querySelector(`[name="${CSS.escape(err.field)}"]`)?.focus();
}

// A whole number of bodies from 1, or null (said in the user's language).
function bodies(input, msg) {
  const v = input.value.trim();
  if (/^[1-9][0-9]{0,8}$/.test(v)) return Number(v);
  msg.append(notice('error', `${t('batches.fields.declared')}: ${t('batches.declared_expected')}`));
  input.focus();
  return null;
}

function addForm(ctx) {
  const inp = (id, name, attrs) => h('input', { id, name, ...(attrs || {}) });
  const lbl = inp('nb-label', 'label', { size: 24, required: true });
  const from = inp('nb-from', 'from_party', { size: 4, placeholder: 'RU', required: true });
  const to = inp('nb-to', 'to_party', { size: 4, placeholder: 'UA', required: true });
  const date = inp('nb-date', 'handover_date', { size: 11, placeholder: 'YYYY-MM-DD' });
  const declared = inp('nb-declared', 'declared', { size: 8, inputmode: 'numeric', required: true });
  const note = inp('nb-note', 'note', { size: 24 });
  const msg = h('div', { class: 'messages', id: 'nb-messages' });
  const form = h('form', { class: 'card', id: 'batch-add-form' },
    h('h2', {}, t('batches.add')), h('p', { class: 'muted' }, t('batches.add_intro')),
    h('div', { class: 'row' }, field(t('batches.label'), lbl), field(t('batches.from'), from), field(t('batches.to'), to),
      field(t('batches.handover'), date), field(t('batches.fields.declared'), declared), field(t('remains.note'), note)),
    msg, h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'nb-submit' }, t('batches.add'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    msg.replaceChildren();
    const n = bodies(declared, msg);
    if (n === null) return;
    try {
      const b = await post('/api/remains/batches', { label: lbl.value.trim(), from_party: from.value.trim(),
        to_party: to.value.trim(), handover_date: date.value.trim() || undefined, declared: n, note: note.value.trim() || undefined });
      msg.append(notice('success', t('batches.added', { label: b.label, n: number(b.declared) })));
      setTimeout(() => ctx.navigate(`/remains/batches/${b.id}`), 600);
    } catch (err) {
      refused(form, msg, err);
    }
  });
  return form;
}

async function list(ctx) {
  const { batches } = await get('/api/remains/batches');
  const add = ctx.can('remains_write') ? addForm(ctx) : null;
  if (!batches.length) {
    return h('section', { class: 'batches-page' }, h('h1', {}, t('batches.title')), notice('info', t('batches.none')), add);
  }
  const chart = progress(t('batches.chart'), batches.map((b) => ({ label: b.label, done: Math.min(b.received, b.declared ?? b.received),
    pending: 0, left: b.declared === null ? null : Math.max(0, b.declared - b.received) })),
  [t('batches.received'), '', t('batches.missing')]);
  return h('section', { class: 'batches-page' }, h('h1', {}, t('batches.title')),
    h('p', { class: 'subnav' }, h('a', { href: '/remains' }, t('remains.cases'))),
    table([t('batches.label'), t('batches.from'), t('batches.to'), t('batches.handover'), t('batches.declared'),
      t('batches.received'), t('batches.difference'), t('batches.by_status'), t('batches.counted')],
    batches.map((b) => [h('a', { href: `/remains/batches/${b.id}` }, b.label), b.from_party || '—', b.to_party || '—',
      b.handover_date || '—', b.declared === null ? '—' : number(b.declared), number(b.received), difference(b), byStatus(b),
      b.clause ? b.clause : '—']),
    { class: 'batches-table', id: 'batches' }), h('div', { class: 'charts spaced' }, chart), add);
}

// Tie the batch to an agreement's stage and its clause about bodies.
async function tieForm(ctx, b) {
  const { agreements } = await get('/api/remains/ties');
  if (!agreements.length) return notice('info', t('batches.tie_nothing'));
  const opt = (value, text, selected) => h('option', { value, selected: selected || undefined }, text);
  const ag = h('select', { id: 'tie-agreement', name: 'agreement' });
  const clause = h('select', { id: 'tie-clause', name: 'clause', required: true });
  const stage = h('select', { id: 'tie-stage', name: 'stage', required: true });
  const declared = h('input', { id: 'tie-declared', name: 'declared', size: 8, inputmode: 'numeric',
    value: b.declared === null ? '' : String(b.declared), required: true });
  const current = agreements.find((a) => a.stages.some((s) => s.id === b.stage)) || agreements[0];
  ag.append(...agreements.map((a) => opt(a.id, a.id, a === current)));
  const fill = () => {
    const a = agreements.find((x) => x.id === ag.value);
    clause.replaceChildren(...a.clauses.map((c) => opt(c.id, `${titleIn(c)} (${c.id})`, c.id === b.clause)));
    stage.replaceChildren(...a.stages.map((s) => opt(s.id, t('batches.stage_option',
      { n: s.number, date: s.date || '—', status: label('stage_statuses', s.status), id: s.id }), s.id === b.stage)));
  };
  ag.addEventListener('change', fill);
  fill();
  const msg = h('div', { class: 'messages', id: 'tie-messages' });
  const untie = b.stage ? h('button', { type: 'button', class: 'danger', id: 'tie-untie' }, t('batches.untie')) : null;
  const form = h('form', { class: 'group spaced', id: 'batch-tie-form' },
    h('h2', {}, t('batches.tie')), h('p', { class: 'muted' }, t('batches.tie_intro')),
    h('div', { class: 'row' }, field(t('batches.fields.agreement'), ag), field(t('batches.fields.clause'), clause),
      field(t('batches.fields.stage'), stage), field(t('batches.fields.declared'), declared)),
    msg, h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'tie-submit' }, t('batches.tie')), untie));
  // From a dialog (inDialog), a refusal is thrown back for the dialog to
  // show, and it stays open; from the form, it is said under the form.
  const send = async (body, done, inDialog) => {
    msg.replaceChildren();
    try {
      const r = await post(`/api/remains/batches/${b.id}/tie`, body);
      msg.append(notice('success', done(r)));
      setTimeout(() => ctx.reload(), 600);
    } catch (err) {
      if (inDialog) throw err;
      refused(form, msg, err);
    }
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    msg.replaceChildren();
    const n = bodies(declared, msg);
    if (n === null) return;
    send({ agreement: ag.value, stage: stage.value, clause: clause.value, declared: n },
      (r) => t('batches.tied', { n: number(r.declared), clause: r.clause, stage: r.stage }));
  });
  untie?.addEventListener('click', () => dialog({ id: 'untie-dialog', title: t('batches.untie'),
    text: t('batches.untie_confirm', { label: b.label }), ok: t('batches.untie'), danger: true,
    run: () => send({ stage: null }, () => t('batches.untied'), true) }));
  return form;
}

async function one(ctx) {
  const offset = Math.max(0, Number(ctx.query.get('offset') || 0));
  const b = await get(`/api/remains/batches/${ctx.params[0]}${query({ limit: PAGE, offset: offset || null })}`);
  return h('section', { class: 'batch-page' },
    h('p', { class: 'subnav' }, h('a', { href: '/remains/batches' }, t('remains.batches'))),
    h('h1', {}, b.label),
    pairs([[t('batches.from'), b.from_party], [t('batches.to'), b.to_party], [t('batches.handover'), b.handover_date],
      [t('batches.declared'), b.declared === null ? t('batches.not_declared') : number(b.declared)],
      [t('batches.received'), number(b.received)], [t('batches.difference'), difference(b)],
      [t('batches.by_status'), byStatus(b)], [t('batches.stage'), b.stage ? h('a', { href: `/stages/${b.stage}`, class: 'mono' }, b.stage) : null],
      [t('batches.counted'), b.clause ? h('span', { id: 'batch-clause' }, t('batches.counted_under', { clause: b.clause })) : null],
      [t('remains.note'), b.note]], { class: 'report' }),
    ctx.can('remains_write') ? await tieForm(ctx, b) : null,
    h('h2', { class: 'spaced' }, t('remains.cases')), casesTable(ctx, b.cases.cases),
    pager(`/remains/batches/${ctx.params[0]}`, {}, offset, b.cases.cases.length, b.cases.total));
}

export async function render(ctx) {
  return ctx.params.length ? one(ctx) : list(ctx);
}
