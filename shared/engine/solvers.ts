import { enumerateValid } from './enumerate.js';
import { provideNestedSolvers } from './nested-hook.js';
import { minimise } from './search.js';

/** Gives nested programmes their solvers (see nested-hook.ts); loaded once, by index.ts. */
provideNestedSolvers({ minimise, enumerateValid });
