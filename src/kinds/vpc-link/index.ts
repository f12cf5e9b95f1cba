/**
 * VPC links as an account-scope kind: `vpc-links/<name>.yaml`, read with the v1 and v2
 * GetVpcLinks (tags included), created before the APIs whose integrations use them (apply
 * waits for PENDING → AVAILABLE, with progress and a timeout) and deleted after them.
 */
import { defineAccountKind } from '../account-kind.js';
import type { Obj } from '../field.js';
import { vpcLinkFields } from './fields.js';
import type { VpcLinkModel } from './model.js';
import { VPC_LINK_NAME, vpcLinkFileSchema, type VpcLinkFile } from './schema.js';

const REST_ONLY = ['description', 'targetArns'] as const;
const HTTP_ONLY = ['subnetIds', 'securityGroupIds'] as const;

const statusFacts = (status: unknown, message: unknown): Record<string, string> => ({
  ...(status ? { status: String(status) } : {}),
  ...(message ? { statusMessage: String(message) } : {}),
});

export const vpcLinkKind = defineAccountKind<VpcLinkModel>({
  target: 'vpcLink',
  label: 'VPC link',
  fields: vpcLinkFields,
  flags(c, acc) {
    if (c.action !== 'update') return;
    const b = c.before as VpcLinkModel;
    const a = c.after as VpcLinkModel;
    // A new link gets a new id: integrations switch to it (make before break), traffic takes the new path.
    const fixed =
      b.for !== a.for ||
      JSON.stringify([b.targetArns, b.subnetIds, b.securityGroupIds]) !==
        JSON.stringify([a.targetArns, a.subnetIds, a.securityGroupIds]);
    if (fixed)
      acc.traffic?.push(
        "AWS cannot change a VPC link's targets in place: a new link is created (it takes minutes to become available), integrations move to it, then the old one is deleted",
      );
  },
  facts: (a) => [
    ['for', a.for, { raw: true }],
    ['targetArns', a.targetArns],
    ['subnetIds', a.subnetIds],
    ['securityGroupIds', a.securityGroupIds],
  ],
  account: {
    modelKey: 'vpcLinks',
    phase: 'before',
    rank: 2,
    flavourOf: (l) => l.for,
    renamable: true,
    referencedByApis: true,
    state: {
      dir: 'vpc-links',
      schema: vpcLinkFileSchema,
      name: {
        pattern: VPC_LINK_NAME,
        hint: "name the file with letters, digits, -, _ or . (at most 128 characters): it is the link's name in AWS",
      },
      load(name, f: VpcLinkFile, ctx) {
        const wrong = f.for === 'RestApi' ? HTTP_ONLY : REST_ONLY;
        for (const k of wrong) {
          if (f[k] !== undefined) {
            ctx.issue({
              code: 'vpc-link-field',
              path: [k],
              message: `${k} belongs to ${f.for === 'RestApi' ? 'HttpApi' : 'RestApi'} VPC links; this one is for ${f.for}`,
              hint:
                f.for === 'RestApi'
                  ? 'a REST link targets one Network Load Balancer: targetArns'
                  : 'an HTTP link reaches subnets: subnetIds (and securityGroupIds)',
            });
          }
        }
        const rec: VpcLinkModel =
          f.for === 'RestApi'
            ? {
                name,
                for: 'RestApi',
                ...(f.description ? { description: f.description } : {}),
                targetArns: [...(f.targetArns ?? [])].sort(),
                tags: { ...(f.tags ?? {}) },
              }
            : {
                name,
                for: 'HttpApi',
                subnetIds: [...(f.subnetIds ?? [])].sort(),
                securityGroupIds: [...(f.securityGroupIds ?? [])].sort(),
                tags: { ...(f.tags ?? {}) },
              };
        ctx.add('vpcLink', name, rec, []);
      },
      emit: (_key, l) => ({
        value: {
          for: l.for,
          ...(l.description ? { description: l.description } : {}),
          ...(l.for === 'RestApi'
            ? { targetArns: l.targetArns ?? [] }
            : {
                subnetIds: l.subnetIds ?? [],
                ...(l.securityGroupIds?.length ? { securityGroupIds: l.securityGroupIds } : {}),
              }),
          ...(Object.keys(l.tags).length ? { tags: l.tags } : {}),
        },
        warnings: [],
      }),
    },
    read: [
      {
        op: 'GetVpcLinks',
        flavour: 'RestApi',
        paging: 'position',
        id: 'id',
        name: 'name',
        tags: 'tags',
        facts: (i: Obj) => statusFacts(i.status, i.statusMessage),
      },
      {
        op: 'GetVpcLinks',
        flavour: 'HttpApi',
        paging: 'nextToken',
        id: 'VpcLinkId',
        name: 'Name',
        tags: 'Tags',
        facts: (i: Obj) => statusFacts(i.VpcLinkStatus, i.VpcLinkStatusMessage),
      },
    ],
    write: {
      RestApi: {
        create: { op: 'CreateVpcLink', id: 'id' },
        update: { op: 'UpdateVpcLink' },
        delete: { op: 'DeleteVpcLink' },
        address: (_k, id) => ({ vpcLinkId: id }),
        tags: 'tags',
        arnPath: (_k, id) => `/vpclinks/${id}`,
        recreateOn: ['targetArns'],
        replaceCreatesFirst: true,
        waitUntilReady: {
          op: 'GetVpcLink',
          input: (id) => ({ vpcLinkId: id }),
          status: 'status',
          ready: 'AVAILABLE',
          failed: ['FAILED', 'DELETING'],
          message: 'statusMessage',
        },
      },
      HttpApi: {
        create: { op: 'CreateVpcLink', id: 'VpcLinkId' },
        update: { op: 'UpdateVpcLink' },
        delete: { op: 'DeleteVpcLink' },
        address: (_k, id) => ({ VpcLinkId: id }),
        tags: 'Tags',
        arnPath: (_k, id) => `/vpclinks/${id}`,
        recreateOn: ['subnetIds', 'securityGroupIds'],
        replaceCreatesFirst: true,
        waitUntilReady: {
          op: 'GetVpcLink',
          input: (id) => ({ VpcLinkId: id }),
          status: 'VpcLinkStatus',
          ready: 'AVAILABLE',
          failed: ['FAILED', 'DELETING', 'INACTIVE'],
          message: 'VpcLinkStatusMessage',
        },
      },
    },
    importOption: { flag: 'vpc-link', what: 'a VPC link, REST (v1) or HTTP (v2), by id or name' },
  },
});
