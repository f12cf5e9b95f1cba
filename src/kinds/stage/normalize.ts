import { readFields } from '../field.js';
import { stageFields } from './fields.js';
import type { StageModel } from './model.js';

/** A REST stage (GetStages item) as the model: stage-wide settings come from methodSettings['*\/*']. */
export function restStage(s: object, declared?: StageModel): StageModel {
  return readFields<StageModel>(stageFields, 'RestApi', s, { declared }) as StageModel;
}

/** An HTTP stage (GetStages item): autoDeploy is always said. */
export function httpStage(s: object, declared?: StageModel): StageModel {
  return readFields<StageModel>(stageFields, 'HttpApi', s, { declared }) as StageModel;
}
