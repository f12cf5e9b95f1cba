import { describe, expect, it } from 'vitest';
import { modelRefsFromAws, modelRefsToAws } from '../../../src/kinds/model/refs.js';

const openapi = {
  type: 'object',
  properties: {
    items: { type: 'array', items: { $ref: '#/components/schemas/User' } },
    owner: { $ref: '#/definitions/Owner' },
    ext: { $ref: 'https://example.com/schema.json' },
  },
};

describe('model $refs', () => {
  it('writes the form AWS requires and reads it back to the OpenAPI form', () => {
    const aws = modelRefsToAws(openapi, 'abc123') as typeof openapi;
    expect(aws.properties.items.items.$ref).toBe('https://apigateway.amazonaws.com/restapis/abc123/models/User');
    expect(aws.properties.owner.$ref).toBe('https://apigateway.amazonaws.com/restapis/abc123/models/Owner');
    expect(aws.properties.ext.$ref).toBe('https://example.com/schema.json');
    const back = modelRefsFromAws(aws) as typeof openapi;
    expect(back.properties.items.items.$ref).toBe('#/components/schemas/User');
    expect(back.properties.owner.$ref).toBe('#/components/schemas/Owner');
  });
  it('leaves schemas without refs untouched', () => {
    expect(modelRefsFromAws({ type: 'string', enum: ['a'] })).toEqual({ type: 'string', enum: ['a'] });
    expect(modelRefsFromAws('not json')).toBe('not json');
  });
});
