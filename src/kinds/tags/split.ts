/**
 * Live tags split into the user's (the model's) and the tool's own `apigw-sync:*` (LiveIds).
 * `aws:*` tags are AWS's own (CloudFormation and the like); nobody can write them through
 * the API, so they are in neither.
 */
import { TOOL_TAG_PREFIX } from '../../model/live.js';

export function splitTags(tags: Record<string, string> | undefined): {
  user: Record<string, string>;
  tool: Record<string, string>;
} {
  const user: Record<string, string> = {};
  const tool: Record<string, string> = {};
  for (const k of Object.keys(tags ?? {}).sort()) {
    if (k.startsWith('aws:')) continue;
    if (k.startsWith(TOOL_TAG_PREFIX)) tool[k] = tags![k];
    else user[k] = tags![k];
  }
  return { user, tool };
}
