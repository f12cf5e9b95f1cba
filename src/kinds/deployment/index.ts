/**
 * Deployments are not planned as steps (the walk deploys each API after its steps); the kind
 * exists for drift: a stage now serving a deployment apigw-sync did not make.
 */
import { defineKind } from '../kind.js';

export const deploymentKind = defineKind<{ stage: string; deploymentId: string }>({
  target: 'deployment',
  label: 'deployment',
  section: 'other',
  rank: { RestApi: 6, HttpApi: 6, WebSocketApi: 8 },
  snapshot: false,
  diff: () => [],
});
