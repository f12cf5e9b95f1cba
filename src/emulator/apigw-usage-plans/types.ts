/**
 * Usage plans, API keys and usage-plan keys as the emulator keeps them: the v1 wire shapes
 * (camelCase, epoch seconds). An API key's value is stored in full, as AWS does; answers show
 * it only where AWS does (CreateApiKey, `includeValue(s)`, usage-plan keys).
 */
export type StrMap = Record<string, string>;

export interface ThrottleSettings {
  burstLimit?: number;
  rateLimit?: number;
}

export interface QuotaSettings {
  limit: number;
  offset: number;
  period: 'DAY' | 'WEEK' | 'MONTH';
}

export interface ApiStage {
  apiId: string;
  stage: string;
  /** Per-method throttles keyed `{resourcePath}/{httpMethod}`: `/pets/GET`, `//GET` for the root resource. */
  throttle?: Record<string, ThrottleSettings>;
}

export interface UsagePlan {
  id: string;
  name: string;
  description?: string;
  apiStages: ApiStage[];
  throttle?: ThrottleSettings;
  quota?: QuotaSettings;
  productCode?: string;
  tags?: StrMap;
}

export interface ApiKey {
  id: string;
  value: string;
  name?: string;
  customerId?: string;
  description?: string;
  enabled: boolean;
  createdDate: number;
  lastUpdatedDate: number;
  /** Legacy (pre-usage-plan) stage keys: `restApiId/stageName`. */
  stageKeys: string[];
  tags?: StrMap;
}

export interface UsagePlanKey {
  usagePlanId: string;
  keyId: string;
}

export interface UsagePlansState {
  apiKeys: ApiKey[];
  usagePlans: UsagePlan[];
  usagePlanKeys: UsagePlanKey[];
}
