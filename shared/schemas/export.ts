import * as z from 'zod/mini';

/** SPEC §4 `GET …/export?format=ob3|elm`. */
export const ExportQuery = z.object({
  format: z.enum(['ob3', 'elm'], { error: 'format must be "ob3" or "elm"' }),
  /** `embedded` puts the ELM JSON-LD context in the body instead of a Link header. */
  context: z._default(z.enum(['link', 'embedded']), 'link'),
});
