import type { ModuleIndex } from '../../ports/module-index.js';
import type { Deps } from '../deps.js';

/** The registry, and the module index kept with every programme write (IndexedProgrammes). */
export interface IndexDeps extends Deps {
  readonly moduleIndex: ModuleIndex;
}
