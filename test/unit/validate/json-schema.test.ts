import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from '../../../src/validate/json-schema.js';

describe('schema/*.schema.json', () => {
  it.each(Object.entries(jsonSchemas()))('%s is up to date (run `npm run schema` if not)', (name, text) => {
    expect(readFileSync(`schema/${name}`, 'utf8')).toBe(text);
  });

  it('rejects unknown keys for editors too', () => {
    const api = JSON.parse(jsonSchemas()['api.schema.json']) as { additionalProperties: unknown; required: string[] };
    expect(api.additionalProperties).toBe(false);
    expect(api.required).toEqual(expect.arrayContaining(['kind', 'name', 'stages']));
  });

  it('is referenced from the example files', () => {
    expect(readFileSync('gateway-state/gateway.yaml', 'utf8')).toMatch(
      /^# yaml-language-server: \$schema=\.\.\/schema\/gateway\.schema\.json$/m,
    );
    expect(readFileSync('gateway-state/apis/shop/api.yaml', 'utf8')).toMatch(
      /^# yaml-language-server: \$schema=\.\.\/\.\.\/\.\.\/schema\/api\.schema\.json$/m,
    );
  });
});
