/** Parameter Store parameters as the emulator keeps them (JSON 1.1 wire names; timestamps epoch seconds). */
export interface ParameterVersion {
  Version: number;
  Value: string;
  /** A SecureString version's ciphertext, what GetParameter answers without WithDecryption. */
  Ciphertext?: string;
  LastModifiedDate: number;
}

export interface Parameter {
  Name: string;
  Type: 'String' | 'StringList' | 'SecureString';
  Tier: string;
  DataType: string;
  Description?: string;
  KeyId?: string;
  AllowedPattern?: string;
  Tags: Array<{ Key: string; Value: string }>;
  versions: ParameterVersion[];
}

export interface SsmState {
  parameters: Parameter[];
}
