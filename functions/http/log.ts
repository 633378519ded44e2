/** Structured log lines on stderr (CloudWatch in AWS, the terminal locally); never a response body. */
export const logError = (message: string, fields: Record<string, unknown>, err?: unknown): void => {
  const error =
    err instanceof Error ? { name: err.name, message: err.message, stack: err.stack, cause: String(err.cause ?? '') } : err;
  process.stderr.write(`${JSON.stringify({ level: 'ERROR', time: new Date().toISOString(), message, ...fields, error })}\n`);
};
