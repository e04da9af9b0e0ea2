/**
 * A tiny static file server for a built site, on 127.0.0.1 only (tests and
 * screenshots). Serves <dir>/<path>, <dir>/<path>/index.html, and 404.html
 * with status 404 for anything else. Never leaves the served folder.
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

export async function serveStatic(root: string, prefix = '/'): Promise<StaticServer> {
  const base = path.resolve(root);
  const server = createServer(async (req, res) => {
    try {
      let pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
      if (prefix !== '/' && pathname.startsWith(prefix)) pathname = `/${pathname.slice(prefix.length)}`;
      const target = path.resolve(base, `.${pathname}`);
      if (target !== base && !target.startsWith(base + path.sep)) {
        res.writeHead(403).end();
        return;
      }
      let file: string | undefined;
      if (await isFile(target)) file = target;
      else if (await isFile(path.join(target, 'index.html'))) file = path.join(target, 'index.html');
      if (!file) {
        const notFound = path.join(base, '404.html');
        res.writeHead(404, { 'content-type': TYPES['.html']! });
        res.end((await isFile(notFound)) ? await readFile(notFound) : 'not found');
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(await readFile(file));
    } catch {
      res.writeHead(500).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
