// The school-entry check pages (school checker) and the catch-up pages (vaccination unit): one import line in
// index.js registers them all.
import './school-batches.js';
import './school-batch.js';
import './school-student.js';
import './school-referral.js';
import './catch-up-tasks.js';
import './catch-up.js';
