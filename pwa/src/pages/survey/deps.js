// The shell's modules the survey chunk uses (i18n, local data, DOM and form helpers, saving, the dose grid, the
// school check's grid model), handed over by src/pages/survey-pages.js when the chunk loads, and forwarded here
// under their own names. Importing them from the chunk instead would make esbuild move every module the shell
// shares with the chunk out of app.js into a separate shared chunk, which costs the shell about 1.5 KB gzipped (two
// gzip streams instead of one) for nothing: the shell loads both anyway.
const d = {};

/** Called by the shell (and the node tests) before any survey code runs. */
export function provide(deps) { Object.assign(d, deps); }

/** The names the chunk uses (and the shell must provide); `local` holds src/lib/local.js's readers. */
export const NEEDED = ['t', 'label', 'getLang', 'addMessages', 'localDate', 'h', 'mount', 'toast', 'choice', 'field',
  'readForm', 'selectField', 'showErrors', 'fieldLabel', 'saveRecord', 'doseGrid', 'readGrid', 'syncLabel',
  'vaccineNames', 'addMonths', 'gridToDoses', 'dosesToGrid', 'gridErrors'];
const forward = (name) => (...args) => d[name](...args);
export const [t, label, getLang, addMessages, localDate, h, mount, toast, choice, field, readForm, selectField,
  showErrors, fieldLabel, saveRecord, doseGrid, readGrid, syncLabel, vaccineNames, addMonths, gridToDoses,
  dosesToGrid, gridErrors] = NEEDED.map(forward);
export const LOCAL_NEEDED = ['children', 'record', 'recordsOfKind', 'reference'];
export const local = Object.fromEntries(LOCAL_NEEDED.map((name) => [name, (...args) => d.local[name](...args)]));
