// HMAC signing in wasm (the package's `signRequest`) versus CryptoJS
// `HmacSHA256` (npm `crypto-js`, the library the official JavaScript SDK
// signs with; here for comparison only), in the same process, producing the
// same two headers. Prints one JSON line for xtask bench.
// Usage: node tests/npm/bench/hmac.mjs <path to target/npm>
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import CryptoJS from 'crypto-js';

const dir = process.argv[2];
const { signRequest } = await import(pathToFileURL(join(dir, 'node.js')).href);

const accessId = '12345678901234567890';
const secretKey = 'aSecretKeyForTestingOnly+/=';
const path = '/api/v2/indicators/hosts/example.com?Owner=Common%20Community';

const wasm = (timestamp) => signRequest({ accessId, secretKey, path, method: 'GET', timestamp });
const cryptoJs = (timestamp) => {
  const signature = CryptoJS.HmacSHA256(`${path}:GET:${timestamp}`, secretKey).toString(CryptoJS.enc.Base64);
  return { Timestamp: String(timestamp), Authorization: `TC ${accessId}:${signature}` };
};

// Both sign alike (vector 2 of the reference's signing vectors).
assert.deepEqual(wasm(1513703787), cryptoJs(1513703787));
assert.equal(wasm(1513703787).Authorization, `TC ${accessId}:1Xy3iLacGM9ofdnpJFMVcyzWNpoL5gd05ikFeSGB+Xo=`);

const N = 20_000;
const run = (f) => {
  const t0 = performance.now();
  for (let i = 0; i < N; i++) f(1_700_000_000 + i);
  return performance.now() - t0;
};
// Warm up both, then alternate so that machine noise hits both alike.
run(wasm);
run(cryptoJs);
const wasmMs = [];
const cryptoMs = [];
for (let round = 0; round < 5; round++) {
  wasmMs.push(run(wasm));
  cryptoMs.push(run(cryptoJs));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const w = median(wasmMs);
const c = median(cryptoMs);
console.log(JSON.stringify({
  signatures: N,
  wasmUsPerSignature: (w * 1000) / N,
  cryptoJsUsPerSignature: (c * 1000) / N,
  speedup: c / w,
}));
