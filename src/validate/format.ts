/**
 * PURE rendering of validation issues. Text: `file:line:col: error: message`, the
 * offending line with a caret under the column, and the fix. JSON: stable, for machines.
 */
import { posix } from 'node:path';
import type { ValidationIssue } from '../model/issue.js';
import type { StateFiles } from '../state/types.js';

/** The text of a reported file (root-prefixed path), if it is one of the state files. */
function lineOf(files: StateFiles, file: string, line: number): string | undefined {
  const prefix = `${files.root}/`;
  const rel = file.startsWith(prefix)
    ? file.slice(prefix.length)
    : file === files.root
      ? undefined
      : posix.normalize(file);
  const text = rel === undefined ? undefined : files.files.get(rel);
  if (text === undefined) return undefined;
  return text.split(/\r?\n/)[line - 1];
}

export function formatIssuesText(
  issues: ValidationIssue[],
  files: StateFiles,
  opts: { summary?: boolean } = {},
): string {
  const out: string[] = [];
  for (const i of issues) {
    const { file, line, column } = i.location;
    out.push(`${file}:${line}:${column}: ${i.severity}: ${i.message} [${i.code}]`);
    const src = lineOf(files, file, line);
    if (src !== undefined) {
      const shown = src.replace(/\t/g, ' ');
      const gutter = `${line} | `;
      out.push(`  ${gutter}${shown.length > 160 ? `${shown.slice(0, 157)}...` : shown}`);
      out.push(`  ${' '.repeat(gutter.length - 2)}| ${' '.repeat(Math.max(0, Math.min(column - 1, 160)))}^`);
    }
    if (i.hint) out.push(`  fix: ${i.hint}`);
    for (const r of i.related ?? []) out.push(`  see also: ${r.file}:${r.line}:${r.column}`);
    out.push('');
  }
  if (opts.summary !== false) {
    const errors = issues.filter((i) => i.severity === 'error').length;
    const warnings = issues.length - errors;
    out.push(
      errors === 0
        ? `${files.root}: valid${warnings ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''}`
        : `${files.root}: ${errors} error${errors === 1 ? '' : 's'}${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}`,
    );
  }
  return `${out.join('\n')}\n`;
}

export function formatIssuesJson(issues: ValidationIssue[], opts: { root: string }): string {
  const errors = issues.filter((i) => i.severity === 'error').length;
  return `${JSON.stringify({ root: opts.root, valid: errors === 0, errors, warnings: issues.length - errors, issues }, null, 2)}\n`;
}
