/** WAFv2 web ACLs and their associations, as the emulator keeps them (the wire shapes: PascalCase, JSON 1.1). */
export interface WebAcl {
  Name: string;
  Id: string;
  ARN: string;
  Scope: 'REGIONAL' | 'CLOUDFRONT';
  DefaultAction: Record<string, unknown>;
  Description?: string;
  Rules: Array<Record<string, unknown>>;
  VisibilityConfig: Record<string, unknown>;
  /** Members CreateWebACL takes that the emulator stores and returns unchanged. */
  extra: Record<string, unknown>;
  LockToken: string;
  Tags: Array<{ Key: string; Value: string }>;
}

export interface WafState {
  webAcls: WebAcl[];
  /** Protected resource ARN → web ACL ARN. */
  associations: Record<string, string>;
}
