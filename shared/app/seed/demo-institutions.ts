import type { AllianceDraft } from '../../schemas/alliance.js';
import type { Institution } from '../../schemas/institution.js';

/** SPEC §1/§6: the five universities of the LUH model. */
export const DEMO_INSTITUTIONS: readonly Institution[] = [
  { id: 'luh', name: 'Leibniz Universität Hannover', country: 'DE', kind: 'hei', erasmusCode: 'D HANNOVE01' },
  { id: 'lut', name: 'LUT University (Lappeenranta)', country: 'FI', kind: 'hei', erasmusCode: 'SF LAPPEEN01' },
  { id: 'but', name: 'Brno University of Technology', country: 'CZ', kind: 'hei', erasmusCode: 'CZ BRNO01' },
  { id: 'tuwien', name: 'TU Wien', country: 'AT', kind: 'hei', erasmusCode: 'A WIEN02' },
  { id: 'upm', name: 'Universidad Politécnica de Madrid', country: 'ES', kind: 'hei', erasmusCode: 'E MADRID05' },
];

export const DEMO_ALLIANCE: AllianceDraft = {
  id: 'demo',
  name: 'Demo European University Alliance',
  members: DEMO_INSTITUTIONS.map((i) => i.id),
  coordinators: ['coordinator:demo'],
};
