// The national schedule engine on the phone: the same rules as webapp/domain/schedule (Python), reading the
// same versioned data (webapp/data/schedule/*.json, passed in parsed). tests/vectors/schedule.json proves both
// engines agree. Dependency-free ES modules in schedule/, one per Python module; dates are whole days since
// 1970-01-01 (UTC), never local time. This file is the public face pages and tests import.
export { vaccineCodes, loadBook } from './schedule/book.js';
export { ScheduleInputError } from './schedule/context.js';
export { addMonths, isoDate, parseIsoDate } from './schedule/dates.js';
export { childStatus, dueDoses, evaluate } from './schedule/engine.js';
