import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

/*
 * The official 1EdTech OB 3.0 and EBSI/Europass ELM 3.2 schemas, loaded as their README says
 * (../shared/schemas/README.md): the draft class named in `$schema`, `strict: false`, ajv-formats,
 * and the attestation schema registered under the URL the EDC schema resolves it to. Test-only:
 * the runtime never loads Ajv (see docs/interoperability.md).
 */

const SCHEMAS = fileURLToPath(new URL('../../../shared/schemas/', import.meta.url));
const readJson = (path: string): Record<string, unknown> =>
  JSON.parse(readFileSync(SCHEMAS + path, 'utf8')) as Record<string, unknown>;

// ajv-formats is CommonJS with a default export; under NodeNext its type is the module namespace.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2019 | Ajv2020) => void;

const ob3Schema = readJson('ob3/achievementcredential.schema.json');
const elmSchema = readJson('elm/europass-edc-credential.schema.json');
const attestationSchema = readJson('elm/vcdm2.0-attestation.schema.json');

const ob3Ajv = new Ajv2019({ strict: false, allErrors: true });
addFormats(ob3Ajv);
ob3Ajv.addSchema(ob3Schema);

const elmAjv = new Ajv2020({ strict: false, allErrors: true });
addFormats(elmAjv);
elmAjv.addSchema(attestationSchema, new URL('./vcdm2.0-attestation-schema/schema.json', String(elmSchema.$id)).href);
elmAjv.addSchema(elmSchema);

const compiled = (ajv: Ajv2019 | Ajv2020, ref: string): ValidateFunction => {
  const validate = ajv.getSchema(ref);
  if (validate === undefined) throw new Error(`no schema ${ref}`);
  return validate;
};

const ob3Id = String(ob3Schema.$id);
const elmId = String(elmSchema.$id);

export const validators = {
  ob3Credential: compiled(ob3Ajv, ob3Id),
  ob3Achievement: compiled(ob3Ajv, `${ob3Id}#/$defs/Achievement`),
  elmCredential: compiled(elmAjv, elmId),
  elmSpecification: compiled(elmAjv, `${elmId}#/$defs/LearningAchievementSpecificationType`),
  elmQualification: compiled(elmAjv, `${elmId}#/$defs/QualificationType`),
  elmLearningOpportunity: compiled(elmAjv, `${elmId}#/$defs/LearningOpportunityType`),
};

/** Schema errors as short strings: an empty list means the document is valid. */
export const schemaErrors = (validate: ValidateFunction, document: unknown): string[] =>
  validate(document)
    ? []
    : (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || '(root)'} ${e.message ?? ''}`);

export const elmExample = (): Record<string, unknown> => readJson('elm/example-microcredential.json');
