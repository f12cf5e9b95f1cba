/** REST: a request/response model (JSON Schema draft 4), keyed in ApiModel.models by name. */
export interface ModelSchema {
  contentType: string;
  /** JSON Schema (draft 4) as a plain object; compared structurally. */
  schema: unknown;
  description?: string;
}
