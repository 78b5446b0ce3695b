// Sign-in.
import { post, get } from '../api.js';
import { h, notice } from '../dom.js';
import { t } from '../i18n.js';

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
      ctx.signedIn(me);
      await ctx.loadFields();
      const next = ctx.query.get('next');
      ctx.navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', true);
    } catch (err) {
      password.value = '';
      msg.append(notice('error', err.status === 429 ? t('login.limited', { s: err.retryAfter })
        : err.status === 401 ? t('login.failed') : err.message));
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
