/**
 * The fast key-position index must agree with the full YAML parse on every location it
 * gives, for every YAML/JSON file in the example, the export fixtures and the corpus.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { blockYamlIndex, jsonIndex } from '../../../src/state/position-index.js';
import { locateIn, parseSource, type SourceDoc } from '../../../src/state/yaml-source.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.(ya?ml|json)$/.test(n) ? [p] : [];
  });
}

const ALL = [...files('gateway-state'), ...files('test/fixtures/state')];

describe('position index', () => {
  it.each(ALL.map((f) => [f]))('%s: every indexed location equals the full parse', (file) => {
    const text = readFileSync(file, 'utf8');
    const index = /^\s*[{[]/.test(text) ? jsonIndex(text) : blockYamlIndex(text);
    if (!index) return; // layouts the index declines fall back to the full parse by design
    const fast: SourceDoc = parseSource(file, file, text, []);
    const precise: SourceDoc = { ...fast, index: null, doc: undefined, lineStarts: undefined };
    for (const k of index.keys()) {
      const path = k.split('\u0000').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
      for (const key of [true, false]) {
        expect(locateIn(fast, path, { key }), `${k} key=${key}`).toEqual(locateIn(precise, path, { key }));
      }
    }
  });

  it.each(ALL.map((f) => [f]))('%s: the fast load gives the same value as the full parse', (file) => {
    const text = readFileSync(file, 'utf8');
    const fast = parseSource(file, file, text, []);
    if (fast.doc) return; // this file already took the full parse (anchors, errors)
    const doc = parseDocument(text);
    if (doc.errors.length > 0) return;
    expect(fast.value).toEqual(doc.toJS());
  });

  it('indexes the example files (they do not fall back to the full parse)', () => {
    for (const f of files('gateway-state')) expect(blockYamlIndex(readFileSync(f, 'utf8')), f).toBeDefined();
    const idx = blockYamlIndex(readFileSync('gateway-state/apis/shop/api.yaml', 'utf8'))!;
    expect(idx.get(['stages', 'prod', 'cache', 'sizeGb'].join('\u0000'))).toBeDefined();
    expect(idx.get(['openapi', 1, 'pathPrefix'].join('\u0000'))).toBeDefined();
  });

  it('declines layouts it cannot follow', () => {
    expect(blockYamlIndex('? complex\n: key\n')).toBeUndefined();
    expect(blockYamlIndex('a:\n\tb: 1\n')).toBeUndefined();
    expect(jsonIndex('{"a": 1, "a": 2}')).toBeUndefined();
  });
});
