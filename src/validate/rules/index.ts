import type { ValidationIssue } from '../../model/issue.js';
import type { ApiRule, RuleContext } from './context.js';
import { awsRefusalRules } from './aws-refusals.js';
import { extensionRules } from './extensions/index.js';
import { fieldAvailabilityRules } from './field-availability.js';
import { httpApiFeatureRules } from './http-api-features.js';
import { pathParamRules } from './path-params.js';
import { referenceRules } from './references.js';
import { rolloutRules } from './rollout.js';
import { routeShapeRules } from './route-shape.js';
import { stageSettingRules } from './stage-settings.js';
import { stageRules } from './stages.js';
import { timeoutRules } from './timeouts.js';
import { webSocketRules } from './websocket.js';
import { ACCOUNT_RULES } from './account/index.js';

export type { RuleContext } from './context.js';

/** Every semantic rule family, run on every API. */
export const API_RULES: readonly ApiRule[] = [
  routeShapeRules,
  pathParamRules,
  httpApiFeatureRules,
  webSocketRules,
  fieldAvailabilityRules,
  timeoutRules,
  stageRules,
  stageSettingRules,
  rolloutRules,
  referenceRules,
  awsRefusalRules,
  extensionRules,
];

export function runRules(ctx: RuleContext): ValidationIssue[] {
  return [
    ...Object.values(ctx.model.apis).flatMap((api) => API_RULES.flatMap((rule) => rule(api, ctx))),
    ...ACCOUNT_RULES.flatMap((rule) => rule(ctx)),
  ];
}
