import { Aws, Duration, Fn, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  ClientAttributes,
  FeaturePlan,
  LambdaVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolClient,
  UserPoolDomain,
  UserPoolOperation,
  type UserPoolClientOptions,
} from 'aws-cdk-lib/aws-cognito';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ROLE_PRECEDENCE } from '../../functions/auth/pre-token-generation.js';
import { TRIGGER_ENTRIES } from '../entries.js';
import { RegistryFunction } from './registry-function.js';

export interface AuthProps {
  readonly logRetention: RetentionDays;
  /** Prefix of the Cognito domain; absent: `alliance-registry-` and the first block of the stack's GUID. */
  readonly domainPrefix?: string;
}

/** What the web app asks for: an OpenID Connect sign-in with the user's e-mail and name. */
export const WEB_APP_SCOPES = [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE];

/**
 * What both app clients share: public clients (no secret), tokens valid an hour, and attributes
 * of which only the name is the user's to change, never those that scope their rights.
 */
const sharedClientOptions = (): UserPoolClientOptions => ({
  generateSecret: false,
  preventUserExistenceErrors: true,
  idTokenValidity: Duration.hours(1),
  accessTokenValidity: Duration.hours(1),
  refreshTokenValidity: Duration.days(30),
  readAttributes: new ClientAttributes()
    .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
    .withCustomAttributes('institutionId', 'allianceIds'),
  writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
});

/**
 * The web app's app client: a public client (a browser keeps no secret) that signs in through
 * the managed login with the authorization-code grant and PKCE only, and returns to the app's
 * address, its only callback and sign-out URL. The WebApp nested stack creates it beside the
 * distribution whose address it needs (infra/constructs/web.ts says why there).
 */
export const webAppClientOptions = (appUrl: string): UserPoolClientOptions => ({
  oAuth: {
    // No implicit grant: tokens never travel in a URL. PKCE is the app's part (web/js/oauth.js):
    // Cognito checks the verifier against the challenge the authorize request carried.
    flows: { authorizationCodeGrant: true },
    scopes: WEB_APP_SCOPES,
    callbackUrls: [appUrl],
    logoutUrls: [appUrl],
  },
  // The managed login signs in; of the sign-in APIs only SRP stays, as Cognito's single-page-app template has it.
  authFlows: { userSrp: true },
  ...sharedClientOptions(),
});

/**
 * Who may write: a Cognito user pool of staff accounts (operators, coordinators, institution
 * users) created by an operator, never by self sign-up. Its groups name the SPEC §4 roles and a
 * pre-token-generation trigger turns group and custom attributes into the `role`,
 * `institutionId` and `allianceIds` claims the handlers read.
 */
export class Auth extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  /** The managed login's domain, where the web app signs in. */
  readonly domain: UserPoolDomain;
  readonly trigger: RegistryFunction;

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Writes change the alliance's system of record: every account signs in with a second factor.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // PLUS: threat protection (compromised-credential and risky sign-in detection) enforced, for a
      // few cents per active user a month; it also offers the V2 pre-token trigger, which puts
      // claims into access tokens too.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      customAttributes: {
        institutionId: new StringAttribute({ mutable: true, minLen: 1, maxLen: 63 }),
        allianceIds: new StringAttribute({ mutable: true, minLen: 0, maxLen: 2048 }),
      },
      // The accounts of the alliance's staff survive a teardown, as the table does.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    ROLE_PRECEDENCE.forEach((role, precedence) => {
      const group = new CfnUserPoolGroup(this, `Group-${role}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: role,
        precedence,
        description: `registry role ${role}`,
      });
      // Retained with the pool: a retained pool whose users lost their roles would be no record.
      group.applyRemovalPolicy(RemovalPolicy.RETAIN);
    });

    this.trigger = new RegistryFunction(this, 'PreTokenGeneration', {
      entry: TRIGGER_ENTRIES['pre-token-generation'],
      description: 'Cognito pre-token-generation: registry role and scope claims',
      logRetention: props.logRetention,
      memorySizeMb: 256,
    });
    this.userPool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, this.trigger, LambdaVersion.V2_0);

    this.client = this.userPool.addClient('Client', {
      // USER_PASSWORD_AUTH lets an operator fetch a token with the AWS CLI (docs/deploy.md); SRP for apps.
      authFlows: { userPassword: true, userSrp: true },
      // Not an OAuth client: with the pool's domain live, CDK's default (implicit and code grants to
      // https://example.com) would let the managed login send this client's tokens there.
      disableOAuth: true,
      ...sharedClientOptions(),
    });

    /*
     * A prefix domain is global per region: the default takes the first block of the stack's
     * GUID (AWS::StackId ends in it), unique per deployment, stable across updates, and no
     * account number in a public URL.
     */
    const stackGuidBlock = Fn.select(0, Fn.split('-', Fn.select(2, Fn.split('/', Aws.STACK_ID))));
    this.domain = this.userPool.addDomain('SignIn', {
      cognitoDomain: { domainPrefix: props.domainPrefix ?? Fn.join('', ['alliance-registry-', stackGuidBlock]) },
    });
  }
}
