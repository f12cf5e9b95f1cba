/**
 * The SDK v3 commands of the account-scope kinds' operations (the kinds name them as data:
 * src/kinds/<kind>/index.ts `account.read` / `write`). One table per API Gateway API; a kind
 * may name only what is here (test/unit/kinds/registry.test.ts checks).
 */
import {
  CreateApiKeyCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  DeleteApiKeyCommand,
  DeleteUsagePlanCommand,
  DeleteUsagePlanKeyCommand,
  GetApiKeyCommand,
  GetApiKeysCommand,
  GetUsagePlanKeysCommand,
  GetUsagePlansCommand,
  UpdateApiKeyCommand,
  UpdateUsagePlanCommand,
  CreateBasePathMappingCommand,
  CreateDomainNameCommand,
  DeleteBasePathMappingCommand,
  DeleteDomainNameCommand,
  GetBasePathMappingsCommand,
  GetDomainNamesCommand,
  UpdateBasePathMappingCommand,
  UpdateDomainNameCommand,
  CreateVpcLinkCommand,
  DeleteVpcLinkCommand,
  GetVpcLinkCommand,
  GetVpcLinksCommand,
  UpdateVpcLinkCommand,
  DeleteClientCertificateCommand,
  GenerateClientCertificateCommand,
  GetClientCertificateCommand,
  GetClientCertificatesCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateClientCertificateCommand,
} from '@aws-sdk/client-api-gateway';
import {
  CreateApiMappingCommand,
  DeleteApiMappingCommand,
  GetApiMappingsCommand,
  UpdateApiMappingCommand,
  CreateVpcLinkCommand as V2CreateVpcLinkCommand,
  DeleteVpcLinkCommand as V2DeleteVpcLinkCommand,
  GetVpcLinkCommand as V2GetVpcLinkCommand,
  GetVpcLinksCommand as V2GetVpcLinksCommand,
  TagResourceCommand as V2TagResourceCommand,
  UntagResourceCommand as V2UntagResourceCommand,
  UpdateVpcLinkCommand as V2UpdateVpcLinkCommand,
} from '@aws-sdk/client-apigatewayv2';
import type { OpenApiKind } from '../../model/api.js';
import { ApigwSyncError } from '../../model/errors.js';

type CommandClass = new (input: never) => unknown;

// Account records live in v1 (REST) or v2 (HTTP; WebSocket APIs share v2's) — two flavours.
const COMMANDS: Record<OpenApiKind, Record<string, CommandClass>> = {
  RestApi: {
    GetClientCertificates: GetClientCertificatesCommand,
    GetClientCertificate: GetClientCertificateCommand,
    GenerateClientCertificate: GenerateClientCertificateCommand,
    UpdateClientCertificate: UpdateClientCertificateCommand,
    DeleteClientCertificate: DeleteClientCertificateCommand,
    GetUsagePlans: GetUsagePlansCommand,
    CreateUsagePlan: CreateUsagePlanCommand,
    UpdateUsagePlan: UpdateUsagePlanCommand,
    DeleteUsagePlan: DeleteUsagePlanCommand,
    GetUsagePlanKeys: GetUsagePlanKeysCommand,
    CreateUsagePlanKey: CreateUsagePlanKeyCommand,
    DeleteUsagePlanKey: DeleteUsagePlanKeyCommand,
    GetApiKeys: GetApiKeysCommand,
    GetApiKey: GetApiKeyCommand,
    CreateApiKey: CreateApiKeyCommand,
    UpdateApiKey: UpdateApiKeyCommand,
    DeleteApiKey: DeleteApiKeyCommand,
    GetVpcLinks: GetVpcLinksCommand,
    GetVpcLink: GetVpcLinkCommand,
    CreateVpcLink: CreateVpcLinkCommand,
    UpdateVpcLink: UpdateVpcLinkCommand,
    DeleteVpcLink: DeleteVpcLinkCommand,
    GetDomainNames: GetDomainNamesCommand,
    CreateDomainName: CreateDomainNameCommand,
    UpdateDomainName: UpdateDomainNameCommand,
    DeleteDomainName: DeleteDomainNameCommand,
    GetBasePathMappings: GetBasePathMappingsCommand,
    CreateBasePathMapping: CreateBasePathMappingCommand,
    UpdateBasePathMapping: UpdateBasePathMappingCommand,
    DeleteBasePathMapping: DeleteBasePathMappingCommand,
    TagResource: TagResourceCommand,
    UntagResource: UntagResourceCommand,
  },
  HttpApi: {
    GetVpcLinks: V2GetVpcLinksCommand,
    GetVpcLink: V2GetVpcLinkCommand,
    CreateVpcLink: V2CreateVpcLinkCommand,
    UpdateVpcLink: V2UpdateVpcLinkCommand,
    DeleteVpcLink: V2DeleteVpcLinkCommand,
    GetApiMappings: GetApiMappingsCommand,
    CreateApiMapping: CreateApiMappingCommand,
    UpdateApiMapping: UpdateApiMappingCommand,
    DeleteApiMapping: DeleteApiMappingCommand,
    TagResource: V2TagResourceCommand,
    UntagResource: V2UntagResourceCommand,
  },
};

/** The SDK command for `op` on the flavour's client. */
export function accountCommand(flavour: OpenApiKind, op: string, input: object): unknown {
  const Command = COMMANDS[flavour][op];
  if (!Command)
    throw new ApigwSyncError('NO_ACCOUNT_OP', `no SDK command for ${op} (${flavour === 'RestApi' ? 'v1' : 'v2'})`, {
      hint: 'add the operation to src/aws/account/commands.ts',
    });
  return new Command(input as never);
}

/** The operations this edge can send for account-scope kinds, per flavour. */
export function accountOperations(flavour: OpenApiKind): string[] {
  return Object.keys(COMMANDS[flavour]);
}
