import { session } from './session.js';

/** An error envelope of the API (SPEC §4): code, message, field details. */
export class ApiError extends Error {
  constructor(status, code, message, details = []) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/**
 * Calls the registry API on this origin with the signed-in token, if any; throws ApiError on 4xx/5xx.
 * A body goes as JSON, unless `contentType` is given: then it goes as it is (a string, or a Blob
 * such as a File the user chose) with that content-type. `signal` aborts the request.
 */
export async function api(method, path, body, { headers = {}, auth = true, contentType, signal } = {}) {
  const init = { method, headers: { accept: 'application/json', ...headers }, signal };
  const token = auth ? session.token() : undefined;
  if (token) init.headers.authorization = `Bearer ${token}`;
  if (body !== undefined) {
    init.headers['content-type'] = contentType ?? 'application/json';
    init.body = contentType ? body : JSON.stringify(body);
  }
  const res = await fetch(path, init);
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    throw new ApiError(res.status, 'INTERNAL', `unexpected answer from ${path} (${res.status})`);
  }
  if (!res.ok) {
    // A token the registry refuses (revoked, or signed by another deployment) is no session:
    // end it, so the header offers the sign-in instead of failing every write.
    if (res.status === 401 && token)
      session.end('The registry no longer accepts your sign-in. Sign in again to continue.');
    const e = json?.error ?? {};
    throw new ApiError(res.status, e.code ?? 'INTERNAL', e.message ?? `HTTP ${res.status}`, e.details ?? []);
  }
  return json;
}

/** All items of a paginated list. */
export async function listAll(path, limit = 100, { signal } = {}) {
  const items = [];
  let cursor;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page = await api(
      'GET',
      `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      undefined,
      { signal },
    );
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return items;
}

const cache = new Map();
/** Reference data read once per page load (institutions, the alliance, its programmes). */
export function cached(key, load) {
  if (!cache.has(key))
    cache.set(
      key,
      load().catch((err) => {
        cache.delete(key);
        throw err;
      }),
    );
  return cache.get(key);
}
export const forget = (key) => cache.delete(key);

/**
 * Which alliance the app shows: ?alliance=… in the address, else the demo alliance. Read when
 * asked, not at load: a return from signing in restores the query only after the modules loaded.
 */
export const allianceId = () => new URLSearchParams(window.location.search).get('alliance') ?? 'demo';

export const institutions = () =>
  cached('institutions', async () => new Map((await listAll('/institutions')).map((i) => [i.id, i])));
export const alliance = () => cached('alliance', () => api('GET', `/alliances/${encodeURIComponent(allianceId())}`));
export const programmes = () =>
  cached(
    'programmes',
    async () => (await api('GET', `/alliances/${encodeURIComponent(allianceId())}/programmes?limit=100`)).items,
  );
export const catalogue = () => cached('catalogue', () => listAll('/credentials'));

export const institutionName = async (id) => (await institutions()).get(id)?.name ?? id.toUpperCase();
