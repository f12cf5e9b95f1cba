/** The plan in the three formats the CLI and the GitHub layer show (all masked by the renderers). */
import type { Plan } from '../model/plan.js';
import { renderPlanText } from '../render/plan-text.js';
import { renderPlanMarkdown } from '../render/plan-markdown.js';
import { renderPlanJson } from '../render/plan-json.js';

export const PLAN_FORMATS = ['text', 'json', 'markdown'] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

export function isPlanFormat(f: string): f is PlanFormat {
  return (PLAN_FORMATS as readonly string[]).includes(f);
}

export function renderPlanAs(plan: Plan, format: PlanFormat, opts: { color: boolean }): string {
  if (format === 'json') return renderPlanJson(plan);
  if (format === 'markdown') return renderPlanMarkdown(plan);
  return renderPlanText(plan, opts);
}

import type { DriftReport } from '../model/drift.js';
import { renderDriftText } from '../render/drift-text.js';
import { renderDriftMarkdown } from '../render/drift-markdown.js';
import { maskDrift } from '../render/mask.js';

export function renderDriftAs(report: DriftReport, format: PlanFormat, opts: { color: boolean }): string {
  if (format === 'json') return `${JSON.stringify(maskDrift(report), null, 2)}\n`;
  if (format === 'markdown') return renderDriftMarkdown(report);
  return renderDriftText(report, opts);
}
