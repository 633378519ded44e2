import type { ModuleIndex } from '../../ports/module-index.js';
import type { ProgrammeChange, ProgrammeRepository } from '../../ports/programme-repository.js';
import type { Rule } from '../../schemas/rule.js';
import { parseModule } from '../engine/modules.js';

const moduleIds = (rule: Rule | undefined): string[] => (rule?.modules ?? []).map((ref) => parseModule(ref).id);

/**
 * Keeps the module index (shared/ports/module-index.ts) with every programme write, whatever
 * use-case makes it: a proposal or amendment lists its version's modules (and a proposal records
 * the programme) before it commits, so the index never misses what a committed version lists;
 * once committed, the modules the previous version listed and this one drops are unlisted. A
 * change that loses its race leaves entries behind, which readers check against the version.
 */
export class IndexedProgrammes implements ProgrammeRepository {
  constructor(
    private readonly inner: ProgrammeRepository,
    private readonly index: ModuleIndex,
  ) {}

  async commit(change: ProgrammeChange): Promise<void> {
    const { programme, newVersion } = change;
    if (newVersion === undefined) return this.inner.commit(change);
    const listed = moduleIds(newVersion.rule);
    await Promise.all([
      this.index.list(programme.id, newVersion.version, listed),
      ...(change.expectedRev === undefined
        ? [this.index.record({ programmeId: programme.id, allianceId: programme.allianceId })]
        : []),
    ]);
    await this.inner.commit(change);
    if (newVersion.version === 1) return;
    const previous = await this.inner.getVersion(programme.id, newVersion.version - 1);
    const kept = new Set(listed);
    await this.index.unlist(
      programme.id,
      newVersion.version,
      moduleIds(previous?.rule).filter((id) => !kept.has(id)),
    );
  }

  get: ProgrammeRepository['get'] = (id) => this.inner.get(id);
  load: ProgrammeRepository['load'] = (id) => this.inner.load(id);
  history: ProgrammeRepository['history'] = (id, page) => this.inner.history(id, page);
  getVersion: ProgrammeRepository['getVersion'] = (id, version) => this.inner.getVersion(id, version);
  listByAlliance: ProgrammeRepository['listByAlliance'] = (allianceId, page) =>
    this.inner.listByAlliance(allianceId, page);
}
