/** Reading a service's OpenAPI file for `propose` and `check-service`: one text file, within the loader's limits. */
import { readFile, stat } from 'node:fs/promises';
import { UsageError } from '../model/errors.js';
import type { ServiceSpec } from '../service/index.js';
import { MAX_FILE_BYTES } from '../state/index.js';

export async function readServiceSpec(file: string): Promise<ServiceSpec> {
  let size: number;
  try {
    const st = await stat(file);
    if (!st.isFile())
      throw new UsageError(`${file} is not a file`, "pass the service's OpenAPI file, e.g. --file users.openapi.yaml");
    size = st.size;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(
      `cannot read ${file}: it does not exist`,
      "pass the service's OpenAPI file, e.g. --file users.openapi.yaml (generate it first)",
    );
  }
  if (size > MAX_FILE_BYTES)
    throw new UsageError(
      `${file} is ${size} bytes; the limit is ${MAX_FILE_BYTES}`,
      'split the API into several services',
    );
  const buf = await readFile(file);
  if (buf.includes(0)) throw new UsageError(`${file} is a binary file`, 'pass the OpenAPI file as YAML or JSON text');
  return { displayPath: file, text: buf.toString('utf8').replace(/^\uFEFF/, '') };
}
