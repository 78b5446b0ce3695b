// Counts by status, party, holder and medical category; returns per month;
// time in captivity.
import { get } from '../api.js';
import { h } from '../dom.js';
import { t, label, number } from '../i18n.js';
import { bars, columns } from '../charts.js';

function counted(rows, kind, unknownLabel = t('app.unknown')) {
  return rows.map((r) => ({ label: r.value === null ? unknownLabel : kind ? label(kind, r.value) : r.value,
    count: r.count, kind: r.value === null ? 'unknown' : '' }));
}

// Every month from the first to the last, those without returns as 0.
function months(rows) {
  if (!rows.length) return [];
  const have = new Map(rows.map((r) => [r.value, r.count]));
  const out = [];
  let [y, m] = rows[0].value.split('-').map(Number);
  const [ly, lm] = rows[rows.length - 1].value.split('-').map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push({ label: key, count: have.get(key) || 0 });
    if (++m > 12) { m = 1; y++; }
  }
  return out;
}

export async function render() {
  const s = await get('/api/stats');
  const bands = (rows) => rows.map((r) => ({ label: label('bands', r.band), count: r.count }));
  return h('section', { class: 'dashboard' },
    h('h1', {}, t('dash.title')),
    h('div', { class: 'tiles' },
      h('div', { class: 'tile' }, h('span', { class: 'n', id: 'count-persons' }, number(s.persons)),
        h('span', {}, t('dash.persons'))),
      h('div', { class: 'tile' }, h('span', { class: 'n' }, number(s.events)), h('span', {}, t('dash.events'))),
      ...s.by_status.slice(0, 4).map((r) => h('div', { class: 'tile' },
        h('span', { class: 'n' }, number(r.count)), h('span', {}, label('statuses', r.value))))),
    h('div', { class: 'charts' },
      bars(t('dash.by_status'), counted(s.by_status, 'statuses')),
      bars(t('dash.by_party'), counted(s.by_party, null, t('app.unknown'))),
      bars(t('dash.by_held_by'), counted(s.by_held_by, null, t('dash.not_held'))),
      s.by_medical ? bars(t('dash.by_medical'), counted(s.by_medical, 'values')) : null,
      s.returns_by_month.length
        ? columns(t('dash.returns'), months(s.returns_by_month))
        : h('figure', { class: 'chart-box' }, h('figcaption', {}, t('dash.returns')), h('p', {}, t('dash.nobody'))),
      bars(t('dash.held_for'), bands(s.held_for)),
      bars(t('dash.returned_after'), bands(s.returned_after)),
      s.captivity_unknown ? h('p', { class: 'muted' }, t('dash.no_capture_date', { n: number(s.captivity_unknown) })) : null));
}
