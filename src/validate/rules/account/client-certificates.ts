/** A REST stage's `clientCertificate` names a certificate the state declares (client-certificates/<name>.yaml). */
import type { ValidationIssue } from '../../../model/issue.js';
import { issue } from '../context.js';
import type { AccountRule } from './index.js';
import { suggest } from './refs.js';

export const clientCertificateRules: AccountRule = (ctx) => {
  const out: ValidationIssue[] = [];
  const certs = Object.keys(ctx.model.account?.clientCertificates ?? {});
  for (const api of Object.values(ctx.model.apis)) {
    for (const [name, s] of Object.entries(api.stages)) {
      if (s.clientCertificate === undefined || certs.includes(s.clientCertificate) || api.kind !== 'RestApi') continue;
      out.push(
        issue(ctx, `${api.key}/stages/${name}/clientCertificate`, {
          code: 'client-certificate-undefined',
          message: `stage ${name} presents client certificate "${s.clientCertificate}", which is not declared`,
          hint: `add client-certificates/${s.clientCertificate}.yaml (${suggest(s.clientCertificate, certs, 'client certificate')})`,
        }),
      );
    }
  }
  return out;
};
