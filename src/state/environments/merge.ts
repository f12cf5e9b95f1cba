/**
 * How an override meets the base (pure): objects merge key by key, lists and values replace,
 * `null` removes. The same rule for every section and for gateway.yaml's defaults, so what an
 * overlay means can be told without knowing which section it is in.
 */

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function deepMerge(base: unknown, over: unknown): unknown {
  if (over === null) return undefined;
  if (over === undefined) return base;
  if (!isObject(over)) return over;
  const out: Json = isObject(base) ? { ...base } : {};
  for (const [k, v] of Object.entries(over)) {
    const merged = deepMerge(out[k], v);
    if (merged === undefined) delete out[k];
    else out[k] = merged;
  }
  return out;
}

/** Every leaf path of an override (a `null` and a list are leaves; an empty object is one too). */
export function leafPaths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (!isObject(value) || Object.keys(value).length === 0) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
}

/** True when `path` names a value (or a null) the override sets. */
export function hasPath(value: unknown, path: ReadonlyArray<string | number>): boolean {
  let cur = value;
  for (const seg of path) {
    if (Array.isArray(cur) && typeof seg === 'number' && seg < cur.length) cur = cur[seg];
    else if (isObject(cur) && Object.hasOwn(cur, String(seg))) cur = cur[String(seg)];
    else return false;
  }
  return true;
}
