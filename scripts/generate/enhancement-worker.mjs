// Worker entry for scripts/generate/parallel.ts: the worker thread has no
// TypeScript loader of its own, so register tsx (as bin/certdocs.mjs does),
// then run the job.
import { register } from 'tsx/esm/api';

register();
await import('./enhancement-job.ts');
