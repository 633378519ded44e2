import { Duration } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  LogGroupLogDestination,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPoolClient, UserPool } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import type { FunctionGroup, RouteSpec } from '../../functions/routes.js';
import type { Throttle } from '../config.js';
import { routeKey } from '../entries.js';

export interface ApiProps {
  readonly routes: readonly RouteSpec[];
  readonly functions: ReadonlyMap<FunctionGroup, IFunction>;
  readonly userPool: UserPool;
  /** The app clients whose tokens the authorizer accepts (its audience): the CLI's and the web app's. */
  readonly clients: readonly IUserPoolClient[];
  readonly corsOrigins: readonly string[];
  readonly throttle: Throttle;
  /** Tighter throttles for the routes of some groups (the stage's apply to the rest). */
  readonly routeThrottles?: Readonly<Partial<Record<FunctionGroup, Throttle>>>;
  readonly logRetention: RetentionDays;
}

/*
 * One JSON line per request; HTTP API `$context` variables only. The caller's `sub` is logged for
 * audit; tokens, bodies and query strings are not.
 */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  time: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  method: '$context.httpMethod',
  routeKey: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  responseLength: '$context.responseLength',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  sub: '$context.authorizer.claims.sub',
};

/**
 * The HTTP API: one route per route table row, each to its group's function; the JWT authorizer
 * (the user pool, audience its app clients) on every `jwt` route and on no `public` one.
 */
export class Api extends Construct {
  readonly httpApi: HttpApi;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.httpApi = new HttpApi(this, 'Http', {
      description: 'Alliance Micro-Credential Registry',
      createDefaultStage: false,
      ...(props.corsOrigins.length > 0
        ? {
            corsPreflight: {
              allowOrigins: [...props.corsOrigins],
              allowMethods: [
                CorsHttpMethod.GET,
                CorsHttpMethod.POST,
                CorsHttpMethod.PUT,
                CorsHttpMethod.DELETE,
                CorsHttpMethod.OPTIONS,
              ],
              allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match', 'plan-key'],
              exposeHeaders: ['etag', 'retry-after'],
              maxAge: Duration.minutes(10),
            },
          }
        : {}),
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.logRetention });
    const stage = this.httpApi.addStage('Stage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.throttle.rateLimit, burstLimit: props.throttle.burstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    // The stage's throttle is one bucket for all callers: the costly routes get a smaller one of their own.
    const routeSettings = Object.fromEntries(
      props.routes.flatMap((spec) => {
        const limit = props.routeThrottles?.[spec.group];
        return limit
          ? [[routeKey(spec), { ThrottlingRateLimit: limit.rateLimit, ThrottlingBurstLimit: limit.burstLimit }]]
          : [];
      }),
    );
    if (Object.keys(routeSettings).length > 0) {
      (stage.node.defaultChild as CfnStage).addPropertyOverride('RouteSettings', routeSettings); // the L1 of an HttpStage is a CfnStage
    }

    const jwt = new HttpUserPoolAuthorizer('Cognito', props.userPool, { userPoolClients: [...props.clients] });
    const none = new HttpNoneAuthorizer();
    const integrations = new Map<FunctionGroup, HttpLambdaIntegration>();
    const integrationOf = (group: FunctionGroup): HttpLambdaIntegration => {
      const existing = integrations.get(group);
      if (existing) return existing;
      const fn = props.functions.get(group);
      if (!fn) throw new Error(`no function for group ${group}`);
      const created = new HttpLambdaIntegration(`${group}-integration`, fn);
      integrations.set(group, created);
      return created;
    };

    const routeKeys = new Set<string>();
    for (const spec of props.routes) {
      const key = routeKey(spec);
      if (routeKeys.has(key)) throw new Error(`route ${key} appears twice in the route table`);
      routeKeys.add(key);
      const authorizer: IHttpRouteAuthorizer = spec.auth === 'jwt' ? jwt : none;
      // Construct ids may not contain '/'.
      const route = new HttpRoute(this, key.replaceAll('/', '|'), {
        httpApi: this.httpApi,
        routeKey: HttpRouteKey.with(spec.path, HttpMethod[spec.method]),
        integration: integrationOf(spec.group),
        authorizer,
      });
      if (spec.auth === 'public') {
        NagSuppressions.addResourceSuppressions(route, [
          {
            id: 'AwsSolutions-APIG4',
            reason:
              `${key} is public by SPEC §4 (reads of published records, checks that never write, health): ` +
              'marked auth "public" in functions/routes.ts, throttled by the stage like every route.',
          },
        ]);
      }
    }
  }

  /** The base URL of the `$default` stage. */
  get url(): string {
    return this.httpApi.apiEndpoint;
  }
}
