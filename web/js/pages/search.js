// The registry: search by name in any script and spelling, filter, page.
import { get, query } from '../api.js';
import { h, notice, field as labelled } from '../dom.js';
import { t, label, number } from '../i18n.js';

const PAGE = 25;

export function personName(p) {
  const cyr = [p.surname, p.given_names, p.patronymic].filter(Boolean).join(' ');
  const lat = [p.surname_latin, p.given_names_latin, p.patronymic_latin].filter(Boolean).join(' ');
  return { main: cyr || lat || p.id, second: cyr && lat ? lat : '' };
}

function select(name, values, kind, current, anyLabel) {
  return h('select', { id: `f-${name}`, name },
    h('option', { value: '' }, anyLabel),
    values.map((v) => h('option', { value: v, selected: v === current }, label(kind, v))));
}

function field(name, text, control) {
  return h('div', { class: 'field' }, h('label', { for: control.id }, text), control);
}

// "Шевчук Олександр Миколайович · 1994-02-11": a person as a form that picks one shows them.
export function personLine(p) {
  return [personName(p).main, p.birth_date ? ` · ${p.birth_date}` : ''].join('');
}

const ID_LIKE = /^P[0-9A-Z]{4,16}$/;

// A person of the registry found as one types, for a form that needs one
// (an inquiry's sought person, a testimony's returnee): a name in any
// script and spelling, or an id. The keyboard goes from the box down the
// results with the arrows (Escape goes back), Enter or a click picks one;
// each result is a button named by the person's name and birth date, and
// how many were found (or why none) is said to screen readers.
// onPick(person) gets the person as the search lists them.
export function personFinder({ id, text, hint, onPick }) {
  const box = h('input', { id, name: id, type: 'search', size: 30, autocomplete: 'off', placeholder: hint || null,
    'aria-describedby': `${id}-said`, 'aria-controls': `${id}-results` });
  const said = h('p', { class: 'muted small', id: `${id}-said`, 'aria-live': 'polite' }, t('pick.hint'));
  const results = h('ul', { class: 'results', id: `${id}-results`, 'aria-label': text });
  const buttons = () => [...results.querySelectorAll('button.pick')];
  const show = (persons, typed) => {
    said.textContent = persons.length ? t('pick.found', { n: number(persons.length), c: persons.length })
      : t('pick.none', { text: typed });
    results.replaceChildren(...persons.map((p) => h('li', {},
      h('button', { type: 'button', class: 'link-like pick', dataset: { id: p.id }, onclick: () => onPick(p) },
        personLine(p)), ' ', h('span', { class: 'mono small muted' }, p.id))));
  };
  let timer = null;
  let serial = 0;
  box.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const mine = ++serial;
      const typed = box.value.trim();
      if (typed.length < 2) {
        results.replaceChildren();
        said.textContent = t('pick.hint');
        return;
      }
      try {
        let persons;
        if (ID_LIKE.test(typed.toUpperCase())) {
          const one = await get(`/api/persons/${encodeURIComponent(typed.toUpperCase())}`).catch((e) => {
            if (e.status === 404) return null;
            throw e;
          });
          persons = one ? [one] : [];
        } else {
          persons = (await get(`/api/persons${query({ q: typed, limit: 5 })}`)).persons || [];
        }
        if (mine === serial) show(persons, typed);
      } catch (err) {
        if (mine !== serial) return;
        results.replaceChildren();
        said.textContent = t('pick.failed', { why: err.message });
      }
    }, 250);
  });
  // Enter in the box takes the first person found, never submits the form around it.
  box.addEventListener('keydown', (e) => {
    const first = buttons()[0];
    if (e.key === 'ArrowDown' && first) {
      e.preventDefault();
      first.focus();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (first) first.click();
    }
  });
  results.addEventListener('keydown', (e) => {
    const all = buttons();
    const i = all.indexOf(document.activeElement);
    if (i < 0) return;
    if (e.key === 'ArrowDown' && i < all.length - 1) all[i + 1].focus();
    else if (e.key === 'ArrowUp') (i > 0 ? all[i - 1] : box).focus();
    else if (e.key === 'Escape') box.focus();
    else return;
    e.preventDefault();
  });
  const reset = () => {
    box.value = '';
    results.replaceChildren();
    said.textContent = t('pick.hint');
  };
  return { el: h('div', { class: 'finder' }, labelled(text, box, true), said, results), box, reset };
}

export async function render(ctx) {
  const fields = await ctx.loadFields();
  const q = ctx.query;
  const enumValues = (n) => fields.person.find((f) => f.name === n).values;
  const input = (name, attrs) => h('input', { id: `f-${name}`, name, value: q.get(name) || '', ...attrs });

  const ages = (q.get('age') || '').split('-');
  const ageMin = h('input', { id: 'f-age-min', type: 'number', min: 0, max: 150, value: ages[0] || '',
    'aria-label': `${t('search.age')} ${t('search.age_from')}` });
  const ageMax = h('input', { id: 'f-age-max', type: 'number', min: 0, max: 150, value: ages[1] || '',
    'aria-label': `${t('search.age')} ${t('search.age_to')}` });
  const form = h('form', { class: 'filters', role: 'search', onsubmit: (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const params = {};
    for (const [k, v] of data.entries()) if (v.trim()) params[k] = v.trim();
    if (ageMin.value || ageMax.value) params.age = `${ageMin.value}-${ageMax.value}`;
    ctx.navigate(`/persons${query(params)}`);
  } },
  h('div', { class: 'field grow' }, h('label', { for: 'f-q' }, t('search.q')),
    input('q', { type: 'search', placeholder: t('search.q_hint'), autocomplete: 'off' })),
  field('status', t('search.status'), select('status', fields.statuses.map((s) => s.name), 'statuses', q.get('status'), t('search.any'))),
  field('party', t('search.party'), input('party', { size: 4, placeholder: 'UA' })),
  field('held_by', t('search.held_by'), input('held_by', { size: 4, placeholder: 'RU' })),
  field('branch', t('search.branch'), select('branch', enumValues('branch'), 'values', q.get('branch'), t('search.any'))),
  ctx.can('medical_read')
    ? field('medical', t('search.medical'), select('medical', enumValues('medical'), 'values', q.get('medical'), t('search.any')))
    : null,
  h('div', { class: 'field' }, h('label', { for: 'f-age-min' }, t('search.age')), h('div', { class: 'pair' }, ageMin, '–', ageMax)),
  field('age_on', t('search.age_on'), input('age_on', { type: 'date' })),
  field('captured_since', t('search.captured_since'), input('captured_since', { placeholder: 'YYYY-MM-DD' })),
  field('captured_before', t('search.captured_before'), input('captured_before', { placeholder: 'YYYY-MM-DD' })),
  h('div', { class: 'actions' },
    h('button', { type: 'submit', class: 'primary' }, t('search.submit')),
    h('a', { href: '/persons', class: 'button' }, t('search.clear'))));

  const offset = Math.max(0, Number(q.get('offset') || 0));
  const params = Object.fromEntries(q.entries());
  const out = h('div', { class: 'results' });
  try {
    const page = await get(`/api/persons${query({ ...params, limit: PAGE, offset })}`);
    out.append(results(page, params, offset));
  } catch (e) {
    if (e.status === 403 || e.status === 401) throw e;
    out.append(notice('error', e.message));
  }
  return h('section', { class: 'search' }, h('h1', {}, t('search.title')), form, out);
}

function results(page, params, offset) {
  if (!page.persons.length) return notice('info', t('search.none'));
  const total = page.total_is_lower_bound ? t('search.results_more', { n: number(page.total) })
    : t('search.results', { n: number(page.total) });
  const link = (o) => `/persons${query({ ...params, offset: o || null })}`;
  const pager = h('nav', { class: 'pager', 'aria-label': 'pages' },
    offset > 0 ? h('a', { href: link(Math.max(0, offset - PAGE)), rel: 'prev' }, t('search.prev')) : h('span'),
    h('span', {}, t('search.page', { from: number(offset + 1), to: number(offset + page.persons.length),
      total: page.total_is_lower_bound ? `${number(page.total)}+` : number(page.total) })),
    offset + page.persons.length < page.total ? h('a', { href: link(offset + PAGE), rel: 'next' }, t('search.next')) : h('span'));
  return h('div', {},
    h('p', { class: 'summary' }, h('strong', { id: 'result-count' }, total), ' · ',
      page.order === 'name' ? t('search.order_name') : t('search.order_registry')),
    h('div', { class: 'table-wrap' }, h('table', { class: 'persons' },
      h('thead', {}, h('tr', {}, [t('search.name'), t('search.born'), t('search.party'), t('search.held_by'),
        t('search.status'), t('search.captured')].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, page.persons.map((p) => {
        const n = personName(p);
        return h('tr', {},
          h('td', {}, h('a', { href: `/persons/${p.id}`, class: 'person-link' }, n.main),
            n.second ? h('div', { class: 'muted small' }, n.second) : null),
          h('td', {}, p.birth_date || '—'), h('td', {}, p.party || '—'), h('td', {}, p.held_by || '—'),
          h('td', {}, h('span', { class: `status s-${p.status}` }, label('statuses', p.status))),
          h('td', {}, p.capture_date || '—'));
      })))),
    pager);
}
