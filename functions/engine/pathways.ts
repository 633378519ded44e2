import * as z from 'zod/mini';
import { pathwaysOf } from '../../shared/app/engine/composition-queries.js';
import { ProgrammeId } from '../../shared/schemas/common.js';
import { PathwaysRequest } from '../../shared/schemas/engine-requests.js';
import { route } from '../http/route.js';

/** Every field is optional, so an empty body asks for the first page of all pathways. */
const Body = z.pipe(
  z.transform((v) => v ?? {}),
  PathwaysRequest,
);

export const handler = route({ body: Body, params: { id: ProgrammeId } }, async ({ deps, params, body }) => ({
  status: 200,
  body: await pathwaysOf(deps, params.id, body),
}));
