// Starts the app. Trunk would inline this loader into index.html; it is a
// file instead so that the page's Content-Security-Policy can forbid inline
// scripts. Trunk puts the hashed file names on the <script> tag (see
// pattern_script in Trunk.toml).
const tag = document.querySelector("script[data-tc-js]");
try {
  const js = new URL(tag.dataset.tcJs, document.baseURI).href;
  const wasm = new URL(tag.dataset.tcWasm, document.baseURI);
  const { default: init } = await import(js);
  const instance = await init({ module_or_path: wasm });
  dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm: instance } }));
} catch (error) {
  const p = document.createElement("p");
  p.className = "boot-error";
  p.textContent = `The app could not start: ${error}`;
  document.body.append(p);
  throw error;
}
