// The admin's page: users, their roles, passwords, disabling, their second
// factor (reset when a phone is lost) and the roles that must use one;
// every API token (when it expires, whether it may only read, when last
// used), and a token of one's own, made here with one's password (never by
// a token).
import { api, get, post, patch } from '../api.js';
import { h, notice, dialog, announce, table } from '../dom.js';
import { t } from '../i18n.js';

function roleBoxes(fields, prefix, current) {
  return h('div', { class: 'roles' }, fields.roles.map((r) => h('label', { class: 'check' },
    h('input', { type: 'checkbox', name: 'roles', value: r, id: `${prefix}-${r}`, checked: current.includes(r) }),
    ` ${t(`roles.${r}`)}`)));
}

function checkedRoles(el) {
  return [...el.querySelectorAll('input[name=roles]:checked')].map((i) => i.value);
}

function userRow(ctx, fields, u, msg) {
  const roles = roleBoxes(fields, `u-${u.name}`, u.roles);
  const display = h('input', { value: u.display_name || '', 'aria-label': t('users.display_name'), size: 16 });
  const password = h('input', { type: 'password', autocomplete: 'new-password', placeholder: t('users.password'),
    'aria-label': t('users.password'), size: 14 });
  // The change, said once made; an error is thrown (a dialog shows it) ...
  const change = async (body, done) => {
    msg.replaceChildren();
    await patch(`/api/users/${encodeURIComponent(u.name)}`, body);
    announce(done);
    await ctx.reload();
  };
  // ... or shown above the table.
  const act = (body, done) => change(body, done).catch((e) => msg.append(notice('error', `${u.name}: ${e.message}`)));
  const who = { name: u.display_name ? `${u.display_name} (${u.name})` : u.name };
  const reset = () => dialog({ id: 'totp-reset-dialog', title: t('ux.totp_reset_title', who),
    text: t('ux.totp_reset_text', who), ok: t('users.totp_reset'), danger: true,
    run: async () => {
      msg.replaceChildren();
      await api('DELETE', `/api/users/${encodeURIComponent(u.name)}/totp`);
      announce(t('ux.totp_reset', who));
      await ctx.reload();
    } });
  const disable = () => dialog({ id: 'disable-dialog', title: t('ux.disable_title', who), text: t('ux.disable_text', who),
    ok: t('ux.disable_ok'), danger: true, run: () => change({ disabled: true }, t('ux.disabled', who)) });
  return h('tr', { class: u.disabled ? 'disabled' : null, dataset: { user: u.name } },
    h('td', { class: 'mono' }, u.name),
    h('td', {}, display),
    h('td', {}, roles),
    h('td', { class: 'second-factor' }, u.second_factor ? [t('users.totp_on'), ' ',
      h('button', { class: 'small reset-totp', onclick: reset }, t('users.totp_reset'))] : t('users.totp_off')),
    h('td', {}, u.disabled ? t('users.disabled') : t('users.enabled')),
    h('td', { class: 'actions' },
      h('button', { class: 'save-user', onclick: () => act({ roles: checkedRoles(roles), display_name: display.value },
        t('ux.roles_saved', who)) }, t('app.save')),
      h('span', { class: 'pw' }, password,
        h('button', { onclick: () => password.value && act({ password: password.value }, t('ux.password_set', who)) },
          t('users.set_password'))),
      h('button', { class: u.disabled ? 'enable-user' : 'danger disable-user',
        onclick: () => (u.disabled ? act({ disabled: false }, t('ux.enabled', who)) : disable()) },
      u.disabled ? t('users.enable') : t('users.disable'))));
}

function addForm(ctx, fields, msg) {
  const name = h('input', { id: 'nu-name', required: true, pattern: '[a-z0-9._\\-]{1,64}', autocapitalize: 'none' });
  const display = h('input', { id: 'nu-display' });
  const password = h('input', { id: 'nu-password', type: 'password', autocomplete: 'new-password', minlength: 10, required: true,
    'aria-describedby': 'nu-password-hint' });
  const roles = roleBoxes(fields, 'nu', []);
  const form = h('form', { class: 'card add-user' }, h('h2', {}, t('users.add')),
    h('div', { class: 'row' },
      h('div', { class: 'field' }, h('label', { for: 'nu-name' }, t('users.name')), name),
      h('div', { class: 'field' }, h('label', { for: 'nu-display' }, t('users.display_name')), display),
      h('div', { class: 'field' }, h('label', { for: 'nu-password' }, t('users.password')), password,
        h('span', { class: 'muted small', id: 'nu-password-hint' }, t('users.password_hint')))),
    h('fieldset', {}, h('legend', {}, t('users.roles')), roles),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('users.add'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    msg.replaceChildren();
    try {
      await post('/api/users', { name: name.value.trim(), display_name: display.value.trim() || undefined,
        password: password.value, roles: checkedRoles(roles) });
      announce(t('ux.user_created', { name: name.value.trim() }));
      await ctx.reload();
    } catch (err) {
      msg.append(notice('error', err.message));
    }
  });
  return form;
}

// The roles that must use a second factor; those suggested (reading
// medical details or DNA) are said beside.
function secondFactorForm(ctx, fields, setting, msg) {
  const roles = roleBoxes(fields, 'sf', setting.roles);
  const form = h('form', { class: 'card second-factor-roles', id: 'second-factor-roles' },
    h('h2', {}, t('users.second_factor_title')),
    h('p', { class: 'muted small' }, t('users.second_factor_note',
      { roles: setting.suggested.map((r) => t(`roles.${r}`)).join(', ') })),
    h('fieldset', {}, h('legend', {}, t('users.roles')), roles),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'second-factor-save' }, t('app.save'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    msg.replaceChildren();
    try {
      const done = await api('PATCH', '/api/settings/second-factor', { roles: checkedRoles(roles) });
      announce(t('ux.second_factor_saved', { n: done.sessions_ended }));
      await ctx.reload();
    } catch (err) {
      msg.append(notice('error', err.message));
    }
  });
  return form;
}

// A time as the server writes it (2026-12-07T02:16:55.000Z), to the minute.
const when = (iso) => (iso ? iso.slice(0, 16).replace('T', ' ') : t('users.never'));

function tokensTable(ctx, tokens, msg) {
  const rows = tokens.map((k) => [String(k.id), k.name, k.user, when(k.created_at), when(k.expires_at),
    k.read_only ? t('users.read_only') : t('users.read_write'), when(k.last_used),
    k.revoked_at ? when(k.revoked_at) : h('button', { class: 'danger revoke-token', onclick: async () => {
      msg.replaceChildren();
      try {
        await api('DELETE', `/api/tokens/${k.id}`);
        announce(t('ux.token_revoked', { id: k.id }));
        await ctx.reload();
      } catch (e) {
        msg.append(notice('error', e.message));
      }
    } }, t('users.revoke'))]);
  return table(['#', t('users.token_name'), t('users.token_user'), t('users.created'), t('users.expires'),
    t('users.access'), t('users.last_used'), t('users.revoked')], rows, { class: 'tokens-table' });
}

function tokenForm(msg) {
  const name = h('input', { id: 'nt-name', required: true, maxlength: 64 });
  const days = h('input', { id: 'nt-days', type: 'number', min: 1, max: 365, value: 90, required: true });
  const ro = h('input', { id: 'nt-ro', type: 'checkbox' });
  const password = h('input', { id: 'nt-password', type: 'password', autocomplete: 'current-password', required: true });
  const shown = h('div', { class: 'token-shown' });
  const form = h('form', { class: 'card make-token' }, h('h2', {}, t('users.make_token')),
    h('p', { class: 'muted small' }, t('users.token_note')),
    h('div', { class: 'row' },
      h('div', { class: 'field' }, h('label', { for: 'nt-name' }, t('users.token_name')), name),
      h('div', { class: 'field' }, h('label', { for: 'nt-days' }, t('users.token_days')), days),
      h('div', { class: 'field' }, h('label', { class: 'check', for: 'nt-ro' }, ro, ` ${t('users.token_read_only')}`)),
      h('div', { class: 'field' }, h('label', { for: 'nt-password' }, t('users.your_password')), password)),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('users.make'))), shown);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    msg.replaceChildren();
    shown.replaceChildren();
    try {
      const made = await post('/api/tokens', { name: name.value.trim(), expires_days: Number(days.value),
        read_only: ro.checked, password: password.value });
      password.value = '';
      shown.append(h('p', {}, t('users.token_shown')), h('p', { class: 'mono' }, made.token),
        h('p', { class: 'muted small' }, `${t('users.expires')}: ${when(made.expires_at)} · ${t('users.access')}: ${
          made.read_only ? t('users.read_only') : t('users.read_write')}`));
    } catch (err) {
      msg.append(notice('error', err.message));
    }
  });
  return form;
}

export async function render(ctx) {
  const fields = await ctx.loadFields();
  const { users } = await get('/api/users');
  const { tokens } = await get('/api/tokens?all=1');
  const setting = await get('/api/settings/second-factor');
  const msg = h('div', { class: 'messages' });
  return h('section', { class: 'users' }, h('h1', {}, t('users.title')), msg,
    h('div', { class: 'table-wrap' }, h('table', { class: 'users-table' },
      h('thead', {}, h('tr', {}, [t('users.name'), t('users.display_name'), t('users.roles'), t('users.second_factor'), '', ''].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, users.map((u) => userRow(ctx, fields, u, msg))))),
    addForm(ctx, fields, msg),
    secondFactorForm(ctx, fields, setting, msg),
    h('h2', {}, t('users.tokens')), tokensTable(ctx, tokens, msg),
    tokenForm(msg));
}
