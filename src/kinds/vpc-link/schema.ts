/** gateway-state/vpc-links/<name>.yaml */
import { z } from 'zod';
import { tagMapSchema } from '../tags/schema.js';

export const vpcLinkFileSchema = z
  .strictObject({
    for: z
      .enum(['RestApi', 'HttpApi'])
      .describe(
        'Which APIs use the link: RestApi (v1 link to a Network Load Balancer; REST and WebSocket APIs) or HttpApi (v2 link into subnets).',
      ),
    description: z.string().max(1024).optional().describe('RestApi links only.'),
    targetArns: z
      .array(z.string())
      .optional()
      .describe(
        'RestApi: the Network Load Balancer, as a one-element list (AWS takes exactly one). Fixed once created: a change replaces the link.',
      ),
    subnetIds: z
      .array(z.string())
      .optional()
      .describe('HttpApi: the subnets the link reaches (1–10). Fixed once created: a change replaces the link.'),
    securityGroupIds: z
      .array(z.string())
      .optional()
      .describe('HttpApi: the security groups of the link. Fixed once created: a change replaces the link.'),
    tags: tagMapSchema.optional(),
  })
  .describe('gateway-state/vpc-links/<name>.yaml: a VPC link private integrations name with `vpcLink: <name>`.');

export type VpcLinkFile = z.infer<typeof vpcLinkFileSchema>;

/** AWS: a VPC link name is at most 128 characters; the file name (and the apigw-sync:id tag) keeps to the tag alphabet. */
export const VPC_LINK_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
