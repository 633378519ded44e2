import { attested } from '../../domain/credential.js';
import { credentialToElmSpecification, programmeToElm } from '../../interop/elm.js';
import { credentialToOb3Achievement, programmeToOb3Achievement } from '../../interop/ob3.js';
import type { Credential } from '../../schemas/credential.js';
import { getCredential } from '../credentials/read-credentials.js';
import type { Deps } from '../deps.js';
import { loadProgrammeContext } from '../engine/engine-context.js';
import { institutionsById } from '../registry-facts.js';
import { programmeComponents } from './programme-components.js';

export type ExportFormat = 'ob3' | 'elm';

const institutionsOf = (c: Credential) => [
  c.institutionId,
  ...c.awardingBodies,
  ...(c.qaResponsible ? [c.qaResponsible] : []),
];

/** GET /credentials/{id}/export: the offering in the words of OB 3.0 or ELM 3.2 (docs/interoperability.md). */
export const exportCredential = async (deps: Deps, ref: string, format: ExportFormat, baseUrl: string) => {
  // SPEC §3: an export names only the bodies that confirmed, besides the registering institution.
  const credential = attested(await getCredential(deps, ref));
  const institutions = await institutionsById(deps, institutionsOf(credential));
  return format === 'ob3'
    ? credentialToOb3Achievement(credential, institutions, { baseUrl })
    : credentialToElmSpecification(credential, institutions, { baseUrl });
};

/** GET /programmes/{id}/export: the agreed (or current) rule, its parts the offerings that can fill it. */
export const exportProgramme = async (deps: Deps, id: string, format: ExportFormat, baseUrl: string) => {
  const { ctx, ruleVersion, version, agreed, institutions } = await loadProgrammeContext(deps, id);
  const subject = {
    id,
    title: version.rule.title,
    rule: version.rule,
    contentHash: version.contentHash,
    ...(agreed ? { agreedVersion: ruleVersion } : {}),
  };
  const components = programmeComponents(ctx);
  return format === 'ob3'
    ? programmeToOb3Achievement(subject, components, institutions, { baseUrl })
    : programmeToElm(subject, components, institutions, { baseUrl });
};
