// Persons entered twice in the registry (in other scripts, with typos): a
// search on demand, its warnings first, then each cluster of records that
// seem to be one person, with the pairs' probabilities, for a registrar to
// open and merge by hand.
import { get } from '../api.js';
import { h, clear, notice } from '../dom.js';
import { t, number, message } from '../i18n.js';
import { personName } from './search.js';

const SHOWN = 20; // clusters named at once (each person read is in the access log)

async function clusterView(cl) {
  const people = await Promise.all(cl.persons.map((id) => get(`/api/persons/${id}`).catch(() => ({ id }))));
  const best = Math.max(...cl.pairs.map((p) => p.probability));
  return h('li', { class: 'cluster', dataset: { cluster: cl.cluster } },
    h('span', { class: 'muted small' }, t('duplicates.likely', { p: number(Math.round(best * 100)) })),
    h('ul', {}, people.map((p) => h('li', {},
      h('a', { href: `/persons/${p.id}` }, personName(p).main),
      ' ', h('span', { class: 'mono small' }, p.id),
      p.birth_date ? ` · ${p.birth_date}` : ''))));
}

export async function section() {
  const out = h('div', { class: 'out', id: 'duplicates-out' });
  const button = h('button', { type: 'button', id: 'duplicates-run' }, t('duplicates.run'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    clear(out).append(h('p', { class: 'muted', role: 'status' }, t('duplicates.working')));
    try {
      const rep = await get('/api/dedupe');
      const warned = (rep.warnings || []).map((w) => notice('warn', message(w.message_code, w.args) || w.message));
      const s = rep.summary;
      const head = h('p', { id: 'duplicates-summary' }, t('duplicates.found', { n: s.clusters, records: s.in_clusters,
        persons: s.registry_persons }));
      const list = h('ol', { class: 'clusters' }, await Promise.all(rep.clusters.slice(0, SHOWN).map(clusterView)));
      const more = rep.clusters.length > SHOWN ? h('p', { class: 'muted' }, t('duplicates.more', { n: rep.clusters.length - SHOWN })) : null;
      clear(out).append(...warned, head, rep.clusters.length ? list : notice('info', t('duplicates.none')), more || '');
    } catch (err) {
      clear(out).append(notice('error', `${t('duplicates.failed')} ${err.message}`));
    } finally {
      button.disabled = false;
    }
  });
  return h('section', { class: 'card duplicates' }, h('h2', {}, t('duplicates.title')),
    h('p', {}, t('duplicates.intro')), h('div', { class: 'actions' }, button), out);
}
