import * as z from 'zod/mini';

/*
 * The document the web app reads at start-up to learn how to sign in (web/js/app-config.js). The
 * local server answers it from its options; in AWS the WebApp stack deploys it next to the app's
 * files, with the Cognito domain and client id CloudFormation resolves at deploy time.
 */

/** Under the app's files (`/app/*`, `app/` in the bucket), so one CloudFront behaviour serves both. */
export const APP_CONFIG_PATH = '/app/config.json';

// Scheme, host and port: the token endpoint's origin goes into the CSP as it is.
const ORIGIN = /^https?:\/\/[^/\s]+$/;

export const SignInConfig = z.discriminatedUnion('kind', [
  /** The development server's demo sign-in (POST /dev/token). */
  z.strictObject({ kind: z.literal('dev') }),
  /** Cognito's managed login: authorization code with PKCE, a public client (no secret). */
  z.strictObject({
    kind: z.literal('cognito'),
    domain: z
      .string()
      .check(z.regex(ORIGIN, 'domain must be an origin, e.g. https://<prefix>.auth.<region>.amazoncognito.com')),
    clientId: z.string().check(z.minLength(1, 'clientId must not be empty')),
    scopes: z.array(z.string().check(z.minLength(1))).check(z.minLength(1, 'at least one scope')),
  }),
]);
export type SignInConfig = z.infer<typeof SignInConfig>;

export const AppConfig = z.strictObject({ signIn: SignInConfig });
export type AppConfig = z.infer<typeof AppConfig>;

export const DEV_SIGN_IN: SignInConfig = { kind: 'dev' };

/** The origins the app calls besides its own for this way of signing in (for `appCsp`). */
export const signInOrigins = (signIn: SignInConfig): string[] => (signIn.kind === 'cognito' ? [signIn.domain] : []);
