/** The shape of the generated `input-rules.json` (see scripts/aws-models/generate-input-rules.ts). */
export interface RuleRef {
  shape?: string;
  type?: string;
  members?: Record<string, RuleRef>;
  required?: string[];
  member?: RuleRef;
  key?: RuleRef;
  value?: RuleRef;
  location?: string;
  locationName?: string;
  payload?: string;
  timestampFormat?: string;
  flattened?: boolean;
}

export interface RuleConstraint {
  /** A structure's required members as the newer model has them (they override the shape's). */
  required?: string[];
  enum?: string[];
  min?: number;
  max?: number;
  pattern?: string;
}

export interface OperationRules {
  http: { method: string; requestUri: string; responseCode?: number };
  input?: RuleRef;
  /** By member path from the input: `name`, `patchOperations[].op`, `tags{}` (a map's values), `tags{key}`. */
  constraints: Record<string, RuleConstraint>;
  /** The error shapes the model lists for the operation. */
  errors: string[];
}

export interface ErrorShape {
  /** The code on the wire (the Query protocol's code for awsQueryCompatible services). */
  code: string;
  status: number;
  fault: 'client' | 'server';
  /** The error shape's body members (JSON protocols: `Message` or `message`, WAF's `Field`, `Parameter`…). */
  members?: string[];
}

export interface InputRules {
  source: string;
  services: Record<
    string,
    {
      protocol: string;
      operations: Record<string, OperationRules>;
      errorShapes: Record<string, ErrorShape>;
      shapes: Record<string, RuleRef>;
    }
  >;
}
