/** User tags of an API. The tool's own tags (prefix `apigw-sync:`) are never part of the model. */
export type TagsModel = Record<string, string>;
