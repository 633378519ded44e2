/**
 * The content security policy of the web app, one source for the local server and the CloudFront
 * response headers policy: scripts, styles and data only from the app's own origin, no framing.
 */
export const APP_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
