/** API Gateway's per-account, per-region settings and REST client certificates, as the emulator keeps them (v1 wire shapes). */
export interface AccountSettings {
  cloudwatchRoleArn?: string;
  features: string[];
}

export interface ClientCertificate {
  clientCertificateId: string;
  description?: string;
  pemEncodedCertificate: string;
  createdDate: number;
  expirationDate: number;
  tags?: Record<string, string>;
}

export interface AccountState {
  account: AccountSettings;
  clientCertificates: ClientCertificate[];
}
