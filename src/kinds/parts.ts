/**
 * Field tables of the records that live inside another kind's record and have no change of
 * their own (REST method responses and integration responses, written with their route).
 */
import { integrationResponseFields } from './integration-response/fields.js';
import { methodResponseFields } from './method-response/fields.js';

export const PART_TABLES: readonly object[] = [methodResponseFields, integrationResponseFields];
