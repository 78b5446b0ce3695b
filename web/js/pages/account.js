// One's own account: the second factor, turned on (a QR code or the secret
// typed, then a code to confirm: recovery codes shown once), new recovery
// codes, and turned off with the password and a code (not when one's role
// must use it).
import { api, get, post } from '../api.js';
import { h, notice, announce } from '../dom.js';
import { t } from '../i18n.js';
import { secretView, codeInput, recoveryView } from '../totp.js';

// A form of a few fields and a button; run(values) does the work, and an
// error is shown above the form.
function codeForm(id, title, fields, label, danger, run) {
  const msg = h('div', { class: 'messages' });
  const button = h('button', { type: 'submit', class: danger ? 'danger' : 'primary', id: `${id}-submit` }, label);
  const form = h('form', { class: `card ${id}`, id, onsubmit: async (e) => {
    e.preventDefault();
    msg.replaceChildren();
    button.disabled = true;
    try {
      await run();
    } catch (err) {
      msg.append(notice('error', err.status === 429 ? t('login.limited', { s: err.retryAfter }) : err.message));
    }
    button.disabled = false;
  } }, h('h2', {}, title), msg,
  fields.map(([text, input]) => h('div', { class: 'field' }, h('label', { for: input.id }, text), input)),
  h('div', { class: 'actions' }, button));
  return form;
}

// Turning it on: a new secret, then a code of it; `state` says it is on.
function turnOn(ctx, shown, state) {
  const start = h('button', { type: 'button', class: 'primary', id: 'totp-begin', onclick: async () => {
    const secret = await post('/api/account/totp');
    start.hidden = true;
    const code = codeInput('totp-confirm-code', false);
    const form = codeForm('totp-confirm', t('totp.enrol_title'), [[t('totp.code'), code]], t('totp.confirm'), false,
      async () => {
        const done = await post('/api/account/totp/confirm', { code: code.value.trim() });
        announce(t('totp.turned_on'));
        state.textContent = t('totp.turned_on');
        state.className = 'notice success';
        shown.replaceChildren(recoveryView(done.recovery_codes),
          h('button', { type: 'button', id: 'recovery-done', onclick: () => ctx.reload() }, t('totp.recovery_done')));
      });
    form.insertBefore(secretView(secret), form.querySelector('.field'));
    shown.replaceChildren(form);
    code.focus();
  } }, t('totp.turn_on'));
  return h('div', { class: 'actions' }, start);
}

function renew(shown) {
  const code = codeInput('renew-code', true);
  return codeForm('totp-renew', t('totp.renew_title'), [[t('totp.code_or_recovery'), code]], t('totp.renew'), false,
    async () => {
      const done = await post('/api/account/totp/recovery-codes', { code: code.value.trim() });
      code.value = '';
      shown.replaceChildren(recoveryView(done.recovery_codes));
    });
}

function turnOff(ctx) {
  const password = h('input', { id: 'off-password', type: 'password', autocomplete: 'current-password', required: true });
  const code = codeInput('off-code', true);
  return codeForm('totp-off', t('totp.off_title'), [[t('users.your_password'), password],
    [t('totp.code_or_recovery'), code]], t('totp.turn_off'), true, async () => {
    await api('DELETE', '/api/account/totp', { password: password.value, code: code.value.trim() });
    announce(t('totp.turned_off'));
    await ctx.reload();
  });
}

export async function render(ctx) {
  const st = await get('/api/account/totp');
  const shown = h('div', { class: 'totp-shown' });
  const state = h('p', { id: 'totp-state', class: st.enrolled ? 'notice success' : 'notice info' }, st.enrolled
    ? t('totp.state_on', { when: (st.confirmed_at || '').slice(0, 10), n: st.recovery_left })
    : t('totp.state_off'));
  return h('section', { class: 'account' }, h('h1', {}, t('account.title')),
    h('p', {}, t('account.signed_in_as', { name: ctx.me.display_name || ctx.me.user })),
    h('h2', {}, t('totp.title')),
    h('p', { class: 'muted' }, t('totp.about')),
    state,
    st.required ? h('p', { class: 'muted', id: 'totp-required' }, t('totp.required_note')) : null,
    st.enrolled ? [renew(shown), st.required ? null : turnOff(ctx)] : turnOn(ctx, shown, state),
    shown);
}
