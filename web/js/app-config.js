/*
 * How this deployment signs in, read once per page load: { signIn: { kind: 'dev' } } from the
 * development server, { signIn: { kind: 'cognito', domain, clientId, scopes } } in AWS, where the
 * stack writes it at deploy time (shared/web/app-config.ts has the schema).
 */
let loading;

export function appConfig() {
  loading ??= fetch('/app/config.json', { headers: { accept: 'application/json' } }).then(async (res) => {
    if (!res.ok) throw new Error(`the sign-in configuration is unavailable (${res.status})`);
    return res.json();
  });
  return loading;
}
