// DNA sampling advice: for each missing person with relatives' profiles,
// the chance that their remains would be proposed, the exclusion power,
// and the relative not yet sampled who would raise the chance most (in a
// family imported as a pedigree, an individual of it not yet typed); one
// list, highest gain first, for the office to ask families (docs/dna.md,
// "Sampling advice"). Computed on request: it takes a while.
import { get, query } from '../api.js';
import { h, clear, notice, table, field } from '../dom.js';
import { t, label, number } from '../i18n.js';

const pct = (p) => (p === null || p === undefined ? '—' : `${(100 * p).toFixed(1)}%`);

function relText(r) {
  if (r.family) return t('dna_advice.in_pedigree', { family: r.family, id: r.individual });
  return r.relatives ? r.relatives.split(', ').map((x) => label('dna_rel', x)).join(', ') : '—';
}

// The one advised: an individual of the pedigree, or a relative to add.
function bestText(r) {
  if (r.best === 'member') return t('dna_advice.member', { id: r.best_member, family: r.family });
  return r.best ? label('dna_ask', r.best) : t('dna_advice.none_helps');
}

function askText(x) {
  const to = { person: x.person, from: (100 * x.p_proposed).toFixed(0), to: (100 * x.p_after).toFixed(0) };
  if (x.best === 'member') return t('dna_advice.ask_member', { ...to, id: x.best_member, family: x.family });
  return t('dna_advice.ask', { ...to, who: label('dna_ask', x.best) });
}

function adviceTable(ctx, rows) {
  if (!rows.length) return notice('info', t('dna_advice.none'));
  return table([t('dna_advice.col_person'), t('dna_advice.col_references'), t('dna_advice.col_now'),
    t('dna_advice.col_ep'), t('dna_advice.col_best'), t('dna_advice.col_after'), t('dna_advice.col_gain')],
  rows.map((r) => [
    ctx.can('person_read') ? h('a', { href: `/persons/${r.person}`, class: 'mono' }, r.person) : h('span', { class: 'mono' }, r.person),
    relText(r), pct(r.p_proposed), pct(r.exclusion_power), bestText(r), pct(r.p_after),
    r.best ? `+${(100 * r.gain).toFixed(1)}` : '—']),
  { class: 'dna-advice', id: 'dna-advice' });
}

export async function render(ctx) {
  const out = h('div', { id: 'dna-advice-out' });
  const person = h('input', { id: 'dna-advice-person', size: 20 });
  const sims = h('input', { id: 'dna-advice-sims', type: 'number', min: 10, max: 100000, value: 1000, size: 8 });
  const button = h('button', { type: 'submit', class: 'primary', id: 'dna-advice-run' }, t('dna_advice.run'));
  const form = h('form', { class: 'card row', id: 'dna-advice-form' },
    field(t('dna_advice.person'), person), field(t('dna_advice.simulations'), sims), h('div', { class: 'actions' }, button));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    button.disabled = true;
    clear(out).append(h('p', { class: 'loading' }, t('dna_advice.computing')));
    try {
      const r = await get(`/api/dna/advice${query({ person: person.value.trim() || null, simulations: sims.value || null })}`);
      const s = r.summary;
      clear(out).append(
        h('p', { class: 'summary', id: 'dna-advice-summary' }, t('dna_advice.summary', {
          threshold: s.threshold, n: number(Math.round(s.missing)), lr: s.log10_lr_needed.toFixed(1),
          sims: number(s.simulations), families: number(s.total), seconds: s.seconds.toFixed(1) })),
        adviceTable(ctx, r.advice),
        r.advice.filter((x) => x.best).slice(0, 10).length
          ? h('ul', { class: 'notes', id: 'dna-advice-asks' }, r.advice.filter((x) => x.best).slice(0, 10).map((x) =>
            h('li', {}, askText(x)))) : null,
        s.notes ? h('pre', { class: 'notes small' }, s.notes) : null);
    } catch (err) {
      clear(out).append(notice('error', `${t('app.error')}: ${err.message}`));
    } finally {
      button.disabled = false;
    }
  });
  return h('section', { class: 'dna' }, h('h1', {}, t('dna_advice.title')),
    h('p', { class: 'subnav' }, h('a', { href: '/dna' }, t('dna.proposals')), ' · ',
      h('a', { href: '/dna/data' }, t(ctx.can('dna_write') ? 'dna_data.title' : 'dna_data.frequencies'))),
    h('p', { class: 'muted' }, t('dna_advice.intro')), form, out);
}
