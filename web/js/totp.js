// The second factor's pieces that the sign-in and the account page share:
// a new secret to enrol with (a QR code, the secret to type), a field for
// a code, and recovery codes shown once.
import { h } from './dom.js';
import { t } from './i18n.js';

// The secret as an authenticator app takes it. The QR code is the
// server's SVG shown as an image, so it never becomes markup of the page.
export function secretView(s) {
  const grouped = s.secret.replace(/(.{4})/g, '$1 ').trim();
  return h('div', { class: 'totp-secret' },
    h('p', {}, t('totp.scan')),
    s.qr_svg ? h('img', { class: 'totp-qr', id: 'totp-qr', width: 200, height: 200, alt: t('totp.qr_alt'),
      src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(s.qr_svg)}` }) : null,
    h('p', {}, t('totp.or_type')),
    h('p', { class: 'mono totp-key', id: 'totp-key', dataset: { secret: s.secret } }, grouped),
    h('details', {}, h('summary', {}, t('totp.uri')), h('p', { class: 'mono small' }, s.uri)));
}

// Six digits from the app, or (where taken) a recovery code.
export function codeInput(id, recovery) {
  return h('input', { id, name: 'code', autocomplete: 'one-time-code', inputmode: recovery ? 'text' : 'numeric',
    required: true, maxlength: 20, size: 16, autocapitalize: 'characters', spellcheck: 'false' });
}

// Recovery codes, shown only now: a warning, a copy and a download.
export function recoveryView(codes) {
  const text = `${codes.join('\n')}\n`;
  const said = h('span', { class: 'muted small', role: 'status' });
  return h('div', { class: 'recovery-codes' },
    h('h2', {}, t('totp.recovery_title')),
    h('p', { class: 'notice warn' }, t('totp.recovery_warning')),
    h('ol', { class: 'mono', id: 'recovery-codes' }, codes.map((c) => h('li', {}, c))),
    h('div', { class: 'actions' },
      h('button', { type: 'button', id: 'recovery-copy', onclick: async () => {
        try {
          await navigator.clipboard.writeText(text);
          said.textContent = t('totp.copied');
        } catch {
          said.textContent = t('totp.copy_failed');
        }
      } }, t('totp.copy')),
      h('a', { class: 'button', id: 'recovery-download', download: 'parley-recovery-codes.txt',
        href: URL.createObjectURL(new Blob([text], { type: 'text/plain' })) }, t('totp.download')),
      said));
}
