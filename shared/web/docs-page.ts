import { createRequire } from 'node:module';

/*
 * The API reference page (Redoc over /openapi.json), one source for the local server and the
 * CloudFront deployment: the same page, script and content security policy at `/docs` in both.
 */

/** Redoc's self-contained browser bundle, from node_modules, so the page works offline too. */
export const REDOC_BUNDLE = createRequire(import.meta.url).resolve('redoc/bundles/redoc.standalone.js');

/** Where the page loads the bundle from. */
export const REDOC_SCRIPT_PATH = '/docs/redoc.standalone.js';

/** Redoc injects its styles and runs its search in a blob worker. */
export const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src blob:; base-uri 'none'; frame-ancestors 'none'";

export const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API reference · Alliance Micro-Credential Registry</title>
</head>
<body>
<redoc spec-url="/openapi.json" hide-download-button="false"></redoc>
<script src="${REDOC_SCRIPT_PATH}"></script>
</body>
</html>
`;
