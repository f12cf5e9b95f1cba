/**
 * The resource policy is compared as JSON, not as text: key order and whitespace are no
 * difference, AWS's escaped and expanded form reads back as the state wrote it, and the
 * plan says when a change can turn clients away.
 */
import { describe, expect, it } from 'vitest';
import { livePolicy, policySummary, policyText, policyTightened } from '../../../src/kinds/api/policy.js';

const allow = { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' };
const deny = {
  Effect: 'Deny',
  Principal: '*',
  Action: 'execute-api:Invoke',
  Resource: 'execute-api:/*',
  Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } },
};
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });

/** What GetRestApi returns after AWS stored `policy` for API `apiId`: shorthand expanded, minified, `"` and `/` escaped. */
function asAwsReturnsIt(policy: object, apiId: string): string {
  const expanded = JSON.stringify(policy).replace(
    /"execute-api:\//g,
    `"arn:aws:execute-api:us-east-1:123456789012:${apiId}/`,
  );
  return JSON.stringify(expanded).slice(1, -1).replace(/\//g, '\\/');
}

describe('resource policy', () => {
  it('one canonical text whatever the key order, spacing or form (object or JSON text)', () => {
    const a = policyText(doc(allow, deny));
    const shuffled = policyText(
      `{"Statement":[{"Resource":"execute-api:/*","Action":"execute-api:Invoke","Principal":"*","Effect":"Allow"},{"Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1"}},"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*"}],   "Version":"2012-10-17"}`,
    );
    expect(shuffled).toBe(a);
    // IAM's order: Version before Statement, Effect before Principal before Action before Resource.
    expect(
      a!
        .split('\n')
        .slice(0, 6)
        .map((l) => l.trim()),
    ).toEqual(['{', '"Version": "2012-10-17",', '"Statement": [', '{', '"Effect": "Allow",', '"Principal": "*",']);
    expect(policyText('not json')).toBeUndefined();
    expect(policyText([1])).toBeUndefined();
  });

  it("reads AWS's escaped, expanded policy back to the shorthand the state wrote", () => {
    const declared = policyText(doc(allow, deny))!;
    expect(livePolicy(asAwsReturnsIt(doc(allow, deny), 'abc123'), 'abc123')).toBe(declared);
    // A state that spells this API's ARN out keeps its spelling when the two mean the same.
    const spelled = policyText(doc({ ...allow, Resource: 'arn:aws:execute-api:us-east-1:123456789012:abc123/*' }))!;
    expect(livePolicy(asAwsReturnsIt(doc(allow), 'abc123'), 'abc123', spelled)).toBe(spelled);
    // Another API's ARN is not this API's shorthand.
    const other = policyText(doc({ ...allow, Resource: 'arn:aws:execute-api:us-east-1:123456789012:zzz999/*' }))!;
    expect(livePolicy(asAwsReturnsIt(doc(allow), 'abc123'), 'abc123', other)).toBe(policyText(doc(allow)));
    expect(livePolicy(undefined, 'abc123')).toBeUndefined();
    expect(livePolicy('', 'abc123')).toBeUndefined();
  });

  it.each([
    ['no policy → one', undefined, doc(allow), ['resource policy added: requests it does not allow are denied']],
    [
      'a Deny statement added',
      doc(allow),
      doc(allow, deny),
      ['resource policy denies more (a new or changed Deny statement)'],
    ],
    [
      'an Allow statement removed',
      doc(allow, deny),
      doc(deny),
      ['resource policy allows less (an Allow statement removed or changed)'],
    ],
    ['a Deny statement removed', doc(allow, deny), doc(allow), []],
    ['the policy removed', doc(allow, deny), undefined, []],
    ['statements reordered', doc(allow, deny), doc(deny, allow), []],
  ] as const)('breaking when %s', (_what, before, after, reasons) => {
    expect(policyTightened(before && policyText(before), after && policyText(after))).toEqual(reasons);
  });

  it('a new policy is summarised for the reviewer', () => {
    expect(policySummary(policyText(doc(allow, deny))!)).toBe('2 statements: Allow, Deny');
  });
});
