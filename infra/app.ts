import { App, Aspects } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readConfig } from './config.js';
import { EdgeStack } from './edge-stack.js';
import { RegistryStack } from './registry-stack.js';

/*
 * `npx cdk synth` / `npx cdk deploy`. Environment-agnostic (no account or region looked up), so
 * synth works offline; deploy takes both from the AWS CLI profile.
 */
const app = new App();
// The per-IP rate limits: a stack of its own in us-east-1, deployed first (docs/deploy.md).
new EdgeStack(app, 'AllianceRegistryEdge', {
  description: 'Alliance Micro-Credential Registry: AWS WAF per-IP rate limits for its CloudFront distribution',
});
new RegistryStack(app, 'AllianceRegistry', {
  description: 'Alliance Micro-Credential Registry: HTTP API, Lambda functions, DynamoDB, Cognito',
  config: readConfig(app.node),
});
// AwsSolutions findings fail the synth unless suppressed, with a reason, in infra/nag.ts.
Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
