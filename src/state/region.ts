/** The `region:` a gateway-state declares, read without compiling the whole state (the Action's `region` output, region rules of the CLI). */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';

export async function declaredRegion(dir: string): Promise<string | undefined> {
  try {
    const doc = parse(await readFile(join(dir, 'gateway.yaml'), 'utf8')) as { region?: unknown };
    return typeof doc?.region === 'string' ? doc.region : undefined;
  } catch {
    return undefined;
  }
}
