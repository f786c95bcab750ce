// The page registry's table of contents: one import line per page (each file calls registerPage).
import './home.js';
import './signin.js';
import './users.js';
import './children.js';
import './child-new.js';
import './encounter.js';
import './school-pages.js';
import './aefi.js';
import './observation.js';
import './stock.js';
import './cold-chain.js';
import './zero.js';
import './tasks.js';
import './fixing.js';
import './conflicts.js';
import './transfer.js';
