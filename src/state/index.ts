/** Loading gateway-state: read the files (the only I/O), then compile them (pure). */
import { compileState } from './compile.js';
import { readStateDir, type ReadOptions } from './read-files.js';
import type { CompileResult } from './types.js';

export { compileState } from './compile.js';
export { readStateDir, MAX_FILE_BYTES } from './read-files.js';
export { locate } from './locate.js';
export { parseSource, locateIn, type SourceDoc, type DocPath } from './yaml-source.js';
export {
  servicesOfApi,
  serviceEntries,
  serviceNameFromFile,
  isServiceName,
  type ServiceEntry,
  type ServicesOfApi,
} from './services.js';
export type { CompileResult, SourceMap, StateFiles } from './types.js';
export { touchedEnvironments } from './environments/touched.js';
export {
  declaredEnvironments,
  promotionOrder,
  unknownEnvironmentMessage,
  type DeclaredEnvironment,
  type DeclaredEnvironments,
} from './environments/declared.js';

export async function loadState(dir: string, opts: ReadOptions = {}): Promise<CompileResult> {
  return compileState(await readStateDir(dir, opts));
}
