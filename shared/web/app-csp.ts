/**
 * The content security policy of the web app, one source for the local server and the CloudFront
 * response headers policy: scripts, styles and data only from the app's own origin, no framing.
 * `connectOrigins` are the other origins the app may call: the sign-in service's token endpoint
 * (Cognito's domain in AWS), which the authorization-code exchange reaches by `fetch`.
 */
export const appCsp = (connectOrigins: readonly string[] = []): string =>
  [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${["'self'", ...connectOrigins].join(' ')}`,
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
