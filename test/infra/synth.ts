import { App, Aspects } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { RouteSpec } from '../../functions/routes.js';
import { readConfig } from '../../infra/config.js';
import { RegistryStack } from '../../infra/registry-stack.js';

export interface Synthesized {
  readonly stack: RegistryStack;
  readonly template: Template;
  /** Errors and warnings the synth reported (cdk-nag's among them), as `path: message`. */
  readonly findings: { readonly errors: string[]; readonly warnings: string[] };
}

/*
 * Synthesizes the stack as infra/app.ts does (cdk-nag included), with the given context. Bundling
 * is skipped (CDK's own `aws:cdk:bundling-stacks` context): the assertions are about the template,
 * and `npm run size` builds the very bundles CDK would.
 */
export const synthRegistry = (
  options: { context?: Record<string, unknown>; routes?: readonly RouteSpec[] } = {},
): Synthesized => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], ...options.context } });
  const stack = new RegistryStack(app, 'Registry', {
    config: readConfig(app.node),
    ...(options.routes ? { routes: options.routes } : {}),
  });
  Aspects.of(app).add(new AwsSolutionsChecks());
  // One synth for both template and findings (Template.fromStack and Annotations.fromStack would
  // each synthesize again).
  const artifact = app.synth().getStackByName(stack.stackName);
  const messages = (level: string) =>
    artifact.messages.filter((m) => m.level === level).map((m) => `${m.id}: ${String(m.entry.data)}`);
  return {
    stack,
    template: Template.fromJSON(artifact.template as Record<string, unknown>), // a CloudFormation template is a JSON object
    findings: { errors: messages('error'), warnings: messages('warning') },
  };
};
