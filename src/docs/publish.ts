/**
 * Where the apply workflow publishes the docs: `docs.s3Bucket` (+ `prefix`) of gateway.yaml,
 * else GitHub Pages. Read from the validated gateway.yaml; it is not part of the API model
 * (it changes nothing in API Gateway, so it must not change a plan's fingerprint). Pure.
 */
import { parseSource, type StateFiles } from '../state/index.js';
import { gatewaySchema } from '../validate/schema.js';

export type DocsTarget = { kind: 'pages' } | { kind: 's3'; uri: string };

export function docsTarget(files: StateFiles): DocsTarget {
  const text = files.files.get('gateway.yaml');
  if (text === undefined) return { kind: 'pages' };
  const parsed = gatewaySchema.safeParse(parseSource('gateway.yaml', 'gateway.yaml', text, []).value ?? {});
  const docs = parsed.success ? parsed.data.docs : undefined;
  if (!docs) return { kind: 'pages' };
  const prefix = (docs.prefix ?? '').replace(/^\/+/, '');
  return { kind: 's3', uri: `s3://${docs.s3Bucket}/${prefix && !prefix.endsWith('/') ? `${prefix}/` : prefix}` };
}
