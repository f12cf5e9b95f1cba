/**
 * HTTP API settings checked as API Gateway checks them: CORS (from `x-amazon-apigateway-cors`
 * or api.yaml `cors:`), integration parameter mapping keys, the import/export version.
 */
import type { CorsModel } from '../../../model/api.js';
import type { ValidationIssue } from '../../../model/issue.js';
import type { SourceDoc } from '../../../state/yaml-source.js';
import { docIssue, isObj, type Occurrence } from './scan.js';

const CORS_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', '*'];

export interface CorsProblem {
  /** The member at fault (for the location). */
  member: keyof CorsModel;
  code: string;
  message: string;
  hint: string;
}

/** The refusals of CreateApi/UpdateApi/ImportApi for a CorsConfiguration. */
export function corsProblems(c: Partial<Record<keyof CorsModel, unknown>>): CorsProblem[] {
  const out: CorsProblem[] = [];
  const origins = Array.isArray(c.allowOrigins) ? c.allowOrigins : [];
  if (c.allowCredentials === true && origins.includes('*')) {
    out.push({
      member: 'allowCredentials',
      code: 'cors-credentials-wildcard',
      message:
        'CORS allowCredentials with the * origin: AWS refuses it ("allow-credentials is not supported if \'allow-origin\' is *")',
      hint: 'list the allowed origins explicitly, or set allowCredentials: false',
    });
  }
  if (
    c.maxAge !== undefined &&
    !(typeof c.maxAge === 'number' && Number.isInteger(c.maxAge) && c.maxAge >= -1 && c.maxAge <= 86400)
  ) {
    out.push({
      member: 'maxAge',
      code: 'cors-max-age',
      message: `CORS maxAge ${JSON.stringify(c.maxAge)} is outside -1..86400 seconds`,
      hint: 'use a whole number of seconds up to 86400 (one day), or -1 to disable caching of preflight results',
    });
  }
  for (const m of Array.isArray(c.allowMethods) ? c.allowMethods : []) {
    if (typeof m !== 'string' || !CORS_METHODS.includes(m.toUpperCase())) {
      out.push({
        member: 'allowMethods',
        code: 'cors-method',
        message: `CORS allowMethods value ${JSON.stringify(m)} is not an HTTP method`,
        hint: `use ${CORS_METHODS.join(', ')}`,
      });
    }
  }
  return out;
}

export function checkCorsExtension(src: SourceDoc, occ: Occurrence): ValidationIssue[] {
  if (!isObj(occ.value))
    return [
      docIssue(src, occ.path, {
        code: 'cors-invalid',
        message: 'x-amazon-apigateway-cors must be an object',
        hint: 'e.g. { allowOrigins: [https://example.com], allowMethods: [GET, POST] }',
      }),
    ];
  const v = occ.value;
  return corsProblems(v).map((p) =>
    docIssue(src, v[p.member] !== undefined ? [...occ.path, p.member] : occ.path, {
      code: p.code,
      message: p.message,
      hint: p.hint,
    }),
  );
}

const REQUEST_KEY = /^((append|overwrite|remove):(header|querystring)\.\S+|overwrite:path)$/;
const RESPONSE_KEY = /^((append|overwrite|remove):header\.\S+|overwrite:statuscode)$/;

/** A request parameter key of an HTTP API integration that AWS would refuse (undefined: fine). */
export function requestParameterKeyProblem(key: string): string | undefined {
  return REQUEST_KEY.test(key) ? undefined : `request parameter "${key}" is not a mapping AWS accepts for HTTP APIs`;
}

export const REQUEST_KEY_HINT =
  'use append|overwrite|remove:header.<name>, append|overwrite|remove:querystring.<name> or overwrite:path';

export function checkHttpResponseParameters(
  src: SourceDoc,
  path: ReadonlyArray<string | number>,
  value: unknown,
): ValidationIssue[] {
  if (!isObj(value))
    return [
      docIssue(src, path, {
        code: 'http-response-parameter',
        message: 'responseParameters must map status codes to parameter mappings',
        hint: 'e.g. { "404": { "overwrite:statuscode": "410" } }',
      }),
    ];
  const out: ValidationIssue[] = [];
  for (const [code, map] of Object.entries(value)) {
    if (!/^[2-5]\d\d$/.test(code)) {
      out.push(
        docIssue(src, [...path, code], {
          code: 'http-response-status',
          message: `responseParameters status code ${code} is outside 200–599`,
          hint: 'key the mappings by the backend status code they apply to, from 200 to 599',
        }),
      );
      continue;
    }
    for (const k of Object.keys(isObj(map) ? map : {})) {
      if (!RESPONSE_KEY.test(k)) {
        out.push(
          docIssue(src, [...path, code, k], {
            code: 'http-response-parameter',
            message: `response parameter "${k}" (status ${code}) is not a mapping AWS accepts for HTTP APIs`,
            hint: 'use append|overwrite|remove:header.<name> or overwrite:statuscode',
          }),
        );
      }
    }
  }
  return out;
}

export function checkImportExportVersion(src: SourceDoc, occ: Occurrence): ValidationIssue[] {
  if (occ.value === '1.0' || occ.value === 1) return [];
  return [
    docIssue(src, occ.path, {
      key: false,
      code: 'importexport-version',
      message: `x-amazon-apigateway-importexport-version ${JSON.stringify(occ.value)} is not a version API Gateway has`,
      hint: 'use "1.0" (the only version), or remove it',
    }),
  ];
}
