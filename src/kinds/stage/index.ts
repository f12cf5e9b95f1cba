/** Stages: settings apply without a deployment; a new stage needs its first one. */
import { defineKind } from '../kind.js';
import { stageFields } from './fields.js';
import type { StageModel } from './model.js';

export const stageKind = defineKind<StageModel>({
  target: 'stage',
  label: 'stage',
  section: 'stage',
  rank: { RestApi: 5, HttpApi: 5 },
  snapshot: false,
  fields: stageFields,
  modelKey: 'stages',
  flags(c, acc) {
    // An HTTP stage with autoDeploy is deployed by AWS itself.
    if (c.action === 'create' && !(c.apiKind === 'HttpApi' && (c.after as StageModel).autoDeploy)) acc.redeploy.push('new stage needs a deployment');
    if (c.action === 'delete') acc.breaking.push(`stage ${(c.before as StageModel).name} removed`);
  },
  facts: (a) => [
    ...Object.entries(a.variables ?? {}).map(([k, v]): [string, unknown] => [`variables.${k}`, v]),
    ['throttling', a.throttling],
    ['cache', a.cache],
    ...(a.autoDeploy ? [['autoDeploy', a.autoDeploy] as [string, unknown]] : []),
  ],
});
