/** One page of a list (SPEC §4: `cursor` is absent on the last page). */
export interface Page<T> {
  readonly items: T[];
  readonly cursor?: string;
}

export interface PageRequest {
  readonly limit: number;
  readonly cursor?: string;
}
