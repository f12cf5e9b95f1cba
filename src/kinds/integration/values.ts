/** The extension's spellings → the model's (AWS's upper-case enums, strings for maps), shared by the field table and the loader. */
import type { IntegrationModel, IntegrationType } from './model.js';

type Obj = Record<string, unknown>;
export const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
export const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
/** A map of strings (YAML may give numbers); null entries are left out. */
export const strMap = (v: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries(obj(v))
      .filter(([, x]) => x !== null && x !== undefined)
      .map(([k, x]) => [k, String(x)]),
  );

const TYPES: readonly IntegrationType[] = ['HTTP', 'HTTP_PROXY', 'AWS', 'AWS_PROXY', 'MOCK'];

export function integrationTypeOf(v: unknown): IntegrationType | undefined {
  const t = str(v)?.toUpperCase();
  return TYPES.find((x) => x === t);
}

export function contentHandlingOf(v: unknown): IntegrationModel['contentHandling'] {
  const s = str(v)?.toUpperCase();
  return s === 'CONVERT_TO_BINARY' || s === 'CONVERT_TO_TEXT' ? s : undefined;
}

export function passthroughOf(v: unknown): IntegrationModel['passthroughBehavior'] {
  const s = str(v)?.toUpperCase();
  return s === 'WHEN_NO_MATCH' || s === 'WHEN_NO_TEMPLATES' || s === 'NEVER' ? s : undefined;
}

/** HTTP response parameter mappings (status code → map); undefined when there are none. */
export function statusMaps(v: unknown): Record<string, Record<string, string>> | undefined {
  const out = Object.fromEntries(Object.entries(obj(v)).map(([code, m]) => [code, strMap(m)]));
  return Object.keys(out).length ? out : undefined;
}

/** A truthy string, else absent. */
export const someStr = (v: unknown): string | undefined => str(v) || undefined;
