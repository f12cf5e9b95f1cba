import { describe, expect, it } from 'vitest';
import { SecretValue } from '../../../src/aws/key-values/secret.js';
import { redactingWrite } from '../../../src/cli/redact-output.js';

describe('CLI output redaction (last line of defence)', () => {
  it('replaces every key value the process has held, in strings and buffers, and passes the rest through', () => {
    const value = new SecretValue('RedactMe0000000000000000000001');
    const written: unknown[] = [];
    const fake = { write: (c: unknown) => (written.push(c), true) } as unknown as NodeJS.WriteStream;
    const write = redactingWrite(fake.write, fake);
    write(`leaked ${value.reveal()} here\n`);
    write(Buffer.from(`again ${value.reveal()}`));
    write('nothing secret\n');
    expect(written).toEqual(['leaked (sensitive) here\n', 'again (sensitive)', 'nothing secret\n']);
  });
});
