/**
 * REST client certificates (backend mutual TLS): Generate (a certificate valid for 365 days;
 * the PEM is a well-formed stand-in, not a real X.509 certificate), Get, GetClientCertificates
 * (paged), Update (patch `/description`) and Delete — refused while a stage names it (our
 * reading: AWS's pages do not say). A stage names one with `replace /clientCertificateId`.
 */
import { randomBytes } from 'node:crypto';
import type { ApigwV1Module } from '../apigw-v1/index.js';
import { newId } from '../apigw-v1/ids.js';
import { parsePatchOps } from '../apigw-v1/patch.js';
import { route } from '../apigw-v1/route.js';
import { bodyOf, compact, nowSeconds, ok, page, str, strMap } from '../apigw-v1/wire.js';
import { checkTags } from '../core/tags.js';
import { badRequest, limitExceeded, notFound, type ModuleContext, type RouteDef } from '../core/types.js';
import type { AccountState, ClientCertificate } from './types.js';

/** AWS's quota: client certificates per account and region. */
export const CLIENT_CERTIFICATES_PER_REGION = 60;

function pem(): string {
  const body = randomBytes(600)
    .toString('base64')
    .match(/.{1,64}/g)!
    .join('\n');
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----`;
}

export const clientCertificateView = (c: ClientCertificate) =>
  compact({ ...c, tags: c.tags && Object.keys(c.tags).length > 0 ? c.tags : undefined });

/** The stages (`restApiId/stage`) that name a client certificate. */
export function stagesUsing(ctx: ModuleContext | undefined, id: string): string[] {
  const v1 = ctx?.module<ApigwV1Module>('apigateway')?.store;
  return (v1?.state.apis ?? []).flatMap((a) =>
    a.stages.filter((s) => s.clientCertificateId === id).map((s) => `${a.api.id}/${s.stageName}`),
  );
}

export function clientCertificateRoutes(state: () => AccountState, ctx?: ModuleContext): RouteDef[] {
  const find = (id: string) => {
    const c = state().clientCertificates.find((x) => x.clientCertificateId === id);
    if (!c) throw notFound('Invalid client certificate identifier specified');
    return c;
  };
  return [
    route('POST', '/clientcertificates', 'GenerateClientCertificate', true, (req) => {
      const b = bodyOf(req);
      if (state().clientCertificates.length >= CLIENT_CERTIFICATES_PER_REGION)
        throw limitExceeded(`Maximum number of client certificates reached (${CLIENT_CERTIFICATES_PER_REGION})`);
      const now = nowSeconds();
      const c: ClientCertificate = compact({
        clientCertificateId: newId(6),
        description: str(b, 'description'),
        pemEncodedCertificate: pem(),
        createdDate: now,
        expirationDate: now + 365 * 24 * 3600,
        tags: checkTags(strMap(b, 'tags')),
      });
      state().clientCertificates.push(c);
      return ok(clientCertificateView(c), 201);
    }),
    route('GET', '/clientcertificates', 'GetClientCertificates', false, (req) =>
      ok(page(state().clientCertificates.map(clientCertificateView), req)),
    ),
    route('GET', '/clientcertificates/{clientCertificateId}', 'GetClientCertificate', false, (_req, p) =>
      ok(clientCertificateView(find(p.clientCertificateId))),
    ),
    route('PATCH', '/clientcertificates/{clientCertificateId}', 'UpdateClientCertificate', true, (req, p) => {
      const c = find(p.clientCertificateId);
      const next = { ...c };
      for (const op of parsePatchOps(bodyOf(req).patchOperations)) {
        if (op.path !== '/description' || (op.op !== 'replace' && op.op !== 'add' && op.op !== 'remove')) {
          throw badRequest(
            `Invalid patch path '${op.path}' specified for op '${op.op}'. Must be one of: [/description]`,
          );
        }
        if (op.op === 'remove' || !op.value) delete next.description;
        else next.description = op.value;
      }
      const list = state().clientCertificates;
      list[list.indexOf(c)] = next;
      return ok(clientCertificateView(next));
    }),
    route('DELETE', '/clientcertificates/{clientCertificateId}', 'DeleteClientCertificate', true, (_req, p) => {
      const c = find(p.clientCertificateId);
      const users = stagesUsing(ctx, c.clientCertificateId);
      if (users.length > 0)
        throw badRequest(
          `Cannot delete client certificate ${c.clientCertificateId}: stages use it (${users.join(', ')}); replace /clientCertificateId on them first`,
        );
      state().clientCertificates = state().clientCertificates.filter((x) => x !== c);
      return ok(undefined, 202);
    }),
  ];
}
