// workerd / Cloudflare Workers entry: the .wasm is imported as a compiled
// WebAssembly.Module (declare it as a wasm module in the worker's config,
// or let wrangler bundle it) and instantiated synchronously.
import module from './tc_js_bg.wasm';
import { initSync } from './index.js';

initSync({ module });

export * from './index.js';
