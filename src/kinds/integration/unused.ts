/**
 * HTTP integrations apigw-sync creates carry a marker in their description. An HTTP apply
 * writes a route's integration before the route (the route targets it): a run that dies in
 * between leaves an integration no route uses. AWS v2 integrations carry no tags, so the
 * marker is how the next read tells such a leftover (ours: delete it) from an integration
 * someone else made (imported, console, another tool: never touched).
 */
const MARKER = 'apigw-sync: integration of ';

/** The description CreateIntegration writes for the integration of route `routeKey`. */
export const integrationMarker = (routeKey: string): string => `${MARKER}${routeKey}`;

/** The route key a marked integration was made for; undefined when apigw-sync did not make it. */
export function markedFor(description: unknown): string | undefined {
  return typeof description === 'string' && description.startsWith(MARKER)
    ? description.slice(MARKER.length)
    : undefined;
}
