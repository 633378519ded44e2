/** A response worth replaying: what a retried request gets back (SPEC §4 Idempotency-Key). */
export interface StoredResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
}

export type IdempotencyClaim =
  | { readonly kind: 'claimed' }
  | { readonly kind: 'replay'; readonly response: StoredResponse }
  | { readonly kind: 'mismatch' }
  | { readonly kind: 'in-progress' };

export interface IdempotencyStore {
  /** Claims `key` for a request with `fingerprint`, atomically: only one concurrent request wins. */
  claim(scope: string, key: string, fingerprint: string): Promise<IdempotencyClaim>;
  complete(scope: string, key: string, response: StoredResponse): Promise<void>;
  /** Releases a claim whose request failed without an answer worth keeping (e.g. 503). */
  release(scope: string, key: string): Promise<void>;
}
