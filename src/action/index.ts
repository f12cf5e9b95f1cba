/** Bundled into dist/index.js (action.yml `main`). */
import { run } from './main.js';

await run();
