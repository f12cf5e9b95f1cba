/**
 * The schema of an override, derived from the base's own zod fragment so the two can never
 * disagree: every key optional, defaults dropped (an overlay says only what differs), nested
 * objects partial too, and `null` allowed where the base may leave a setting out (`cache:
 * null` removes the base's cache in that environment). Records keep their keys; a record of
 * plain values (stage variables, tags) may also remove a key with `null`.
 *
 * Objects stay strict, so a typo in an overlay is an "unknown key" with a suggestion, as in
 * api.yaml. Descriptions are kept for the editor's JSON Schema.
 */
import { z } from 'zod';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
}

const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The override schema of a base fragment (see the file comment). */
export function overrideOf(schema: z.ZodType): z.ZodType {
  return build(schema, false);
}

function build(schema: z.ZodType, removable: boolean): z.ZodType {
  const d = defOf(schema);
  const description = schema.description;
  let out: z.ZodType;
  if ((d.type === 'optional' || d.type === 'default' || d.type === 'nullable') && d.innerType) {
    // Optional in the base: the overlay may set it, or remove it with null.
    return withDescription(build(d.innerType, true), description ?? d.innerType.description);
  }
  if (d.type === 'object' && d.shape) {
    out = z.strictObject(
      Object.fromEntries(Object.entries(d.shape).map(([k, v]) => [k, build(v, isOptional(v)).optional()])),
    );
  } else if (d.type === 'record' && d.keyType && d.valueType) {
    const value = defOf(d.valueType);
    // Named entries (objects) are overridden, never removed; plain values may be removed.
    const plain = value.type !== 'object' && value.type !== 'optional';
    out = z.record(d.keyType as z.ZodString, plain ? d.valueType.nullable() : build(d.valueType, false));
  } else {
    out = schema;
  }
  if (removable) out = out.nullable();
  return withDescription(out, description);
}

function isOptional(s: z.ZodType): boolean {
  const t = defOf(s).type;
  return t === 'optional' || t === 'default';
}

function withDescription(s: z.ZodType, description: string | undefined): z.ZodType {
  return description ? s.describe(description) : s;
}
