/**
 * A VPC link: how private integrations reach a VPC. REST APIs (and WebSocket APIs) use v1
 * links to a Network Load Balancer; HTTP APIs use v2 links into subnets, behind security
 * groups. Integrations name a link by its name (`vpcLink: <name>`); apply resolves its id.
 */
export interface VpcLinkModel {
  /** The link's name in AWS (the file name under vpc-links/); AWS renames it in place. */
  name: string;
  /** Which APIs use it: `RestApi` (v1: REST and WebSocket APIs) or `HttpApi` (v2). */
  for: 'RestApi' | 'HttpApi';
  /** REST only. */
  description?: string;
  /** REST: the one Network Load Balancer ARN. Fixed once created (a change replaces the link). */
  targetArns?: string[];
  /** HTTP: the subnets (sorted). Fixed once created. */
  subnetIds?: string[];
  /** HTTP: the security groups (sorted). Fixed once created. */
  securityGroupIds?: string[];
  tags: Record<string, string>;
}
