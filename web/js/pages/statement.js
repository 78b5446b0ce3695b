// The statement about an executed stage, in Ukrainian or English: the
// Markdown a ministry would publish, shown as text; while the embargo
// holds the numbers are withheld, and the page says so.
import { get, query } from '../api.js';
import { h, notice, table, field } from '../dom.js';
import { t, label, number, language } from '../i18n.js';

export async function render(ctx) {
  const lang = ctx.query.get('lang') || (language() === 'uk' ? 'uk' : 'en');
  const s = await get(`/api/stages/${ctx.params[0]}/statement${query({ lang, party: ctx.query.get('party') })}`);
  const choose = h('select', { id: 'st-lang', onchange: (e) => ctx.navigate(`/stages/${ctx.params[0]}/statement?lang=${e.target.value}`, true) },
    [['uk', 'Українська'], ['en', 'English']].map(([v, text]) => h('option', { value: v, selected: v === lang }, text)));
  const n = (v) => (v === null ? t('statement.withheld') : number(v));
  const facts = [[t('statement.returned'), n(s.returned)], [t('statement.bodies'), n(s.bodies)],
    ...Object.entries(s.categories).map(([k, v]) => [label('categories', k), n(v)]),
    [t('statement.youngest'), s.youngest === null ? '—' : String(s.youngest)],
    [t('statement.oldest'), s.oldest === null ? '—' : String(s.oldest)],
    [t('statement.held_since'), s.held_since || '—'], [t('statement.transit'), s.transit || '—']];
  return h('section', { class: 'statement' },
    h('h1', {}, t('statement.title', { n: s.number, agreement: s.agreement })),
    h('p', {}, h('a', { href: `/stages/${s.stage}`, class: 'mono' }, s.stage), ` · ${s.date} · ${t('statement.party', { party: s.party })}`),
    s.embargo ? h('div', { class: 'notice embargo', id: 'embargo', role: 'status' }, h('strong', {}, t('statement.embargo')),
      ` ${t('statement.embargo_text')}`) : notice('success', t('statement.no_embargo')),
    h('div', { class: 'row' }, field(t('statement.lang'), choose),
      h('div', { class: 'actions' }, h('a', { class: 'button', download: '', id: 'statement-download',
        href: `/api/stages/${s.stage}/statement${query({ lang, format: 'md', party: ctx.query.get('party') })}` }, t('statement.download')))),
    h('div', { class: 'cols' },
      h('pre', { class: 'statement-text', id: 'statement-text', lang }, s.text || ''),
      h('section', { class: 'group' }, h('h2', {}, t('statement.facts')),
        table([t('statement.what'), t('statement.number')], facts, { class: 'facts' }))));
}
