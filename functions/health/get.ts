import { route } from '../http/route.js';

export const handler = route({}, async () => ({ status: 200, body: { status: 'ok' } }));
