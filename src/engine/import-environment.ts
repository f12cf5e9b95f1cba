/**
 * `import --env <name>`: adopt an environment that already exists in AWS (its own account
 * and region) into `environments/<name>.yaml`, writing only what differs from the base
 * (src/import/environment-overlay.ts). Its live APIs are matched to the base's folders by
 * their `apigw-sync:id` tag, else by a unique name, tagged with the folder and the
 * environment's owner id, and a plan of the environment right after shows what the overlay
 * cannot express (nothing, when the environment differs from the base only in overrides).
 *
 * An environment file that already exists keeps its account and region (and comments);
 * import refuses one that already declares overrides or includes.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { parseDocument, stringify } from 'yaml';
import { findByIdOrName } from '../aws/match.js';
import { listApis, readApi } from '../aws/read/index.js';
import { ApiTags, AwsCaller } from '../aws/apply/index.js';
import type { EnvironmentAccount } from '../model/environment.js';
import { UsageError } from '../model/errors.js';
import { TAG_ID, TAG_OWNER } from '../model/live.js';
import { apiOverlay, type ServiceBase } from '../import/environment-overlay.js';
import { apiSchema } from '../state/schema.js';
import { declaredEnvironments, servicesOfApi } from '../state/index.js';
import { formatIssuesText, validateState, type ValidationResult } from '../validate/index.js';
import { resolveClients, type EngineClients } from './clients.js';
import { withOwner } from './owner.js';
import { runPlan } from './plan.js';

export interface ImportEnvironmentOptions {
  dir: string;
  environment: string;
  clients: EngineClients;
  /** The environment's region (a new file), or which of its regions to read. */
  region?: string;
  /** For a new environment file: its account (id, and how to reach it). */
  account?: EnvironmentAccount;
  /** The directory's owner id when gateway.yaml declares none (the repository and path). */
  ownerId?: string;
  /** Adopt APIs another owner manages. */
  takeOver?: boolean;
}

export interface ImportEnvironmentResult {
  /** The environment file, relative to dir. */
  file: string;
  created: boolean;
  adopted: Array<{ key: string; apiId: string; name: string }>;
  /** Base APIs this environment does not have (left out of `include`). */
  missing: string[];
  notes: string[];
  /** Changes the plan right after the import still shows (what an overlay cannot express). */
  remaining: number;
  remainingSummary: string;
}

export async function importEnvironment(o: ImportEnvironmentOptions): Promise<ImportEnvironmentResult> {
  const checked = await validateState(o.dir);
  // gateway.yaml may already list the environment being imported in `promotion:`.
  const issues = checked.issues.filter(
    (i) => !(i.code === 'unknown-environment' && i.message.startsWith(`no environment "${o.environment}"`)),
  );
  const base = { ...checked, issues, valid: !issues.some((i) => i.severity === 'error') };
  if (!base.valid)
    throw new UsageError(
      `${o.dir} is invalid, so it cannot be the base of an environment:\n${formatIssuesText(base.issues, base.files)}`,
      'fix the base first (`apigw-sync validate`)',
    );
  const rel = `environments/${o.environment}.yaml`;
  const path = join(o.dir, rel);
  const existing = existsSync(path) ? await readFile(path, 'utf8') : undefined;
  const declared = declaredEnvironments(base.files).byName[o.environment];
  if (existing !== undefined) {
    const doc = parseDocument(existing);
    if (doc.has('apis') || doc.has('include'))
      throw new UsageError(
        `${posix.join(o.dir, rel)} already declares overrides or includes`,
        'import writes them from AWS: remove `apis:` and `include:` from the file first (or edit it by hand)',
      );
    if (!declared)
      throw new UsageError(
        `${posix.join(o.dir, rel)} is not a valid environment file`,
        'run `apigw-sync validate` and fix it first',
      );
  } else if (!o.region || !o.account?.id) {
    throw new UsageError(
      `there is no ${posix.join(o.dir, rel)} yet`,
      'give its region and account: `apigw-sync import --env <name> --region <region> --account-id <12 digits> [--profile <p>]`',
    );
  }
  const region = o.region ?? declared!.regions[0];
  if (declared && !declared.regions.includes(region))
    throw new UsageError(`environment ${o.environment} has no region ${region}`, `use --region ${declared.regions[0]}`);
  const account = declared?.account ?? o.account!;
  const clients = resolveClients(o.clients, region, { environment: o.environment, region, account });
  if (clients.region !== region)
    throw new UsageError(
      `the AWS clients are for ${clients.region}, not ${region}`,
      "unset AWS_REGION or set it to the environment's region",
    );

  // The owner id the environment's APIs will carry (as plan and apply resolve it).
  const owner = withOwner(
    {
      ...base.model,
      environment: o.environment,
      owner: base.model.owner ? `${base.model.owner}@${o.environment}` : undefined,
    },
    o.ownerId,
  ).owner;
  const listed = await listApis(clients);
  const overrides: Record<string, unknown> = {};
  const notes: string[] = [];
  const adopted: ImportEnvironmentResult['adopted'] = [];
  const missing: string[] = [];
  for (const [key, api] of Object.entries(base.model.apis).sort(([a], [b]) => a.localeCompare(b))) {
    const byTag = listed.filter(
      (a) => a.tags[TAG_ID] === key && (a.tags[TAG_OWNER] === undefined || a.tags[TAG_OWNER] === owner || o.takeOver),
    );
    const found =
      byTag.length === 1
        ? byTag[0]
        : byTag.length === 0
          ? findByIdOrName(
              listed.filter((a) => a.kind === api.kind),
              api.name,
            )
          : undefined;
    if (byTag.length > 1)
      throw new UsageError(
        `more than one API in ${region} carries ${TAG_ID}=${key}`,
        'remove the tag from the copies first',
      );
    if (!found) {
      missing.push(key);
      continue;
    }
    const other = found.tags[TAG_OWNER];
    if (other !== undefined && other !== owner && !o.takeOver) {
      throw new UsageError(
        `${found.name} (${found.apiId}) is managed by another owner: ${other}`,
        'pass --take-over to move it to this environment',
      );
    }
    const live = await readApi(clients, found, key);
    const overlay = apiOverlay({
      base: api,
      live: live.model,
      services: servicesOf(base, key),
      apiYamlAuthorizers: apiYamlAuthorizers(base, key),
    });
    if (Object.keys(overlay.override).length) overrides[key] = overlay.override;
    notes.push(...overlay.notes);
    adopted.push({ key, apiId: found.apiId, name: found.name });
  }
  if (adopted.length === 0)
    throw new UsageError(
      `none of the base's APIs (${Object.keys(base.model.apis).join(', ')}) exists in ${region}`,
      'check the account (profile) and region of the environment',
    );

  const additions: Record<string, unknown> = {};
  if (missing.length) additions.include = adopted.map((a) => a.key);
  if (Object.keys(overrides).length) additions.apis = overrides;
  let text: string;
  if (existing !== undefined) {
    const doc = parseDocument(existing);
    for (const [k, v] of Object.entries(additions)) doc.set(k, doc.createNode(v));
    text = doc.toString({ lineWidth: 0 });
  } else {
    const head = `# yaml-language-server: $schema=../../schema/environment.schema.json\n# Imported by \`apigw-sync import --env ${o.environment}\`: only what differs from the base.\n`;
    text = head + stringify({ account: stripUndefined(account), region, ...additions }, { lineWidth: 0 });
  }
  await mkdir(join(o.dir, 'environments'), { recursive: true });
  await writeFile(path, text);

  const caller = new AwsCaller();
  const tags = new ApiTags(clients, caller, clients.region);
  for (const a of adopted) {
    const f = listed.find((x) => x.apiId === a.apiId)!;
    const want = { [TAG_ID]: a.key, ...(owner ? { [TAG_OWNER]: owner } : {}) };
    if (Object.entries(want).some(([k, v]) => f.tags[k] !== v))
      await tags.set({ kind: f.kind, apiId: f.apiId, name: f.name }, want);
  }

  const plan = await runPlan({
    dir: o.dir,
    clients: () => clients,
    environment: o.environment,
    region,
    ownerId: o.ownerId,
  });
  if (plan.status === 'invalid')
    throw new UsageError(
      `the imported ${rel} does not validate:\n${plan.issuesText}`,
      'please report this: import should write a valid overlay',
    );
  const s = plan.plan.summary;
  const remaining = plan.plan.steps.length;
  return {
    file: rel,
    created: existing === undefined,
    adopted,
    missing,
    notes,
    remaining,
    remainingSummary:
      remaining === 0 ? 'no changes' : `${s.add} to add, ${s.change} to change, ${s.destroy} to destroy`,
  };
}

function stripUndefined(o: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** The base api.yaml of `key`, parsed (valid: the base validated). */
function apiFile(base: ValidationResult, key: string) {
  const s = servicesOfApi(base.files, key);
  return s.status === 'ok' ? { entries: s.entries, file: apiSchema.parse(s.apiYaml.value) } : undefined;
}

function servicesOf(base: ValidationResult, key: string): ServiceBase[] {
  const a = apiFile(base, key);
  if (!a || typeof a.file.openapi === 'string' || !a.file.openapi) return [];
  const out: ServiceBase[] = [];
  a.file.openapi.forEach((e, i) => {
    const entry = a.entries[i];
    const baseUri = e.integration?.baseUri;
    if (!entry || !baseUri) return;
    const file = posix.join(base.files.root, entry.rel);
    const routes = Object.keys(base.model.apis[key].routes).filter(
      (rk) => base.sources[`${key}/routes/${rk}`]?.file === file,
    );
    out.push({ service: entry.service, baseUri, routes });
  });
  return out;
}

function apiYamlAuthorizers(base: ValidationResult, key: string): string[] {
  return Object.keys(apiFile(base, key)?.file.authorizers ?? {});
}
