/** Why a service's spec cannot even be checked: the gateway has no such API or service entry. */
import { ApigwSyncError, type SourceLocation } from '../model/errors.js';

export class UnknownApiError extends ApigwSyncError {
  constructor(apiKey: string, where: string, known: string[]) {
    super('UNKNOWN_API', `${where} has no API "${apiKey}" (no apis/${apiKey}/api.yaml)`, {
      hint: known.length
        ? `--api takes the API's folder name under apis/: ${known.join(', ')}`
        : 'check --to/--path: the gateway-state directory has no apis/ folders',
    });
  }
}

export class UnknownServiceError extends ApigwSyncError {
  constructor(a: { apiKey: string; service: string; known: string[]; apiYaml: SourceLocation; file: string }) {
    super(
      'UNKNOWN_SERVICE',
      `no openapi entry of API ${a.apiKey} names service "${a.service}"${a.known.length ? ` (its services: ${a.known.join(', ')})` : ''}`,
      {
        location: a.apiYaml,
        hint: a.known.length
          ? `pass one of them as --service, or ask the gateway team to add an entry to apis/${a.apiKey}/api.yaml:\n    openapi:\n      - file: ${a.file}\n        service: ${a.service}\n        integration: { type: http_proxy, baseUri: https://${a.service}.internal.example.com }`
          : `apis/${a.apiKey}/api.yaml lists no OpenAPI files under \`openapi:\`; add one with \`service: ${a.service}\``,
      },
    );
  }
}

export class BadServiceNameError extends ApigwSyncError {
  constructor(service: string, derived: boolean) {
    super(
      'BAD_SERVICE_NAME',
      `service name "${service}" is not valid${derived ? ' (derived from the --file name)' : ''}`,
      {
        hint: 'a service name is lower-case letters, digits and dashes, e.g. --service users',
      },
    );
  }
}
