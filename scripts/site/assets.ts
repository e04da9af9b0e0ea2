/**
 * Files served from the site itself (nothing is loaded from another host):
 * the stylesheet and scripts in templates/assets/, and mermaid for the
 * browser fallback when SVGs were not rendered.
 */
import path from 'node:path';
import { PROJECT_ROOT } from './settings.ts';

const fromCwd = (rel: string) => path.relative(process.cwd(), path.join(PROJECT_ROOT, rel)).split(path.sep).join('/');

export function passthrough(): Record<string, string> {
  return {
    [fromCwd('templates/assets')]: 'assets',
    [fromCwd('node_modules/mermaid/dist/mermaid.min.js')]: 'assets/mermaid.min.js',
  };
}
