// Execution as people cross. Everyone starts pending; an outcome is saved
// at once for one person (their row) or for those selected (a group); a
// substitute is picked among those the clause admits, the others shown
// with the planner's reason; the stage is in progress until the execution
// is finished with the bodies delivered. An outcome recorded is corrected,
// with its reason, here too (also once the stage is executed or closed).
import { get, post, query } from '../api.js';
import { h, clear, notice, table, pairs, field, dialog, announce } from '../dom.js';
import { t, label, number, stageAgreement } from '../i18n.js';

const OUTCOMES = ['handed_over', 'not_presented', 'refused', 'died', 'substituted'];
const FIXES = ['handed_over', 'not_presented', 'refused', 'died'];

function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function entryName(e) {
  return [e.surname || e.surname_latin, e.given_names || e.given_names_latin].filter(Boolean).join(' ') || e.ref;
}

function choose(id, values, labelText, extra) {
  return h('select', { id, 'aria-label': labelText }, h('option', { value: '' }, t('crossing.choose')),
    values.filter((v) => v !== extra).map((o) => h('option', { value: o }, label('outcomes', o))));
}

// Who may go instead of entry e: the eligible as buttons, the others with
// the planner's reason beside them; calls pick({id, name}).
function substitutePicker(s, e, pick) {
  const input = h('input', { type: 'search', id: `sub-${e.seq}-q`, size: 18, placeholder: t('execute.search_hint'),
    'aria-label': t('execute.substitute') });
  const results = h('ul', { class: 'picker-results', id: `sub-${e.seq}-results` });
  const chosen = h('span', { class: 'chosen', id: `sub-${e.seq}-chosen` });
  let timer = null;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      if (input.value.trim().length < 2) { clear(results); return; }
      try {
        const r = await get(`/api/stages/${s.id}/substitutes${query({ entry: e.seq, q: input.value.trim(), limit: 10 })}`);
        clear(results).append(...r.candidates.map((c) => {
          const name = `${[c.surname, c.given_names].filter(Boolean).join(' ')}${c.birth_date ? `, ${c.birth_date}` : ''}`;
          if (!c.eligible) {
            return h('li', { class: 'not-eligible', dataset: { id: c.id } }, h('span', { class: 'muted' }, name),
              ' — ', h('span', { class: 'reason' }, label('reasons', c.reason)), c.why ? h('span', { class: 'muted small' }, ` (${c.why})`) : null);
          }
          return h('li', { class: 'eligible', dataset: { id: c.id } }, h('button', { type: 'button', class: 'link-like', onclick: () => {
            pick({ id: c.id, name });
            chosen.textContent = `${name} (${c.id})`;
            clear(results);
            input.value = '';
          } }, name));
        }));
        if (!r.candidates.length) results.append(h('li', { class: 'muted' }, t('execute.no_match')));
      } catch (err) {
        clear(results).append(h('li', { class: 'notice error', role: 'alert' }, err.message));
      }
    }, 250);
  });
  return h('div', { class: 'picker' }, input, chosen, results);
}

// A pending person's row: an outcome (none chosen), a note, a substitute
// when replaced, and Save; the answer is shown in the row.
function pendingRow(ctx, e) {
  const state = { substitute: null };
  const outcome = choose(`out-${e.seq}`, OUTCOMES, t('execute.outcome'));
  const note = h('input', { id: `note-${e.seq}`, size: 14, 'aria-label': t('execute.note'), placeholder: t('execute.note') });
  const picker = substitutePicker(ctx.s, e, (p) => { state.substitute = p.id; });
  picker.hidden = true;
  outcome.addEventListener('change', () => { picker.hidden = outcome.value !== 'substituted'; });
  const msg = h('div', { class: 'row-msg', id: `msg-${e.seq}`, 'aria-live': 'polite' });
  const save = h('button', { type: 'button', id: `save-${e.seq}` }, t('crossing.save'));
  save.addEventListener('click', async () => {
    msg.replaceChildren();
    if (!outcome.value) { msg.append(notice('error', t('crossing.pick_outcome'))); return; }
    if (outcome.value === 'substituted' && !state.substitute) {
      msg.append(notice('error', t('execute.pick_substitute', { seq: e.seq })));
      return;
    }
    await ctx.record([{ person: e.person || e.ref, outcome: outcome.value, substitute: outcome.value === 'substituted' ? state.substitute : undefined,
      note: note.value.trim() || undefined }], msg, save);
  });
  const pick = h('input', { type: 'checkbox', id: `pick-${e.seq}`, 'aria-label': t('crossing.select', { seq: e.seq }) });
  ctx.picks.set(e.seq, { box: pick, entry: e, msg });
  return [pick, String(e.seq), e.side, entryName(e), e.birth_date || '', h('div', {}, outcome, picker), note, h('div', {}, save, msg)];
}

// A recorded person's row: the outcome, its day, and Correct: the new
// outcome chosen in the row, then a dialog that says what changes and asks
// for the reason (the audit keeps it); a refusal stays in the dialog.
function recordedRow(ctx, e) {
  const msg = h('div', { class: 'row-msg', id: `msg-${e.seq}`, 'aria-live': 'polite' });
  const by = ctx.s.entries.find((x) => x.substitute_for === e.seq);
  const was = e.outcome === 'substituted' && by ? t('crossing.replaced_by', { seq: by.seq }) : label('outcomes', e.outcome);
  const shown = h('span', { class: `outcome o-${e.outcome}` }, was,
    e.substitute_for ? h('span', { class: 'muted small' }, ` (${t('stage.substitute_for', { seq: e.substitute_for })})`) : null,
    e.corrections ? h('span', { class: 'muted small' }, ` (${t('crossing.corrected')})`) : null);
  const open = h('button', { type: 'button', class: 'link-like', id: `fix-${e.seq}` }, t('crossing.correct'));
  const cell = h('div', {}, open, msg);
  open.addEventListener('click', () => {
    open.remove(); // the form takes its place
    const to = choose(`fix-out-${e.seq}`, FIXES, t('execute.outcome'), e.outcome);
    const go = h('button', { type: 'button', class: 'primary', id: `fix-save-${e.seq}` }, t('more_dialogs.next'));
    go.addEventListener('click', async () => {
      msg.replaceChildren();
      if (!to.value) { msg.append(notice('error', t('more_dialogs.pick'))); return; }
      const vars = { seq: e.seq, name: entryName(e), from: was, to: label('outcomes', to.value) };
      const done = await dialog({ id: 'fix-dialog', title: t('more_dialogs.title', vars), text: t('more_dialogs.text', vars),
        field: { label: t('more_dialogs.reason'), hint: t('more_dialogs.hint'), required: true }, ok: t('more_dialogs.ok'),
        run: (reason) => post(`/api/stages/${ctx.s.id}/corrections`, { person: e.person || e.ref, outcome: to.value, reason }) });
      if (!done) return;
      announce(t('more_dialogs.done', vars));
      await ctx.refresh();
    });
    cell.prepend(h('div', { class: 'fix' }, to, go));
    to.focus();
  });
  return [null, String(e.seq), e.side, entryName(e), e.birth_date || '', shown,
    e.outcome_date || '', ctx.s.status === 'cancelled' ? null : cell];
}

function report(s, r) {
  const sides = (o) => s.parties.map((p) => `${p} ${number(o[p])}`).join(' · ');
  return h('section', { class: 'card', id: 'execute-report' },
    notice('success', t('execute.done')),
    pairs([[t('execute.handed_over'), sides(r.handed_over)], [t('execute.substitutes'), sides(r.substitutes)],
      [t('execute.not_delivered'), sides(r.not_delivered)], [t('execute.bodies'), sides(r.bodies)],
      [t('execute.discrepancies'), number(r.discrepancies)],
      [t('execute.art117'), r.art117 === undefined ? null : number(r.art117)]], { class: 'report' }));
}

// Finishing: the bodies delivered per batch, refused while anyone is pending.
function finishForm(ctx, pending) {
  const s = ctx.s;
  const counts = s.remains.map((b) => h('input', { type: 'number', min: 0, id: `deliv-${b.seq}`, value: b.declared,
    'aria-label': b.batch, size: 6 }));
  const msg = h('div', { class: 'messages', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', class: 'primary', id: 'exec-finish', disabled: pending > 0 }, t('crossing.finish'));
  const form = h('form', { class: 'card', id: 'finish-form' }, h('h2', {}, t('crossing.finish_title')),
    h('p', { class: 'muted' }, pending ? t('crossing.pending_left', { n: number(pending) }) : t('crossing.finish_intro')),
    s.remains.length ? table([t('stage.batch'), t('stage.side'), t('stage.declared'), t('execute.delivered')],
      s.remains.map((b, i) => [b.batch, b.side, number(b.declared), counts[i]]), { class: 'batches' }) : null,
    msg, h('div', { class: 'actions' }, button));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    msg.replaceChildren();
    const deliveries = s.remains.map((b, i) => ({ batch: b.batch, delivered: Number(counts[i].value) }))
      .filter((d, i) => d.delivered !== s.remains[i].declared);
    // Executed, the stage is never in progress again (an outcome is then
    // only corrected): said in a dialog first; a refusal stays in it.
    let r = null;
    const done = await dialog({ id: 'finish-dialog', title: t('more_dialogs.finish_title', { n: s.number }),
      text: t('more_dialogs.finish_text'), ok: t('crossing.finish'),
      run: async () => { r = await post(`/api/stages/${s.id}/finish`, { date: ctx.date.value || undefined, deliveries }); } });
    if (!done) return;
    await ctx.refresh(null, report(s, r));
  });
  return form;
}

// With those selected: one outcome for all of them.
function groupBar(ctx) {
  const outcome = choose('group-outcome', FIXES, t('crossing.group_outcome'));
  const msg = h('div', { class: 'row-msg', id: 'group-msg', 'aria-live': 'polite' });
  const go = h('button', { type: 'button', id: 'group-save' }, t('crossing.group_save'));
  go.addEventListener('click', async () => {
    msg.replaceChildren();
    const chosen = [...ctx.picks.values()].filter((p) => p.box.checked);
    if (!chosen.length || !outcome.value) { msg.append(notice('error', t('crossing.group_needs'))); return; }
    await ctx.record(chosen.map((p) => ({ person: p.entry.person || p.entry.ref, outcome: outcome.value })), msg, go);
  });
  return h('div', { class: 'row spaced group-bar' }, field(t('crossing.group_outcome'), outcome), go, msg);
}

function body(ctx, done, extra) {
  const s = ctx.s;
  ctx.picks = new Map();
  const open = s.status === 'agreed' || s.status === 'in_progress';
  const pending = s.entries.filter((e) => e.outcome === 'pending');
  const rows = s.entries.map((e) => (open && e.outcome === 'pending' ? pendingRow(ctx, e) : recordedRow(ctx, e)));
  return [
    done ? notice('success', done) : null, extra || null,
    h('p', { class: 'muted' }, t(open ? 'crossing.intro' : 'crossing.intro_closed', { status: label('stage_statuses', s.status) })),
    open ? h('div', { class: 'row spaced' }, field(t('execute.date'), ctx.date)) : null,
    open && pending.length ? groupBar(ctx) : null,
    s.entries.length ? table(['', t('stage.seq'), t('stage.side'), t('stage.name'), t('stage.born'), t('execute.outcome'),
      open ? t('execute.note') : t('crossing.day'), ''], rows, { class: 'entries exec-entries', id: 'exec-entries' }) : null,
    open ? finishForm(ctx, pending.length) : null,
    h('p', {}, h('a', { href: `/stages/${s.id}` }, t('execute.back'))),
  ];
}

export async function render(ctx0) {
  const root = h('section', { class: 'execute' });
  const ctx = { s: await get(`/api/stages/${ctx0.params[0]}`), date: h('input', { type: 'date', id: 'exec-date', value: today() }) };
  const head = () => [h('h1', {}, t('execute.title', { n: ctx.s.number, agreement: stageAgreement(ctx.s) })),
    h('p', {}, h('a', { href: `/stages/${ctx.s.id}`, class: 'mono' }, ctx.s.id), ` · ${ctx.s.date} · `,
      h('span', { id: 'exec-status' }, label('stage_statuses', ctx.s.status)))];
  const paint = (done, extra) => clear(root).append(...head(), ...body(ctx, done, extra).filter(Boolean));
  ctx.refresh = async (done, extra) => {
    ctx.s = await get(`/api/stages/${ctx.s.id}`);
    paint(done, extra);
  };
  // Saved at once; the answer in the row (or the group's line) it came from.
  ctx.record = async (outcomes, msg, button) => {
    button.disabled = true;
    try {
      await post(`/api/stages/${ctx.s.id}/outcomes`, { date: ctx.date.value || undefined, outcomes });
      await ctx.refresh(t('crossing.saved', { n: number(outcomes.length) }));
    } catch (err) {
      msg.append(notice('error', err.message));
      button.disabled = false;
    }
  };
  if (!['agreed', 'in_progress', 'executed', 'closed'].includes(ctx.s.status)) {
    return h('section', { class: 'execute' }, head(),
      notice('info', t('execute.not_agreed', { status: label('stage_statuses', ctx.s.status) })));
  }
  paint();
  return root;
}
