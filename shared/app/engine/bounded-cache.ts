/**
 * A map that keeps its `capacity` most recently used entries: what a warm function may hold
 * between requests without growing with every programme it was ever asked about.
 */
export class BoundedCache<T> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly capacity: number) {}

  get(key: string): T | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      // Map keeps insertion order: re-inserting marks the entry as the most recently used.
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    const oldest = this.entries.keys().next();
    if (this.entries.size > this.capacity && !oldest.done) this.entries.delete(oldest.value);
  }
}

/**
 * A BoundedCache per store, found by the repository the entries were read from. Keys name ids and
 * revisions, which two stores may share (two local registries in one process, each with its own
 * table); the entries of one must never answer for the other.
 */
export const perStore = <T>(capacity: number): ((store: object) => BoundedCache<T>) => {
  const caches = new WeakMap<object, BoundedCache<T>>();
  return (store) => {
    let cache = caches.get(store);
    if (!cache) {
      cache = new BoundedCache<T>(capacity);
      caches.set(store, cache);
    }
    return cache;
  };
};
