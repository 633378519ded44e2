/** A complete credential draft (every mandatory EU standard element of an offering); override what a test is about. */
export const credentialDraft = (overrides: Record<string, unknown> = {}) => ({
  institutionId: 'luh',
  awardingBodies: [String(overrides.institutionId ?? 'luh')],
  title: 'Applied Statistics',
  learningOutcomes: ['Fit and interpret regression models'],
  ects: 5,
  eqfLevel: 7,
  assessment: 'exam',
  participation: 'online',
  qualityAssurance: 'external-esg',
  stackability: 'stackable',
  ...overrides,
});
