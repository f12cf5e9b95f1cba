/**
 * `node dist/healthcheck.js`: the container's HEALTHCHECK (distroless images have no curl).
 * Exit 0 when the App's server answers GET /healthz with 200 within two seconds, else 1.
 */
import { HEALTHZ_PATH } from './runtime.js';

const port = process.env.PORT || '3000';
try {
  const res = await fetch(`http://127.0.0.1:${port}${HEALTHZ_PATH}`, { signal: AbortSignal.timeout(2000) });
  process.exitCode = res.status === 200 ? 0 : 1;
} catch {
  process.exitCode = 1;
}
