/**
 * Answers kept in memory until a change notice for their organization (or goal) arrives, or
 * until they expire. Concurrent requests for the same key share one computation. A result
 * computed while a notice for its organization arrived is handed to the requests that were
 * waiting for it (they asked before the change) but never kept.
 */
export interface ReadCache<V> {
  get(
    orgId: string,
    scope: string | null,
    key: string,
    compute: () => Promise<{ value: V; expiresAt: number }>,
  ): Promise<V>;
  /** Taken before computing a value elsewhere (the live hub), for `put`. */
  mark(orgId: string): string;
  /** Keeps a value computed elsewhere, unless a notice for its organization came since `mark`. */
  put(
    orgId: string,
    scope: string | null,
    key: string,
    entry: { value: V; expiresAt: number; mark: string },
  ): void;
  /** A change: the organization's entries of `scope` go (all of them when scope is absent). */
  invalidate(orgId: string, scope?: string): void;
  clear(): void;
  size(): number;
}

interface Entry<V> {
  orgId: string;
  scope: string | null;
  value?: V;
  pending?: Promise<V>;
  expiresAt: number;
}

export function createReadCache<V>(options: { maxEntries?: number } = {}): ReadCache<V> {
  const maxEntries = options.maxEntries ?? 10_000;
  /** Insertion order is age: the first entries are the first to go when full. */
  const entries = new Map<string, Entry<V>>();
  /** Bumped by every notice of an organization, so a computation can tell one came. */
  const generations = new Map<string, number>();
  let everything = 0;

  const fullKey = (orgId: string, key: string) => `${orgId}\u0000${key}`;
  const generation = (orgId: string) => `${everything}.${generations.get(orgId) ?? 0}`;

  function store(id: string, entry: Entry<V>): void {
    entries.delete(id);
    entries.set(id, entry);
    while (entries.size > maxEntries) {
      const oldest = entries.keys().next();
      if (oldest.done) break;
      entries.delete(oldest.value);
    }
  }

  return {
    get(orgId, scope, key, compute) {
      const id = fullKey(orgId, key);
      const hit = entries.get(id);
      if (hit?.pending) return hit.pending;
      if (hit && hit.expiresAt > Date.now()) return Promise.resolve(hit.value as V);
      const before = generation(orgId);
      const entry: Entry<V> = { orgId, scope, expiresAt: 0 };
      entry.pending = compute().then(
        ({ value, expiresAt }) => {
          entry.pending = undefined;
          if (entries.get(id) === entry) {
            if (generation(orgId) === before) {
              entry.value = value;
              entry.expiresAt = expiresAt;
            } else entries.delete(id);
          }
          return value;
        },
        (error: unknown) => {
          if (entries.get(id) === entry) entries.delete(id);
          throw error;
        },
      );
      store(id, entry);
      return entry.pending;
    },

    mark: generation,

    put(orgId, scope, key, { value, expiresAt, mark }) {
      const id = fullKey(orgId, key);
      if (generation(orgId) !== mark || entries.get(id)?.pending) return;
      store(id, { orgId, scope, value, expiresAt });
    },

    invalidate(orgId, scope) {
      generations.set(orgId, (generations.get(orgId) ?? 0) + 1);
      for (const [id, entry] of entries) {
        if (entry.orgId === orgId && (scope === undefined || entry.scope === scope)) {
          entries.delete(id);
        }
      }
    },

    clear() {
      everything++;
      entries.clear();
    },

    size: () => entries.size,
  };
}
