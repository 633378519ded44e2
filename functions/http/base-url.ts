import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/**
 * The registry's public URL, for the ids of exported documents: PUBLIC_BASE_URL when the operator
 * sets one (a custom domain), else the host the request came to.
 */
export const baseUrl = (event: APIGatewayProxyEventV2): string => {
  const configured = process.env.PUBLIC_BASE_URL;
  if (configured) return configured.replace(/\/+$/, '');
  const host = event.headers?.host ?? event.requestContext.domainName;
  const scheme = event.headers?.['x-forwarded-proto'] ?? (/^(localhost|127\.)/.test(host) ? 'http' : 'https');
  return `${scheme}://${host}`;
};
