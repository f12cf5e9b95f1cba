/** docs/extensions.md says exactly what the code does: its table equals the extension catalog. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXTENSIONS, statusAfterToolSide } from '../../../src/validate/rules/extensions/catalog.js';

interface Row {
  name: string;
  rest: string;
  http: string;
  after: string;
}

function tableRows(markdown: string): Row[] {
  return markdown
    .split('\n')
    .filter((l) => l.startsWith('| `x-amazon-apigateway-'))
    .map((l) => {
      const cells = l
        .split(/(?<!\\)\|/)
        .slice(1, -1)
        .map((c) => c.trim());
      return { name: cells[0].replace(/`/g, ''), rest: cells[1], http: cells[2], after: cells[3] };
    });
}

describe('docs/extensions.md', () => {
  const rows = tableRows(readFileSync('docs/extensions.md', 'utf8'));

  it('lists every extension of the catalog once, in the same order', () => {
    expect(rows.map((r) => r.name)).toEqual(EXTENSIONS.map((e) => e.name));
  });

  it.each(EXTENSIONS.map((e) => [e.name, e] as const))(
    '%s: the statuses and the status after the tool side match the code',
    (name, entry) => {
      const row = rows.find((r) => r.name === name)!;
      expect([row.rest, row.http]).toEqual([entry.status.RestApi, entry.status.HttpApi]);
      expect(row.after).toBe(statusAfterToolSide(entry));
    },
  );

  it('is linked from the README', () => {
    expect(readFileSync('README.md', 'utf8')).toContain('docs/extensions.md');
  });
});
