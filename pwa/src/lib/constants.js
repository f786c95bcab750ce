// Constants the phone shares with the server, read from the one file both use (webapp/data/constants.json);
// esbuild bundles it into the app. tests/test_shared_constants.py fails when a copy appears on either side.
import shared from '../../../webapp/data/constants.json' with { type: 'json' };

export const PUSH_LIMIT = shared.push_limit;
export const QUESTIONS = Object.freeze([...shared.screening_questions]);
export const INFORMED = Object.freeze([...shared.informed_items]);
export const ROSTER_HEADERS = Object.freeze({ ...shared.roster_headers });
export const ROSTER_REQUIRED = Object.freeze(Object.fromEntries(shared.roster_required.map((key) => [key, 1])));
