/**
 * PURE: what compile.ts does with environments at the gateway level — the names in
 * `promotion:` exist, the environment files are well named, and for the selected environment
 * (StateFiles.environment) the region, owner id and defaults it resolves to.
 */
import { posix } from 'node:path';
import type { GatewayModel } from '../../model/api.js';
import { environmentOwner, type EnvironmentSettings } from '../../model/environment.js';
import type { SourceLocation } from '../../model/errors.js';
import type { RefContext } from '../openapi/refs.js';
import type { GatewayDefaults } from '../../model/api.js';
import type { SourceMap, StateFiles } from '../types.js';
import { locateIn, type SourceDoc } from '../yaml-source.js';
import { deepMerge, hasPath } from './merge.js';
import { environmentFileIssues, loadEnvironment, unknownEnvironmentIssue, type LoadedEnvironment } from './resolve.js';

/** What a state declares about environments (CompileResult.environments). */
export interface EnvironmentsDeclared {
  /** Every `environments/<name>.yaml`, sorted. */
  names: string[];
  /** gateway.yaml `promotion:`, as declared. */
  promotion?: string[];
}

export interface EnvironmentCompile {
  files: StateFiles;
  ctx: RefContext;
  model: GatewayModel;
  sources: SourceMap;
  declared: string[];
  /** The selected environment, once loaded and valid. */
  loaded?: LoadedEnvironment;
  /** Where `defaults.rollout.<path>` is declared: the environment file when it overrides it, else gateway.yaml. */
  defaultsAt?: (path: Array<string | number>) => SourceLocation;
  /** Added to the CompileResult. */
  result?: { environment?: EnvironmentSettings; environments?: EnvironmentsDeclared };
}

const TAG_SAFE = /^[A-Za-z0-9_.:/=+@-]{1,128}$/;

export function compileEnvironmentGateway(
  env: EnvironmentCompile,
  gwSrc: SourceDoc | undefined,
  apiKeys: string[],
): void {
  const { files, ctx, model } = env;
  ctx.issues.push(...environmentFileIssues(files.files, files.root));
  const raw = (gwSrc?.value ?? {}) as { promotion?: unknown };
  const promotion =
    Array.isArray(raw.promotion) && raw.promotion.every((n) => typeof n === 'string')
      ? (raw.promotion as string[])
      : undefined;
  // A state read in part (one API, for a service's check) has no environments/: nothing to check against.
  if (env.declared.length > 0)
    promotion?.forEach((name, i) => {
      const at = locateIn(gwSrc!, ['promotion', i]);
      if (!env.declared.includes(name)) ctx.issues.push(unknownEnvironmentIssue(name, env.declared, at));
      else if (promotion.indexOf(name) !== i)
        ctx.issues.push({
          severity: 'error',
          code: 'duplicate-environment',
          location: at,
          message: `promotion lists environment ${name} twice`,
          hint: 'list each environment once, in the order a change goes through them',
        });
    });
  if (env.declared.length > 0 || promotion)
    env.result = { environments: { names: env.declared, ...(promotion ? { promotion } : {}) } };

  const selected = files.environment;
  if (!selected) return;
  model.environment = selected.name;
  model.region = '';
  const at = { file: posix.join(files.root, 'environments', `${selected.name}.yaml`), line: 1, column: 1 };
  const loaded = loadEnvironment(ctx, selected.name, { region: selected.region, apiKeys, at });
  if (!loaded) return;
  env.loaded = loaded;
  env.result = { ...env.result, environment: loaded.settings };
  model.region = loaded.region;

  const f = loaded.file;
  const fd = f.defaults as { rollout?: unknown; cost?: unknown } | undefined;
  if (f.owner) model.owner = f.owner;
  else if (model.owner) {
    const owner = environmentOwner(model.owner, selected.name);
    if (TAG_SAFE.test(owner)) model.owner = owner;
    else {
      ctx.issues.push({
        severity: 'error',
        code: 'owner-too-long',
        location: locateIn(gwSrc!, ['owner']),
        message: `the owner id of environment ${selected.name}, ${owner}, is longer than an AWS tag value allows (128)`,
        hint: `shorten gateway.yaml's owner, or give ${posix.basename(loaded.src.rel)} its own \`owner:\``,
      });
    }
  }

  const defaults: GatewayDefaults = { ...model.defaults };
  const rollout = deepMerge(defaults.rollout, fd?.rollout);
  if (rollout === undefined) delete defaults.rollout;
  else defaults.rollout = rollout as GatewayDefaults['rollout'];
  const cost = deepMerge(deepMerge(defaults.cost, fd?.cost), f.cost);
  if (cost === undefined) delete defaults.cost;
  else defaults.cost = cost as GatewayDefaults['cost'];
  model.defaults = defaults;

  if (fd?.rollout !== undefined) {
    env.defaultsAt = (p) =>
      hasPath(f, ['defaults', 'rollout', ...p]) || !gwSrc
        ? locateIn(loaded.src, ['defaults', 'rollout', ...p])
        : locateIn(gwSrc, ['defaults', 'rollout', ...p]);
    env.sources['gateway/defaults/rollout'] = locateIn(loaded.src, ['defaults', 'rollout'], { key: true });
  }
}
