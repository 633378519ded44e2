import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';
import { ROUTES, type RouteSpec } from '../functions/routes.js';
import type { RegistryConfig } from './config.js';
import { Api } from './constructs/api.js';
import { Auth } from './constructs/auth.js';
import { RouteFunctions } from './constructs/functions.js';
import { ImportWorker } from './constructs/import-worker.js';
import { RegistryTable } from './constructs/table.js';
import { WebApp } from './constructs/web.js';

export interface RegistryStackProps extends StackProps {
  readonly config: RegistryConfig;
  /** The route table; the tests pass a variant to check the stack follows it. */
  readonly routes?: readonly RouteSpec[];
}

/** Wiring only (STYLE §7): table, auth, functions, API and web app, and the outputs an operator needs. */
export class RegistryStack extends Stack {
  readonly table: RegistryTable;
  readonly auth: Auth;
  readonly functions: RouteFunctions;
  readonly imports?: ImportWorker;
  readonly api: Api;
  readonly web: WebApp;

  constructor(scope: Construct, id: string, props: RegistryStackProps) {
    super(scope, id, props);
    const routes = props.routes ?? ROUTES;
    const { config } = props;

    this.table = new RegistryTable(this, 'Registry');
    this.auth = new Auth(this, 'Auth', { logRetention: config.logRetention, domainPrefix: config.cognitoDomainPrefix });
    const cursorKey = new Secret(this, 'CursorKey', {
      description: 'HMAC key of the registry pagination cursors',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      // Only signs short-lived cursors: a new key after a redeploy merely expires open ones.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    NagSuppressions.addResourceSuppressions(cursorKey, [
      {
        id: 'AwsSolutions-SMG4',
        reason:
          'The key only signs pagination cursors, which carry no rights and lose nothing but their position when ' +
          'the key changes. CloudFormation resolves it into the functions at deploy time, so a scheduled rotation ' +
          'would not reach them; docs/deploy.md describes rotating it with a deploy.',
      },
    ]);
    this.functions = new RouteFunctions(this, 'Functions', {
      routes,
      table: this.table,
      cursorKey,
      logRetention: config.logRetention,
      reservedConcurrency: config.reservedConcurrency,
    });
    // The web app before the API: the API's authorizer accepts its app client's tokens, and its
    // distribution then forwards the API's paths (web.ts: why the client lives in the web stack).
    this.web = new WebApp(this, 'Web', {
      userPool: this.auth.userPool,
      signInDomain: this.auth.domain.baseUrl(),
      logRetention: config.logRetention,
      ...(config.webAclArn ? { webAclArn: config.webAclArn } : {}),
    });
    const uploads = this.functions.byGroup.get('imports');
    if (uploads)
      this.imports = new ImportWorker(this, 'Imports', {
        table: this.table,
        uploads,
        logRetention: config.logRetention,
      });
    this.api = new Api(this, 'Api', {
      routes,
      functions: this.functions.byGroup,
      userPool: this.auth.userPool,
      clients: [this.auth.client, this.web.signInClient],
      corsOrigins: config.corsOrigins,
      throttle: config.throttle,
      routeThrottles: config.routeThrottles,
      logRetention: config.logRetention,
    });
    this.web.forwardToApi(routes, this.api.httpApi);

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the registry API' });
    new CfnOutput(this, 'WebUrl', {
      value: this.web.url,
      description: 'The web app, with the API under the same origin',
    });
    new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.auth.client.userPoolClientId });
    new CfnOutput(this, 'SignInDomain', {
      value: this.auth.domain.baseUrl(),
      description: 'Cognito managed login of the web app',
    });
    new CfnOutput(this, 'TableName', { value: this.table.table.tableName });
  }
}
