// The statement about an executed stage, in Ukrainian, English or Russian:
// rendered as a ministry would publish it (from the server's blocks of
// text, never from its Markdown or HTML), with a button that copies it and
// a download of each format. While the embargo holds the numbers are
// withheld and nothing describes fewer than k people; the page says so.
import { get, query } from '../api.js';
import { h, notice, table, field } from '../dom.js';
import { t, label, number, language } from '../i18n.js';

const LANGS = ['uk', 'en', 'ru'];

// The statement as the page shows it: a heading, paragraphs, the note.
function rendered(s, lang) {
  return h('article', { class: 'statement-text', id: 'statement-text', lang },
    s.blocks.map((b) => (b.kind === 'heading' ? h('h2', {}, b.text)
      : b.kind === 'note' ? h('p', { class: 'note' }, h('em', {}, b.text)) : h('p', {}, b.text))));
}

// The HTML and the plain text, for pasting into a page or a message.
async function copy(s, status) {
  try {
    if (window.ClipboardItem && navigator.clipboard.write) {
      await navigator.clipboard.write([new ClipboardItem({
        'text/html': new Blob([s.html], { type: 'text/html' }),
        'text/plain': new Blob([s.plain], { type: 'text/plain' }),
      })]);
    } else {
      await navigator.clipboard.writeText(s.plain);
    }
    status.textContent = t('statement.copied');
  } catch {
    status.textContent = t('statement.copy_failed');
  }
}

function downloads(s, lang, party) {
  const link = (format, key) => h('a', {
    class: 'button', download: '', id: `statement-download-${format}`,
    href: `/api/stages/${s.stage}/statement${query({ lang, format, party, k: s.k })}`,
  }, t(key));
  return [link('html', 'statement.download_html'), link('text', 'statement.download_text'),
    link('md', 'statement.download_md')];
}

function ageGroup(g) {
  if (g.to === null) return t('statement.group_over', { from: g.from });
  if (g.from === 0) return t('statement.group_under', { to: g.to });
  return t('statement.group_range', { from: g.from, to: g.to });
}

function facts(s) {
  const n = (v) => (v === null ? t('statement.withheld') : number(v));
  const rows = [[t('statement.returned'), n(s.returned)], [t('statement.bodies'), n(s.bodies)],
    ...Object.entries(s.categories).map(([k, v]) => [label('categories', k), n(v)])];
  if (s.embargo) {
    rows.push([t('statement.age_groups'), s.age_groups.length ? s.age_groups.map(ageGroup).join('; ') : t('app.none')],
      [t('statement.held_since_year'), s.first_days ? t('statement.first_days')
        : s.held_since_year === null ? t('app.none') : String(s.held_since_year)]);
  } else {
    rows.push([t('statement.youngest'), s.youngest === null ? t('app.none') : number(s.youngest)],
      [t('statement.oldest'), s.oldest === null ? t('app.none') : number(s.oldest)],
      [t('statement.held_since'), s.held_since || t('app.none')]);
  }
  rows.push([t('statement.transit'), s.transit || t('app.none')]);
  return table([t('statement.what'), t('statement.number')], rows, { class: 'facts' });
}

function titleNote(s) {
  if (!s.title_fallback) return null;
  const asked = t(`statement.lang_${s.lang}`);
  return notice('warn', s.title_lang ? t('statement.title_fallback', { lang: asked, used: t(`statement.lang_${s.title_lang}`) })
    : t('statement.title_one', { lang: asked }));
}

export async function render(ctx) {
  const lang = LANGS.includes(ctx.query.get('lang')) ? ctx.query.get('lang') : (LANGS.includes(language()) ? language() : 'en');
  const party = ctx.query.get('party');
  const s = await get(`/api/stages/${ctx.params[0]}/statement${query({ lang, party })}`);
  const choose = h('select', { id: 'st-lang', onchange: (e) => ctx.navigate(`/stages/${ctx.params[0]}/statement${query({ lang: e.target.value, party })}`, true) },
    LANGS.map((v) => h('option', { value: v, selected: v === lang }, t(`statement.lang_${v}`))));
  const status = h('span', { class: 'muted', id: 'statement-copied', role: 'status' });
  return h('section', { class: 'statement' },
    h('h1', {}, t('statement.title', { n: s.number, agreement: s.agreement_title || s.agreement })),
    h('p', {}, h('a', { href: `/stages/${s.stage}`, class: 'mono' }, s.stage), ` · ${s.date} · ${t('statement.party', { party: s.party })}`),
    s.embargo ? h('div', { class: 'notice embargo', id: 'embargo', role: 'status' }, h('strong', {}, t('statement.embargo')),
      ` ${t('statement.embargo_text', { k: number(s.k) })}`) : notice('success', t('statement.no_embargo')),
    titleNote(s),
    h('div', { class: 'row' }, field(t('statement.lang'), choose),
      h('div', { class: 'actions' },
        h('button', { type: 'button', id: 'statement-copy', onclick: () => copy(s, status) }, t('statement.copy')),
        ...downloads(s, lang, party), status)),
    h('div', { class: 'cols' },
      rendered(s, lang),
      h('section', { class: 'group' }, h('h2', {}, t('statement.facts')), facts(s))));
}
