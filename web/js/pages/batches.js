// Remains batches: every batch with what the sender declared against the
// cases received, and one batch with its cases.
import { get, query } from '../api.js';
import { h, notice, table, pairs } from '../dom.js';
import { t, label, number } from '../i18n.js';
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

async function list() {
  const { batches } = await get('/api/remains/batches');
  if (!batches.length) {
    return h('section', { class: 'batches-page' }, h('h1', {}, t('batches.title')), notice('info', t('batches.none')));
  }
  const chart = progress(t('batches.chart'), batches.map((b) => ({ label: b.label, done: Math.min(b.received, b.declared ?? b.received),
    pending: 0, left: b.declared === null ? null : Math.max(0, b.declared - b.received) })),
  [t('batches.received'), '', t('batches.missing')]);
  return h('section', { class: 'batches-page' }, h('h1', {}, t('batches.title')),
    h('p', { class: 'subnav' }, h('a', { href: '/remains' }, t('remains.cases'))),
    table([t('batches.label'), t('batches.from'), t('batches.to'), t('batches.handover'), t('batches.declared'),
      t('batches.received'), t('batches.difference'), t('batches.by_status')],
    batches.map((b) => [h('a', { href: `/remains/batches/${b.id}` }, b.label), b.from_party || '—', b.to_party || '—',
      b.handover_date || '—', b.declared === null ? '—' : number(b.declared), number(b.received), difference(b), byStatus(b)]),
    { class: 'batches-table', id: 'batches' }), h('div', { class: 'charts spaced' }, chart));
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
      [t('remains.note'), b.note]], { class: 'report' }),
    h('h2', { class: 'spaced' }, t('remains.cases')), casesTable(ctx, b.cases.cases),
    pager(`/remains/batches/${ctx.params[0]}`, {}, offset, b.cases.cases.length, b.cases.total));
}

export async function render(ctx) {
  return ctx.params.length ? one(ctx) : list();
}
