import * as z from 'zod/mini';
import { validateDraft } from '../../shared/app/credentials/validate-draft.js';
import { route } from '../http/route.js';

/** A dry run: any JSON body is read and judged; nothing is written. */
export const handler = route({ body: z.unknown() }, async ({ body, deps }) => ({
  status: 200,
  body: await validateDraft(deps, body),
}));
