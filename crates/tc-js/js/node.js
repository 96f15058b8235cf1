// Node.js entry: loads the .wasm next to this file synchronously, so the
// package is ready as soon as it is imported.
import { readFileSync } from 'node:fs';
import { initSync } from './index.js';

initSync({ module: readFileSync(new URL('./tc_js_bg.wasm', import.meta.url)) });

export * from './index.js';
