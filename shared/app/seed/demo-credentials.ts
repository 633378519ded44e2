import type { CredentialDraft } from '../../schemas/credential.js';

const SKILL = {
  python: 'http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d',
  businessAnalysis: 'http://data.europa.eu/esco/skill/27ed854c-15b8-4ba2-90e9-ae888a219703',
  teamwork: 'http://data.europa.eu/esco/skill/60c78287-22eb-4103-9c8c-28deaa460da0',
  criticalThinking: 'http://data.europa.eu/esco/skill/7dd94ad3-13d6-43fe-8b94-51fcbf67ced9',
  creativeThinking: 'http://data.europa.eu/esco/skill/c624c6a3-b0ba-4a31-a296-0d433fe47e41',
  businessOpportunities: 'http://data.europa.eu/esco/skill/d207a30b-2f80-4138-9b77-f88d549b8768',
  businessKnowledge: 'http://data.europa.eu/esco/skill/fcb2b5f4-3a64-42f2-987a-073bea986104',
  professionalInteraction: 'http://data.europa.eu/esco/skill/20a8fe89-d4eb-4698-8521-8881c13377e0',
} as const;

interface Offering {
  readonly slug: string;
  readonly title: string;
  /** The title in the institution's language(s) (SPEC §3 `titles`). */
  readonly titles?: Readonly<Record<string, string>>;
  readonly outcomes: readonly string[];
  readonly subjectArea: string;
  readonly skills?: readonly string[];
  readonly assessment?: CredentialDraft['assessment'];
  readonly participation?: CredentialDraft['participation'];
}

/** 5 ECTS, EQF 7, stackable, externally quality-assured: the LUH model's building block (SPEC §2). */
const offering = (institutionId: string, language: string, o: Offering): CredentialDraft & { slug: string } => ({
  slug: `${institutionId}-${o.slug}`,
  institutionId,
  awardingBodies: [institutionId],
  title: o.title,
  ...(o.titles ? { titles: { ...o.titles } } : {}),
  learningOutcomes: [...o.outcomes],
  ...(o.skills ? { skills: [...o.skills] } : {}),
  ects: 5,
  workloadHours: 150,
  eqfLevel: 7,
  assessment: o.assessment ?? 'exam',
  participation: o.participation ?? 'blended',
  qualityAssurance: 'external-esg',
  supervision: o.assessment === 'project' ? 'supervised-online' : 'onsite-id',
  stackability: 'stackable',
  subjectArea: o.subjectArea,
  language: language === 'en' ? ['en'] : [language, 'en'],
});

export const DEMO_CREDENTIALS: readonly (CredentialDraft & { slug: string })[] = [
  ...[
    {
      slug: 'machine-learning',
      title: 'Machine Learning Foundations',
      titles: { de: 'Grundlagen des maschinellen Lernens' },
      subjectArea: '0613',
      skills: [SKILL.python, SKILL.criticalThinking],
      outcomes: [
        'Derive and apply supervised learning methods to tabular data',
        'Evaluate models with cross-validation and appropriate metrics',
      ],
    },
    {
      slug: 'data-engineering',
      title: 'Data Engineering Pipelines',
      subjectArea: '0612',
      skills: [SKILL.python],
      outcomes: ['Design batch and streaming data pipelines', 'Model data for analytical workloads'],
      assessment: 'project' as const,
    },
    {
      slug: 'optimisation',
      title: 'Mathematical Optimisation',
      subjectArea: '0541',
      outcomes: ['Formulate linear and integer programmes', 'Solve them with duality-based methods'],
    },
    {
      slug: 'geoinformatics',
      title: 'Geoinformatics and Remote Sensing',
      subjectArea: '0532',
      outcomes: ['Process satellite imagery', 'Build spatial analyses with open GIS tools'],
      participation: 'onsite' as const,
    },
    {
      slug: 'research-methods',
      title: 'Research Methods in Engineering',
      subjectArea: '0788',
      skills: [SKILL.professionalInteraction, SKILL.criticalThinking],
      outcomes: ['Plan a reproducible engineering study', 'Report results following good scientific practice'],
      assessment: 'portfolio' as const,
    },
  ].map((o) => offering('luh', 'de', o)),
  ...[
    {
      slug: 'energy-systems',
      title: 'Sustainable Energy Systems',
      subjectArea: '0713',
      outcomes: ['Model renewable generation and storage', 'Assess the levelised cost of energy'],
    },
    {
      slug: 'circular-economy',
      title: 'Circular Economy Business Models',
      subjectArea: '0413',
      skills: [SKILL.businessOpportunities, SKILL.businessKnowledge],
      outcomes: ['Analyse material flows of a business', 'Design a circular business model canvas'],
      assessment: 'project' as const,
    },
    {
      slug: 'software-business',
      title: 'Data and Software Business',
      subjectArea: '0413',
      skills: [SKILL.businessAnalysis, SKILL.teamwork],
      outcomes: ['Evaluate software business models', 'Plan data-driven products with a team'],
      participation: 'online' as const,
    },
    {
      slug: 'computer-vision',
      title: 'Computer Vision',
      subjectArea: '0613',
      skills: [SKILL.python],
      outcomes: ['Implement convolutional networks for image recognition', 'Evaluate vision systems on benchmark data'],
    },
    {
      slug: 'technology-entrepreneurship',
      title: 'Technology Entrepreneurship',
      subjectArea: '0413',
      skills: [SKILL.creativeThinking, SKILL.businessOpportunities],
      outcomes: ['Validate a technology venture idea with customers', 'Pitch a venture to investors'],
      assessment: 'oral' as const,
    },
  ].map((o) => offering('lut', 'fi', o)),
  ...[
    {
      slug: 'embedded-systems',
      title: 'Embedded Systems Design',
      subjectArea: '0714',
      outcomes: ['Program microcontrollers in C', 'Design real-time embedded software'],
      assessment: 'practical' as const,
    },
    {
      slug: 'robotics',
      title: 'Robotics and Automation',
      titles: { cs: 'Robotika a automatizace' },
      subjectArea: '0714',
      outcomes: ['Model robot kinematics', 'Program industrial automation sequences'],
    },
    {
      slug: 'cybersecurity',
      title: 'Applied Cybersecurity',
      subjectArea: '0612',
      outcomes: ['Assess the security of networked systems', 'Apply secure software development practices'],
    },
    {
      slug: 'signal-processing',
      title: 'Digital Signal Processing',
      subjectArea: '0714',
      outcomes: ['Design digital filters', 'Analyse signals in the frequency domain'],
    },
    {
      slug: 'smart-materials',
      title: 'Smart Materials',
      subjectArea: '0715',
      outcomes: ['Characterise functional materials', 'Select materials for sensing applications'],
      participation: 'onsite' as const,
    },
  ].map((o) => offering('but', 'cs', o)),
  ...[
    {
      slug: 'distributed-systems',
      title: 'Distributed Systems',
      titles: { de: 'Verteilte Systeme' },
      subjectArea: '0612',
      outcomes: ['Reason about consistency and fault tolerance', 'Build replicated services'],
    },
    {
      slug: 'building-information-modelling',
      title: 'Building Information Modelling',
      subjectArea: '0731',
      outcomes: ['Create BIM models of buildings', 'Coordinate design disciplines with open BIM'],
      assessment: 'project' as const,
    },
    {
      slug: 'quantum-computing',
      title: 'Introduction to Quantum Computing',
      subjectArea: '0533',
      outcomes: ['Describe qubits, gates and measurement', 'Implement small quantum algorithms'],
    },
    {
      slug: 'urban-mobility',
      title: 'Urban Mobility Planning',
      subjectArea: '0731',
      outcomes: ['Analyse urban transport demand', 'Evaluate sustainable mobility measures'],
    },
    {
      slug: 'logic-verification',
      title: 'Logic and Formal Verification',
      subjectArea: '0541',
      skills: [SKILL.criticalThinking],
      outcomes: ['Specify systems in temporal logic', 'Verify properties with a model checker'],
    },
  ].map((o) => offering('tuwien', 'de', o)),
  ...[
    {
      slug: 'aerospace-structures',
      title: 'Aerospace Structures',
      subjectArea: '0716',
      outcomes: ['Analyse thin-walled aircraft structures', 'Apply composite materials in design'],
    },
    {
      slug: 'ai-ethics',
      title: 'Ethics of Artificial Intelligence',
      titles: { es: 'Ética de la inteligencia artificial', de: 'Ethik der künstlichen Intelligenz' },
      subjectArea: '0223',
      skills: [SKILL.criticalThinking],
      outcomes: ['Identify ethical risks of AI systems', 'Apply the EU AI Act to a case'],
      assessment: 'portfolio' as const,
      participation: 'online' as const,
    },
    {
      slug: 'telecommunications',
      title: '5G and Beyond Telecommunications',
      subjectArea: '0714',
      outcomes: ['Explain 5G radio access', 'Plan a mobile network deployment'],
    },
    {
      slug: 'water-engineering',
      title: 'Water Resources Engineering',
      subjectArea: '0732',
      outcomes: ['Model river basins', 'Design water supply systems'],
    },
    {
      slug: 'agrifood-technology',
      title: 'Agri-food Technology',
      subjectArea: '0721',
      outcomes: ['Apply sensors in precision agriculture', 'Assess food process quality'],
      participation: 'onsite' as const,
    },
  ].map((o) => offering('upm', 'es', o)),
];
