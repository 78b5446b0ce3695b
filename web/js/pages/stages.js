// Stages: the list with filters, and one stage: who each side hands over,
// the signatures on its manifest as this office checks them, what changed
// between versions, the manifest to download and a signed one to upload,
// and the steps of its life (propose, cancel, execute, close).
import { get, post, query, uploadFile } from '../api.js';
import { h, clear, notice, table, pairs, field, dialog, announce } from '../dom.js';
import { t, label, number, stageAgreement, message } from '../i18n.js';

// A discrepancy in the user's language from its code (its note as the
// person wrote it, apart); the English text of a row recorded before codes.
function discrepancyText(d) {
  const said = message(d.code, { ...(d.args || {}), note: '' });
  if (!said) return d.what;
  return d.args && d.args.note ? [said, h('span', { translate: 'no' }, d.args.note)] : said;
}
import { stageTable } from './agreements.js';

async function list(ctx) {
  const fields = await ctx.loadFields();
  const q = ctx.query;
  const status = h('select', { id: 'st-status', name: 'status' }, h('option', { value: '' }, t('search.any')),
    fields.stage_statuses.map((s) => h('option', { value: s, selected: s === q.get('status') }, label('stage_statuses', s))));
  const agreement = h('input', { id: 'st-agreement', name: 'agreement', value: q.get('agreement') || '', size: 20 });
  const form = h('form', { class: 'filters', onsubmit: (e) => {
    e.preventDefault();
    ctx.navigate(`/stages${query({ agreement: agreement.value.trim(), status: status.value })}`);
  } }, field(t('stages.agreement'), agreement), field(t('stages.status'), status),
  h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('search.submit'))));
  const { stages } = await get(`/api/stages${query({ agreement: q.get('agreement'), status: q.get('status') })}`);
  const received = ctx.can('agreement_write') ? (await get('/api/manifests/received')).received : [];
  return h('section', { class: 'stages' }, h('h1', {}, t('stages.title')), form, h('div', { class: 'spaced' }, stageTable(stages)),
    ctx.can('agreement_write') ? h('section', { class: 'card spaced' }, h('h2', {}, t('stage.upload_new')),
      h('p', { class: 'muted' }, t('stage.upload_new_intro')), uploadForm()) : null,
    received.length ? h('section', { class: 'card spaced', id: 'received' }, h('h2', {}, t('stage.received_title')),
      h('p', { class: 'muted' }, t('stage.received_intro')),
      h('ul', {}, received.map((r) => h('li', {}, h('span', { class: 'mono small' }, r.received_at.slice(0, 16).replace('T', ' ')), ' ',
        t('stage.received_row', { stage: r.stage, version: r.version, n: number(r.entries), file: r.file, actor: r.actor }),
        ' — ', message(r.why) || r.why)))) : null);
}

function entryName(e) {
  return [e.surname || e.surname_latin, e.given_names || e.given_names_latin].filter(Boolean).join(' ') || e.ref;
}

// ---- signatures ----------------------------------------------------------

function signatures(v) {
  const rows = v.signatures.map((s) => [s.signer, label('signer_roles', s.role), h('span', { class: 'mono small' }, s.fingerprint || ''),
    s.signed_at || '', h('span', { class: s.ok ? 'verdict-ok' : 'verdict-bad' }, s.ok ? `✓ ${t('stage.sig_ok')}` : `✗ ${s.text}`)]);
  return h('section', { class: 'group signatures', id: 'signatures' }, h('h2', {}, t('stage.signatures', { v: v.version })),
    h('ul', { class: 'signers' }, v.required.map((r) => h('li', { class: r.signed ? 'signed' : 'unsigned', dataset: { signer: r.signer } },
      r.signed ? '✓ ' : '○ ', `${r.signer} (${label('signer_roles', r.role)}): `,
      r.signed ? t('stage.signed') : t('stage.not_signed')))),
    rows.length ? table([t('stage.signer'), t('stage.role'), t('stage.key'), t('stage.signed_at'), t('stage.verdict')], rows,
      { class: 'sig-table' }) : h('p', { class: 'muted' }, t('stage.no_signatures')),
    h('p', { class: 'muted small' }, t('stage.trusted_keys', { n: v.trusted_keys })));
}

// ---- the manifest --------------------------------------------------------

// What an upload or a signature made here did, in words.
function importReport(r) {
  return h('div', {}, notice(r.agreed ? 'success' : 'info',
    t(!r.agreed ? 'stage.not_yet_agreed' : r.witnessed ? 'stage.agreed_witnessed' : 'stage.now_agreed')),
  pairs([[t('stage.version'), String(r.version)], [t('stage.signatures_added'), number(r.signatures_added)],
    [t('stage.signatures_refused'), number(r.signatures_refused)], [t('stage.resolved'), number(r.resolved)],
    [t('stage.unresolved'), number(r.unresolved)]], { class: 'report' }),
  r.problems.length ? h('ul', { class: 'problems' }, r.problems.map((p) => h('li', { class: 'mono' }, p))) : null);
}

// Upload a signed manifest: a new stage (the other party's), a new version
// of one, or the signatures on the version held here. On a stage's page
// (done given) the page is drawn again in place with what came of it.
function uploadForm(done) {
  const out = h('div', { id: 'manifest-report' });
  const file = h('input', { type: 'file', id: 'manifest-file', accept: '.json,application/json' });
  const form = h('form', { class: 'upload-manifest' }, field(t('stage.upload'), file, true),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'manifest-submit' }, t('stage.upload_submit'))), out);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!file.files[0]) return;
    clear(out);
    try {
      const r = await uploadFile('/api/manifests', file);
      if (r.held) {
        out.append(notice('error', t('stage.held')), importReport(r));
        return;
      }
      if (done) {
        await done(h('div', {}, notice('success', t('sign.sent')), importReport(r)));
        return;
      }
      out.append(h('div', {}, importReport(r), h('p', {}, h('a', { href: `/stages/${r.stage}` }, t('stage.reload')))));
    } catch (err) {
      out.append(notice('error', err.message));
    }
  });
  return form;
}

// Sign the current version with the office key: the passphrase in a
// dialog, the page drawn again in place with the result.
function signDialog(s, witness, done) {
  const pass = h('input', { id: 'sign-pass', type: 'password', autocomplete: 'off', required: true, size: 30 });
  dialog({ id: 'sign-dialog', title: t('sign.title', { v: s.version }), text: t('sign.intro'),
    controls: field(t('sign.passphrase'), pass, true), ok: witness ? t('sign.witness') : t('sign.submit'),
    run: async (_, error) => {
      error.textContent = t('sign.signing');
      const r = await post(`/api/stages/${s.id}/sign`, { passphrase: pass.value });
      pass.value = '';
      await done(h('div', {}, notice('success', witness ? t('sign.witnessed') : t('sign.signed')),
        r.replaced ? notice('info', t('sign.replaced')) : null,
        r.dropped ? notice('info', t('sign.dropped', { who: r.dropped_text })) : null, importReport(r)));
    } });
}

function manifestCard(ctx, s, done) {
  const open = ['draft', 'proposed', 'agreed'].includes(s.status);
  const signable = ['proposed', 'agreed', 'executed'].includes(s.status) && ctx.can('sign');
  const witness = !ctx.can('agreement_write') && ctx.can('sign');
  const receives = (ctx.can('agreement_write') || ctx.can('sign')) && (open || s.status === 'executed');
  return h('section', { class: 'group manifest' }, h('h2', {}, t('stage.manifest')),
    h('p', {}, h('a', { href: `/api/stages/${s.id}/manifest`, download: '', class: 'button', id: 'manifest-download' },
      t('stage.download', { v: s.version }))),
    signable ? h('p', {}, h('button', { class: 'primary', id: 'stage-sign', onclick: () => signDialog(s, witness, done) },
      witness ? t('sign.witness') : t('sign.button'))) : null,
    open ? h('p', { class: 'muted small' }, t('stage.sign_hint')) : null,
    receives ? [h('h3', {}, t('sign.upload_title')), h('p', { class: 'muted small' }, t('sign.upload_intro')), uploadForm(done)] : null);
}

function diffCard(s) {
  if (s.version < 2) return null;
  const versions = Array.from({ length: s.version }, (_, i) => i + 1);
  const from = h('select', { id: 'diff-from' }, versions.map((v) => h('option', { value: v, selected: v === s.version - 1 }, String(v))));
  const to = h('select', { id: 'diff-to' }, versions.map((v) => h('option', { value: v, selected: v === s.version }, String(v))));
  const out = h('div', {});
  const show = async () => {
    try {
      const d = await get(`/api/stages/${s.id}/diff?from=${from.value}&to=${to.value}`);
      clear(out).append(d.changes.length
        ? h('ul', { class: 'changes', id: 'diff' }, d.changes.map((c) => h('li', { class: `op op-${c.op === '+' ? 'add' : c.op === '-' ? 'remove' : 'change'}` },
          h('span', { class: 'mono' }, c.op), ' ', c.what)))
        : notice('info', t('stage.no_changes')));
    } catch (err) {
      clear(out).append(notice('error', err.message));
    }
  };
  from.addEventListener('change', show);
  to.addEventListener('change', show);
  show();
  return h('section', { class: 'group diff' }, h('h2', {}, t('stage.diff')),
    h('div', { class: 'row' }, field(t('stage.from'), from), field(t('stage.to'), to)), out);
}

// ---- entries -------------------------------------------------------------

// Taking someone off raises the manifest's version: said before, in a dialog.
function removeEntry(s, e, change) {
  const name = entryName(e);
  const vars = { name, v: s.version, next: s.version + 1 };
  return dialog({ id: 'remove-dialog', title: t('ux.remove_title', { name }),
    text: t(s.status === 'draft' ? 'ux.remove_text' : 'ux.remove_text_signed', vars),
    ok: t('ux.remove_ok'), danger: true,
    run: () => change({ remove: [e.person || e.ref] }, t('ux.removed', vars)) });
}

function entries(ctx, s, change) {
  const editable = ctx.can('agreement_write') && ['draft', 'proposed', 'agreed'].includes(s.status);
  const medical = ctx.can('medical_read');
  const rows = s.entries.map((e) => [String(e.seq), e.side,
    e.person && ctx.can('person_read') ? h('a', { href: `/persons/${e.person}` }, entryName(e)) : entryName(e),
    e.birth_date || '', e.clause, h('span', { class: `outcome o-${e.outcome}` }, label('outcomes', e.outcome)),
    [[e.substitute_for ? t('stage.substitute_for', { seq: e.substitute_for }) : '', medical && e.art117 ? ' Art. 117' : ''].join('').trim(),
      // the note as the person recording it wrote it: not ours to translate
      e.note ? h('span', { translate: 'no', class: 'entry-note' }, ` ${e.note}`) : ''],
    editable ? h('button', { class: 'small', 'aria-label': `${t('stage.remove')}: ${entryName(e)}`,
      onclick: () => removeEntry(s, e, change) }, t('stage.remove')) : '']);
  return s.entries.length
    ? table([t('stage.seq'), t('stage.side'), t('stage.name'), t('stage.born'), t('stage.clause'), t('stage.outcome'), '', ''],
      rows, { class: 'entries', id: 'entries' })
    : notice('info', t('stage.no_entries'));
}

function addEntry(s, clauses, change, fail) {
  const person = h('input', { id: 'add-person', size: 20, placeholder: 'P…', required: true });
  const side = h('select', { id: 'add-side' }, s.parties.map((p) => h('option', { value: p }, p)));
  const clause = h('select', { id: 'add-clause' }, clauses.map((c) => h('option', { value: c }, c)));
  const form = h('form', { class: 'row add-entry' }, field(t('stage.person'), person), field(t('stage.side'), side),
    field(t('stage.clause'), clause), h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('stage.add'))));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const who = person.value.trim();
    change({ add: [{ person: who, side: side.value, clause: clause.value }] },
      t('ux.added', { name: who, next: s.version + 1 })).catch(fail);
  });
  return form;
}

// act(what, body, done) makes the change and says done; it throws, for the
// dialog to show; fail shows what a button without a dialog met.
function lifeActions(ctx, s, act, fail) {
  const b = (id, text, fn, cls) => h('button', { id, class: cls || null, onclick: fn }, text);
  const out = [];
  if (ctx.can('agreement_write')) {
    if (s.status === 'draft') {
      out.push(b('stage-propose', t('stage.propose'),
        () => act('propose', undefined, t('ux.proposed', { n: s.number, v: s.version })).catch(fail), 'primary'));
    }
    if (['agreed', 'in_progress'].includes(s.status)) out.push(h('a', { href: `/stages/${s.id}/execute`, class: 'button primary', id: 'stage-execute' }, t('stage.execute')));
    if (['executed', 'closed'].includes(s.status)) out.push(h('a', { href: `/stages/${s.id}/execute`, class: 'button', id: 'stage-correct' }, t('stage.correct')));
    if (['draft', 'proposed', 'agreed'].includes(s.status)) {
      // The audit keeps why: the reason is asked for, and required.
      out.push(b('stage-cancel', t('stage.cancel'), () => dialog({ id: 'cancel-dialog',
        title: t('ux.cancel_title', { n: s.number }),
        text: t(s.status === 'agreed' ? 'ux.cancel_text_agreed' : 'ux.cancel_text'),
        field: { label: t('ux.reason'), hint: t('ux.cancel_hint'), required: true },
        ok: t('ux.cancel_ok'), danger: true,
        run: (reason) => act('cancel', { reason }, t('ux.cancelled', { n: s.number, reason })) }), 'danger'));
    }
    if (s.status === 'executed') {
      out.push(b('stage-close', t('stage.close'), () => dialog({ id: 'close-dialog',
        title: t('ux.close_title', { n: s.number }), text: t('ux.close_text'), ok: t('ux.close_ok'),
        run: () => act('close', undefined, t('ux.closed', { n: s.number })) })));
    }
  }
  if (['executed', 'closed'].includes(s.status) && ctx.can('agreement_read')) {
    out.push(h('a', { href: `/stages/${s.id}/statement`, class: 'button', id: 'statement-link' }, t('stage.statement')));
  }
  return out.length ? h('div', { class: 'actions' }, out) : null;
}

async function one(ctx) {
  const s = await get(`/api/stages/${ctx.params[0]}`);
  const msg = h('div', { class: 'messages', id: 'stage-messages' });
  const fail = (err) => msg.replaceChildren(notice('error', err.message));
  const act = async (what, body, done) => {
    await post(`/api/stages/${s.id}/${what}`, body);
    announce(done);
    await ctx.reload();
  };
  const change = async (body, done) => {
    await post(`/api/stages/${s.id}/entries`, body);
    announce(done);
    await ctx.reload();
  };
  // After a signature or an upload: the page drawn again in place (status,
  // signers), with what happened said at the top.
  const shown = async (report) => {
    await ctx.reload();
    document.getElementById('stage-messages')?.replaceChildren(report);
  };
  let verify = null;
  try { verify = await get(`/api/stages/${s.id}/verify`); } catch (err) { verify = err; }
  let clauses = [];
  if (ctx.can('agreement_write')) {
    const ag = await get(`/api/agreements/${s.agreement}`);
    clauses = ag.clauses.filter((c) => c.subject !== 'remains').map((c) => c.id);
  }
  const sides = s.parties.map((p) => `${p} ${number(s.entries.filter((e) => e.side === p).length)}`).join(' · ');
  return h('section', { class: 'stage' },
    h('div', { class: 'head' },
      h('div', {}, h('h1', {}, t('stage.title', { n: s.number, agreement: stageAgreement(s) })),
        h('p', { class: 'muted mono' }, s.id)),
      h('div', { class: 'status-box' }, h('span', { class: 'muted small' }, t('stages.status')),
        h('span', { class: `status st-${s.status}`, id: 'stage-status' }, label('stage_statuses', s.status)))),
    lifeActions(ctx, s, act, fail), msg,
    h('div', { class: 'cols' },
      h('section', { class: 'group' }, h('h2', {}, t('stage.about')),
        pairs([[t('stages.agreement'), ctx.can('agreement_read')
          ? h('a', { href: `/agreements/${s.agreement}` }, stageAgreement(s)) : stageAgreement(s)],
          [t('stages.date'), s.date], [t('stage.handover_point'), s.handover_point], [t('stage.transit'), s.transit],
          [t('stages.hands_over'), sides], [t('stage.version'), String(s.version)],
          [t('stage.sha256'), h('span', { class: 'mono small' }, s.manifest_sha256)], [t('stage.executed_at'), s.executed_at]])),
      verify instanceof Error ? notice('error', verify.message) : signatures(verify)),
    h('div', { class: 'cols' }, manifestCard(ctx, s, shown), diffCard(s)),
    h('h2', { class: 'spaced' }, t('stage.entries')), entries(ctx, s, change),
    ctx.can('agreement_write') && ['draft', 'proposed', 'agreed'].includes(s.status) && clauses.length ? addEntry(s, clauses, change, fail) : null,
    s.remains.length ? [h('h2', { class: 'spaced' }, t('stage.remains')),
      table([t('stage.seq'), t('stage.side'), t('stage.batch'), t('stage.clause'), t('stage.declared'), t('stage.delivered')],
        s.remains.map((b) => [String(b.seq), b.side, b.batch, b.clause, number(b.declared),
          b.delivered === undefined ? '—' : number(b.delivered)]), { class: 'batches' })] : null,
    s.discrepancies.length ? [h('h2', { class: 'spaced' }, t('stage.discrepancies')),
      h('ul', { class: 'discrepancies', id: 'discrepancies' }, s.discrepancies.map((d) => h('li', {}, h('span', { class: 'muted small' }, `${d.ts} ${d.actor} `), discrepancyText(d))))] : null);
}

export async function render(ctx) {
  return ctx.params.length ? one(ctx) : list(ctx);
}

