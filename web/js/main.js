// The application: who is signed in, the page for the address, the frame
// around it. Each page is a module under pages/ with render(ctx).
import { get, post, setCsrf, whenSignedOut } from './api.js';
import { h, clear, notice, clearMessage } from './dom.js';
import { t, languages, language, setLanguage, loadMessages } from './i18n.js';

const pages = {
  login: () => import('./pages/login.js'),
  account: () => import('./pages/account.js'),
  dashboard: () => import('./pages/dashboard.js'),
  search: () => import('./pages/search.js'),
  person: () => import('./pages/person.js'),
  import: () => import('./pages/import.js'),
  logs: () => import('./pages/logs.js'),
  users: () => import('./pages/users.js'),
  retention: () => import('./pages/retention.js'),
  keys: () => import('./pages/keys.js'),
  reconcile: () => import('./pages/reconcile.js'),
  agreements: () => import('./pages/agreements.js'),
  planner: () => import('./pages/planner.js'),
  stages: () => import('./pages/stages.js'),
  execute: () => import('./pages/execute.js'),
  statement: () => import('./pages/statement.js'),
  aftercare: () => import('./pages/aftercare.js'),
  remains: () => import('./pages/remains.js'),
  batches: () => import('./pages/batches.js'),
  remains_import: () => import('./pages/remains_import.js'),
  dna: () => import('./pages/dna.js'),
  dna_data: () => import('./pages/dna_data.js'),
  dna_advice: () => import('./pages/dna_advice.js'),
  families: () => import('./pages/families.js'),
  tasks: () => import('./pages/tasks.js'),
  letters: () => import('./pages/letters.js'),
  testimony: () => import('./pages/testimony.js'),
};

// Path, page, the permission it needs (null: any signed-in user), and the
// nav entry it has (or, for the pages under one, the entry it belongs to).
const STAGE = '(S[0-9A-Z]{16})';
const routes = [
  { path: /^\/login$/, page: 'login', public: true },
  { path: /^\/$/, page: 'dashboard', perm: 'stats', nav: 'dashboard' },
  { path: /^\/account$/, page: 'account', perm: null, section: 'account' },
  { path: /^\/persons$/, page: 'search', perm: 'person_read', nav: 'search' },
  { path: /^\/persons\/new$/, page: 'person', perm: 'person_write', nav: 'new_person', args: { create: true } },
  { path: /^\/persons\/(P[0-9A-Z]{16})$/, page: 'person', perm: 'person_read' },
  { path: /^\/import$/, page: 'import', perm: ['import', 'export'], nav: 'import' },
  { path: /^\/reconcile$/, page: 'reconcile', perm: 'reconcile', nav: 'reconcile' },
  { path: /^\/audit$/, page: 'logs', perm: 'audit_read', nav: 'audit', args: { kind: 'audit' } },
  { path: /^\/access$/, page: 'logs', perm: 'audit_read', nav: 'access', args: { kind: 'access' } },
  { path: /^\/users$/, page: 'users', perm: 'users', nav: 'users' },
  { path: /^\/retention$/, page: 'retention', perm: 'users', nav: 'retention' },
  { path: /^\/keys$/, page: 'keys', perm: 'keys', nav: 'keys' },
  { path: /^\/agreements$/, page: 'agreements', perm: 'agreement_read', nav: 'agreements' },
  { path: /^\/agreements\/([a-z0-9_-]{1,64})$/, page: 'agreements', perm: 'agreement_read', section: 'agreements' },
  { path: /^\/agreements\/([a-z0-9_-]{1,64})\/plan$/, page: 'planner', perm: 'agreement_read', section: 'agreements' },
  { path: /^\/stages$/, page: 'stages', perm: 'stage_read', nav: 'stages' },
  { path: new RegExp(`^/stages/${STAGE}$`), page: 'stages', perm: 'stage_read', section: 'stages' },
  { path: new RegExp(`^/stages/${STAGE}/execute$`), page: 'execute', perm: 'agreement_write', section: 'stages' },
  { path: new RegExp(`^/stages/${STAGE}/statement$`), page: 'statement', perm: 'agreement_read', section: 'stages' },
  { path: /^\/aftercare$/, page: 'aftercare', perm: 'aftercare_read', nav: 'aftercare' },
  { path: /^\/remains$/, page: 'remains', perm: 'remains_read', nav: 'remains' },
  { path: /^\/remains\/batches$/, page: 'batches', perm: 'remains_read', section: 'remains' },
  { path: /^\/remains\/batches\/(B[0-9A-Z]{16})$/, page: 'batches', perm: 'remains_read', section: 'remains' },
  { path: /^\/remains\/import$/, page: 'remains_import', perm: 'remains_write', section: 'remains' },
  { path: /^\/remains\/(R[0-9A-Z]{16})$/, page: 'remains', perm: 'remains_read', section: 'remains' },
  { path: /^\/inquiries$/, page: 'families', perm: 'inquiry_read', nav: 'inquiries' },
  { path: /^\/inquiries\/new$/, page: 'families', perm: 'inquiry_write', section: 'inquiries', args: { create: true } },
  { path: /^\/inquiries\/(Q[0-9A-Z]{16})$/, page: 'families', perm: 'inquiry_read', section: 'inquiries' },
  { path: /^\/tasks$/, page: 'tasks', perm: 'inquiry_contacts', nav: 'tasks' },
  { path: /^\/letters\/templates$/, page: 'letters', perm: 'inquiry_contacts', section: 'inquiries', args: { templates: true } },
  { path: /^\/letters\/print$/, page: 'letters', perm: 'inquiry_contacts', section: 'inquiries' },
  { path: /^\/letters\/(L[0-9A-Z]{16})$/, page: 'letters', perm: 'inquiry_contacts', section: 'inquiries' },
  { path: /^\/testimonies$/, page: 'testimony', perm: 'testimony_read', nav: 'testimonies' },
  { path: /^\/testimonies\/new$/, page: 'testimony', perm: 'testimony_write', section: 'testimonies', args: { create: true } },
  { path: /^\/testimonies\/review$/, page: 'testimony', perm: 'testimony_read', section: 'testimonies', args: { review: true } },
  { path: /^\/testimonies\/(D[0-9A-Z]{16})$/, page: 'testimony', perm: 'testimony_read', section: 'testimonies' },
  { path: /^\/proof$/, page: 'testimony', perm: 'testimony_read', section: 'testimonies', args: { proof: true } },
  { path: /^\/dna$/, page: 'dna', perm: 'dna_read', nav: 'dna' },
  { path: /^\/dna\/data$/, page: 'dna_data', perm: 'dna_read', section: 'dna' },
  { path: /^\/dna\/advice$/, page: 'dna_advice', perm: 'dna_read', section: 'dna' },
];

const navOrder = [
  ['/', 'dashboard'], ['/persons', 'search'], ['/persons/new', 'new_person'], ['/import', 'import'],
  ['/reconcile', 'reconcile'], ['/agreements', 'agreements'], ['/stages', 'stages'], ['/aftercare', 'aftercare'],
  ['/inquiries', 'inquiries'], ['/tasks', 'tasks'], ['/testimonies', 'testimonies'], ['/remains', 'remains'], ['/dna', 'dna'], ['/audit', 'audit'], ['/access', 'access'], ['/users', 'users'], ['/retention', 'retention'], ['/keys', 'keys'],
];

const state = { me: null, fields: null };

function can(perm) {
  if (!perm) return true;
  const perms = state.me ? state.me.permissions : [];
  return (Array.isArray(perm) ? perm : [perm]).some((p) => perms.includes(p));
}

export function navigate(path, replace) {
  // A message belongs to the page it was said on.
  clearMessage();
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  render();
}

async function loadSession() {
  try {
    state.me = await get('/api/me');
    setCsrf(state.me.csrf);
    state.fields = state.fields || (await get('/api/fields'));
  } catch {
    state.me = null;
  }
}

export function signedIn(me) {
  state.me = me;
  setCsrf(me.csrf);
}

async function signOut() {
  try { await post('/api/logout'); } catch { /* gone already */ }
  state.me = null;
  setCsrf(null);
  navigate('/login');
}

function header(current) {
  const nav = h('nav', { class: 'nav', 'aria-label': 'main' },
    navOrder
      .filter(([path, key]) => can(routes.find((r) => r.nav === key).perm))
      .map(([path, key]) => h('a', { href: path, class: key === current ? 'active' : null,
        'aria-current': key === current ? 'page' : null }, t(`nav.${key}`))));
  const langs = h('select', { class: 'lang', 'aria-label': t('app.language'),
    onchange: (e) => { setLanguage(e.target.value); render(); } },
    Object.entries(languages).map(([code, table]) =>
      h('option', { value: code, selected: code === language() }, table.lang)));
  const who = state.me
    ? h('div', { class: 'who' },
        h('a', { class: 'user', href: '/account', id: 'account-link',
          title: `${t('account.title')}: ${state.me.roles.map((r) => t(`roles.${r}`)).join(', ')}` },
          state.me.display_name || state.me.user),
        h('button', { class: 'link', onclick: signOut, id: 'sign-out' }, t('app.sign_out')))
    : null;
  // On a phone the menu folds behind a button (the header would otherwise
  // fill the first screen); each page drawn closes it again.
  const menu = state.me
    ? h('button', { type: 'button', class: 'menu-toggle', id: 'menu-toggle', 'aria-expanded': 'false',
        'aria-controls': 'main-nav', onclick: (e) => {
          const open = e.currentTarget.getAttribute('aria-expanded') !== 'true';
          e.currentTarget.setAttribute('aria-expanded', String(open));
          e.currentTarget.closest('header').classList.toggle('open', open);
        } }, t('layout.menu'))
    : null;
  nav.id = 'main-nav';
  const skip = h('a', { class: 'skip', href: '#main', onclick: (e) => {
    e.preventDefault();
    document.getElementById('main')?.focus();
  } }, t('app.skip'));
  return h('header', { class: 'top' }, skip,
    h('a', { class: 'brand', href: state.me ? '/' : '/login' }, t('app.title')),
    state.me ? [menu, nav] : h('span', { class: 'tagline' }, t('app.tagline')),
    h('div', { class: 'right' }, langs, who));
}

function denied() {
  return h('section', { class: 'denied' },
    h('h1', {}, t('app.denied')), h('p', {}, t('app.denied_text')));
}

let renderSerial = 0;

export async function render() {
  const serial = ++renderSerial;
  const path = location.pathname;
  let route = routes.find((r) => r.path.test(path));
  await loadMessages(language());
  if (!state.me) await loadSession();
  if (serial !== renderSerial) return;
  if (!route) route = null;
  if (route && !route.public && !state.me) {
    history.replaceState(null, '', `/login?next=${encodeURIComponent(path + location.search)}`);
    route = routes[0];
  }
  if (route && route.public && state.me) {
    history.replaceState(null, '', '/');
    route = routes[1];
  }
  // Home is the dashboard; a role without it (the mediator) starts at the
  // first page it may use.
  if (route && route.page === 'dashboard' && state.me && !can(route.perm)) {
    const first = navOrder.find(([, key]) => can(routes.find((r) => r.nav === key).perm));
    if (first) {
      history.replaceState(null, '', first[0]);
      route = routes.find((r) => r.nav === first[1]);
    }
  }
  const root = clear(document.getElementById('app'));
  root.append(header(route && (route.nav || route.section)));
  const main = h('main', { id: 'main', tabindex: '-1' }, h('p', { class: 'loading' }, t('app.loading')));
  root.append(main);
  if (!route) {
    clear(main).append(h('h1', {}, t('app.not_found')));
    return;
  }
  if (!can(route.perm)) {
    clear(main).append(denied());
    return;
  }
  const m = route.path.exec(location.pathname);
  const ctx = {
    me: state.me, fields: state.fields, can, navigate, signedIn, denied,
    params: m ? m.slice(1) : [], query: new URLSearchParams(location.search),
    args: route.args || {},
    reload: render,
    loadFields: async () => (state.fields = state.fields || (await get('/api/fields'))),
  };
  try {
    const mod = await pages[route.page]();
    const el = await mod.render(ctx);
    if (serial !== renderSerial) return;
    clear(main).append(el);
    document.title = `${main.querySelector('h1')?.textContent || ''} · parley`;
  } catch (e) {
    if (serial !== renderSerial) return;
    if (e.status === 403) clear(main).append(denied());
    else if (e.status === 401) return;
    else clear(main).append(notice('error', `${t('app.error')}: ${e.message}`));
  }
}

whenSignedOut(() => {
  if (state.me) {
    state.me = null;
    navigate(`/login?expired=1&next=${encodeURIComponent(location.pathname + location.search)}`, true);
  }
});

// Links inside the app change the page without reloading it.
document.addEventListener('click', (e) => {
  const a = e.target.closest('a');
  if (!a || e.defaultPrevented || a.target || a.hasAttribute('download') || e.ctrlKey || e.metaKey || e.shiftKey) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
  e.preventDefault();
  navigate(url.pathname + url.search);
});

window.addEventListener('popstate', () => { clearMessage(); render(); });
clearMessage(); // the status region is there before anything is said in it
render();
