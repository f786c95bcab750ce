// The assessor's village survey pages (范本1 三): registered here, their code loaded on first use from a chunk of
// its own (import(), precached by the service worker like every file, so it opens offline) to keep the shell within
// its budget. The chunk receives the shell's modules from here (src/pages/survey/deps.js says why).
// Who: county users and admins of the county, as on the server (its survey pages and its push rule).
import { addMessages, getLang, label, t } from '../lib/i18n.js';
import { children, record, recordsOfKind, reference } from '../lib/local.js';
import { registerPage } from '../lib/registry.js';
import { localDate } from '../lib/time.js';
import { h, mount, toast } from '../ui/dom.js';
import { doseGrid, readGrid } from '../ui/dose-grid.js';
import { choice, field, readForm, selectField, showErrors } from '../ui/fields.js';
import { fieldLabel } from '../ui/labels.js';
import { saveRecord } from '../ui/save.js';
import { syncLabel, vaccineNames } from './school-common.js';
import { addMonths, dosesToGrid, gridErrors, gridToDoses } from './school-model.js';

export const SURVEY_ROLES = ['county', 'admin'];
export const SURVEY_DEPS = { t, label, getLang, addMessages, local: { children, record, recordsOfKind, reference }, localDate, h,
  mount, toast, choice, field, readForm, selectField, showErrors, fieldLabel, saveRecord, doseGrid, readGrid, syncLabel,
  vaccineNames, addMonths, gridToDoses, dosesToGrid, gridErrors };

async function chunk() {
  const pages = await import('./survey/pages.js');
  pages.install(SURVEY_DEPS);
  return pages;
}

const lazy = (name) => async (root, ctx) => (await chunk())[name](root, ctx);

registerPage({ id: 'surveys', title: 'survey.list.title', roles: SURVEY_ROLES, nav: { order: 20 },
  render: lazy('renderList') });
// not `live`: a redraw after a sync would wipe a 漏卡 child half typed in the village page's form
registerPage({ id: 'survey', title: 'survey.title', roles: SURVEY_ROLES, form: true, render: lazy('renderSurvey') });
registerPage({ id: 'survey-child', title: 'survey.child.title', roles: SURVEY_ROLES, form: true,
  render: lazy('renderChild') });
