// The planner: pick a clause, the stage's date and a capacity; see who
// each side would hand over, the schedule of stages, and everyone left
// out, counted by reason and listed with the rule's test that decided;
// save the next stage as a draft.
import { get, post } from '../api.js';
import { h, clear, notice, table, field, announce, pagedTable } from '../dom.js';
import { t, label, number, titled } from '../i18n.js';
import { exclusionDetail, limitText, basisText } from '../rules.js';

function personCell(ctx, id, name) {
  return ctx.can('person_read') ? h('a', { href: `/persons/${id}` }, name || id) : name || id;
}

function schedule(ag, p) {
  const unit = (d, side) => {
    const x = d[side];
    return x.bodies ? t('planner.bodies', { n: number(x.bodies) }) : t('planner.persons', { n: number(x.persons) });
  };
  return table([t('planner.day'), t('stages.date'), ...ag.parties.map((s) => t('planner.hands_over', { side: s }))],
    p.schedule.map((d, i) => [String(i + 1), d.date, ...ag.parties.map((s) => unit(d, s))]), { class: 'schedule' });
}

function nextStage(ctx, ag, p) {
  return h('div', { class: 'sides' }, ag.parties.map((side) => {
    const people = p.next_stage[side] || [];
    return h('section', { class: 'group side-list', dataset: { side } },
      h('h3', {}, t('planner.side_hands_over', { side, n: number(people.length) })),
      people.length
        ? h('ol', { class: 'people' }, people.map((x) => h('li', {}, personCell(ctx, x.id, x.name),
          x.points > 1 ? h('span', { class: 'muted small' }, ` · ${t('planner.points', { n: x.points })}`) : null)))
        : h('p', { class: 'muted' }, t('planner.nobody')));
  }));
}

function exclusions(ctx, p) {
  const reasons = Object.entries(p.excluded).filter(([, n]) => n > 0);
  if (!reasons.length) return h('p', { class: 'muted' }, t('planner.no_exclusions'));
  const filter = h('select', { id: 'excl-reason' }, h('option', { value: '' }, t('planner.all_reasons')),
    reasons.map(([r]) => h('option', { value: r }, label('reasons', r))));
  const listed = h('div', {});
  const draw = () => {
    const rows = (p.exclusions || []).filter((x) => !filter.value || x.reason === filter.value);
    clear(listed).append(rows.length
      ? pagedTable([t('planner.person'), t('planner.held_by'), t('planner.reason'), t('planner.why')],
        rows.map((x) => [personCell(ctx, x.id, x.name), x.held_by, label('reasons', x.reason), exclusionDetail(x)]),
        { class: 'exclusions', id: 'exclusions' }, (i) => ({ dataset: { reason: rows[i].reason } }))
      : notice('info', t('planner.none_listed')));
  };
  filter.addEventListener('change', draw);
  draw();
  return h('div', {},
    h('dl', { class: 'report', id: 'excluded-counts' }, reasons.map(([r, n]) => [h('dt', {}, label('reasons', r)), h('dd', {}, number(n))])),
    p.exclusions_total > (p.exclusions || []).length
      ? notice('info', t('planner.listed_first', { n: number(p.exclusions.length), total: number(p.exclusions_total) })) : null,
    h('div', { class: 'row' }, field(t('planner.show'), filter)), listed);
}

function saveForm(ctx, ag, body) {
  const point = h('input', { id: 'plan-point', size: 30, placeholder: t('planner.point_hint') });
  const msg = h('div', {});
  const button = h('button', { type: 'submit', class: 'primary', id: 'plan-save' }, t('planner.save'));
  const form = h('form', { class: 'card save-plan' }, h('h2', {}, t('planner.save_title')),
    h('p', { class: 'muted' }, t('planner.save_intro')),
    h('div', { class: 'row' }, field(t('planner.point'), point, true)), msg, h('div', { class: 'actions' }, button));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    button.disabled = true;
    msg.replaceChildren();
    try {
      const r = await post(`/api/agreements/${ag.id}/plan`, { ...body, save: true, handover_point: point.value.trim() || undefined });
      ctx.navigate(`/stages/${r.saved_stage}`);
      announce(t('ux.stage_saved', { id: r.saved_stage }));
    } catch (err) {
      msg.append(notice('error', err.message));
      button.disabled = false;
    }
  });
  return form;
}

function result(ctx, ag, p, body) {
  return h('div', { class: 'plan-result', id: 'plan-result' },
    p.limited_by ? notice('info', `${t('planner.limited_by')}: ${limitText(p.limit) || p.limited_by}`) : null,
    h('h2', {}, t('planner.next_stage', { date: p.schedule.length ? p.schedule[0].date : p.date })),
    nextStage(ctx, ag, p),
    h('h2', { class: 'spaced' }, t('planner.schedule')),
    p.schedule.length ? schedule(ag, p) : notice('info', t('planner.nothing')),
    h('h2', { class: 'spaced' }, t('planner.excluded')), exclusions(ctx, p),
    ctx.can('agreement_write') && p.schedule.length ? saveForm(ctx, ag, body) : null);
}

function defaultDate(ag) {
  const tomorrow = new Date(Date.now() + 86400000).toISOString().slice(0, 10);
  if (ag.valid_until && tomorrow > ag.valid_until) return ag.valid_from || ag.concluded;
  if (ag.valid_from && tomorrow < ag.valid_from) return ag.valid_from;
  return tomorrow;
}

export async function render(ctx) {
  const ag = await get(`/api/agreements/${ctx.params[0]}`);
  const clause = h('select', { id: 'plan-clause' }, ag.clauses.map((c) =>
    h('option', { value: c.id }, `${titled(c) || c.id} (${basisText(c, ag.parties)})`)));
  const date = h('input', { id: 'plan-date', type: 'date', value: ctx.query.get('date') || defaultDate(ag), required: true });
  const capacity = h('input', { id: 'plan-capacity', type: 'number', min: 1, size: 6 });
  const days = h('input', { id: 'plan-days', type: 'number', min: 1, max: 366, placeholder: '60', size: 4 });
  const setHint = () => {
    const c = ag.clauses.find((x) => x.id === clause.value);
    capacity.placeholder = c && c.capacity ? String(c.capacity) : '';
  };
  clause.addEventListener('change', setHint);
  setHint();
  const out = h('div', { class: 'out' });
  const button = h('button', { type: 'submit', class: 'primary', id: 'plan-submit' }, t('planner.submit'));
  const form = h('form', { class: 'filters plan-form' },
    field(t('planner.clause'), clause, true), field(t('planner.date'), date), field(t('planner.capacity'), capacity),
    field(t('planner.days'), days), h('div', { class: 'actions' }, button));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = { clause: clause.value, stage_date: date.value, explain: true };
    if (capacity.value) body.capacity = Number(capacity.value);
    if (days.value) body.days = Number(days.value);
    button.disabled = true;
    clear(out).append(h('p', { class: 'muted', role: 'status' }, t('planner.working')));
    try {
      const p = await post(`/api/agreements/${ag.id}/plan`, body);
      clear(out).append(result(ctx, ag, p, body));
    } catch (err) {
      clear(out).append(notice('error', err.message));
    } finally {
      button.disabled = false;
    }
  });
  return h('section', { class: 'planner' },
    h('h1', {}, t('planner.title')),
    h('p', {}, h('a', { href: `/agreements/${ag.id}` }, titled(ag) || ag.id)),
    h('p', { class: 'muted' }, t('planner.intro')), form, out);
}
