import { App, Aspects } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readConfig } from './config.js';
import { RegistryStack } from './registry-stack.js';

/*
 * `npx cdk synth` / `npx cdk deploy`. Environment-agnostic (no account or region looked up), so
 * synth works offline; deploy takes both from the AWS CLI profile.
 */
const app = new App();
new RegistryStack(app, 'AllianceRegistry', {
  description: 'Alliance Micro-Credential Registry: HTTP API, Lambda functions, DynamoDB, Cognito',
  config: readConfig(app.node),
});
// AwsSolutions findings fail the synth unless suppressed, with a reason, in infra/nag.ts.
Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
