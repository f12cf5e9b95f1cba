// Writes schema/*.schema.json from the zod schemas: `npm run schema`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchemas } from '../src/validate/json-schema.js';

for (const [name, text] of Object.entries(jsonSchemas())) {
  writeFileSync(join(import.meta.dirname, name), text);
  console.log(`wrote schema/${name}`);
}
