import type { ApiModel, GatewayModel } from '../../model/api.js';
import type { SourceLocation } from '../../model/errors.js';
import type { ValidationIssue } from '../../model/issue.js';
import { locate } from '../../state/locate.js';
import type { SourceMap } from '../../state/types.js';
import type { SourceDoc } from '../../state/yaml-source.js';

export interface RuleContext {
  model: GatewayModel;
  sources: SourceMap;
  /** The gateway-state directory as typed (fallback location). */
  root: string;
  /** Each API's parsed OpenAPI files (the extension rules read them). */
  documents?: Record<string, SourceDoc[]>;
}

/** A rule family: looks at one API and reports every problem it finds. */
export type ApiRule = (api: ApiModel, ctx: RuleContext) => ValidationIssue[];

export function at(ctx: RuleContext, key: string): SourceLocation {
  return locate(ctx.sources, key) ?? { file: ctx.root, line: 1, column: 1 };
}

export function has(ctx: RuleContext, key: string): boolean {
  return key in ctx.sources;
}

export function issue(
  ctx: RuleContext,
  key: string,
  i: { code: string; message: string; hint: string; severity?: 'error' | 'warning'; path?: string },
): ValidationIssue {
  return {
    severity: i.severity ?? 'error',
    code: i.code,
    message: i.message,
    hint: i.hint,
    location: at(ctx, key),
    ...(i.path ? { path: i.path } : {}),
  };
}

/** `{name}` and `{name+}` placeholders of a path or URI, ignoring `${stageVariables.x}`. */
export function placeholders(s: string): string[] {
  const out: string[] = [];
  for (const m of s.matchAll(/(\$?)\{([^}]+)\}/g)) if (!m[1]) out.push(m[2].replace(/\+$/, ''));
  return out;
}
