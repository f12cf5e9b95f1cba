import { describe, expect, it } from 'vitest';
import { codeBlock, codeSpan, escapeHtml, escapeMarkdownText, mermaidLabel } from '../../../src/render/escape.js';
import { buildPlan } from '../../../src/plan/build.js';
import { renderPlanMarkdown } from '../../../src/render/plan-markdown.js';
import { api, gateway, route, snapshot } from '../../helpers/model-builders.js';

describe('escapeMarkdownText', () => {
  it.each([
    ['a | b', 'a \\| b'],
    ['`code`', '\\`code\\`'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert\\(1\\)&gt;'],
    ['ping @octocat', 'ping &#64;octocat'],
    ['fixes #123', 'fixes &#35;123'],
    ['**bold** _it_ [link](http://x)', '\\*\\*bold\\*\\* \\_it\\_ \\[link\\]\\(http://x\\)'],
    ['line1\nline2', 'line1 line2'],
    ['a & b', 'a &amp; b'],
  ])('%j → %j', (input, expected) => {
    expect(escapeMarkdownText(input)).toBe(expected);
  });
});

describe('codeSpan', () => {
  it.each([
    ['GET /users', {}, '`GET /users`'],
    ['has ` tick', {}, '``has ` tick``'],
    ['`edge`', {}, '`` `edge` ``'],
    ['a|b', { inTable: true }, '`a\\|b`'],
    ['a|b', {}, '`a|b`'],
  ])('%j %j → %j', (input, opts, expected) => {
    expect(codeSpan(input, opts)).toBe(expected);
  });
});

describe('codeBlock / escapeHtml / mermaidLabel', () => {
  it('a code block cannot be closed by its content', () => {
    const block = codeBlock('x\n```\n<script>', 'diff');
    expect(block.startsWith('````diff\n')).toBe(true);
    expect(block.endsWith('\n````')).toBe(true);
  });

  it('escapes HTML, mentions and refs for <summary>', () => {
    expect(escapeHtml('<b>"x" @a #1 &')).toBe('&lt;b&gt;&quot;x&quot; &#64;a &#35;1 &amp;');
  });

  it('mermaid labels hold no quotes, brackets or pipes', () => {
    expect(mermaidLabel('GET /a/{id} "x" <y> | #')).toBe('GET /a/#123;id#125; #quot;x#quot; #lt;y#gt; #124; #35;');
  });
});

describe('injection through user data in a rendered plan', () => {
  it('a route path and an API key with markup stay inert in the Markdown', () => {
    const evil = '/x|`y`<img src=x>@admin#1';
    const d = api('team|@ops', 'HttpApi', { routes: [route('HttpApi', 'GET', evil), route('HttpApi', 'POST', '/ok')] });
    const md = renderPlanMarkdown(buildPlan({ desired: gateway([d]), live: snapshot([]), now: new Date(0) }));
    expect(md).toContain('#### 🟢 team\\|&#64;ops · HTTP API');
    // the route name sits in a code span with the pipe escaped, so the table keeps its 5 columns
    const row = md.split('\n').find((l) => l.includes('<img'))!;
    expect(row).toContain('``GET /x\\|`y`<img src=x>@admin#1``');
    expect(row.replace(/\\\|/g, '').split('|').length).toBe(7);
    // and the Mermaid label carries entity codes only
    expect(md).toContain('#lt;img src=x#gt;@admin#35;1');
  });
});

describe('terminal output', () => {
  it('control characters in user data are shown, not executed', async () => {
    const { terminalSafe } = await import('../../../src/render/escape.js');
    const { renderPlanText } = await import('../../../src/render/plan-text.js');
    expect(terminalSafe('a\u001b[2Jb\nc\td')).toBe('a\\u001b[2Jb\nc\td');
    const d = api('shop', 'HttpApi', { routes: [route('HttpApi', 'GET', '/x\u001b[31mred')] });
    const text = renderPlanText(buildPlan({ desired: gateway([d]), live: snapshot([]), now: new Date(0) }), {
      color: false,
    });
    expect(text).not.toContain('\u001b');
    expect(text).toContain('route GET /x\\u001b[31mred');
  });
});
