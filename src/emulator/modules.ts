/**
 * The service modules `startEmulator()` loads by default, one factory per line.
 * Each engineer adds the line for their module here (factories: a fresh module per emulator).
 */
import type { ModuleFactory } from './core/types.js';
import { createApigwV1Module } from './apigw-v1/index.js';
import { createApigwV2Module } from './apigw-v2/index.js';
import { createCloudWatchModule } from './cloudwatch/index.js';
import { createTrafficModule } from './traffic/index.js';
import { createDomainsModule } from './apigw-domains/index.js';
import { createUsagePlansModule } from './apigw-usage-plans/index.js';
import { createAccountModule } from './apigw-account/index.js';
import { createVpcLinksModule } from './apigw-vpc-links/index.js';
import { createWafModule } from './wafv2/index.js';
import { createSsmModule } from './ssm/index.js';
import { createSecretsManagerModule } from './secretsmanager/index.js';

export const defaultModules: ModuleFactory[] = [
  createApigwV1Module,
  createApigwV2Module,
  createCloudWatchModule,
  createTrafficModule,
  createDomainsModule,
  createUsagePlansModule,
  createAccountModule,
  createVpcLinksModule,
  createWafModule,
  createSsmModule,
  createSecretsManagerModule,
];
