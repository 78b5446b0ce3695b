// Execution: what happened at the handover of an agreed stage. Per person
// an outcome (handed over unless said otherwise; a substitute is picked
// from those the same side holds), per batch the bodies delivered; then
// confirm, and the report.
import { get, post, query } from '../api.js';
import { h, clear, notice, table, pairs, field } from '../dom.js';
import { t, label, number } from '../i18n.js';
import { personName } from './search.js';

const OUTCOMES = ['handed_over', 'not_presented', 'refused', 'died', 'substituted'];

// A search among those held by `side`; calls pick({id, name}).
function personPicker(idPrefix, side, pick) {
  const input = h('input', { type: 'search', id: `${idPrefix}-q`, size: 18, placeholder: t('execute.search_hint'),
    'aria-label': t('execute.substitute') });
  const results = h('ul', { class: 'picker-results', id: `${idPrefix}-results` });
  const chosen = h('span', { class: 'chosen', id: `${idPrefix}-chosen` });
  let timer = null;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      if (input.value.trim().length < 2) { clear(results); return; }
      try {
        const page = await get(`/api/persons${query({ q: input.value.trim(), held_by: side, status: 'held', limit: 8 })}`);
        clear(results).append(...page.persons.map((p) => {
          const n = personName(p);
          return h('li', {}, h('button', { type: 'button', class: 'link-like', onclick: () => {
            pick({ id: p.id, name: n.main });
            chosen.textContent = `${n.main} (${p.id})`;
            clear(results);
            input.value = '';
          } }, `${n.main}${p.birth_date ? `, ${p.birth_date}` : ''}`));
        }));
        if (!page.persons.length) results.append(h('li', { class: 'muted' }, t('execute.no_match')));
      } catch (err) {
        clear(results).append(h('li', { class: 'notice error' }, err.message));
      }
    }, 250);
  });
  return h('div', { class: 'picker' }, input, chosen, results);
}

function entryRow(e, state) {
  const outcome = h('select', { id: `out-${e.seq}`, 'aria-label': t('execute.outcome') },
    OUTCOMES.map((o) => h('option', { value: o }, label('outcomes', o))));
  const note = h('input', { id: `note-${e.seq}`, size: 16, 'aria-label': t('execute.note'), placeholder: t('execute.note') });
  const picker = personPicker(`sub-${e.seq}`, e.side, (p) => { state.substitute = p.id; });
  picker.hidden = true;
  outcome.addEventListener('change', () => {
    state.outcome = outcome.value;
    picker.hidden = outcome.value !== 'substituted';
  });
  note.addEventListener('input', () => { state.note = note.value.trim(); });
  const name = [e.surname || e.surname_latin, e.given_names || e.given_names_latin].filter(Boolean).join(' ') || e.ref;
  return [String(e.seq), e.side, name, e.birth_date || '', h('div', {}, outcome, picker), note];
}

function report(s, r) {
  const sides = (o) => s.parties.map((p) => `${p} ${number(o[p])}`).join(' · ');
  return h('section', { class: 'card', id: 'execute-report' },
    notice('success', t('execute.done')),
    pairs([[t('execute.handed_over'), sides(r.handed_over)], [t('execute.substitutes'), sides(r.substitutes)],
      [t('execute.not_delivered'), sides(r.not_delivered)], [t('execute.bodies'), sides(r.bodies)],
      [t('execute.discrepancies'), number(r.discrepancies)],
      [t('execute.art117'), r.art117 === undefined ? null : number(r.art117)]], { class: 'report' }),
    h('p', {}, h('a', { href: `/stages/${s.id}` }, t('execute.back'))));
}

export async function render(ctx) {
  const s = await get(`/api/stages/${ctx.params[0]}`);
  const head = [h('h1', {}, t('execute.title', { n: s.number, agreement: s.agreement })),
    h('p', {}, h('a', { href: `/stages/${s.id}`, class: 'mono' }, s.id), ` · ${s.date} · ${s.handover_point || ''}`)];
  if (s.status !== 'agreed') {
    return h('section', { class: 'execute' }, head,
      notice('info', t('execute.not_agreed', { status: label('stage_statuses', s.status) })));
  }
  const states = new Map(s.entries.map((e) => [e.seq, { outcome: 'handed_over' }]));
  const rows = s.entries.map((e) => entryRow(e, states.get(e.seq)));
  const counts = s.remains.map((b) => h('input', { type: 'number', min: 0, id: `deliv-${b.seq}`, value: b.declared,
    'aria-label': b.batch, size: 6 }));
  const date = h('input', { type: 'date', id: 'exec-date', value: s.date });
  const confirm = h('input', { type: 'checkbox', id: 'exec-confirm', required: true });
  const msg = h('div', { class: 'messages' });
  const button = h('button', { type: 'submit', class: 'primary', id: 'exec-submit' }, t('execute.submit'));
  const root = h('section', { class: 'execute' });
  const form = h('form', { class: 'execute-form' },
    h('p', { class: 'muted' }, t('execute.intro')),
    s.entries.length ? table([t('stage.seq'), t('stage.side'), t('stage.name'), t('stage.born'), t('execute.outcome'),
      t('execute.note')], rows, { class: 'entries exec-entries' }) : null,
    s.remains.length ? [h('h2', { class: 'spaced' }, t('stage.remains')),
      table([t('stage.batch'), t('stage.side'), t('stage.declared'), t('execute.delivered')],
        s.remains.map((b, i) => [b.batch, b.side, number(b.declared), counts[i]]), { class: 'batches' })] : null,
    h('div', { class: 'row spaced' }, field(t('execute.date'), date)),
    h('label', { class: 'check', for: 'exec-confirm' }, confirm, ` ${t('execute.confirm')}`),
    msg, h('div', { class: 'actions' }, button));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    msg.replaceChildren();
    const outcomes = [];
    for (const en of s.entries) {
      const st = states.get(en.seq);
      if (st.outcome === 'handed_over') continue;
      if (st.outcome === 'substituted' && !st.substitute) {
        msg.append(notice('error', t('execute.pick_substitute', { seq: en.seq })));
        return;
      }
      outcomes.push({ person: en.person || en.ref, outcome: st.outcome, substitute: st.outcome === 'substituted' ? st.substitute : undefined,
        note: st.note || undefined });
    }
    const deliveries = s.remains.map((b, i) => ({ batch: b.batch, delivered: Number(counts[i].value) }))
      .filter((d, i) => d.delivered !== s.remains[i].declared);
    button.disabled = true;
    try {
      const r = await post(`/api/stages/${s.id}/execute`, { date: date.value || undefined, outcomes, deliveries });
      clear(root).append(...head, report(s, r));
    } catch (err) {
      msg.append(notice('error', err.message));
      button.disabled = false;
    }
  });
  root.append(...head, form);
  return root;
}
