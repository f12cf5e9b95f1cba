/**
 * ARNs for API Gateway resources, built from the region the SDK client actually talks to
 * (never from a region written somewhere else: a client in us-east-1 tagging an ARN that
 * names ap-northeast-2 is how a state ends up half in two regions). API Gateway ARNs have
 * no account field: `arn:<partition>:apigateway:<region>::<path>`.
 */

/** The AWS partition a region belongs to (aws, aws-cn, aws-us-gov, the ISO partitions). */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('eu-isoe-')) return 'aws-iso-e';
  if (region.startsWith('us-isof-')) return 'aws-iso-f';
  return 'aws';
}

export function apigatewayArn(region: string, path: string): string {
  return `arn:${partitionOf(region)}:apigateway:${region}::${path}`;
}

export function restApiPath(apiId: string): string {
  return `/restapis/${apiId}`;
}

export function httpApiPath(apiId: string): string {
  return `/apis/${apiId}`;
}

/** A stage of a REST (`/restapis/…`) or v2 — HTTP or WebSocket — (`/apis/…`) API. */
export function stagePath(kind: 'RestApi' | 'HttpApi' | 'WebSocketApi', apiId: string, stage: string): string {
  return `${kind === 'RestApi' ? restApiPath(apiId) : httpApiPath(apiId)}/stages/${stage}`;
}

/** The region an SDK v3 client resolved (its `region` config is a provider once the client is built). */
export async function clientRegion(client: { config: { region: unknown } }): Promise<string> {
  const r = client.config.region;
  return typeof r === 'function' ? String(await (r as () => Promise<string> | string)()) : String(r);
}
