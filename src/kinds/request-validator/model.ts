export interface RequestValidatorModel {
  name: string;
  validateRequestBody: boolean;
  validateRequestParameters: boolean;
}
