// IOC extraction in wasm (the built npm package in Node): a 1 MB defanged
// report, timed over several runs. Prints one JSON line for xtask bench.
// Usage: node tests/npm/bench/ioc.mjs <path to target/npm>
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const dir = process.argv[2];
const { extractIndicators } = await import(pathToFileURL(join(dir, 'node.js')).href);

const para = 'On 2024-01-17 the actor used hxxp://evil[.]example/login.php?next=/account and ' +
  '198.51.100[.]23 to stage the dropper (MD5 44d88612fea8a8f36de82e1278abb02f). ' +
  'Contact billing[@]evil.example was spoofed; see also 2001:db8::bad:1 and AS64500. ' +
  'The report, version 1.2.3, lists file.txt and setup.exe as benign artefacts.\n';
const text = para.repeat(Math.ceil(1048576 / para.length));
const bytes = Buffer.byteLength(text);

extractIndicators(text); // warm up
const times = [];
let hits = 0;
for (let i = 0; i < 7; i++) {
  const t0 = performance.now();
  hits = extractIndicators(text).length;
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(JSON.stringify({ bytes, hits, medianMs: median, minMs: times[0], maxMs: times.at(-1), mbPerS: bytes / 1048576 / (median / 1000) }));
