/**
 * A generated OpenAPI 3 document with N routes for creating big REST APIs in one
 * ImportRestApi call: `methods` verbs per resource (AWS's default quota allows 300
 * resources per API), resources grouped 50 to a parent. Used by the scale tests and
 * bench/read.ts.
 */
const VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'x-amazon-apigateway-any-method'] as const;

export function generatedOpenapi(
  routes: number,
  opts: { title?: string; methods?: number } = {},
): Record<string, unknown> {
  const per = Math.min(opts.methods ?? 5, VERBS.length);
  const paths: Record<string, Record<string, unknown>> = {};
  for (let i = 0; i < routes; i++) {
    const r = Math.floor(i / per);
    const path = `/svc${Math.floor(r / 50)}/r${r}`;
    const verb = VERBS[i % per];
    (paths[path] ??= {})[verb] = {
      operationId: `op${i}`,
      responses: { '200': { description: 'ok' } },
      'x-amazon-apigateway-integration': {
        type: 'http_proxy',
        httpMethod: verb === 'x-amazon-apigateway-any-method' ? 'ANY' : verb.toUpperCase(),
        uri: `https://backend.example.com${path}`,
        timeoutInMillis: 29000,
      },
    };
  }
  return { openapi: '3.0.1', info: { title: opts.title ?? `generated-${routes}`, version: '1' }, paths };
}

/** Resources the generated API has: the root, one parent per 50 resources, the resources. */
export function generatedResourceCount(routes: number, methods = 5): number {
  const leaves = Math.ceil(routes / methods);
  return 1 + Math.ceil(leaves / 50) + leaves;
}
