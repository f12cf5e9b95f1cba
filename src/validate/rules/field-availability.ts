/**
 * A setting the API's kind does not have is refused, never silently kept or dropped: the
 * field tables (src/kinds/*\/fields.ts) say which API flavour has which field, so a field
 * added to a table is checked here without a rule of its own. Fields whose rule in
 * http-api-features.ts says more (stage cache, API CORS) are left to it.
 */
import type { ApiKind, StageModel } from '../../model/api.js';
import type { ValidationIssue } from '../../model/issue.js';
import { apiFields, type ApiFieldsModel } from '../../kinds/api/fields.js';
import { columnOf, rowsOf, type FieldRow, type FieldTable } from '../../kinds/field.js';
import { stageFields } from '../../kinds/stage/fields.js';
import { has, issue, type ApiRule } from './context.js';

/** Fields with a rule of their own (http-api-features.ts), which gives a better hint. */
const OWN_RULE = new Set(['cors', 'cache', 'logging', 'webAclArn']);

const LABEL: Record<ApiKind, string> = { RestApi: 'REST', HttpApi: 'HTTP', WebSocketApi: 'WebSocket' };
const KINDS: readonly ApiKind[] = ['RestApi', 'HttpApi', 'WebSocketApi'];
/** The fields of a table the API's kind has no wire form for, with the kinds that have one. */
const unavailable = <R>(table: Partial<FieldTable<R>>, kind: ApiKind): Array<[string, ApiKind[]]> =>
  rowsOf(table)
    .filter(([field, row]) => !OWN_RULE.has(field) && columnOf(row as FieldRow<R>, kind) === undefined)
    .map(([field, row]) => [field, KINDS.filter((k) => columnOf(row as FieldRow<R>, k) !== undefined)]);

export const fieldAvailabilityRules: ApiRule = (api, ctx) => {
  const out: ValidationIssue[] = [];
  const refuse = (key: string, field: string, where: string, kinds: ApiKind[]) =>
    out.push(
      issue(ctx, key, {
        code: 'field-not-available',
        message: `${where}${field} is a ${kinds.map((k) => LABEL[k]).join(' and ')} API setting; ${LABEL[api.kind]} APIs have none`,
        hint: `remove \`${field}\`${kinds.length ? `, or use \`kind: ${kinds.join('` or `kind: ')}\`` : ''}`,
      }),
    );
  for (const [field, kinds] of unavailable<ApiFieldsModel>(apiFields, api.kind))
    if (has(ctx, `${api.key}/${field}`)) refuse(`${api.key}/${field}`, field, '', kinds);
  for (const name of Object.keys(api.stages)) {
    for (const [field, kinds] of unavailable<StageModel>(stageFields, api.kind))
      if (has(ctx, `${api.key}/stages/${name}/${field}`))
        refuse(`${api.key}/stages/${name}/${field}`, field, `stage ${name}: `, kinds);
  }
  return out;
};
