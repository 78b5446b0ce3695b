// The JSON API: one place that adds the CSRF token, reads error bodies
// ({"error": {"code", "message", "field", "message_code", "args"}}) and
// notices a lost session. An error's message is in the user's language
// (i18n.errorText); the server's English text stays in `english`.
import { errorText, message } from './i18n.js';

let csrf = null;
let onSignedOut = () => {};

export function setCsrf(token) {
  csrf = token;
}

export function whenSignedOut(fn) {
  onSignedOut = fn;
}

export class ApiError extends Error {
  constructor(status, body) {
    const e = (body && body.error) || {};
    super(errorText(e, status));
    this.english = e.message || '';
    this.messageCode = e.message_code || null;
    this.args = e.args || {};
    this.status = status;
    this.code = e.code || 'http';
    this.field = e.field || null;
    // Each problem in the user's language when the server coded it
    // (problem_codes[i]: {context, message_code, args} or null).
    const codes = e.problem_codes || [];
    this.problems = (e.problems || []).map((p, i) => {
      const c = codes[i];
      const said = c && message(c.message_code, c.args);
      return said ? (c.context || '') + said : p;
    });
    this.retryAfter = 0;
  }
}

export async function api(method, path, body, extraHeaders) {
  const headers = { Accept: 'application/json', ...(extraHeaders || {}) };
  const init = { method, headers, credentials: 'same-origin' };
  if (body instanceof FormData) {
    init.body = body;
  } else if (typeof body === 'string') {
    // JSON already written (an agreement document, sent as the user wrote it)
    headers['Content-Type'] = 'application/json';
    init.body = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  const res = await fetch(path, init);
  let data = null;
  if ((res.headers.get('Content-Type') || '').startsWith('application/json')) {
    data = await res.json().catch(() => null);
  }
  if (!res.ok) {
    const err = new ApiError(res.status, data);
    err.retryAfter = Number(res.headers.get('Retry-After') || 0);
    if (res.status === 401 && !path.startsWith('/api/login')) onSignedOut();
    throw err;
  }
  return data;
}

export const get = (path) => api('GET', path);
export const post = (path, body, headers) => api('POST', path, body, headers);
export const patch = (path, body) => api('PATCH', path, body);

// A POST whose answer is a file (an encrypted export): resolves to
// { blob, name } from Content-Disposition, rejects with ApiError.
export async function postForFile(path, body) {
  const headers = { Accept: 'application/octet-stream, application/json', 'Content-Type': 'application/json' };
  if (csrf) headers['X-CSRF-Token'] = csrf;
  const res = await fetch(path, { method: 'POST', headers, credentials: 'same-origin', body: JSON.stringify(body) });
  if (!res.ok) {
    const data = await res.json().catch(() => null);
    if (res.status === 401) onSignedOut();
    throw new ApiError(res.status, data);
  }
  const m = /filename="?([^";]+)"?/.exec(res.headers.get('Content-Disposition') || '');
  return { blob: await res.blob(), name: m ? m[1] : 'parley-export.enc' };
}

// A query string from an object, leaving out empty values.
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

// An upload with progress (fetch cannot report it): resolves to the JSON
// answer, rejects with ApiError.
export function upload(path, form, headers, onProgress) {
  return new Promise((resolve, reject) => {
    const x = new XMLHttpRequest();
    x.open('POST', path);
    x.setRequestHeader('Accept', 'application/json');
    if (csrf) x.setRequestHeader('X-CSRF-Token', csrf);
    for (const [k, v] of Object.entries(headers || {})) x.setRequestHeader(k, v);
    x.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    x.onerror = () => reject(new ApiError(0, { error: { code: 'network' } }));
    x.onload = () => {
      let data = null;
      try { data = JSON.parse(x.responseText); } catch { /* not JSON */ }
      if (x.status >= 200 && x.status < 300) resolve(data);
      else reject(new ApiError(x.status, data));
    };
    x.send(form);
  });
}

// The file chosen in an <input type=file>, uploaded as the form's `file`.
export function uploadFile(path, input) {
  const f = input.files[0];
  const data = new FormData();
  data.append('file', f, f.name);
  return upload(path, data, {}, () => {});
}
