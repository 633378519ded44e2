import * as z from 'zod/mini';
import { loadOrCreateSecret, signToken } from './tokens.js';

/** `npm run --silent token -- <role> [institutionId|allianceId]`: prints only the token. */
const Args = z.union([
  z.tuple([z.literal('operator')]),
  z.tuple([z.literal('student')]),
  z.tuple([z.literal('institution'), z.string().check(z.minLength(1))]),
  z.tuple([z.literal('coordinator'), z.string().check(z.minLength(1))]),
]);

const parsed = Args.safeParse(process.argv.slice(2));
if (!parsed.success) {
  process.stderr.write(
    'usage: npm run --silent token -- operator | student | institution <institutionId> | coordinator <allianceId[,allianceId]>\n',
  );
  process.exit(2);
}
const [role, id] = parsed.data;
const secret = loadOrCreateSecret(process.env.DATA_DIR ?? '.data');
process.stdout.write(`${await signToken(secret, { role, ...(id ? { id } : {}) })}\n`);
