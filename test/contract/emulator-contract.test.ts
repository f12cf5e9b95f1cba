/**
 * The local AWS endpoint checked against AWS's own service models (issue 19), for every
 * operation its route table serves — an operation added to a module is checked here without
 * editing this file (it may need a line in fixtures.ts when its inputs carry meaning).
 *
 * Per operation, through the real SDK v3 client, with every raw HTTP exchange captured:
 *  (a) a model-valid input with only the required members (identifiers bound to a small
 *      world of existing resources) is accepted; one with every member generated is not
 *      refused as malformed;
 *  (b) every successful response validates against the output shape (names, types, enums,
 *      required members, timestamp format, HTTP status, no member the model lacks);
 *  (c) every error names an error the model lists for the operation (or a common one), with
 *      its HTTP status and the protocol's body shape;
 *  (d) each input constraint the models state (enum, min/max, pattern, required) is enforced
 *      with AWS's error type (BadRequestException for API Gateway, ValidationError for CloudWatch).
 * Then accounts and regions: state is kept per account and region, and ARNs naming another
 * region are refused.
 */
import { appendFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModels, resolve, type ServiceModel } from '../../scripts/aws-models/models.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { implementedOperations } from '../../src/emulator/route-table.js';
import { CapturingHandler, type Exchange } from './capture.js';
import { CLIENTS, REGION, type Ids } from './fixtures.js';
import { generate, outputProblems, type Mode } from './shapes.js';
import { errorCode, errorProblems } from './wire-errors.js';

const models = loadModels();
const implemented = implementedOperations();
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, quotas: false });
});
afterAll(async () => {
  await emu?.stop();
});

type AnyClient = { send(command: unknown): Promise<unknown> };

function clientFor(model: ServiceModel, handler: CapturingHandler, region = REGION, accessKeyId = 'test'): AnyClient {
  const { Client } = CLIENTS[model.info.name];
  return new (Client as unknown as new (c: object) => AnyClient)({
    endpoint: emu.url,
    region,
    credentials: { ...CREDENTIALS, accessKeyId },
    maxAttempts: 1,
    requestHandler: handler,
  });
}

function command(model: ServiceModel, operation: string, input: Record<string, unknown>): unknown {
  const Ctor = CLIENTS[model.info.name].module[`${operation}Command`] as (new (i: object) => unknown) | undefined;
  if (!Ctor) throw new Error(`${model.info.sdkV3Package} has no ${operation}Command`);
  return new Ctor(input);
}

/** A refusal by the model's constraints (AWS's Coral wording), not a semantic one by a handler. */
const isValidationError = (model: ServiceModel, ex: Exchange) => {
  const code = errorCode(model, ex);
  return (
    (code === 'ValidationError' || code === 'ValidationException' || code === 'BadRequestException') &&
    /\d+ validation errors? detected/.test(ex.body)
  );
};

function inputFor(model: ServiceModel, operation: string, mode: Mode, ids: Ids): Record<string, unknown> {
  const op = model.operations[operation];
  const override = CLIENTS[model.info.name].overrides[operation]?.(ids) ?? {};
  const generated = op.input
    ? (generate(
        { model, operation, mode, bind: (name, path) => (path === name ? (override[name] ?? ids[name]) : undefined) },
        op.input,
        '',
        '',
      ) as Record<string, unknown>)
    : {};
  return { ...generated, ...override };
}

// ----------------------------------------------------------- (d) constraint violations

type Token = { member: string } | { list: true } | { mapValue: true } | { mapKey: true };

function tokens(path: string): Token[] {
  const out: Token[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[{]+)((?:\[\]|\{\}|\{key\})*)$/.exec(part);
    if (!m) throw new Error(`bad constraint path ${path}`);
    out.push({ member: m[1] });
    for (const s of m[2].match(/\[\]|\{\}|\{key\}/g) ?? [])
      out.push(s === '[]' ? { list: true } : s === '{}' ? { mapValue: true } : { mapKey: true });
  }
  return out;
}

/** A copy of `input` with the value at `path` replaced (first list element, first map entry); undefined when the path is absent. */
function replaced(
  input: Record<string, unknown>,
  path: string,
  bad: (current: unknown) => unknown,
): Record<string, unknown> | undefined {
  const copy = structuredClone(input);
  const ts = tokens(path);
  let parent: Record<string, unknown> | unknown[] = copy;
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i];
    const last = i === ts.length - 1;
    let key: string | number;
    if ('member' in t) key = t.member;
    else if ('list' in t) key = 0;
    else {
      const keys = Object.keys(parent as object);
      if (keys.length === 0) return undefined;
      if ('mapKey' in t) {
        if (!last) return undefined;
        const obj = parent as Record<string, unknown>;
        const v = obj[keys[0]];
        delete obj[keys[0]];
        obj[String(bad(keys[0]))] = v;
        return copy;
      }
      key = keys[0];
    }
    const current = (parent as Record<string | number, unknown>)[key];
    if (current === undefined) return undefined;
    if (last) {
      (parent as Record<string | number, unknown>)[key] = bad(current);
      return copy;
    }
    parent = current as Record<string, unknown>;
  }
  return undefined;
}

function violations(
  model: ServiceModel,
  operation: string,
  full: Record<string, unknown>,
): Array<{ label: string; input: Record<string, unknown> }> {
  const op = model.operations[operation];
  const input = op.input ? resolve(model, op.input) : undefined;
  const out: Array<{ label: string; input: Record<string, unknown> }> = [];
  const notOnWire = (path: string) => {
    const top =
      input?.members?.[
        tokens(path)[0] && 'member' in tokens(path)[0] ? (tokens(path)[0] as { member: string }).member : ''
      ];
    return top?.location === 'uri' || top?.location === 'header';
  };
  for (const [path, c] of Object.entries(model.facts.operations[operation]?.input ?? {})) {
    if (path === '' || notOnWire(path)) continue;
    const add = (label: string, bad: (v: unknown) => unknown) => {
      const i = replaced(full, path, bad);
      if (i) out.push({ label: `${path}: ${label}`, input: i });
    };
    if (c.enum) add('a value outside the enum', () => 'NOT_IN_THE_MODEL');
    const isMap = (v: unknown): v is Record<string, unknown> =>
      typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && !(v instanceof Date);
    if (c.min !== undefined && c.min > 0)
      add(`below min ${c.min}`, (v) =>
        typeof v === 'number'
          ? c.min! - 1
          : Array.isArray(v)
            ? []
            : typeof v === 'string'
              ? 'x'.repeat(c.min! - 1)
              : v instanceof Uint8Array
                ? new Uint8Array(c.min! - 1)
                : isMap(v)
                  ? {}
                  : v,
      );
    if (c.max !== undefined && c.max <= 70_000) {
      add(`above max ${c.max}`, (v) =>
        typeof v === 'number'
          ? c.max! + 1
          : Array.isArray(v)
            ? Array(c.max! + 1).fill(v[0])
            : typeof v === 'string'
              ? 'x'.repeat(c.max! + 1)
              : v instanceof Uint8Array
                ? new Uint8Array(c.max! + 1)
                : isMap(v) && Object.keys(v).length > 0 && c.max! < 1000
                  ? Object.fromEntries(Array.from({ length: c.max! + 1 }, (_, i) => [`k${i}`, Object.values(v)[0]]))
                  : v,
      );
    }
    if (c.pattern !== undefined) {
      const re = new RegExp(c.pattern, 'u');
      const bad = [':', '', ' ', '!!', 'Z'].find((s) => !re.test(s) && (c.min === undefined || s.length >= c.min));
      if (bad !== undefined) add(`not matching ${c.pattern}`, () => bad);
    }
  }
  for (const req of model.facts.operations[operation]?.input['']?.required ?? input?.required ?? []) {
    const m = input?.members?.[req];
    if (!m || m.location === 'uri' || m.idempotencyToken || m.location === 'header') continue;
    const i = structuredClone(full);
    delete i[req];
    out.push({ label: `${req}: required member left out`, input: i });
  }
  return out;
}

// ----------------------------------------------------------------------- the walk

for (const model of models) {
  const ops = [...(implemented.get(model.info.name) ?? [])].sort();

  describe(`${model.info.title}: every implemented operation against the model`, () => {
    it('serves only operations the model has', () => {
      expect(ops.filter((o) => !model.operations[o])).toEqual([]);
      expect(ops.length).toBeGreaterThan(0);
    });

    it.each(ops)('%s', async (operation) => {
      await emu.control.reset();
      const handler = new CapturingHandler();
      const client = clientFor(model, handler);
      const ids = await CLIENTS[model.info.name].world(client as never);
      handler.take();
      const problems: string[] = [];
      const jsonNames = model.metadata.protocol === 'rest-json' ? 'locationName' : 'memberName';
      const judge = (step: string, exchanges: Exchange[]) => {
        for (const ex of exchanges) {
          const found =
            ex.status < 300
              ? outputProblems({ model, operation, jsonNames, defaultTimestamp: 'unixTimestamp' }, ex.body, ex.status)
              : errorProblems(model, operation, ex);
          problems.push(...found.map((p) => `${step}: ${p}`));
        }
      };
      const send = async (input: Record<string, unknown>) => {
        const error = await client.send(command(model, operation, input)).then(
          () => undefined,
          (e: Error) => e,
        );
        return { error, exchanges: handler.take() };
      };

      // (a) + (b) + (c): required members only → accepted
      const required = await send(inputFor(model, operation, 'required', ids));
      if (required.error)
        problems.push(`(a) required-only input refused: ${required.error.name}: ${required.error.message}`);
      judge('required input', required.exchanges);

      // every member generated → not refused as malformed (semantic refusals the model lists are fine)
      const fullInput = inputFor(model, operation, 'full', ids);
      const full = await send(fullInput);
      for (const ex of full.exchanges)
        if (ex.status >= 400 && isValidationError(model, ex))
          problems.push(`(a) full model-valid input refused as invalid: ${ex.body.slice(0, 300)}`);
      judge('full input', full.exchanges);

      // (d) every stated constraint broken once → AWS's validation error
      for (const v of violations(model, operation, fullInput)) {
        const r = await send(v.input);
        const ex = r.exchanges.at(-1);
        if (!ex) problems.push(`(d) ${v.label}: the SDK sent nothing (${r.error?.message})`);
        else if (ex.status !== 400 || !isValidationError(model, ex))
          problems.push(
            `(d) ${v.label}: expected a 400 validation error, got HTTP ${ex.status} ${errorCode(model, ex) ?? ''} ${ex.body.slice(0, 160)}`,
          );
        judge(`(d) ${v.label}`, r.exchanges);
      }
      // CONTRACT_REPORT=file appends every operation's problems there (a readable list of defects).
      if (problems.length > 0 && process.env.CONTRACT_REPORT)
        appendFileSync(
          process.env.CONTRACT_REPORT,
          problems.map((p) => `${model.info.name} ${operation}: ${p}\n`).join(''),
        );
      expect(problems).toEqual([]);
    });
  });
}

// ------------------------------------------------------------- accounts and regions

describe('accounts and regions', () => {
  const model = (name: string) => models.find((m) => m.info.name === name)!;
  const client = (name: string, region: string, accessKeyId = 'test') =>
    clientFor(model(name), new CapturingHandler(), region, accessKeyId);
  const send = (name: string, c: AnyClient, op: string, input: Record<string, unknown>) =>
    c.send(command(model(name), op, input)) as Promise<Record<string, unknown>>;
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (e: Error & { $metadata?: { httpStatusCode?: number } }) => ({
        name: e.name,
        status: e.$metadata?.httpStatusCode,
      }),
    );

  it('a REST API, an HTTP API and an alarm created in one region or account are invisible from another', async () => {
    await emu.control.reset();
    const eu = {
      v1: client('apigateway', 'eu-west-1'),
      v2: client('apigatewayv2', 'eu-west-1'),
      cw: client('cloudwatch', 'eu-west-1'),
    };
    const rest = await send('apigateway', eu.v1, 'CreateRestApi', { name: 'eu-rest' });
    const http = await send('apigatewayv2', eu.v2, 'CreateApi', { Name: 'eu-http', ProtocolType: 'HTTP' });
    await send('cloudwatch', eu.cw, 'PutMetricAlarm', {
      AlarmName: 'eu-alarm',
      MetricName: 'Count',
      Namespace: 'X',
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanThreshold',
    });

    for (const [region, key] of [
      ['ap-southeast-1', 'test'],
      ['eu-west-1', '111111111111'],
    ] as const) {
      const where = `${key}@${region}`;
      expect(
        (await send('apigateway', client('apigateway', region, key), 'GetRestApis', {})).items ?? [],
        where,
      ).toEqual([]);
      expect(
        await failure(send('apigateway', client('apigateway', region, key), 'GetRestApi', { restApiId: rest.id })),
        where,
      ).toEqual({ name: 'NotFoundException', status: 404 });
      expect(
        (await send('apigatewayv2', client('apigatewayv2', region, key), 'GetApis', {})).Items ?? [],
        where,
      ).toEqual([]);
      expect(
        await failure(send('apigatewayv2', client('apigatewayv2', region, key), 'GetApi', { ApiId: http.ApiId })),
        where,
      ).toEqual({ name: 'NotFoundException', status: 404 });
      expect(
        (await send('cloudwatch', client('cloudwatch', region, key), 'DescribeAlarms', {})).MetricAlarms ?? [],
        where,
      ).toEqual([]);
    }
    expect(
      ((await send('apigateway', eu.v1, 'GetRestApis', {})).items as Array<{ name: string }>).map((a) => a.name),
    ).toEqual(['eu-rest']);
    const alarms = (await send('cloudwatch', eu.cw, 'DescribeAlarms', {})).MetricAlarms as Array<{ AlarmArn: string }>;
    expect(alarms.map((a) => a.AlarmArn)).toEqual(['arn:aws:cloudwatch:eu-west-1:000000000000:alarm:eu-alarm']);
    const other =
      (await send('cloudwatch', client('cloudwatch', 'eu-west-1', '111111111111'), 'PutMetricAlarm', {
        AlarmName: 'mine',
        MetricName: 'Count',
        Namespace: 'X',
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanThreshold',
      }),
      await send('cloudwatch', client('cloudwatch', 'eu-west-1', '111111111111'), 'DescribeAlarms', {}));
    expect((other.MetricAlarms as Array<{ AlarmArn: string }>).map((a) => a.AlarmArn)).toEqual([
      'arn:aws:cloudwatch:eu-west-1:111111111111:alarm:mine',
    ]);
  });

  it('refuses tag ARNs that name another region or carry an account, and alarm actions in another region', async () => {
    await emu.control.reset();
    const v1 = client('apigateway', 'eu-west-1');
    const v2 = client('apigatewayv2', 'eu-west-1');
    const rest = await send('apigateway', v1, 'CreateRestApi', { name: 'tagged' });
    const http = await send('apigatewayv2', v2, 'CreateApi', { Name: 'tagged', ProtocolType: 'HTTP' });
    const bad = { name: 'BadRequestException', status: 400 };
    for (const arn of [
      `arn:aws:apigateway:us-east-1::/restapis/${rest.id}`,
      `arn:aws:apigateway:eu-west-1:000000000000:/restapis/${rest.id}`,
    ]) {
      expect(await failure(send('apigateway', v1, 'TagResource', { resourceArn: arn, tags: { a: 'b' } })), arn).toEqual(
        bad,
      );
      expect(await failure(send('apigateway', v1, 'GetTags', { resourceArn: arn })), arn).toEqual(bad);
    }
    expect(
      await send('apigateway', v1, 'GetTags', { resourceArn: `arn:aws:apigateway:eu-west-1::/restapis/${rest.id}` }),
    ).toMatchObject({ tags: {} });
    const v2Arn = `arn:aws:apigateway:ap-southeast-1::/apis/${http.ApiId}`;
    expect(await failure(send('apigatewayv2', v2, 'TagResource', { ResourceArn: v2Arn, Tags: { a: 'b' } }))).toEqual(
      bad,
    );
    expect(await failure(send('apigatewayv2', v2, 'GetTags', { ResourceArn: v2Arn }))).toEqual(bad);
    const cw = client('cloudwatch', 'eu-west-1');
    const alarm = {
      AlarmName: 'x',
      MetricName: 'Count',
      Namespace: 'X',
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanThreshold',
    };
    expect(
      await failure(
        send('cloudwatch', cw, 'PutMetricAlarm', {
          ...alarm,
          AlarmActions: ['arn:aws:sns:us-east-1:000000000000:pager'],
        }),
      ),
    ).toEqual({ name: 'ValidationException', status: 400 });
    await send('cloudwatch', cw, 'PutMetricAlarm', {
      ...alarm,
      AlarmActions: ['arn:aws:sns:eu-west-1:000000000000:pager'],
    });
  });
});
