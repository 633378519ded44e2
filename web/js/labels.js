/** Plain words for the registry's codes (EU Council Recommendation 2022 standard elements). */
export const ASSESSMENT = {
  exam: 'Written exam',
  oral: 'Oral exam',
  project: 'Project',
  portfolio: 'Portfolio',
  practical: 'Practical assessment',
  'online-test': 'Online test',
  other: 'Other',
};
export const PARTICIPATION = { online: 'Online', onsite: 'On site', blended: 'Blended' };
export const QUALITY_ASSURANCE = {
  'external-esg': 'External QA under the ESG',
  'accredited-programme': 'Part of an accredited programme',
  internal: 'Internal QA',
  'non-academic-certification': 'Non-academic certification',
};
export const SUPERVISION = {
  unsupervised: 'Unsupervised, no identity verification',
  supervised: 'Supervised, no identity verification',
  'supervised-online': 'Supervised online',
  'onsite-id': 'On site with identity verification',
};
export const STACKABILITY = { standalone: 'Stand-alone', stackable: 'Stackable' };
export const STATUS = {
  negotiating: 'Negotiating',
  agreed: 'Agreed',
  withdrawn: 'Withdrawn',
  published: 'Published',
  retired: 'Retired',
};

/** ISCED-F 2013 narrow and detailed fields that the demo catalogue uses, for readable filters. */
export const ISCED = {
  '0410': 'Business and administration',
  '0412': 'Finance, banking and insurance',
  '0413': 'Management and administration',
  '0488': 'Business, administration and law (inter-disciplinary)',
  '0511': 'Biology',
  '0521': 'Environmental sciences',
  '0532': 'Earth sciences',
  '0533': 'Physics',
  '0541': 'Mathematics',
  '0542': 'Statistics',
  '0610': 'ICT',
  '0611': 'Computer use',
  '0612': 'Database and network design and administration',
  '0613': 'Software and applications development and analysis',
  '0619': 'ICT (not elsewhere classified)',
  '0710': 'Engineering and engineering trades',
  '0711': 'Chemical engineering and processes',
  '0712': 'Environmental protection technology',
  '0713': 'Electricity and energy',
  '0714': 'Electronics and automation',
  '0715': 'Mechanics and metal trades',
  '0716': 'Motor vehicles, ships and aircraft',
  '0721': 'Food processing',
  '0731': 'Architecture and town planning',
  '0732': 'Building and civil engineering',
  '0811': 'Crop and livestock production',
  '0223': 'Philosophy and ethics',
  '0311': 'Economics',
  '0314': 'Sociology and cultural studies',
};
export const subjectName = (code) => (code ? `${ISCED[code] ?? 'ISCED-F'} (${code})` : '—');

/** Colours for partners in charts; each passes 4.5:1 against white text. */
export const PARTNER_COLOURS = ['#0b4f8a', '#b3400a', '#14713a', '#6d28d9', '#a11d1d', '#0e6475', '#7a5a00', '#86198f'];
