/** `apigw-sync propose` for a terminal or a CI log: the check, the routes, what was done on GitHub. Pure. */
import type { ServiceCheck, ServiceRouteRow } from '../service/index.js';
import { terminalSafe } from './escape.js';
import { errorCount, problemsText, routesText } from './service-check-text.js';
import { textStyle } from './text-style.js';

export interface ProposalTextInput {
  check: ServiceCheck;
  rows: ServiceRouteRow[];
  /** `owner/name` of the gateway repository, the branch and commit checked against. */
  gateway: { repo: string; branch: string; commitSha: string };
  /** proposal branch */
  branch: string;
  status: 'invalid' | 'up-to-date' | 'dry-run' | 'opened' | 'updated' | 'unchanged';
  pull?: { number: number; url: string };
  color?: boolean;
}

export function renderProposalText(x: ProposalTextInput): string {
  const st = textStyle({ color: x.color ?? false });
  const { check, gateway } = x;
  const at = `${gateway.repo} (${gateway.branch} @ ${gateway.commitSha.slice(0, 7)})`;
  const out = [
    st.dim(`apigw-sync propose · ${check.spec.displayPath} → service ${check.service} of API ${check.apiKey} in ${at}`),
    st.dim(`replaces ${check.gatewayFile}`),
    '',
  ];
  out.push(...problemsText(check, st));
  if (x.status === 'invalid') {
    out.push(
      st.red(
        `${check.spec.displayPath}: ${errorCount(check.problems)} against ${gateway.repo}; no pull request opened or updated`,
      ),
    );
    return `${terminalSafe(out.join('\n'))}\n`;
  }
  out.push(...routesText(x.rows, st));
  const pr = x.pull ? `#${x.pull.number} ${x.pull.url}` : '';
  const line: Record<ProposalTextInput['status'], string> = {
    invalid: '',
    'up-to-date': x.pull
      ? `${gateway.branch} already has this spec: closed the outdated proposal ${pr}`
      : `${gateway.branch} already has this spec: nothing to propose`,
    'dry-run': `dry run: would ${x.pull ? `update ${pr}` : 'open a pull request'} from branch ${x.branch}`,
    opened: `opened pull request ${pr} (branch ${x.branch})`,
    updated: `updated pull request ${pr} with a new commit (branch ${x.branch})`,
    unchanged: `pull request ${pr} already proposes this spec (branch ${x.branch})`,
  };
  out.push(st.bold(line[x.status]));
  return `${terminalSafe(out.join('\n'))}\n`;
}
