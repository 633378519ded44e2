import type { TestProject } from 'vitest/node';
import { startDynamoLocal } from '../../functions/local/dynamo-local.js';

/** One DynamoDB Local for the whole run; each test file makes its own table in it. */
export default async function setup(project: TestProject) {
  const store = await startDynamoLocal({
    onCrash: (reason) => process.stderr.write(`DynamoDB Local died during the tests: ${reason}\n`),
  });
  project.provide('dynamoEndpoint', store.endpoint);
  return () => store.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
