/** Account-scope files (`<dir>/<name>.yaml`): loaded into GatewayModel.account, problems at file:line:column. */
import { describe, expect, it } from 'vitest';
import { compileState } from '../../../src/state/compile.js';
import { accountSourceKey } from '../../../src/state/account.js';

const files = (m: Record<string, string>) => ({
  root: 'gs',
  files: new Map(Object.entries({ 'gateway.yaml': 'region: ap-northeast-2\n', ...m })),
});

describe('account-scope files', () => {
  it('loads one record per file, named by the file, with where each field was declared', () => {
    const r = compileState(
      files({ 'client-certificates/backend.yaml': 'description: orders backend\ntags:\n  team: platform\n' }),
    );
    expect(r.issues).toEqual([]);
    expect(r.model.account?.clientCertificates).toEqual({
      backend: { name: 'backend', description: 'orders backend', tags: { team: 'platform' } },
    });
    expect(r.sources[accountSourceKey('clientCertificate', 'backend', 'description')]).toEqual({
      file: 'gs/client-certificates/backend.yaml',
      line: 1,
      column: 14,
    });
  });

  it('a state with account files only is valid; with neither APIs nor account files it is not', () => {
    expect(compileState(files({ 'client-certificates/a.yaml': '{}\n' })).issues).toEqual([]);
    expect(compileState(files({})).issues.map((i) => i.code)).toEqual(['no-apis']);
    expect(compileState(files({})).model.account).toBeUndefined();
  });

  it('refuses unknown keys (with a suggestion), bad names, sub-folders and reserved tag keys', () => {
    const r = compileState(
      files({
        'client-certificates/a.yaml': 'descripton: typo\n',
        'client-certificates/bad name!.yaml': '{}\n',
        'client-certificates/nested/b.yaml': '{}\n',
        'client-certificates/c.yaml': 'tags:\n  "apigw-sync:id": x\n',
      }),
    );
    const shown = r.issues.map(
      (i) =>
        `${i.location.file}:${i.location.line}:${i.location.column} ${i.code}: ${i.message}${i.hint ? ` (${i.hint})` : ''}`,
    );
    expect(shown).toEqual([
      expect.stringMatching(
        /^gs\/client-certificates\/a\.yaml:1:1 unknown-key: .*descripton.*did you mean "description"/,
      ),
      expect.stringMatching(/^gs\/client-certificates\/bad name!\.yaml:1:1 bad-account-name: /),
      expect.stringMatching(/^gs\/client-certificates\/c\.yaml:2:\d+ .*"apigw-sync:id" is reserved/),
      expect.stringMatching(/^gs\/client-certificates\/nested\/b\.yaml:1:1 account-file-misplaced: /),
    ]);
  });
});
