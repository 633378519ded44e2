/*
 * `npm run openapi`: writes docs/openapi.json from the route table and the handlers' zod schemas.
 * test/integration/openapi.test.ts fails when the checked-in file is not what this writes.
 */
import { writeFileSync } from 'node:fs';
import { generateOpenApi, openApiText } from '../functions/openapi/generate.js';

const target = new URL('../docs/openapi.json', import.meta.url);
const document = await generateOpenApi();
writeFileSync(target, openApiText(document));
process.stdout.write(`wrote docs/openapi.json (${Object.keys(document.paths).length} paths)\n`);
