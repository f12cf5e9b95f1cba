/**
 * Every AWS operation the tool calls is one the local AWS endpoint implements (or belongs to
 * a service the emulator deliberately does not serve, with the reason written down), so no
 * tool code path goes untested against it. The table itself is docs/emulator-coverage.md.
 */
import { describe, expect, it } from 'vitest';
import { loadModels, SERVICES } from '../../scripts/aws-models/models.js';
import { NOT_EMULATED, toolCalls } from '../../scripts/aws-models/coverage.js';
import { implementedOperations } from '../../src/emulator/route-table.js';

describe("emulator coverage of the tool's AWS calls", () => {
  const calls = toolCalls();
  const implemented = implementedOperations();

  it("finds the tool's SDK commands (the scan works)", () => {
    expect(calls.get('@aws-sdk/client-api-gateway')?.has('GetResources')).toBe(true);
    expect(calls.get('@aws-sdk/client-apigatewayv2')?.has('CreateRoute')).toBe(true);
    expect(calls.get('@aws-sdk/client-cloudwatch')?.has('DescribeAlarms')).toBe(true);
  });

  it.each(SERVICES.map((s) => [s.title, s] as const))(
    '%s: every operation the tool calls exists in the model and is implemented',
    (_title, svc) => {
      const model = loadModels().find((m) => m.info.name === svc.name)!;
      const called = [...(calls.get(svc.sdkV3Package)?.keys() ?? [])].sort();
      expect(called.filter((op) => !model.operations[op])).toEqual([]);
      expect(called.filter((op) => !implemented.get(svc.name)?.has(op))).toEqual([]);
    },
  );

  it('every other AWS service the tool calls has a recorded reason for not being emulated', () => {
    const others = [...calls.keys()].filter((pkg) => !SERVICES.some((s) => s.sdkV3Package === pkg));
    expect(others.filter((pkg) => !NOT_EMULATED[pkg])).toEqual([]);
  });
});
