// Agreements: the list (and, for negotiators, a new one from its JSON
// document), and one agreement: its terms in words, its clauses, the
// ledger per clause and side as a table and as progress bars, its stages.
import { get, post } from '../api.js';
import { h, notice, table, pairs, field, announce } from '../dom.js';
import { t, label, number, titled } from '../i18n.js';
import { progress } from '../charts.js';
import { ruleText, basisText, agreementWords } from '../rules.js';

export function stageRows(stages) {
  return stages.map((s) => {
    const [a, b] = Object.keys(s).filter((k) => s[k] && typeof s[k] === 'object');
    const side = (p) => (p ? `${p} ${number(s[p].persons + s[p].bodies)}` : '');
    return [h('a', { href: `/stages/${s.id}`, class: 'mono stage-link' }, s.id), s.agreement, String(s.number),
      s.date, h('span', { class: `status st-${s.status}` }, label('stage_statuses', s.status)), String(s.version),
      [side(a), side(b)].filter(Boolean).join(' · ')];
  });
}

export function stageTable(stages) {
  if (!stages.length) return notice('info', t('stages.none'));
  return table([t('stages.id'), t('stages.agreement'), t('stages.number'), t('stages.date'), t('stages.status'),
    t('stages.version'), t('stages.hands_over')], stageRows(stages), { class: 'stages-table' });
}

function addForm(ctx) {
  const file = h('input', { type: 'file', id: 'ag-file', accept: '.json,application/json' });
  const text = h('textarea', { id: 'ag-text', rows: 8, class: 'mono', spellcheck: 'false',
    placeholder: '{"parley": "agreement/1", "id": "...", ...}' });
  const msg = h('div', { class: 'messages', id: 'ag-messages' });
  file.addEventListener('change', async () => {
    if (file.files[0]) text.value = await file.files[0].text();
  });
  const form = h('form', { class: 'card add-agreement' },
    h('h2', {}, t('agreements.add')), h('p', { class: 'muted' }, t('agreements.add_intro')),
    field(t('agreements.file'), file), field(t('agreements.document'), text, true), msg,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'ag-submit' }, t('agreements.store'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    msg.replaceChildren();
    try {
      const r = await post('/api/agreements', text.value);
      ctx.navigate(`/agreements/${r.id}`);
      announce(t(r.added ? 'agreements.stored' : 'agreements.already', { id: r.id }));
    } catch (err) {
      msg.append(notice('error', err.field ? `${err.field}: ${err.message}` : err.message));
    }
  });
  return form;
}

async function list(ctx) {
  const { agreements } = await get('/api/agreements');
  return h('section', { class: 'agreements' }, h('h1', {}, t('agreements.title')),
    agreements.length
      ? table([t('agreements.id'), t('agreements.concluded'), t('agreements.parties'), t('agreements.mediator'),
        t('agreements.stages'), t('agreements.name')],
      agreements.map((a) => [h('a', { href: `/agreements/${a.id}`, class: 'mono' }, a.id), a.concluded,
        a.parties.join(' · '), a.mediator || '—', t('agreements.stage_count', { n: a.stages, open: a.open_stages }), titled(a)]),
      { class: 'agreements-table' })
      : notice('info', t('agreements.none')),
    ctx.can('agreement_write') ? addForm(ctx) : null);
}

// The ledger's number for a side: points under a points basis.
function amounts(c, side) {
  const x = c[side];
  const pts = c.basis === 'points';
  return { delivered: pts ? x.delivered_points : x.delivered, pending: pts ? x.in_stages_points : x.in_stages,
    failed: x.not_delivered, owed: x.owed, outstanding: x.outstanding };
}

function ledgerTable(ag) {
  const rows = [];
  for (const c of ag.ledger.clauses) {
    for (const side of ag.parties) {
      const a = amounts(c, side);
      const n = (v) => (v < 0 ? t('agreements.no_number') : number(v));
      rows.push([c.clause, side, n(a.delivered), n(a.pending), n(a.failed), n(a.owed), n(a.outstanding)]);
    }
  }
  return table([t('ledger.clause'), t('ledger.side'), t('ledger.delivered'), t('ledger.in_stages'),
    t('ledger.not_delivered'), t('ledger.owed'), t('ledger.outstanding')], rows, { class: 'ledger', id: 'ledger' });
}

// How bodies are counted: by the count declared for each batch, with the
// cases recorded in tied batches beside it (not instead of it).
function bodiesNote(ag) {
  const remains = ag.ledger.clauses.filter((c) => c.subject === 'remains');
  if (!remains.length) return null;
  const [a, b] = ag.parties;
  return h('div', { class: 'muted small', id: 'ledger-bodies-note' }, h('p', {}, t('ledger.bodies_note')),
    remains.filter((c) => c[a].cases || c[b].cases).map((c) => h('p', {}, t('ledger.cases_recorded',
      { clause: c.clause, a, na: number(c[a].cases), b, nb: number(c[b].cases) }))));
}

function ledgerChart(ag) {
  const rows = [];
  for (const c of ag.ledger.clauses) {
    for (const side of ag.parties) {
      const a = amounts(c, side);
      rows.push({ label: `${c.clause} · ${side}`, done: a.delivered, pending: a.pending,
        left: a.owed < 0 ? null : Math.max(0, a.outstanding) });
    }
  }
  return progress(t('ledger.chart'), rows, [t('ledger.delivered'), t('ledger.in_stages'), t('ledger.outstanding')]);
}

function clauses(ag) {
  return h('div', { class: 'clauses' }, ag.clauses.map((c) => h('section', { class: 'group clause', dataset: { clause: c.id } },
    h('h2', {}, titled(c) || c.id, ' ', h('span', { class: 'muted small mono' }, c.id)),
    pairs([[t('agreements.subject'), label('subjects', c.subject)], [t('agreements.basis'), basisText(c, ag.parties)],
      [t('agreements.eligible'), c.eligible ? h('span', { class: 'rule' }, c.terms && c.terms.eligible ? ruleText(c.terms.eligible) : '',
        // the rule as the document writes it: code, not words
        ' ', h('code', { class: 'rule muted small', translate: 'no' }, c.eligible)) : null],
      [t('agreements.capacity'), c.capacity ? number(c.capacity) : t('agreements.no_limit')]]))));
}

async function one(ctx) {
  const ag = await get(`/api/agreements/${ctx.params[0]}`);
  return h('section', { class: 'agreement' },
    h('div', { class: 'head' }, h('div', {}, h('h1', {}, titled(ag) || ag.id), h('p', { class: 'muted mono' }, ag.id)),
      h('div', { class: 'actions' }, h('a', { href: `/agreements/${ag.id}/plan`, class: 'button primary', id: 'plan-link' },
        t('agreements.plan')))),
    h('div', { class: 'cols' },
      h('section', { class: 'group' }, h('h2', {}, t('agreements.terms')),
        pairs([[t('agreements.parties'), ag.parties.join(' · ')], [t('agreements.mediator'), ag.mediator],
          [t('agreements.transit'), ag.transit], [t('agreements.concluded'), ag.concluded],
          [t('agreements.valid'), `${ag.valid_from || '…'} – ${ag.valid_until || '…'}`],
          [t('agreements.counting'), t(`agreements.counting_${ag.counting}`)],
          [t('agreements.embargo'), ag.embargo_until === 'done' ? t('agreements.embargo_done')
            : ag.embargo_until || t('agreements.embargo_none')],
          ['SHA-256', h('span', { class: 'mono small' }, ag.sha256)]]),
        h('details', {}, h('summary', {}, t('agreements.in_words')), h('pre', { class: 'explain' }, agreementWords(ag)))),
      ledgerChart(ag)),
    h('h2', {}, t('ledger.title')), ledgerTable(ag), bodiesNote(ag),
    h('h2', { class: 'spaced' }, t('agreements.clauses')), clauses(ag),
    h('h2', { class: 'spaced' }, t('agreements.stages')), stageTable(ag.stages));
}

export async function render(ctx) {
  return ctx.params.length ? one(ctx) : list(ctx);
}
