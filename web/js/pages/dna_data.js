// DNA data: for the identification officer, the laboratory's files
// imported (remains and reference profiles, allele frequencies, or the
// genotypes of unrelated people to count them from; all or nothing, every
// bad row listed; families of any shape as pedigree files) and a screening
// run with its summary; for every reader, the reference samples with their
// consent (the laboratory's, given, withdrawn), the families entered as
// pedigrees (each shown as a table and a tree) and the frequency table in
// use.
import { get, post, query, uploadFile } from '../api.js';
import { h, clear, notice, table, field, onFileSubmit } from '../dom.js';
import { t, label, number } from '../i18n.js';
import { lrText } from './dna.js';
import { refused } from './import.js';

const KINDS = ['remains', 'references', 'pedigree', 'frequencies', 'genotypes'];

function importReport(r) {
  const keys = r.kind === 'frequencies' || r.kind === 'genotypes' ? ['rows', 'loci', 'alleles']
    : r.kind === 'pedigree' ? ['rows', 'p_created', 'p_updated', 'p_unchanged', 'profiles_created', 'profiles_updated']
      : ['rows', 'created', 'updated', 'unchanged'].concat(r.withheld ? ['withheld'] : []);
  const value = (k) => r[k.startsWith('p_') ? k.slice(2) : k];
  return h('div', {}, h('dl', { class: 'report', id: 'dna-import-report' },
    keys.map((k) => [h('dt', {}, t(`dna_data.${k}`)), h('dd', {}, number(value(k)))])),
  r.notes.length ? h('ul', { class: 'notes' }, r.notes.map((n) => h('li', { class: 'mono small' }, n))) : null);
}

function importForm(onTable, onPedigrees) {
  const kind = h('select', { id: 'dna-kind' }, KINDS.map((k) => h('option', { value: k }, t(`dna_data.kind_${k}`))));
  const file = h('input', { type: 'file', id: 'dna-file', accept: '.csv,text/csv', required: true });
  const people = h('input', { id: 'dna-people', type: 'number', min: 1, size: 8 });
  const peopleField = field(t('dna_data.people'), people);
  const out = h('div', { class: 'out' });
  const button = h('button', { type: 'submit', class: 'primary', id: 'dna-import-submit' }, t('dna_data.submit'));
  const sync = () => { peopleField.hidden = kind.value !== 'frequencies'; };
  kind.addEventListener('change', sync);
  sync();
  const form = h('form', { class: 'card', id: 'dna-import' }, h('h2', {}, t('dna_data.import')),
    h('p', { class: 'muted' }, t('dna_data.import_intro')),
    h('div', { class: 'row' }, field(t('dna_data.kind'), kind), field(t('dna_data.file'), file, true), peopleField),
    h('div', { class: 'actions' }, button), out);
  onFileSubmit(form, file, button, async () => {
    clear(out);
    try {
      const params = { kind: kind.value, people: kind.value === 'frequencies' ? people.value : null };
      const r = await uploadFile(`/api/dna/import${query(params)}`, file);
      out.append(notice('success', t('dna_data.done')), importReport(r));
      if (r.kind === 'frequencies' || r.kind === 'genotypes') await onTable();
      if (r.kind === 'pedigree') await onPedigrees();
    } catch (err) {
      out.append(refused(err, 'dna-problems'));
    }
  });
  return form;
}

function screenSummary(s) {
  const items = [['remains', number(s.remains)], ['families', number(s.families)], ['references', number(s.references)],
    ['loci', number(s.loci)], ['pairs', number(s.pairs + s.identity_pairs)],
    ['prior', t('dna.prior_missing', { n: number(Math.round(s.missing)) })],
    ['lr_proposal', lrText(Math.log10(s.lr_proposal))], ['proposals', number(s.proposals)],
    ['same_person', number(s.same_person)], ['candidates', number(s.candidates)], ['excluded', number(s.excluded)],
    ['families_exact', number(s.families_exact || 0)], ['examined', number(s.examined)], ['theta0', number(s.theta0)],
    ['decided', number(s.decided)], ['seconds', s.seconds.toFixed(1)]];
  return h('div', {}, h('dl', { class: 'report', id: 'dna-summary' },
    items.map(([k, v]) => [h('dt', {}, t(`dna_data.s_${k}`)), h('dd', {}, v)])),
  s.notes ? h('pre', { class: 'explain small' }, s.notes) : null,
  h('p', {}, h('a', { href: '/dna?status=proposed', id: 'dna-review-link' }, t('dna_data.review'))));
}

const MODELS = ['none', 'equal', 'proportional', 'stepwise'];

// The mutation model: the screening's (empty fields: the defaults) and
// each locus's own, one a line, as the API takes them (docs/dna.md). Ids
// are the API's field names, so a refusal puts the cursor on its field.
function mutationFields() {
  const num = (id, max, placeholder) => h('input', { id: `dna-${id}`, type: 'number', min: 0, max, step: 'any', placeholder, size: 8 });
  const model = h('select', { id: 'dna-mutation' }, h('option', { value: '' }, t('dna_data.mutation_default')),
    MODELS.map((m) => h('option', { value: m }, label('dna_mutation', m))));
  const rates = { paternal: num('paternal', 0.1, '0.002'), maternal: num('maternal', 0.1, '0.0005'),
    paternal_rate2: num('paternal_rate2', 0.1, '0.0001'), maternal_rate2: num('maternal_rate2', 0.1, '0.000025'),
    range: num('range', 1, '0.1') };
  const markers = h('textarea', { id: 'dna-marker_mutation', rows: 3, cols: 48, class: 'mono', spellcheck: 'false',
    placeholder: 'TH01=none\nSE33=stepwise:0.004/0.001:0.0002:0.2' });
  const box = h('details', { id: 'dna-mutation-settings' }, h('summary', {}, t('dna_data.mutation_settings')),
    h('div', { class: 'row' }, field(t('dna_data.mutation'), model),
      Object.entries(rates).map(([k, el]) => field(t(`dna_data.${k}`), el))),
    field(t('dna_data.marker_mutation'), markers, true),
    h('p', { class: 'muted small' }, t('dna_data.marker_mutation_hint')));
  const fill = (body) => {
    if (model.value) body.mutation = model.value;
    for (const [k, el] of Object.entries(rates)) if (el.value !== '') body[k] = Number(el.value);
    const lines = markers.value.split('\n').map((l) => l.trim()).filter((l) => l);
    if (lines.length) body.marker_mutation = lines;
  };
  return { box, fill };
}

function screenForm() {
  const batch = h('input', { id: 'dna-batch', size: 18 });
  const threshold = h('input', { id: 'dna-threshold', type: 'number', min: 0.5, max: 0.999999999, step: 'any', placeholder: '0.999', size: 8 });
  const theta = h('input', { id: 'dna-theta', type: 'number', min: 0, max: 0.25, step: 'any', placeholder: '0.01', size: 6 });
  const missing = h('input', { id: 'dna-missing', type: 'number', min: 1, step: 1, size: 8 });
  const mutation = mutationFields();
  const out = h('div', { class: 'out' });
  const button = h('button', { type: 'submit', class: 'primary', id: 'dna-screen-submit' }, t('dna_data.screen_submit'));
  const form = h('form', { class: 'card', id: 'dna-screen' }, h('h2', {}, t('dna_data.screen')),
    h('p', { class: 'muted' }, t('dna_data.screen_intro')),
    h('div', { class: 'row' }, field(t('dna_data.batch'), batch), field(t('dna_data.threshold'), threshold),
      field(t('dna_data.theta'), theta), field(t('dna_data.missing'), missing)),
    mutation.box, h('div', { class: 'actions' }, button), out);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = {};
    if (batch.value.trim()) body.batch = batch.value.trim();
    for (const [k, el] of [['threshold', threshold], ['theta', theta], ['missing', missing]]) {
      if (el.value !== '') body[k] = Number(el.value);
    }
    mutation.fill(body);
    button.disabled = true;
    clear(out).append(h('p', { class: 'muted', role: 'status' }, t('dna_data.screening')));
    try {
      const s = await post('/api/dna/screen', body);
      clear(out).append(notice('success', t('dna_data.screened', { run: s.run })), screenSummary(s));
    } catch (err) {
      clear(out).append(notice('error', err.message));
      const el = err.field ? form.querySelector(`#dna-${CSS.escape(err.field)}`) : null;
      if (el && mutation.box.contains(el)) mutation.box.open = true;
      el?.focus();
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

async function frequencies() {
  const box = h('section', { class: 'spaced', id: 'dna-frequencies' }, h('h2', {}, t('dna_data.frequencies')));
  let f;
  try {
    f = await get('/api/dna/frequencies');
  } catch (err) {
    if (err.status !== 404) throw err;
    box.append(notice('info', t('dna_data.no_frequencies')));
    return box;
  }
  const rows = f.loci.map((l) => {
    const alleles = Object.entries(l.alleles);
    const top = alleles.reduce((a, b) => (b[1] > a[1] ? b : a), ['—', 0]);
    return [h('strong', {}, l.locus), number(alleles.length), l.sample_size ? number(l.sample_size) : '—',
      l.floor.toFixed(5), `${top[0]} (${top[1].toFixed(3)})`];
  });
  box.append(h('p', { class: 'muted' }, t('dna_data.frequencies_intro', { n: f.loci.length })),
    table([t('dna_data.f_locus'), t('dna_data.f_alleles'), t('dna_data.f_typed'), t('dna_data.f_floor'),
      t('dna_data.f_commonest')], rows, { class: 'freq-table' }));
  return box;
}

// ---- the reference samples with their consent -------------------------------------

// Every reference sample with its consent, as parley dna references lists
// them: the laboratory's (named by no inquiry), given under an inquiry's DNA
// consent, or withdrawn (withheld from screening); one state at a time if
// asked, a page of REF_PAGE at a time.
const REF_STATES = ['laboratory', 'given', 'withdrawn'];
const REF_PAGE = 100;

function referenceRows(list) {
  return list.map((r) => [h('strong', { class: 'mono' }, r.sample),
    r.profile ? number(r.loci) : h('span', { class: 'muted' }, t('dna_data.r_no_profile')),
    r.persons || '—',
    h('span', { class: `status ref-${r.state}` }, label('reference_states', r.state), r.holder ? ` (${r.holder})` : ''),
    r.at || '', r.withheld ? t('dna_data.r_withdrawn', { holder: r.holder || '' }) : '']);
}

async function references(state = '', offset = 0) {
  const box = h('section', { class: 'spaced', id: 'dna-references' }, h('h2', {}, t('dna_data.references_head')),
    h('p', { class: 'muted' }, t('dna_data.references_intro')));
  const again = async (st, off) => box.replaceWith(await references(st, off));
  const pick = h('select', { id: 'ref-state', name: 'state' },
    h('option', { value: '', selected: !state }, t('dna_data.ref_all')),
    REF_STATES.map((v) => h('option', { value: v, selected: v === state }, label('reference_states', v))));
  box.append(h('form', { class: 'filters', id: 'ref-filter', onsubmit: async (e) => {
    e.preventDefault();
    await again(pick.value, 0);
  } }, field(t('dna_data.ref_state'), pick),
  h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'ref-show' }, t('dna_data.ref_show')))));
  const r = await get(`/api/dna/references${query({ state: state || null, limit: REF_PAGE, offset: offset || null })}`);
  const said = state ? t('dna_data.ref_count_state', { n: number(r.total), c: r.total, state: label('reference_states', state) })
    : t('dna_data.ref_count', { n: number(r.total), c: r.total });
  box.append(h('p', { class: 'summary', id: 'ref-count', 'aria-live': 'polite' }, said));
  if (!r.references.length) {
    box.append(notice('info', t(state === 'withdrawn' ? 'dna_data.no_withheld' : 'dna_data.no_references')));
    return box;
  }
  box.append(table([t('dna_data.r_sample'), t('dna_data.r_loci'), t('dna_data.r_persons'), t('dna_data.r_consent'),
    t('dna_data.r_since'), t('dna_data.r_why')], referenceRows(r.references), { class: 'references-table', id: 'references' },
  (i) => ({ 'data-sample': r.references[i].sample, 'data-state': r.references[i].state })));
  if (r.total > REF_PAGE) {
    const to = Math.min(r.total, offset + r.references.length);
    box.append(h('nav', { class: 'pager', 'aria-label': t('layout.pages') },
      offset > 0 ? h('button', { type: 'button', class: 'small', id: 'ref-prev', onclick: () => again(state, Math.max(0, offset - REF_PAGE)) },
        t('dna_data.ref_prev')) : null,
      h('span', {}, t('dna_data.ref_shown', { from: number(offset + 1), to: number(to), n: number(r.total) })),
      to < r.total ? h('button', { type: 'button', class: 'small', id: 'ref-next', onclick: () => again(state, offset + REF_PAGE) },
        t('dna_data.ref_next')) : null));
  }
  return box;
}

// ---- families entered as pedigrees ----------------------------------------------

function pedigreeView(p) {
  const rows = p.members.map((m) => [h('strong', {}, m.id), m.father || '—', m.mother || '—',
    label('dna_sex', m.sex), m.sample ? `${m.sample} (${number(m.loci)})` : '',
    m.person ? h('span', {}, m.person_name || '', ' ', h('span', { class: 'mono small' }, m.person)) : '', m.note || '']);
  return h('div', { id: 'dna-pedigree-view', class: 'card' },
    h('h3', {}, t('dna_data.pedigree_title', { family: p.family })),
    h('p', { class: 'muted' }, t('dna_data.pedigree_intro', { n: number(p.individuals), typed: number(p.typed), missing: number(p.missing) })),
    table([t('dna_data.ped_id'), t('dna_data.ped_father'), t('dna_data.ped_mother'), t('dna_data.ped_sex'),
      t('dna_data.ped_typed'), t('dna_data.ped_missing'), t('dna_data.ped_note')], rows, { class: 'ped-table' }),
    h('pre', { class: 'explain small', id: 'dna-pedigree-tree' }, p.tree));
}

async function pedigrees() {
  const box = h('section', { class: 'spaced', id: 'dna-pedigrees' }, h('h2', {}, t('dna_data.pedigrees')));
  const { pedigrees: list } = await get('/api/dna/pedigrees');
  if (!list.length) {
    box.append(notice('info', t('dna_data.no_pedigrees')));
    return box;
  }
  const view = h('div', {});
  const show = async (family) => {
    try {
      clear(view).append(pedigreeView(await get(`/api/dna/pedigree${query({ family })}`)));
    } catch (err) {
      clear(view).append(notice('error', err.message));
    }
  };
  const rows = list.map((p) => [
    h('button', { type: 'button', class: 'link-like', 'data-family': p.family, onclick: () => show(p.family) }, p.family),
    number(p.individuals), number(p.typed),
    p.members.filter((m) => m.person).map((m) => `${m.person_name || m.person} (${m.id})`).join(', '), p.source || '']);
  box.append(table([t('dna_data.ped_family'), t('dna_data.ped_individuals'), t('dna_data.ped_typed_n'),
    t('dna_data.ped_missing'), t('dna_data.ped_source')], rows, { class: 'pedigrees-table' }), view);
  return box;
}

export async function render(ctx) {
  const write = ctx.can('dna_write');
  let table_ = await frequencies();
  let peds = await pedigrees();
  const asked = ctx.query.get('references');
  const refs = await references(REF_STATES.includes(asked) ? asked : '');
  const onTable = async () => {
    const fresh = await frequencies();
    table_.replaceWith(fresh);
    table_ = fresh;
  };
  const onPedigrees = async () => {
    const fresh = await pedigrees();
    peds.replaceWith(fresh);
    peds = fresh;
  };
  return h('section', { class: 'dna-data' }, h('h1', {}, t(write ? 'dna_data.title' : 'dna_data.frequencies')),
    h('p', { class: 'subnav' }, h('a', { href: '/dna' }, t('dna.proposals'))),
    write ? h('div', { class: 'dna-forms' }, importForm(onTable, onPedigrees), screenForm()) : null, refs, peds, table_);
}
