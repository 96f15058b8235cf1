// Shared by the examples' tests: the package tests' helpers (sandbox,
// processes killed by pid, temp folders) and their node_modules
// (playwright-core, workerd), so the examples install nothing of their own.

import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ACCESS_ID, PACKAGE_DIR, SECRET_KEY, freePort, freshDir, start, stop, workerdBinary } from '../../tests/npm/helpers.mjs';

export * from '../../tests/npm/helpers.mjs';

export const EXAMPLES = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const NPM_TESTS = resolve(EXAMPLES, '../tests/npm');
export const { chromium } = await import(join(NPM_TESTS, 'node_modules/playwright-core/index.mjs'));

const PACKAGE_FILES = ['workerd.js', 'index.js', 'tc_js.js', 'tc_js_bg.wasm'];

const capnpText = (s) => JSON.stringify(String(s));

function edgeConfig(sandboxUrl, allowedOrigin) {
  const modules = PACKAGE_FILES.map((f) =>
    f.endsWith('.wasm')
      ? `    (name = "node_modules/@tc-wasm/threatconnect/${f}", wasm = embed "pkg/${f}"),`
      : `    (name = "node_modules/@tc-wasm/threatconnect/${f}", esModule = embed "pkg/${f}"),`,
  ).join('\n');
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "loopback", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:8787", http = (), service = "main") ],
);

const worker :Workerd.Worker = (
  modules = [
    (name = "worker.mjs", esModule = embed "worker.mjs"),
    (name = "@tc-wasm/threatconnect",
     esModule = "export * from '/node_modules/@tc-wasm/threatconnect/workerd.js';"),
${modules}
  ],
  compatibilityDate = "2024-09-23",
  bindings = [
    (name = "TC_API", text = ${capnpText(sandboxUrl)}),
    (name = "TC_ID", text = ${capnpText(ACCESS_ID)}),
    (name = "TC_SECRET", text = ${capnpText(SECRET_KEY)}),
    (name = "ALLOWED_ORIGIN", text = ${capnpText(allowedOrigin)}),
  ],
  globalOutbound = "loopback",
);
`;
}

async function waitForServer(url, ms = 30000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((done) => setTimeout(done, 200));
    }
  }
  throw new Error(`workerd did not answer at ${url} within ${ms} ms`);
}

/**
 * Runs examples/edge-worker/src/worker.mjs in workerd on 127.0.0.1 with the
 * sandbox's URL and demo HMAC credentials as text bindings; answers its
 * origin and a stop() (kills workerd by pid, removes the temp folder).
 */
export async function startEdgeWorker({ sandboxUrl, allowedOrigin }) {
  const dir = freshDir('tc-example-workerd-');
  let workerd;
  try {
    mkdirSync(join(dir.dir, 'pkg'));
    for (const f of PACKAGE_FILES) copyFileSync(join(PACKAGE_DIR, f), join(dir.dir, 'pkg', f));
    copyFileSync(join(EXAMPLES, 'edge-worker/src/worker.mjs'), join(dir.dir, 'worker.mjs'));
    writeFileSync(join(dir.dir, 'config.capnp'), edgeConfig(sandboxUrl, allowedOrigin));
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    workerd = start(workerdBinary(), ['serve', join(dir.dir, 'config.capnp'), '--socket-addr', `http=127.0.0.1:${port}`]);
    workerd.stdout.pipe(process.stderr);
    await waitForServer(`${origin}/`);
    return {
      origin,
      stop: async () => {
        await stop(workerd);
        dir.remove();
      },
    };
  } catch (e) {
    await stop(workerd);
    dir.remove();
    throw e;
  }
}
