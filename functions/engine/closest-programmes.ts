import { closestProgrammes } from '../../shared/app/where-it-counts/closest-programmes.js';
import { ClosestProgrammesRequest } from '../../shared/schemas/closest-programmes.js';
import { baseUrl } from '../http/base-url.js';
import { route } from '../http/route.js';

export const handler = route({ body: ClosestProgrammesRequest }, async ({ deps, body, event }) => ({
  status: 200,
  body: await closestProgrammes(deps, body, baseUrl(event)),
}));
