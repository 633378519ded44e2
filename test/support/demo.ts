/**
 * The twelve seeded credentials of a complete 3/2/2/3/2 joint master (SPEC §1, `demo-joint-master`),
 * which also completes the nested data-science micro-degree. `luh-machine-learning` comes first, so
 * `.slice(1)` is the composition one credential short.
 */
export const DEMO_COMPOSITION = [
  'luh-machine-learning',
  'luh-data-engineering',
  'luh-optimisation',
  'lut-computer-vision',
  'lut-energy-systems',
  'but-robotics',
  'but-cybersecurity',
  'tuwien-distributed-systems',
  'tuwien-quantum-computing',
  'tuwien-urban-mobility',
  'upm-ai-ethics',
  'upm-telecommunications',
];

/** A Europass EDC credential whose learning achievement is specified by `specification` (an ELM export). */
export const edcCredential = (
  specification: Record<string, unknown>,
  {
    issuer = { id: 'urn:epass:org:luh', name: 'Leibniz Universität Hannover' },
    issued = '2026-03-01T12:00:00+01:00',
    id = 'urn:credential:edc-0001',
  } = {},
) => ({
  '@context': ['https://www.w3.org/ns/credentials/v2', 'http://data.europa.eu/snb/model/context/edc-ap'],
  id,
  type: ['VerifiableCredential', 'VerifiableAttestation', 'EuropeanDigitalCredential'],
  issuer: { id: issuer.id, legalName: { en: issuer.name } },
  issued,
  validFrom: issued,
  credentialSchema: { id: 'http://data.europa.eu/snb/model/ap/edc-generic-full', type: 'ShaclValidator2017' },
  credentialProfiles: { id: 'http://data.europa.eu/snb/credential/e34929035b', type: 'Concept' },
  displayParameter: { id: 'urn:display:1', type: 'DisplayParameter' },
  credentialSubject: {
    id: 'did:example:learner',
    type: 'Person',
    hasClaim: [
      {
        id: 'urn:claim:1',
        type: 'LearningAchievement',
        title: specification.title,
        awardedBy: {
          id: 'urn:awarding:1',
          type: 'AwardingProcess',
          awardingDate: issued,
          awardingBody: [{ id: issuer.id, type: 'Organisation', legalName: { en: issuer.name } }],
        },
        specifiedBy: specification,
      },
    ],
  },
});
