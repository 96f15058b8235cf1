// The npm package against bare fetch + JSON.parse over the same pages of a
// sandbox on loopback, memory while iterating 10k/50k/100k indicators, and
// a 100,000-indicator batch import. Prints one JSON line for xtask bench.
// Usage: node tests/npm/bench/list.mjs <path to target/npm> [<other build>...]
// Other builds of the package (e.g. the size-optimised one) are timed on the
// same 10,000-host page in the same rounds, for `others` in the output.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { startSandbox, TOKEN } from '../helpers.mjs';

const [dir, ...otherDirs] = process.argv.slice(2);
const load = async (d) => (await import(pathToFileURL(join(d, 'node.js')).href)).ThreatConnect;
const ThreatConnect = await load(dir);
const others = [];
for (const d of otherDirs) others.push({ dir: d, ThreatConnect: await load(d) });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = () => process.memoryUsage().rss / 1048576;

const sandbox = await startSandbox();
const out = {};
try {
  const tc = new ThreatConnect({ baseUrl: sandbox.url, token: TOKEN, timeoutMs: 600_000 });

  // A 100,000-indicator import (in 4 jobs of 25,000), timed, RSS sampled.
  const items = Array.from({ length: 100_000 }, (_, i) => ({ summary: `b${i}.bench.example`, type: 'Host', rating: 3 }));
  let peak = mb();
  const t0 = performance.now();
  const outcome = await tc.batch.run(items, { owner: 'Demo Organization', chunkItems: 25_000, firstPollMs: 1, pollStepMs: 1, maxPollMs: 5 }, {
    onProgress: () => { peak = Math.max(peak, mb()); },
  });
  out.batch100k = { ms: performance.now() - t0, succeeded: outcome.successCount, peakRssMb: peak };

  // Pages of 10,000 hosts: the package versus fetch + JSON.parse.
  const listUrl = `${sandbox.url}/v2/indicators/hosts?resultStart=0&resultLimit=10000`;
  const bare = async () => {
    const r = await fetch(listUrl, { headers: { Authorization: `TC-Token ${TOKEN}`, Accept: 'application/json' } });
    return JSON.parse(await r.text()).data.host.length;
  };
  const pageOf = (client) => async () =>
    (await client.indicators.page({ type: 'hosts', start: 0, limit: 10_000 })).items.length;
  const pkg = pageOf(tc);
  const rivals = others.map((o) => ({
    dir: o.dir,
    page: pageOf(new o.ThreatConnect({ baseUrl: sandbox.url, token: TOKEN, timeoutMs: 600_000 })),
    times: [],
  }));
  await bare(); await pkg();
  for (const r of rivals) await r.page();
  const bareTimes = []; const pkgTimes = [];
  for (let i = 0; i < 9; i++) {
    let t = performance.now(); await bare(); bareTimes.push(performance.now() - t);
    t = performance.now(); await pkg(); pkgTimes.push(performance.now() - t);
    for (const r of rivals) {
      t = performance.now(); await r.page(); r.times.push(performance.now() - t);
    }
  }
  const bareMs = median(bareTimes);
  out.page10k = {
    bareMs,
    packageMs: median(pkgTimes),
    ratio: median(pkgTimes) / bareMs,
    others: rivals.map((r) => ({ dir: r.dir, ms: median(r.times), ratio: median(r.times) / bareMs })),
  };

  // One lookup, 50 times each.
  const oneUrl = `${sandbox.url}/v2/indicators/hosts/b1.bench.example`;
  const bareOne = async () => JSON.parse(await (await fetch(oneUrl, { headers: { Authorization: `TC-Token ${TOKEN}` } })).text()).data.host.id;
  const pkgOne = async () => (await tc.indicator('hosts', 'b1.bench.example').get()).id;
  await bareOne(); await pkgOne();
  const b1 = []; const p1 = [];
  for (let i = 0; i < 50; i++) {
    let t = performance.now(); await bareOne(); b1.push(performance.now() - t);
    t = performance.now(); await pkgOne(); p1.push(performance.now() - t);
  }
  out.lookup = { bareMs: median(b1), packageMs: median(p1), ratio: median(p1) / median(b1) };

  // Iterating with `for await`: RSS after 10k, 50k and 100k items.
  global.gc?.();
  const marks = { 10_000: 0, 50_000: 0, 100_000: 0 };
  let n = 0; let maxRss = mb();
  const start = performance.now();
  for await (const _ of tc.indicators.list({ type: 'hosts', pageSize: 2_000 })) {
    n++;
    if (n % 2_000 === 0) maxRss = Math.max(maxRss, mb());
    if (n in marks) marks[n] = maxRss;
  }
  out.iterate = { items: n, ms: performance.now() - start, rssMbAt10k: marks[10_000], rssMbAt50k: marks[50_000], rssMbAt100k: marks[100_000] };
} finally {
  await sandbox.stop();
}
console.log(JSON.stringify(out));
