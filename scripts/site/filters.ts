/** Nunjucks filters. Views are precomputed; filters only phrase. */
import { plural } from '../lib/plural.ts';

export const filters = { plural };
