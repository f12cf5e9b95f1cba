/**
 * PURE: which environments a change to a state's files can change (issue 17). An overlay
 * (`environments/<name>.yaml`, or its own account-scope records under `environments/<name>/`)
 * changes only its own environment; anything else — the base
 * under `apis/`, gateway.yaml, a file outside the state that still shapes the plan (the
 * App's configuration) — changes every environment.
 */
const OVERLAY = /^environments\/([^/.]+)(?:\.ya?ml$|\/)/;

/**
 * `changed`: paths relative to the state directory, or `undefined` for a changed file outside
 * it that still changes what is planned. Returns the names in `names`' order.
 */
export function touchedEnvironments(changed: Array<string | undefined>, names: string[]): string[] {
  const hit = new Set<string>();
  for (const path of changed) {
    const overlay = path === undefined ? null : OVERLAY.exec(path);
    if (!overlay) return [...names];
    hit.add(overlay[1]);
  }
  return names.filter((n) => hit.has(n));
}
