/**
 * The Route 53 hosted zone of API Gateway's regional endpoints per region (AWS General
 * Reference, "Amazon API Gateway endpoints and quotas"), which `regionalHostedZoneId` /
 * v2 `HostedZoneId` name so a DNS alias can point at the domain. Edge-optimized domains are
 * CloudFront distributions: one zone for every region.
 */
const REGIONAL_ZONES: Readonly<Record<string, string>> = {
  'us-east-1': 'Z1UJRXOUMOOFQ8',
  'us-east-2': 'ZOJJZC49E0EPZ',
  'us-west-1': 'Z2MUQ32089INYE',
  'us-west-2': 'Z2OJLYMUO9EFXC',
  'ca-central-1': 'Z19DQILCV0OWEC',
  'af-south-1': 'Z2DHW2332DAMTN',
  'ap-east-1': 'Z3FD1VL90ND7K5',
  'ap-south-1': 'Z3VO1THU9YC4UR',
  'ap-south-2': 'Z0853509Q1135NJ66RUH',
  'ap-southeast-1': 'ZL327KTPIQFUL',
  'ap-southeast-2': 'Z2RPCDW04V8134',
  'ap-southeast-3': 'Z10132843TYUYSLUG4HA3',
  'ap-southeast-4': 'Z092189423Y7RJK61311D',
  'ap-northeast-1': 'Z1YSHQZHG15GKL',
  'ap-northeast-2': 'Z20JF4UZKIW1U8',
  'ap-northeast-3': 'Z22ILHG95FLSZ2',
  'eu-west-1': 'ZLY8HYME6SFDD',
  'eu-west-2': 'ZJ5UAJN8Y3Z2Q',
  'eu-west-3': 'Z3KY65QIEKYHQQ',
  'eu-central-1': 'Z1U9ULNL0V5AJ3',
  'eu-central-2': 'Z09222482MK253X48U76H',
  'eu-north-1': 'Z3UWIKFBOOGXPP',
  'eu-south-1': 'Z3BT4WSQ9TDYZV',
  'eu-south-2': 'Z02499852UI5HEQ5JVWX3',
  'il-central-1': 'Z07264553HBI44N5X2CKP',
  'me-central-1': 'Z08780021BKYYY8U0YHTV',
  'me-south-1': 'Z20ZBPC0SS8806',
  'sa-east-1': 'ZCMLWB8V5SYIT',
  'us-gov-east-1': 'Z3SE9ATJYCRCZJ',
  'us-gov-west-1': 'Z1K6XKP9SAGWDV',
};

/** CloudFront's hosted zone: every edge-optimized domain's `distributionHostedZoneId`. */
export const CLOUDFRONT_HOSTED_ZONE_ID = 'Z2FDTNDATAQYW2';

/** The region's zone; a region missing from the table gets a stable made-up id (said so in docs/emulator-coverage.md). */
export function regionalHostedZoneId(region: string): string {
  return REGIONAL_ZONES[region] ?? `Z${Buffer.from(region).toString('hex').toUpperCase().slice(0, 13)}`;
}
