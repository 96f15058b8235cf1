# workerd config of the package test: the worker, the package's files as
# named modules (the .wasm as a wasm module), and an outbound network that
# may reach loopback, where the sandbox listens. The listening address is
# given on the command line (`--socket-addr http=127.0.0.1:PORT`), the
# sandbox URL and token through the environment.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "loopback", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [
    (name = "http", address = "127.0.0.1:8787", http = (), service = "main"),
  ],
);

const worker :Workerd.Worker = (
  modules = [
    (name = "worker.mjs", esModule = embed "worker.mjs"),
    (name = "scenario.mjs", esModule = embed "../scenario.mjs"),
    # What a bundler does with the package's `workerd` export condition.
    (name = "@tc-wasm/threatconnect",
     esModule = "export * from '/node_modules/@tc-wasm/threatconnect/workerd.js';"),
    (name = "node_modules/@tc-wasm/threatconnect/workerd.js",
     esModule = embed "../node_modules/@tc-wasm/threatconnect/workerd.js"),
    (name = "node_modules/@tc-wasm/threatconnect/index.js",
     esModule = embed "../node_modules/@tc-wasm/threatconnect/index.js"),
    (name = "node_modules/@tc-wasm/threatconnect/tc_js.js",
     esModule = embed "../node_modules/@tc-wasm/threatconnect/tc_js.js"),
    (name = "node_modules/@tc-wasm/threatconnect/tc_js_bg.wasm",
     wasm = embed "../node_modules/@tc-wasm/threatconnect/tc_js_bg.wasm"),
  ],
  compatibilityDate = "2024-09-23",
  bindings = [
    (name = "TC_BASE_URL", fromEnvironment = "TC_BASE_URL"),
    (name = "TC_TOKEN", fromEnvironment = "TC_TOKEN"),
  ],
  globalOutbound = "loopback",
);
