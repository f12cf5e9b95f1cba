import type { FieldTable, Obj } from '../field.js';
import type { VpcLinkModel } from './model.js';

const sorted = (v: unknown): string[] => (Array.isArray(v) ? v.map(String).sort() : []);

/**
 * v1 (REST): CreateVpcLink {name, description, targetArns}, UpdateVpcLink `replace /name`,
 * `/description`; the targets are fixed ("Target arns are not allowed to be changed/added.").
 * v2 (HTTP): CreateVpcLink {Name, SubnetIds, SecurityGroupIds}, UpdateVpcLink {Name} only.
 * What AWS cannot change in place is the write spec's `recreateOn`.
 */
export const vpcLinkFields: FieldTable<VpcLinkModel> = {
  name: { rest: { wire: 'name', path: '/name' }, http: { wire: 'Name' } },
  for: {
    rest: { read: () => 'RestApi', create: false, patch: () => [] },
    http: { read: () => 'HttpApi', create: false },
  },
  description: { rest: { wire: 'description', omitEmpty: true, path: '/description' } },
  targetArns: { rest: { wire: 'targetArns', read: (w: Obj) => sorted(w.targetArns), patch: () => [] } },
  subnetIds: {
    http: {
      wire: 'SubnetIds',
      read: (w: Obj) => sorted(w.SubnetIds),
      create: (v) => ({ SubnetIds: v ?? [] }),
      update: () => ({}),
    },
  },
  securityGroupIds: {
    http: {
      wire: 'SecurityGroupIds',
      read: (w: Obj) => sorted(w.SecurityGroupIds),
      create: (v) => ({ SecurityGroupIds: v ?? [] }),
      update: () => ({}),
    },
  },
  tags: {},
};
