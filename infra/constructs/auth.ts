import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery, CfnUserPoolGroup, ClientAttributes, FeaturePlan, LambdaVersion, Mfa, StandardThreatProtectionMode,
  StringAttribute, UserPool, UserPoolClient, UserPoolOperation,
} from 'aws-cdk-lib/aws-cognito';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ROLE_PRECEDENCE } from '../../functions/auth/pre-token-generation.js';
import { TRIGGER_ENTRIES } from '../entries.js';
import { RegistryFunction } from './registry-function.js';

export interface AuthProps {
  readonly logRetention: RetentionDays;
}

/**
 * Who may write: a Cognito user pool of staff accounts (operators, coordinators, institution
 * users) created by an operator, never by self sign-up. Its groups name the SPEC §4 roles and a
 * pre-token-generation trigger turns group and custom attributes into the `role`,
 * `institutionId` and `allianceIds` claims the handlers read.
 */
export class Auth extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
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
        minLength: 14, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true,
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
      generateSecret: false,
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes('institutionId', 'allianceIds'),
      // A user may not change the attributes that scope their own rights.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });
  }
}
