/**
 * A REST client certificate (backend mutual TLS): API Gateway generates it; a REST stage
 * names it (`clientCertificate: <name>`) so the backend can tell API Gateway's calls apart.
 * AWS gives a certificate no name: the record's name lives in its `apigw-sync:id` tag.
 */
export interface ClientCertificateModel {
  /** The name the state gives it (the file name under client-certificates/); kept in the `apigw-sync:id` tag. */
  name: string;
  description?: string;
  tags: Record<string, string>;
}
