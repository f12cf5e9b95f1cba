/** PURE: live API models → gateway-state file texts. The I/O around it is src/engine/import.ts. */
export { emitApi, emitGatewayYaml, OPENAPI_FILE, type EmittedApi } from './emit.js';
export { apiKeyFor } from './emit-api-yaml.js';
export { emitAccountRecord, type EmittedAccountRecord } from './emit-account.js';
