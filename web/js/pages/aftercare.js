// Aftercare: where those handed over are now, counted by step and listed.
// The health steps (assistance, hospital, rehabilitation) and the Art. 117
// flag come from the server only for the medical roles.
import { get, query } from '../api.js';
import { h, notice, table, field } from '../dom.js';
import { t, label, number } from '../i18n.js';
import { bars } from '../charts.js';

const HEALTH = ['assistance', 'hospital', 'rehabilitation'];
const PAGE = 100;

export async function render(ctx) {
  const fields = await ctx.loadFields();
  const q = ctx.query;
  const medical = ctx.can('medical_read');
  const steps = fields.aftercare_steps.filter((s) => medical || !HEALTH.includes(s));
  const input = (name, attrs) => h('input', { id: `ac-${name}`, name, value: q.get(name) || '', ...attrs });
  const step = h('select', { id: 'ac-step', name: 'step' }, h('option', { value: '' }, t('search.any')),
    steps.map((s) => h('option', { value: s, selected: s === q.get('step') }, label('steps', s))));
  const form = h('form', { class: 'filters', onsubmit: (e) => {
    e.preventDefault();
    const params = Object.fromEntries([...new FormData(form).entries()].filter(([, v]) => v.trim()));
    ctx.navigate(`/aftercare${query(params)}`);
  } },
  field(t('aftercare.agreement'), input('agreement', { size: 18 })),
  field(t('aftercare.stage'), input('stage', { size: 18, placeholder: 'S…' })),
  field(t('aftercare.party'), input('party', { size: 4, placeholder: 'UA' })),
  field(t('aftercare.step'), step),
  h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('search.submit'))));
  const offset = Math.max(0, Number(q.get('offset') || 0));
  const params = { agreement: q.get('agreement'), stage: q.get('stage'), party: q.get('party'), step: q.get('step') };
  const v = await get(`/api/aftercare${query({ ...params, limit: PAGE, offset: offset || null })}`);
  const link = (o) => `/aftercare${query({ ...params, offset: o || null })}`;
  const rows = v.persons.map((p) => [
    ctx.can('person_read') ? h('a', { href: `/persons/${p.id}` }, p.name || p.id) : p.name || p.id,
    p.party || '—',
    ctx.can('stage_read') ? h('a', { href: `/stages/${p.stage}`, class: 'mono' }, p.stage) : h('span', { class: 'mono' }, p.stage),
    h('span', { class: `status step-${p.step}` }, label('steps', p.step)), p.since || '—',
    ...(medical ? [p.art117 ? h('strong', { class: 'art117' }, t('aftercare.art117_short')) : ''] : [])]);
  return h('section', { class: 'aftercare' }, h('h1', {}, t('aftercare.title')),
    h('p', { class: 'muted' }, t(medical ? 'aftercare.intro_medical' : 'aftercare.intro')),
    form,
    h('div', { class: 'tiles spaced' },
      h('div', { class: 'tile' }, h('span', { class: 'n', id: 'ac-total' }, number(v.total)), h('span', {}, t('aftercare.total'))),
      medical ? h('div', { class: 'tile' }, h('span', { class: 'n', id: 'ac-art117' }, number(v.art117)),
        h('span', {}, t('aftercare.art117'))) : null),
    h('div', { class: 'charts' },
      bars(t('aftercare.by_step'), Object.entries(v.steps).map(([s, n]) => ({ label: label('steps', s), count: n })))),
    h('h2', { class: 'spaced' }, t('aftercare.list')),
    rows.length ? table([t('aftercare.person'), t('aftercare.party'), t('aftercare.stage'), t('aftercare.step'),
      t('aftercare.since'), ...(medical ? [t('aftercare.art117_short')] : [])], rows, { class: 'aftercare-table' })
      : notice('info', t('aftercare.none')),
    h('nav', { class: 'pager', 'aria-label': 'pages' },
      offset > 0 ? h('a', { href: link(Math.max(0, offset - PAGE)), rel: 'prev' }, t('search.prev')) : h('span'),
      h('span', {}, v.total ? t('search.page', { from: number(offset + 1), to: number(offset + v.persons.length), total: number(v.total) }) : ''),
      offset + v.persons.length < v.total ? h('a', { href: link(offset + PAGE), rel: 'next' }, t('search.next')) : h('span')));
}
