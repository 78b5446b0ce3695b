// The admin's retention rules: what is erased or pseudonymised in closed
// cases after how many years; a dry run lists what a run would change, and
// only then may the run be started.
import { get, post, patch, api } from '../api.js';
import { h, notice, dialog, announce } from '../dom.js';
import { t } from '../i18n.js';

function ruleRow(ctx, kind, action, rule, msg) {
  const years = h('input', { type: 'number', min: 1, max: 100, value: rule ? rule.years : '', size: 4,
    id: `ret-${kind}`, 'aria-label': t('retention.years') });
  const act = (run) => run().then(() => ctx.reload()).catch((e) => msg.append(notice('error', e.message)));
  return h('tr', { dataset: { kind } },
    h('th', { scope: 'row' }, t(`retention.kind_${kind}`)),
    h('td', { class: 'action' }, t(`retention.action_${action}`)),
    h('td', {}, years),
    h('td', {}, rule ? `${rule.set_by}, ${rule.set_at.slice(0, 10)}` : t('retention.none')),
    h('td', { class: 'actions' },
      h('button', { class: 'save-rule', onclick: () => act(async () => {
        msg.replaceChildren();
        await patch(`/api/retention/${kind}`, { years: Number(years.value), action });
        announce(t('retention.saved'));
      }) }, t('app.save')),
      rule ? h('button', { class: 'danger drop-rule', onclick: () => act(async () => {
        msg.replaceChildren();
        await api('DELETE', `/api/retention/${kind}`);
        announce(t('retention.dropped'));
      }) }, t('retention.drop')) : null));
}

function changesTable(res) {
  return h('div', { class: 'table-wrap' }, h('table', { class: 'retention-changes' },
    h('thead', {}, h('tr', {}, [t('retention.rule'), t('retention.action'), t('retention.person'), t('retention.event'),
      t('retention.fields')]
      .map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, res.shown.map((c) => h('tr', {},
      h('td', {}, t(`retention.kind_${c.rule}`)),
      h('td', {}, t(`retention.action_${c.action}`)),
      h('td', { class: 'mono' }, h('a', { href: `/persons/${c.person}` }, c.person)),
      h('td', { class: 'mono' }, c.event || ''),
      h('td', { class: 'mono small' }, c.fields))))));
}

export async function render(ctx) {
  const { rules, kinds, actions } = await get('/api/retention');
  const msg = h('div', { class: 'messages' });
  const result = h('div', { class: 'retention-result' });
  const runButton = h('button', { class: 'danger run-retention', disabled: true }, t('retention.run'));
  const dry = h('button', { class: 'primary dry-run' }, t('retention.dry_run'));
  dry.addEventListener('click', async () => {
    msg.replaceChildren();
    try {
      const res = await post('/api/retention/run', { dry_run: true });
      result.replaceChildren(h('p', { class: 'would' }, t('retention.would', { n: res.changes })), changesTable(res));
      runButton.disabled = res.changes === 0;
    } catch (e) {
      msg.append(notice('error', e.message));
    }
  });
  runButton.addEventListener('click', () => dialog({ id: 'retention-dialog', title: t('retention.run_title'),
    text: t('retention.run_text'), ok: t('retention.run'), danger: true, run: async () => {
      const res = await post('/api/retention/run', { dry_run: false });
      runButton.disabled = true;
      result.replaceChildren(h('p', { class: 'done' }, t('retention.done', { n: res.changes })));
      announce(t('retention.done', { n: res.changes }));
    } }));
  return h('section', { class: 'retention' }, h('h1', {}, t('retention.title')),
    h('p', { class: 'muted' }, t('retention.intro')), msg,
    h('div', { class: 'table-wrap' }, h('table', { class: 'retention-rules' },
      h('thead', {}, h('tr', {}, [t('retention.kind'), t('retention.action'), t('retention.years'), t('retention.set'), '']
        .map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, kinds.map((k) => ruleRow(ctx, k, actions[k], rules.find((r) => r.kind === k), msg))))),
    h('div', { class: 'actions' }, dry, runButton), result);
}
