/**
 * VPC links as the emulator keeps them. REST (v1) links front one Network Load Balancer; HTTP
 * (v2) links put network interfaces in subnets. Both are created PENDING and turn AVAILABLE
 * after a while (AWS: minutes; here `vpcLinkPendingMs`): `readyAt` (epoch ms) says when, and
 * the status is computed on every read.
 */
export interface RestVpcLink {
  id: string;
  name: string;
  description?: string;
  targetArns: string[];
  tags?: Record<string, string>;
  readyAt: number;
}

export interface HttpVpcLink {
  vpcLinkId: string;
  name: string;
  subnetIds: string[];
  securityGroupIds: string[];
  createdDate: string;
  tags: Record<string, string>;
  readyAt: number;
}

export interface VpcLinksState {
  rest: RestVpcLink[];
  http: HttpVpcLink[];
}
