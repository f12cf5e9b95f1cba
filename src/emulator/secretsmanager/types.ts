/** Secrets Manager secrets as the emulator keeps them (JSON 1.1 wire names; timestamps epoch seconds; binary values base64). */
export interface SecretVersion {
  VersionId: string;
  SecretString?: string;
  SecretBinary?: string;
  VersionStages: string[];
  CreatedDate: number;
}

export interface Secret {
  ARN: string;
  Name: string;
  Description?: string;
  KmsKeyId?: string;
  Tags: Array<{ Key: string; Value: string }>;
  CreatedDate: number;
  versions: SecretVersion[];
}

export interface SecretsState {
  secrets: Secret[];
}
