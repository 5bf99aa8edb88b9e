// A small static file server on 127.0.0.1 (random free port by default) with the right content
// types (application/wasm for .wasm). Serves ROOT; refuses paths outside it.
// Run by hand: node okr-wasm/tests/server.mjs [ROOT] [PORT]  -> http://127.0.0.1:PORT/okr-wasm/demo/
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8', '.png': 'image/png',
};

export function serve(root, port = 0) {
  root = path.resolve(root);
  const server = http.createServer(async (req, res) => {
    try {
      let rel = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
      if (rel.endsWith('/')) rel += 'index.html';
      const file = path.resolve(root, '.' + rel);
      if (file !== root && !file.startsWith(root + path.sep)) { res.writeHead(403).end(); return; }
      const data = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      }).end(data);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const srv = await serve(process.argv[2] ?? path.resolve(here, '../..'), Number(process.argv[3] ?? 8000));
  console.log(`http://127.0.0.1:${srv.address().port}/okr-wasm/demo/?asOf=2026-11-15`);
}
