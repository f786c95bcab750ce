// The page registry: a page is one file in src/pages/ that calls registerPage, plus one import line in
// src/pages/index.js. The router, the navigation bar and the update banner read from here.

const pages = new Map();

/**
 * Register a page.
 * @param {object} def
 * @param {string} def.id          route id: #/<id>?params
 * @param {string} def.title       i18n key of the page title
 * @param {function} def.render    async (root: HTMLElement, ctx) => optional cleanup function
 * @param {string[]} [def.roles]   roles that see it (default: every signed-in user); 'public' pages need no user
 * @param {boolean} [def.public]   reachable without a signed-in user (sign-in page)
 * @param {boolean} [def.form]     a data-entry page: the update banner is not offered here (never mid-form)
 * @param {boolean} [def.live]     redrawn when a sync ends (lists that a pull can change; not for forms)
 * @param {object} [def.nav]       {order, icon} to show in the navigation grid on home
 */
export function registerPage(def) {
  if (!def?.id || typeof def.render !== 'function') throw new Error('registerPage needs id and render');
  if (pages.has(def.id)) throw new Error(`page ${def.id} registered twice`);
  pages.set(def.id, { roles: null, public: false, form: false, live: false, nav: null, ...def });
}

export const getPage = (id) => pages.get(id) || null;

/** Pages to show as navigation tiles for a role, in order. */
export function navPages(role) {
  return [...pages.values()].filter((p) => p.nav && (!p.roles || p.roles.includes(role)))
    .sort((a, b) => a.nav.order - b.nav.order);
}

export const allPages = () => [...pages.values()];
