// Sign-in: the password, then (when the server asks) a code of the
// user's authenticator app or a recovery code, or, when their role must
// use a second factor and they have none, enrolment before any session.
import { post } from '../api.js';
import { h, notice } from '../dom.js';
import { t } from '../i18n.js';
import { secretView, codeInput, recoveryView } from '../totp.js';

async function enter(ctx, me) {
  ctx.signedIn(me);
  await ctx.loadFields();
  const next = ctx.query.get('next');
  ctx.navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', true);
}

// Why it failed; `wrong` says a 401 in words of the page's own.
function failure(err, wrong) {
  return notice('error', err.status === 429 ? t('login.limited', { s: err.retryAfter })
    : wrong && err.status === 401 ? wrong : err.message);
}

// The second step: p is the password step's answer (second_factor,
// pending, and for enrolment the new secret).
function secondStep(ctx, p) {
  const enrol = p.second_factor === 'enrol';
  const msg = h('div', { class: 'messages' });
  const code = codeInput('code', !enrol);
  const button = h('button', { type: 'submit', class: 'primary', id: 'code-submit' },
    enrol ? t('totp.confirm') : t('login.submit'));
  const form = h('form', { class: 'card login second-factor', onsubmit: async (e) => {
    e.preventDefault();
    button.disabled = true;
    msg.replaceChildren();
    try {
      const me = await post('/api/login/second-factor', { pending: p.pending, code: code.value.trim() });
      if (!me.recovery_codes) {
        await enter(ctx, me);
        return;
      }
      // Enrolled now: the codes first, then in.
      form.replaceChildren(recoveryView(me.recovery_codes),
        h('button', { type: 'button', class: 'primary', id: 'recovery-done', onclick: () => enter(ctx, me) },
          t('totp.recovery_done')));
      form.querySelector('#recovery-done').focus();
    } catch (err) {
      code.value = '';
      msg.append(failure(err, null));
      button.disabled = false;
      code.focus();
    }
  } },
  h('h1', {}, enrol ? t('totp.enrol_title') : t('totp.login_title')),
  msg,
  enrol ? [h('p', {}, t('totp.enrol_required')), secretView(p)] : h('p', {}, t('totp.login_text')),
  h('label', { for: 'code' }, enrol ? t('totp.code') : t('totp.code_or_recovery')), code,
  button,
  h('a', { href: '/login', class: 'small' }, t('totp.start_again')));
  setTimeout(() => code.focus(), 0);
  return form;
}

export async function render(ctx) {
  const msg = h('div', { class: 'messages' });
  if (ctx.query.get('expired')) msg.append(notice('info', t('login.expired')));
  const user = h('input', { id: 'user', name: 'user', autocomplete: 'username', required: true,
    autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input', { id: 'password', name: 'password', type: 'password',
    autocomplete: 'current-password', required: true });
  const button = h('button', { type: 'submit', class: 'primary' }, t('login.submit'));
  const form = h('form', { class: 'card login', onsubmit: async (e) => {
    e.preventDefault();
    button.disabled = true;
    msg.replaceChildren();
    try {
      const me = await post('/api/login', { user: user.value.trim(), password: password.value });
      if (me.second_factor) form.replaceWith(secondStep(ctx, me));
      else await enter(ctx, me);
    } catch (err) {
      password.value = '';
      msg.append(failure(err, t('login.failed')));
      button.disabled = false;
      password.focus();
    }
  } },
  h('h1', {}, t('login.title')),
  msg,
  h('label', { for: 'user' }, t('login.user')), user,
  h('label', { for: 'password' }, t('login.password')), password,
  button);
  setTimeout(() => user.focus(), 0);
  return h('div', { class: 'center' }, form);
}
