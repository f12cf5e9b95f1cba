import { readFields } from '../field.js';
import { authorizerFields } from './fields.js';
import type { AuthorizerModel } from './model.js';

export function restAuthorizer(a: object, declared?: AuthorizerModel): AuthorizerModel {
  return readFields<AuthorizerModel>(authorizerFields, 'RestApi', a, { declared }) as AuthorizerModel;
}

export function httpAuthorizer(a: object, declared?: AuthorizerModel): AuthorizerModel {
  return readFields<AuthorizerModel>(authorizerFields, 'HttpApi', a, { declared }) as AuthorizerModel;
}
