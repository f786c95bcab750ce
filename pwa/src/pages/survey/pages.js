// The survey pages' chunk: one import() loads them all (a village survey moves between them offline). `install`
// receives the shell's modules (deps.js says why) and adds the survey strings to the phone's message tables.
import { addMessages, provide } from './deps.js';
import { SURVEY_MESSAGES } from './messages.js';

export { render as renderList } from './list.js';
export { render as renderSurvey } from './survey.js';
export { render as renderChild } from './child.js';

let installed = false;

/** Hand the shell's modules to the chunk and add its strings, once. */
export function install(deps) {
  if (installed) return;
  provide(deps);
  addMessages(SURVEY_MESSAGES);
  installed = true;
}
