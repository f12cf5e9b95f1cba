/** The stage a rollout port drives, and the alarms that guard it (shared by the REST and HTTP ports). */
export interface RolloutTarget {
  apiId: string;
  apiName: string;
  stage: string;
  /** Every alarm that guards the rollout (named + managed). */
  alarmNames: string[];
  /** Description of the deployments it creates. */
  description?: string;
}
