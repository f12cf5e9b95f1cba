/**
 * The `region:` and `owner:` a gateway-state declares, read without compiling the whole
 * state (the Action's `region` and `owner` outputs, the region rules of the CLI).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';

export async function declaredSettings(dir: string): Promise<{ region?: string; owner?: string }> {
  try {
    const doc = parse(await readFile(join(dir, 'gateway.yaml'), 'utf8')) as { region?: unknown; owner?: unknown };
    return {
      ...(typeof doc?.region === 'string' ? { region: doc.region } : {}),
      ...(typeof doc?.owner === 'string' ? { owner: doc.owner } : {}),
    };
  } catch {
    return {};
  }
}

export async function declaredRegion(dir: string): Promise<string | undefined> {
  return (await declaredSettings(dir)).region;
}
