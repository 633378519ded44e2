import { attested } from '../../domain/credential.js';
import { notFound } from '../../domain/errors.js';
import {
  checkRecognition,
  qaInstitutionId,
  type RecognitionSubject,
  type RecognitionTarget,
} from '../../interop/recognition.js';
import { summariseCompleteness } from '../../interop/completeness.js';
import type { Credential } from '../../schemas/credential.js';
import type { InteroperabilityRequest } from '../../schemas/interoperability.js';
import { readDocument } from '../achievements/read-documents.js';
import { getCredential } from '../credentials/read-credentials.js';
import type { Deps } from '../deps.js';
import { membersOf, standingRule } from '../programmes/read-programmes.js';
import { institutionsById } from '../registry-facts.js';

/** SPEC §3: recognition checks use only confirmed bodies besides the registering institution. */
const registrySubject = async (deps: Deps, stored: Credential): Promise<RecognitionSubject> => {
  const credential = attested(stored);
  const qaId = qaInstitutionId(credential);
  const qaInstitution = (await institutionsById(deps, [qaId]))[qaId];
  if (!qaInstitution) throw notFound(`institution ${qaId}`);
  return { kind: 'registry', credential, qaInstitution };
};

/** `baseUrl`: this registry's public URL; a document it exported is checked as that credential (SPEC §3). */
const subjectOf = async (
  deps: Deps,
  credential: InteroperabilityRequest['credential'],
  baseUrl: string | undefined,
): Promise<RecognitionSubject> => {
  if (typeof credential === 'string') return registrySubject(deps, await getCredential(deps, credential));
  if ('external' in credential) return { kind: 'external', external: credential.external };
  const read = await readDocument(deps, credential.document, baseUrl);
  if (read.kind === 'registry') return registrySubject(deps, read.credential);
  return { kind: 'external', external: read.imported.external, missing: read.imported.missing };
};

const targetOf = async (deps: Deps, target: InteroperabilityRequest['target']): Promise<RecognitionTarget> => {
  if ('programmeId' in target) {
    const standing = await standingRule(deps, target.programmeId);
    if (!standing) throw notFound(`programme ${target.programmeId}`);
    return { kind: 'programme', rule: standing.rule, members: await membersOf(deps, standing.programme.allianceId) };
  }
  const institution = (await institutionsById(deps, [target.institutionId]))[target.institutionId];
  if (!institution) throw notFound(`institution ${target.institutionId}`);
  return { kind: 'institution', institution };
};

/** POST /interoperability: a check per EU standard element, and the recognition route (SPEC §5). */
export const checkInteroperability = async (deps: Deps, request: InteroperabilityRequest, baseUrl?: string) => {
  const [subject, target] = await Promise.all([
    subjectOf(deps, request.credential, baseUrl),
    targetOf(deps, request.target),
  ]);
  return checkRecognition(subject, target, request.asOf ?? deps.clock.now().slice(0, 10));
};

/** GET /alliances/{id}/interoperability: per member, how complete its credentials are before a QA review. */
export const allianceInteroperability = async (deps: Deps, allianceId: string) => {
  const stored = await deps.alliances.get(allianceId);
  if (!stored) throw notFound(`alliance ${allianceId}`);
  const { members } = stored.alliance;
  const [credentials, institutions] = await Promise.all([
    deps.credentials.published(members),
    institutionsById(deps, members),
  ]);
  return { allianceId, ...summariseCompleteness(credentials, institutions) };
};
