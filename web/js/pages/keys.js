// The admin's keys page: the office key made on the server (sealed with a
// passphrase typed twice), the keys this office trusts with their
// fingerprints, each public key file to get, others' public keys taken in,
// and a key revoked through a dialog that asks for the reason.
import { get, post, uploadFile } from '../api.js';
import { h, notice, table, field, dialog } from '../dom.js';
import { t, label } from '../i18n.js';

const bare = (fp) => fp.replace(/ /g, '');

function revokeDialog(ctx, k, msg) {
  const reason = h('input', { id: 'revoke-reason', required: true, size: 40, maxlength: 500 });
  dialog({ id: 'revoke-dialog', title: t('keys.revoke_title', { fp: k.fingerprint, signer: k.signer }), text: t('keys.revoke_text'),
    controls: field(t('keys.reason'), reason, true), ok: t('keys.revoke_submit'), danger: true, run: async () => {
      await post(`/api/keys/${bare(k.fingerprint)}/revoke`, { reason: reason.value.trim() });
      await ctx.reload();
      document.getElementById('keys-messages')?.replaceChildren(notice('success', t('keys.revoked_done', { fp: k.fingerprint })));
    } });
}

function keyTable(ctx, keys, msg) {
  if (!keys.length) return notice('info', t('keys.none'));
  const manage = ctx.can('keys');
  const rows = keys.map((k) => [k.signer, label('signer_roles', k.role), h('span', { class: 'mono' }, k.fingerprint),
    k.added_at.slice(0, 10),
    k.revoked_at ? t('keys.revoked', { date: k.revoked_at.slice(0, 10) }) : k.held ? t('keys.held') : t('keys.trusted'),
    h('span', { class: 'pair' },
      h('a', { href: `/api/keys/${bare(k.fingerprint)}/public`, download: '', class: 'button small' }, t('keys.get_public')),
      manage && !k.revoked_at ? h('button', { class: 'small danger', onclick: () => revokeDialog(ctx, k, msg) }, t('keys.revoke')) : null)]);
  return table([t('keys.signer'), t('keys.role'), t('keys.fingerprint'), t('keys.added'), t('keys.state'), ''], rows,
    { class: 'keys-table', id: 'keys' }, (i) => ({ dataset: { signer: keys[i].signer, held: keys[i].held ? '1' : '0' },
      class: keys[i].revoked_at ? 'revoked' : null }));
}

function generateForm(ctx, msg) {
  const code = h('input', { id: 'key-signer', required: true, size: 8, maxlength: 8, autocapitalize: 'characters' });
  const role = h('select', { id: 'key-role' }, ['party', 'mediator'].map((r) => h('option', { value: r }, label('signer_roles', r))));
  const pass = h('input', { id: 'key-pass', type: 'password', autocomplete: 'new-password', minlength: 12, required: true });
  const again = h('input', { id: 'key-confirm', type: 'password', autocomplete: 'new-password', minlength: 12, required: true });
  const button = h('button', { type: 'submit', class: 'primary', id: 'key-generate' }, t('keys.generate_submit'));
  const form = h('form', { class: 'card generate-key' }, h('h2', {}, t('keys.generate')),
    h('p', { class: 'muted' }, t('keys.generate_intro')),
    h('div', { class: 'row' }, field(t('keys.code'), code), field(t('keys.role'), role)),
    h('div', { class: 'row' }, field(t('keys.passphrase'), pass), field(t('keys.confirm'), again)),
    h('div', { class: 'actions' }, button));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    msg.replaceChildren();
    if (pass.value !== again.value) {
      msg.append(notice('error', t('keys.mismatch')));
      return;
    }
    button.disabled = true;
    try {
      const k = await post('/api/keys', { signer: code.value.trim().toUpperCase(), role: role.value,
        passphrase: pass.value, confirm: again.value });
      pass.value = again.value = '';
      await ctx.reload();
      document.getElementById('keys-messages')?.replaceChildren(notice('success', t('keys.generated', { fp: k.fingerprint, signer: k.signer })));
    } catch (err) {
      msg.append(notice('error', err.message));
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

function importForm(ctx, msg) {
  const file = h('input', { type: 'file', id: 'key-file', accept: '.pub,.json,application/json' });
  const form = h('form', { class: 'card import-key' }, h('h2', {}, t('keys.import')),
    h('p', { class: 'muted' }, t('keys.import_intro')), field(t('keys.import_file'), file, true),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'key-import' }, t('keys.import_submit'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    msg.replaceChildren();
    if (!file.files[0]) return;
    try {
      const k = await uploadFile('/api/keys/import', file);
      await ctx.reload();
      document.getElementById('keys-messages')?.replaceChildren(notice('success',
        t(k.added ? 'keys.imported' : 'keys.already', { fp: k.fingerprint, signer: k.signer })));
    } catch (err) {
      msg.append(notice('error', err.message));
    }
  });
  return form;
}

export async function render(ctx) {
  const { keys } = await get('/api/keys');
  const msg = h('div', { class: 'messages', id: 'keys-messages' });
  const manage = ctx.can('keys');
  return h('section', { class: 'keys' }, h('h1', {}, t('keys.title')), h('p', { class: 'muted' }, t('keys.intro')), msg,
    keyTable(ctx, keys, msg),
    manage ? h('div', { class: 'cols spaced' }, generateForm(ctx, msg), importForm(ctx, msg)) : null);
}
