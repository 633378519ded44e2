import { allianceInteroperability } from '../../shared/app/interop/recognition.js';
import { AllianceId } from '../../shared/schemas/common.js';
import { route } from '../http/route.js';

export const handler = route({ params: { id: AllianceId } }, async ({ deps, params }) => ({
  status: 200,
  body: await allianceInteroperability(deps, params.id),
}));
