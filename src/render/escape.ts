/**
 * Escaping of user data (route names, descriptions, values) for Markdown that GitHub
 * renders in PR comments and job summaries. User data must never become markup: no
 * table breaks (`|`), no code-span or fence breaks (backticks), no HTML (`<`), no
 * notifications (`@team`), no cross-references (`#123`).
 */

const TEXT_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '@': '&#64;',
  '#': '&#35;',
  '"': '&quot;',
};

/** Plain text inside a paragraph, heading or table cell. One pass, so no escape is escaped twice. */
export function escapeMarkdownText(s: string): string {
  return s.replace(/\r?\n/g, ' ').replace(/[&<>@#\\`*_[\]{}()!|~]/g, (c) => TEXT_ENTITIES[c] ?? `\\${c}`);
}

/**
 * An inline code span that holds `s` literally: the fence is longer than any backtick run
 * inside, and a leading/trailing backtick gets a space. Pipes are escaped because GFM
 * splits table cells on `|` even inside code spans. Mentions and HTML are inert in code.
 */
export function codeSpan(s: string, opts: { inTable?: boolean } = {}): string {
  let text = s.replace(/\r?\n/g, ' ');
  if (opts.inTable) text = text.replace(/\|/g, '\\|');
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text === '' ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced code block whose fence cannot be closed by the content. */
export function codeBlock(content: string, lang = ''): string {
  const longest = Math.max(2, ...[...content.matchAll(/`{3,}/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${content}\n${fence}`;
}

/** Text for an HTML element's content (e.g. `<summary>`). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"@#]/g, (c) => TEXT_ENTITIES[c]);
}

/** A Mermaid node label (inside `["…"]`): Mermaid's entity codes, no quotes or brackets. */
export function mermaidLabel(s: string): string {
  return s
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/`/g, '#96;')
    .replace(/[{}]/g, (c) => (c === '{' ? '#123;' : '#125;'))
    .replace(/\|/g, '#124;')
    .replace(/\r?\n/g, ' ');
}

/* eslint-disable no-control-regex */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Terminal output: user data must not carry control characters (an ESC in a route name
 * could recolour or rewrite the CI log). They are shown as `\u001b`-style escapes;
 * newlines and tabs stay (multi-line templates are shown line by line).
 */
export function terminalSafe(s: string): string {
  return s.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** terminalSafe applied to every string (keys included) of plain data. */
export function terminalSafeDeep<T>(v: T): T {
  if (typeof v === 'string') return terminalSafe(v) as T;
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(terminalSafeDeep) as T;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[terminalSafe(k)] = terminalSafeDeep(x);
  return out as T;
}
