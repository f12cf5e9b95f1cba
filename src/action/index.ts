/** Bundled into dist/action/index.js (action.yml `main`) by `npm run build`. */
import { run } from './main.js';

await run();
