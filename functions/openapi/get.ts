import document from '../../docs/openapi.json' with { type: 'json' };
import { baseUrl } from '../http/base-url.js';
import { route } from '../http/route.js';

/**
 * The checked-in document (`npm run openapi`, kept current by test/integration/openapi.test.ts),
 * bundled as data: generating it here would pull every handler into this function.
 */
export const handler = route({}, async ({ event }) => ({
  status: 200,
  body: { ...document, servers: [{ url: baseUrl(event), description: 'this registry' }] },
}));
