/**
 * The second thread of a one-off site build (started by prerender.ts, run
 * as its own kept bundle): builds the site data, sends its outline, then
 * renders every page's body and sends them (page-bodies.ts).
 */
import { parentPort } from 'node:worker_threads';
import { UserError } from '../lib/problems.ts';
import { BodyPacker, eachBody, siteOutline } from './page-bodies.ts';
import { describeFailure, type BodiesMessage, type OutlineMessage } from './prerender-handle.ts';
import { siteSettings } from './settings.ts';
import { buildSiteData, type SiteData } from './site-data.ts';

function main(port: NonNullable<typeof parentPort>): void {
  const start = performance.now();
  let site: SiteData;
  try {
    site = buildSiteData(siteSettings());
  } catch (err) {
    const message: OutlineMessage =
      err instanceof UserError ? { kind: 'problem', message: err.message, exitCode: err.exitCode } : { kind: 'failed', message: describeFailure(err) };
    port.postMessage(message);
    return;
  }
  port.postMessage({ kind: 'outline', outline: siteOutline(site), ms: performance.now() - start } satisfies OutlineMessage);
  let message: BodiesMessage;
  try {
    const packer = new BodyPacker();
    eachBody(site, (key, body) => packer.add(key, body));
    message = { kind: 'bodies', bodies: packer.packed() };
  } catch (err) {
    port.postMessage({ kind: 'failed', message: describeFailure(err) } satisfies BodiesMessage);
    return;
  }
  port.postMessage(message, message.bodies.chunks);
}

if (parentPort) main(parentPort);
