// `node --import ./test/helpers/record-loads.mjs …`: appends the URL of every ES module the
// process loads to the file named by RECORD_LOADS_FILE (hooks run on their own thread, so
// they write to a file, not to stderr).
import { register } from 'node:module';

const hooks = `
import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  if (process.env.RECORD_LOADS_FILE && url.startsWith('file:')) appendFileSync(process.env.RECORD_LOADS_FILE, url + '\\n');
  return next(url, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
