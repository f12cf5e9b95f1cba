/** Rename detection shared by kinds: a deleted and a created record that can only be one another. */

/** Pairs that are unique both ways; anything ambiguous stays delete + create. */
export function uniquePairs(
  deleted: string[],
  created: string[],
  match: (d: string, c: string) => boolean,
): Map<string, string> {
  const candidates = new Map<string, string[]>();
  const reverse = new Map<string, string[]>();
  for (const d of deleted) {
    for (const c of created) {
      if (!match(d, c)) continue;
      candidates.set(d, [...(candidates.get(d) ?? []), c]);
      reverse.set(c, [...(reverse.get(c) ?? []), d]);
    }
  }
  const pairs = new Map<string, string>();
  for (const [d, cs] of candidates) {
    if (cs.length === 1 && reverse.get(cs[0])?.length === 1) pairs.set(d, cs[0]);
  }
  return pairs;
}
