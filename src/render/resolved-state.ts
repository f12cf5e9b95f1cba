/**
 * `apigw-sync render`: the state as apply would see it — the base with one environment's
 * overrides merged in, compiled (every route with its integration, every stage, the resolved
 * rollout policy) — as YAML, for review and debugging. Pure; secrets masked as everywhere.
 */
import { Document, isScalar, visit } from 'yaml';
import type { GatewayModel } from '../model/api.js';
import type { EnvironmentSettings } from '../model/environment.js';
import { maskValue } from './mask.js';

export interface ResolvedStateInput {
  dir: string;
  model: GatewayModel;
  /** The environment resolved (absent: the base). */
  environment?: EnvironmentSettings;
  /** gateway.yaml `promotion:`. */
  promotion?: string[];
}

export function renderResolvedState(i: ResolvedStateInput): string {
  const { model, environment: env } = i;
  const doc: Record<string, unknown> = {};
  if (env) {
    doc.environment = env.name;
    doc.account = { ...env.account };
    const at = i.promotion?.indexOf(env.name) ?? -1;
    if (at >= 0)
      doc.promotion = {
        position: `${at + 1} of ${i.promotion!.length} (${i.promotion!.join(' → ')})`,
        ...(at > 0 ? { after: i.promotion![at - 1] } : {}),
        ...env.gate,
      };
    if (env.regions.length > 1) doc.regions = [...env.regions];
  }
  doc.region = model.region;
  if (model.owner) doc.owner = model.owner;
  if (Object.keys(model.defaults).length) doc.defaults = model.defaults;
  doc.apis = Object.fromEntries(
    Object.keys(model.apis)
      .sort()
      .map((k) => {
        const { key: _key, ...api } = model.apis[k];
        return [k, maskValue(api, { secretNames: api.secrets })];
      }),
  );
  // Account-scope records (domains, VPC links, usage plans, …): the environment's own folders where it has them.
  if (model.account) {
    const records = Object.entries(model.account).filter(([, byName]) => Object.keys(byName as object).length > 0);
    if (records.length) doc.accountScope = maskValue(Object.fromEntries(records), { secretNames: [] });
  }
  const title = env
    ? `environment ${env.name}, region ${model.region}`
    : `the base (no environment), region ${model.region || '(none)'}`;
  const header = [
    `# apigw-sync render: ${i.dir} resolved for ${title}.`,
    '# What plan and apply compare with AWS; secrets masked. Not a file to edit: change the base or the overlay.',
  ];
  const yaml = new Document(doc, { aliasDuplicateObjects: false });
  // Lists of plain values on one line (`steps: [10, 50, 100]`), as people write them.
  visit(yaml, { Seq: (_, seq) => void (seq.items.every((i) => isScalar(i)) && (seq.flow = true)) });
  return `${header.join('\n')}\n${yaml.toString({ lineWidth: 0, flowCollectionPadding: false })}`;
}
