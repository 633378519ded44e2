import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/*
 * Powertools Logger and Metrics (docs/deploy.md). In AWS: one JSON line per entry on the function's log
 * stream, queryable by `correlationId` in CloudWatch Logs Insights, and metrics in the CloudWatch
 * embedded metric format (EMF). Outside Lambda (npm start, tests) Powertools' development mode
 * indents the JSON for a human and publishes no metrics.
 */
const IN_LAMBDA = Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME);
if (!IN_LAMBDA) process.env.POWERTOOLS_DEV ??= 'true';

const SERVICE = process.env.POWERTOOLS_SERVICE_NAME ?? 'alliance-registry';

export const logger = new Logger({
  serviceName: SERVICE,
  // Tests start hundreds of requests: their log shows warnings and errors only unless POWERTOOLS_LOG_LEVEL says otherwise.
  ...(process.env.VITEST && !process.env.POWERTOOLS_LOG_LEVEL ? { logLevel: 'WARN' as const } : {}),
});

const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'AllianceRegistry',
  serviceName: SERVICE,
});

/** Error lines carry the cause; never a response body. */
export const logError = (message: string, fields: Record<string, unknown>, err?: unknown): void => {
  logger.error({ message, ...fields }, err instanceof Error ? err : String(err));
};

export interface RequestRecord {
  readonly correlationId: string;
  readonly route: string;
  readonly status: number;
  /** From the event's arrival to the answer, middleware included. */
  readonly latencyMs: number;
  /** The use-case: for the engine routes, the engine's time with the catalogue it reads. */
  readonly handlerMs: number;
  readonly caller?: string;
}

/**
 * One log line and one EMF record per request. Lambda serves one request at a time per process,
 * so the module's Metrics buffer is never shared; published at once, nothing waits for the end.
 */
export const recordRequest = (r: RequestRecord): void => {
  const level = r.status >= 500 ? 'error' : r.status >= 400 ? 'warn' : 'info';
  logger[level]({
    message: 'request',
    correlationId: r.correlationId,
    route: r.route,
    status: r.status,
    latencyMs: Math.round(r.latencyMs * 10) / 10,
    handlerMs: Math.round(r.handlerMs * 10) / 10,
    ...(r.caller ? { caller: r.caller } : {}),
  });
  if (!IN_LAMBDA) return; // EMF is read from Lambda's log stream only
  metrics.addDimension('route', r.route);
  metrics.addMetric('Latency', MetricUnit.Milliseconds, r.latencyMs);
  metrics.addMetric(
    r.route.includes('/stackability') || r.route.includes('/eligibility') || r.route.includes('/pathways')
      ? 'EngineTime'
      : 'HandlerTime',
    MetricUnit.Milliseconds,
    r.handlerMs,
  );
  metrics.addMetric(
    r.status >= 500 ? 'ServerErrors' : r.status >= 400 ? 'ClientErrors' : 'Successes',
    MetricUnit.Count,
    1,
  );
  metrics.addMetadata('correlationId', r.correlationId);
  metrics.publishStoredMetrics();
};
