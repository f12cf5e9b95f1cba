/** Edits a private copy of gateway-state the way a pull request would (YAML layout and comments kept). */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument, type Document } from 'yaml';

export function copyStateDir(from: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'apigw-sync-demo-')), 'gateway-state');
  cpSync(from, dir, { recursive: true });
  return dir;
}

export function editYamlFile(dir: string, file: string, edit: (doc: Document) => void): void {
  const path = join(dir, file);
  const doc = parseDocument(readFileSync(path, 'utf8'));
  edit(doc);
  writeFileSync(path, doc.toString());
}
