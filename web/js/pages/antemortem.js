// Ante-mortem data (docs/families.md): the section of a person's Family
// tab (marks, a dental chart as a grid, height, colours, clothing and
// effects, photos with upload and thumbnails through the permission-checked
// route), the post-mortem observations of a remains case, and the two
// compared, per kind, as secondary evidence beside the DNA.
import { get, post, query, uploadFile } from '../api.js';
import { h, notice, field, announce, table, onFileSubmit } from '../dom.js';
import { t, label, message } from '../i18n.js';

const LOCATIONS = ['head', 'face', 'neck', 'chest', 'abdomen', 'back', 'arm_left', 'arm_right', 'hand_left',
  'hand_right', 'leg_left', 'leg_right', 'foot_left', 'foot_right', 'other'];
const KINDS = ['tattoo', 'scar', 'birthmark', 'piercing', 'amputation', 'other'];
const CODES = ['present', 'filled', 'root_canal', 'crown', 'missing', 'implant', 'bridge', 'unknown'];
const BUILDS = ['slim', 'medium', 'athletic', 'heavy'];
const HAIR = ['black', 'brown', 'blond', 'red', 'grey', 'white', 'bald', 'other'];
const EYES = ['brown', 'blue', 'green', 'grey', 'hazel', 'other'];
// The FDI chart as the dentist sees the patient: upper right 18..11, upper
// left 21..28; lower right 48..41, lower left 31..38.
const ROWS = [[18, 17, 16, 15, 14, 13, 12, 11, 21, 22, 23, 24, 25, 26, 27, 28],
  [48, 47, 46, 45, 44, 43, 42, 41, 31, 32, 33, 34, 35, 36, 37, 38]];

function choose(id, kind, values, current, blank = true) {
  return h('select', { id, name: id },
    blank ? h('option', { value: '' }, t('app.unknown')) : null,
    values.map((v) => h('option', { value: v, selected: v === current }, label(kind, v))));
}

function markRow(prefix, i, m, editable) {
  if (!editable) return h('li', {}, `${label('am_kinds', m.kind)} — ${label('am_locations', m.location)}: ${m.description}`);
  return h('li', { class: 'row am-mark', 'data-i': String(i) },
    field(t('antemortem.kind'), choose(`${prefix}-mk-${i}`, 'am_kinds', KINDS, m.kind || 'tattoo', false)),
    field(t('antemortem.location'), choose(`${prefix}-ml-${i}`, 'am_locations', LOCATIONS, m.location)),
    field(t('antemortem.description'), h('input', { id: `${prefix}-md-${i}`, value: m.description || '', size: 30 }), true));
}

// The dental chart: a grid of the 32 teeth, each a code (or nothing).
function chart(prefix, dental, editable) {
  return h('table', { class: 'dental-chart', id: `${prefix}-dental` },
    h('caption', {}, t('antemortem.dental')),
    h('tbody', {}, ROWS.map((row) => h('tr', {}, row.map((n) => h('td', {},
      h('label', { for: `${prefix}-t-${n}`, class: 'tooth' }, String(n)),
      editable ? choose(`${prefix}-t-${n}`, 'am_codes', CODES, dental[n])
        : h('span', { id: `${prefix}-t-${n}`, class: dental[n] ? `code am-${dental[n]}` : 'muted' },
          dental[n] ? label('am_codes', dental[n]) : '·')))))));
}

// The form (or the record shown) of marks, teeth, height, colours,
// clothing and effects; save(doc) sends it.
function observations(prefix, rec, editable, save) {
  const marks = h('ul', { class: 'am-marks', id: `${prefix}-marks` });
  let n = 0;
  (rec.marks || []).forEach((m) => marks.append(markRow(prefix, n++, m, editable)));
  if (!editable && !n) marks.append(h('li', { class: 'muted' }, t('antemortem.no_marks')));
  const hmin = h('input', { id: `${prefix}-hmin`, type: 'number', min: 50, max: 250, value: rec.height ? rec.height.min : '' });
  const hmax = h('input', { id: `${prefix}-hmax`, type: 'number', min: 50, max: 250, value: rec.height ? rec.height.max : '' });
  const text = (k) => h('textarea', { id: `${prefix}-${k}`, rows: 2 }, rec[k] || '');
  const out = h('div', { class: 'am-box' });
  if (!editable) {
    out.append(h('dl', { class: 'pairs' },
      [['height', rec.height ? t('antemortem.height_range', { min: rec.height.min, max: rec.height.max }) : null], ['build', rec.build && label('am_builds', rec.build)],
        ['hair', rec.hair && label('am_hair', rec.hair)], ['eyes', rec.eyes && label('am_eyes', rec.eyes)],
        ['clothing', rec.clothing], ['effects', rec.effects]]
        .map(([k, v]) => [h('dt', {}, t(`antemortem.${k}`)), h('dd', { id: `${prefix}-v-${k}` }, v || t('app.unknown'))])),
    h('h3', {}, t('antemortem.marks')), marks, chart(prefix, rec.dental || {}, false));
    return out;
  }
  const add = h('button', { type: 'button', id: `${prefix}-add-mark` }, t('antemortem.add_mark'));
  add.addEventListener('click', () => marks.append(markRow(prefix, n++, {}, true)));
  const button = h('button', { type: 'submit', class: 'primary', id: `${prefix}-save` }, t('antemortem.save'));
  const form = h('form', { class: 'am-form', id: `${prefix}-form` },
    h('div', { class: 'row' },
      field(t('antemortem.height_min'), hmin), field(t('antemortem.height_max'), hmax),
      field(t('antemortem.build'), choose(`${prefix}-build`, 'am_builds', BUILDS, rec.build)),
      field(t('antemortem.hair'), choose(`${prefix}-hair`, 'am_hair', HAIR, rec.hair)),
      field(t('antemortem.eyes'), choose(`${prefix}-eyes`, 'am_eyes', EYES, rec.eyes))),
    h('h3', {}, t('antemortem.marks')), marks, h('p', {}, add),
    chart(prefix, rec.dental || {}, true),
    h('div', { class: 'row' }, field(t('antemortem.clothing'), text('clothing'), true),
      field(t('antemortem.effects'), text('effects'), true)),
    h('div', { class: 'actions' }, button));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = (id) => form.querySelector(`#${prefix}-${id}`).value.trim();
    const doc = { marks: [], dental: {} };
    if (v('hmin') || v('hmax')) doc.height = { min: Number(v('hmin') || v('hmax')), max: Number(v('hmax') || v('hmin')) };
    for (const k of ['build', 'hair', 'eyes', 'clothing', 'effects']) if (v(k)) doc[k] = v(k);
    marks.querySelectorAll('.am-mark').forEach((row) => {
      const i = row.dataset.i;
      const m = { kind: v(`mk-${i}`), location: v(`ml-${i}`), description: v(`md-${i}`) };
      if (m.location || m.description) doc.marks.push(m);
    });
    ROWS.flat().forEach((t2) => { if (v(`t-${t2}`)) doc.dental[t2] = v(`t-${t2}`); });
    if (rec.inquiry) doc.inquiry = rec.inquiry;
    button.disabled = true;
    form.querySelectorAll('.notice').forEach((x) => x.remove());
    try {
      await save(doc);
    } catch (err) {
      form.prepend(notice('error', err.field ? `${err.field}: ${err.message}` : err.message));
    } finally {
      button.disabled = false;
    }
  });
  out.append(form);
  return out;
}

function photos(ctx, personId, rec, reload) {
  const list = h('div', { class: 'am-photos', id: 'am-photos' },
    rec.photos.length ? rec.photos.map((p) => h('figure', { class: 'am-photo' },
      h('img', { src: `/api/photos/${p.sha256}`, alt: p.caption || t('antemortem.photo_alt'), loading: 'lazy', width: 160 }),
      h('figcaption', { class: 'small muted' }, p.caption || '', ' ', h('span', { class: 'mono' }, p.sha256.slice(0, 12)))))
      : h('p', { class: 'muted' }, t('antemortem.no_photos')));
  if (!ctx.can('antemortem_write')) return list;
  const file = h('input', { type: 'file', id: 'am-photo-file', accept: 'image/jpeg,image/png,image/webp' });
  const caption = h('input', { id: 'am-photo-caption', size: 24 });
  const button = h('button', { type: 'submit', id: 'am-photo-submit' }, t('antemortem.upload'));
  const form = h('form', { class: 'row am-upload', id: 'am-upload' },
    field(t('antemortem.photo_file'), file, true), field(t('antemortem.caption'), caption), h('div', { class: 'actions' }, button));
  onFileSubmit(form, file, button, async () => {
    form.querySelectorAll('.notice').forEach((x) => x.remove());
    try {
      await uploadFile(`/api/persons/${personId}/photos${query({ caption: caption.value.trim() })}`, file);
      announce(t('antemortem.photo_added'));
      await reload();
    } catch (err) {
      form.prepend(notice('error', err.message));
    }
  });
  return h('div', {}, list, form);
}

// The Family tab's section.
export async function antemortemSection(ctx, personId) {
  const box = h('section', { class: 'group antemortem', id: 'antemortem' });
  const load = async () => {
    const rec = await get(`/api/persons/${personId}/antemortem`);
    const editable = ctx.can('antemortem_write');
    box.replaceChildren(...[h('h2', {}, t('antemortem.title')),
      !rec.recorded ? h('p', { class: 'muted', id: 'am-none' }, t('antemortem.none')) : null,
      observations('am', rec, editable, async (doc) => {
        await post(`/api/persons/${personId}/antemortem`, doc);
        announce(t('antemortem.saved'));
        await load();
      }),
      h('h3', {}, t('antemortem.photos')), photos(ctx, personId, rec, load)].filter(Boolean));
  };
  await load();
  return box;
}

function findings(c) {
  const kinds = ['dental', 'marks', 'height', 'build', 'hair', 'eyes', 'clothing', 'effects'];
  return table([t('antemortem.kind_compared'), t('antemortem.verdict'), t('antemortem.why')],
    kinds.map((k) => [t(`antemortem.${k}`), h('span', { class: `status am-v-${c.findings[k].verdict}` },
      label('am_verdicts', c.findings[k].verdict)),
      message(c.findings[k].message_code, c.findings[k].args) || c.findings[k].why]), { class: 'am-comparison', id: 'am-comparison' });
}

// The remains case page's section: the post-mortem observations (editable
// by identification) and, for a person (the case's, or one asked for), the
// comparison with their ante-mortem record.
export async function postmortemSection(ctx, c) {
  const box = h('section', { class: 'group postmortem', id: 'postmortem' });
  const load = async () => {
    const rec = await get(`/api/remains/${c.id}/postmortem`);
    const parts = [h('h2', {}, t('antemortem.pm_title')),
      !rec.recorded ? h('p', { class: 'muted', id: 'pm-none' }, t('antemortem.pm_none')) : null,
      observations('pm', rec, ctx.can('remains_write'), async (doc) => {
        await post(`/api/remains/${c.id}/postmortem`, doc);
        announce(t('antemortem.pm_saved'));
        await load();
      })];
    if (ctx.can('antemortem_read')) parts.push(await comparison(c.id, c.person));
    box.replaceChildren(...parts.filter(Boolean));
  };
  await load();
  return box;
}

export async function comparison(caseId, personId) {
  const out = h('div', { class: 'am-compare', id: 'am-compare' }, h('h3', {}, t('antemortem.compare_title')),
    h('p', { class: 'muted small' }, t('antemortem.compare_intro')));
  const who = h('input', { id: 'am-compare-person', value: personId || '', size: 20, placeholder: 'P…' });
  const result = h('div', { id: 'am-compare-result' });
  const run = async () => {
    if (!who.value.trim()) return;
    try {
      const c = await get(`/api/remains/${caseId}/comparison${query({ person: who.value.trim() })}`);
      result.replaceChildren(...[!c.antemortem_recorded ? notice('info', t('antemortem.no_am')) : null,
        !c.postmortem_recorded ? notice('info', t('antemortem.pm_none')) : null, findings(c)].filter(Boolean));
    } catch (err) {
      result.replaceChildren(notice('error', err.message));
    }
  };
  const form = h('form', { class: 'row' }, field(t('antemortem.person'), who),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'am-compare-go' }, t('antemortem.compare'))));
  form.addEventListener('submit', (e) => { e.preventDefault(); run(); });
  out.append(form, result);
  await run();
  return out;
}
