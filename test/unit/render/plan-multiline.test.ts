import { describe, expect, it } from 'vitest';
import { diffApi } from '../../../src/diff/api.js';
import { buildPlan } from '../../../src/plan/build.js';
import { multilineDiff } from '../../../src/render/plan-common.js';
import { renderPlanMarkdown } from '../../../src/render/plan-markdown.js';
import { renderPlanText } from '../../../src/render/plan-text.js';
import { api, gateway, route, snapshot } from '../../helpers/model-builders.js';

describe('multilineDiff', () => {
  it.each([
    [
      'one changed line in the middle',
      'a\nb\nc\nd\ne',
      'a\nb\nX\nd\ne',
      ['  … 1 unchanged line', '  b', '- c', '+ X', '  d', '  … 1 unchanged line'],
    ],
    ['added at the end', 'a\nb', 'a\nb\nc', ['  … 1 unchanged line', '  b', '+ c']],
    ['from nothing', undefined, 'a\nb', ['+ a', '+ b']],
    ['all different', 'a\nb', 'c\nd', ['- a', '- b', '+ c', '+ d']],
  ])('%s', (_n, before, after, expected) => {
    expect(multilineDiff(before, after)).toEqual(expected);
  });
});

describe('multi-line fields in rendered plans', () => {
  const template = (status: number) =>
    `#set($body = $input.path('$'))\n{\n  "statusCode": ${status},\n  "id": "$body.id"\n}`;
  const live = api('a', 'RestApi', {
    routes: [
      route('RestApi', 'GET', '/t', {
        integration: { type: 'AWS', requestTemplates: { 'application/json': template(200) } },
      }),
    ],
  });
  const desired = api('a', 'RestApi', {
    routes: [
      route('RestApi', 'GET', '/t', {
        integration: { type: 'AWS', requestTemplates: { 'application/json': template(201) } },
      }),
    ],
  });
  const plan = buildPlan({ desired: gateway([desired]), live: snapshot([live]), now: new Date(0) });

  it('the diff itself keeps the whole text on both sides', () => {
    const c = diffApi('a', desired, live)[0];
    expect(c.fields).toEqual([
      { path: 'requestTemplates["application/json"]', before: template(200), after: template(201) },
    ]);
  });

  it('text shows the changed line, not an escaped blob', () => {
    const text = renderPlanText(plan, { color: false });
    expect(text).toContain('~ requestTemplates["application/json"]:');
    expect(text).toContain('-   "statusCode": 200,');
    expect(text).toContain('+   "statusCode": 201,');
  });

  it('markdown shows it in the diff block', () => {
    const md = renderPlanMarkdown(plan);
    expect(md).toMatch(/^- {3} {2}"statusCode": 200,$/m);
    expect(md).toMatch(/^\+ {3} {2}"statusCode": 201,$/m);
  });
});
