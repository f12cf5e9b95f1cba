/**
 * The AWS CLI against the emulator's v2 and CloudWatch: `aws apigatewayv2 get-apis` and
 * `aws cloudwatch describe-alarms`. Every `aws` found (PATH, and Debian's /usr/bin/aws when it
 * is another build) is exercised, because CLI generations speak different CloudWatch protocols
 * (JSON 1.0 in recent ones, AWS Query in Debian 12's 2.9). Skips visibly when no CLI is installed.
 * The Query protocol is also tested directly over HTTP, so it is covered without a CLI.
 */
import { execFile } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.js';

const run = promisify(execFile);
let emu: RunningEmulator;
const clis: string[] = [];

async function version(bin: string): Promise<string | undefined> {
  try {
    const { stdout, stderr } = await run(bin, ['--version']);
    return (stdout || stderr).trim();
  } catch {
    return undefined;
  }
}

beforeAll(async () => {
  emu = await startEmulator({ quotas: false });
  const onPath = await version('aws');
  if (onPath) clis.push('aws');
  const debian = '/usr/bin/aws';
  if (existsSync(debian) && (await version(debian)) && (await version(debian)) !== onPath)
    clis.push(realpathSync(debian));
});
afterAll(async () => emu.stop());

/** Async on purpose: the emulator answers from this process, a sync exec would deadlock. */
async function aws(bin: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_REGION: 'us-east-1',
    AWS_PAGER: '',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  };
  try {
    const { stdout, stderr } = await run(bin, ['--endpoint-url', emu.url, '--output', 'json', ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof x.code === 'number' ? x.code : -1, stdout: x.stdout ?? '', stderr: x.stderr ?? '' };
  }
}

describe('aws cli: apigatewayv2 and cloudwatch', () => {
  it('creates and lists HTTP APIs, creates and describes alarms, and reports ResourceNotFound', async () => {
    if (clis.length === 0) {
      console.warn(
        'SKIPPED v2/CloudWatch awscli test: `aws` is not installed (install the Debian package awscli, as .ci/run does)',
      );
      return;
    }
    for (const [i, bin] of clis.entries()) {
      const created = await aws(bin, 'apigatewayv2', 'create-api', '--name', `cli-${i}`, '--protocol-type', 'HTTP');
      expect(created.code, created.stderr).toBe(0);
      const apiId = JSON.parse(created.stdout).ApiId as string;
      const listed = await aws(bin, 'apigatewayv2', 'get-apis');
      expect(listed.code, listed.stderr).toBe(0);
      expect(JSON.parse(listed.stdout).Items.map((a: { ApiId: string }) => a.ApiId)).toContain(apiId);

      const put = await aws(
        bin,
        'cloudwatch',
        'put-metric-alarm',
        '--alarm-name',
        `cli-alarm-${i}`,
        '--namespace',
        'App',
        '--metric-name',
        'Err',
        '--dimensions',
        'Name=Svc,Value=x',
        '--statistic',
        'Sum',
        '--period',
        '60',
        '--evaluation-periods',
        '1',
        '--threshold',
        '5',
        '--comparison-operator',
        'GreaterThanThreshold',
      );
      expect(put.code, `${bin}: ${put.stderr}`).toBe(0);
      const described = await aws(bin, 'cloudwatch', 'describe-alarms', '--alarm-names', `cli-alarm-${i}`);
      expect(described.code, described.stderr).toBe(0);
      expect(JSON.parse(described.stdout).MetricAlarms[0]).toMatchObject({
        AlarmName: `cli-alarm-${i}`,
        StateValue: 'INSUFFICIENT_DATA',
        Dimensions: [{ Name: 'Svc', Value: 'x' }],
        Threshold: 5,
      });
      const missing = await aws(
        bin,
        'cloudwatch',
        'set-alarm-state',
        '--alarm-name',
        'ghost',
        '--state-value',
        'OK',
        '--state-reason',
        'x',
      );
      expect(missing.code).not.toBe(0);
      expect(missing.stderr).toContain('ResourceNotFound');
    }
  }, 240_000); // each CLI start costs seconds; up to two CLIs × five calls
});

describe('CloudWatch AWS Query protocol over HTTP', () => {
  const query = async (params: Record<string, string>) => {
    const res = await fetch(`${emu.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: new URLSearchParams({ Version: '2010-08-01', ...params }).toString(),
    });
    return { status: res.status, xml: await res.text() };
  };

  it('runs PutMetricAlarm, PutMetricData and DescribeAlarms from form fields and answers in Query XML', async () => {
    const t = new Date().toISOString();
    expect(
      (
        await query({
          Action: 'PutMetricAlarm',
          AlarmName: 'q-alarm',
          Namespace: 'Q',
          MetricName: 'Err',
          Statistic: 'Sum',
          Period: '60',
          EvaluationPeriods: '1',
          Threshold: '5',
          ComparisonOperator: 'GreaterThanThreshold',
          'Dimensions.member.1.Name': 'Svc',
          'Dimensions.member.1.Value': '42',
        })
      ).status,
    ).toBe(200);
    const data = await query({
      Action: 'PutMetricData',
      Namespace: 'Q',
      'MetricData.member.1.MetricName': 'Err',
      'MetricData.member.1.Timestamp': t,
      'MetricData.member.1.Dimensions.member.1.Name': 'Svc',
      'MetricData.member.1.Dimensions.member.1.Value': '42',
      'MetricData.member.1.Values.member.1': '4',
      'MetricData.member.1.Values.member.2': '3',
    });
    expect(data).toMatchObject({
      status: 200,
      xml: expect.stringContaining('<PutMetricDataResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/">'),
    });
    const described = await query({ Action: 'DescribeAlarms', 'AlarmNames.member.1': 'q-alarm' });
    expect(described.status).toBe(200);
    expect(described.xml).toContain('<DescribeAlarmsResult><MetricAlarms><member><AlarmName>q-alarm</AlarmName>');
    expect(described.xml).toContain('<StateValue>ALARM</StateValue>');
    expect(described.xml).toContain('<Dimensions><member><Name>Svc</Name><Value>42</Value></member></Dimensions>');
    expect(described.xml).toMatch(/<StateUpdatedTimestamp>\d{4}-\d\d-\d\dT[\d:.]+Z<\/StateUpdatedTimestamp>/);
  });

  it('answers errors as Query ErrorResponse XML with the query error code', async () => {
    const res = await query({ Action: 'SetAlarmState', AlarmName: 'ghost', StateValue: 'OK', StateReason: 'x' });
    expect(res.status).toBe(404);
    expect(res.xml).toContain('<Error><Type>Sender</Type><Code>ResourceNotFound</Code>');
    const bad = await query({ Action: 'LaunchRockets' });
    expect(bad.status).toBe(400);
    expect(bad.xml).toContain('<Code>InvalidAction</Code>');
  });
});
