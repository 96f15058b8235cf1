// The ThreatConnect v2 client for JavaScript: the camelCase path tree over
// the WebAssembly module built from crates/tc-js.
//
// Every method here only names an operation of the module's table
// (`indicator.tags.add`, ...) and passes its arguments; requests, signing,
// URLs, paging rules and errors are all decided in Rust. This file adds the
// JavaScript shape: classes for the path tree, async iteration, `Error`
// subclasses, and module initialisation.

import wasmInit, {
  initSync as wasmInitSync,
  Client,
  defang as wasmDefang,
  extractIndicators as wasmExtractIndicators,
  operations as wasmOperations,
  refang as wasmRefang,
  signRequest as wasmSignRequest,
} from './tc_js.js';

// ---------------------------------------------------------------------------
// Initialisation

let ready = false;
let pending = null;

/**
 * Loads the WebAssembly module. `input` is anything wasm-bindgen's `init`
 * takes (a URL, a `Response`, bytes, a `WebAssembly.Module`); by default the
 * `.wasm` file next to this module is fetched. Idempotent. The `node` and
 * `workerd` entry points call `initSync` themselves.
 */
export function init(input) {
  if (ready) return Promise.resolve();
  if (pending === null) {
    const arg = input === undefined ? undefined : { module_or_path: input };
    pending = wasmInit(arg).then(
      () => {
        ready = true;
      },
      (e) => {
        pending = null;
        throw e;
      },
    );
  }
  return pending;
}

/** Loads the module synchronously from bytes or a `WebAssembly.Module`. */
export function initSync(input) {
  if (ready) return;
  const module = input && typeof input === 'object' && 'module' in input ? input.module : input;
  wasmInitSync({ module });
  ready = true;
}

function requireReady(what) {
  if (!ready) {
    throw new ThreatConnectError(`call \`await init()\` before ${what}`, {
      code: 'not_initialized',
    });
  }
}

// ---------------------------------------------------------------------------
// Errors

/** Base class of every error this package throws; `code` is stable. */
export class ThreatConnectError extends Error {
  constructor(message, details = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = details.code ?? 'unknown';
    this.status = details.status;
    this.serviceMessage = details.serviceMessage;
    if (details.retryAfter !== undefined) this.retryAfter = details.retryAfter;
    if (details.path !== undefined) this.path = details.path;
    if (details.field !== undefined) this.field = details.field;
  }
}
ThreatConnectError.prototype.name = 'ThreatConnectError';

/** The options or an argument were refused before anything was sent. */
export class ConfigError extends ThreatConnectError {}
ConfigError.prototype.name = 'ConfigError';

/** No HTTP answer: network failure, timeout or abort. */
export class TransportError extends ThreatConnectError {}
TransportError.prototype.name = 'TransportError';

/** The service answered with an error; `status` is the HTTP status. */
export class ApiError extends ThreatConnectError {}
ApiError.prototype.name = 'ApiError';

/** The service answered with a body that could not be read. */
export class ParseError extends ThreatConnectError {}
ParseError.prototype.name = 'ParseError';

const TRANSPORT_CODES = new Set(['network', 'timeout', 'aborted', 'transport']);
const CONFIG_CODES = new Set(['config', 'invalid_input', 'not_initialized']);

function errorClass(code, status) {
  if (CONFIG_CODES.has(code)) return ConfigError;
  if (TRANSPORT_CODES.has(code)) return TransportError;
  if (code === 'parse') return ParseError;
  if (status !== undefined) return ApiError;
  return ThreatConnectError;
}

/** Turns the module's rejection into the matching subclass. */
function toError(e) {
  if (e instanceof ThreatConnectError) return e;
  if (e && e.name === 'ThreatConnectError' && typeof e.code === 'string') {
    const Class = errorClass(e.code, e.status);
    return new Class(e.message, e);
  }
  return e;
}

// ---------------------------------------------------------------------------
// The engine: one wasm client, calls and pages

const CALL_OPTIONS = ['signal', 'timeoutMs', 'onProgress'];

function splitOptions(options) {
  const query = {};
  const call = {};
  let pageSize;
  for (const [key, value] of Object.entries(options ?? {})) {
    if (value === undefined) continue;
    if (CALL_OPTIONS.includes(key)) call[key] = value;
    else if (key === 'pageSize') pageSize = value;
    else query[key] = value;
  }
  return { query, call, pageSize };
}

function clean(args) {
  const out = {};
  for (const [key, value] of Object.entries(args)) {
    if (value === undefined) continue;
    out[key] = key === 'target' && value && typeof value === 'object' ? clean(value) : value;
  }
  return out;
}

function merge(a, b) {
  const out = { ...a, ...b };
  if (a.target || b.target) out.target = { ...a.target, ...b.target };
  return out;
}

/** The bytes of `data` as the module takes them: bytes and strings as they
 * are, any other value as its JSON text. */
function wireData(data) {
  if (data === undefined || data === null) return undefined;
  if (typeof data === 'string' || data instanceof ArrayBuffer || ArrayBuffer.isView(data)) {
    return data;
  }
  return toJson(data, 'data');
}

/** JSON text for the module; a value JSON cannot hold is refused here. */
function toJson(value, field) {
  let text;
  try {
    text = JSON.stringify(value);
  } catch (cause) {
    throw new ConfigError(`${field} cannot be sent as JSON: ${cause.message}`, {
      code: 'invalid_input',
      field,
      cause,
    });
  }
  if (text === undefined) {
    throw new ConfigError(`${field} cannot be sent as JSON`, { code: 'invalid_input', field });
  }
  return text;
}

/** The module answers JSON text (parsed here, where `JSON.parse` is
 * fastest), bytes, or `undefined`. */
function fromWire(answer) {
  return typeof answer === 'string' ? JSON.parse(answer) : answer;
}

/** Splits call arguments into their JSON text and the raw `data`. */
function toWire(args) {
  const { data, ...rest } = clean(args);
  return [toJson(rest, 'args'), wireData(data)];
}

async function toBytes(data) {
  if (typeof Blob !== 'undefined' && data instanceof Blob) {
    return new Uint8Array(await data.arrayBuffer());
  }
  return data;
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

class Engine {
  #client = null;
  #make = null;
  #failure = null;
  #summary;

  constructor(options) {
    if (options === null || typeof options !== 'object') {
      throw new ConfigError('options must be an object', { code: 'config' });
    }
    // A copy, dropped as soon as the client exists: secrets then live
    // only inside the module.
    const copy = { ...options };
    this.#summary = `ThreatConnect client for ${String(copy.baseUrl)}`;
    this.#make = () => new Client(copy);
    if (ready) this.#create();
    if (this.#failure) throw this.#failure;
  }

  #create() {
    const make = this.#make;
    this.#make = null;
    try {
      this.#client = make();
      this.#summary = this.#client.toString();
    } catch (e) {
      this.#failure = toError(e);
    }
  }

  async #ready() {
    if (this.#client === null && this.#failure === null) {
      try {
        await init();
      } catch (cause) {
        throw new ConfigError(`the WebAssembly module could not be loaded: ${cause}`, {
          code: 'not_initialized',
          cause,
        });
      }
      if (this.#make !== null) this.#create();
    }
    if (this.#failure) throw this.#failure;
    return this.#client;
  }

  get summary() {
    return this.#summary;
  }

  async call(op, args, options) {
    const client = await this.#ready();
    const { query, call } = splitOptions(options);
    const [text, data] = toWire({ ...query, ...args });
    try {
      return fromWire(await client.invoke(op, text, data, call));
    } catch (e) {
      throw toError(e);
    }
  }

  async runBatch(items, config, options = {}) {
    const client = await this.#ready();
    if (!Array.isArray(items)) {
      throw new ConfigError('batch items must be an array', { code: 'invalid_input' });
    }
    const { signal, onProgress } = options ?? {};
    const text = toJson(items, 'items');
    const settings = toJson(config ?? {}, 'config');
    try {
      return fromWire(await client.runBatch(text, settings, { signal, onProgress }));
    } catch (e) {
      throw toError(e);
    }
  }

  async page(op, args, start, limit, options) {
    const client = await this.#ready();
    const { query, call } = splitOptions(options);
    const [text] = toWire({ ...query, ...args });
    try {
      return fromWire(await client.page(op, text, start, limit, call));
    } catch (e) {
      throw toError(e);
    }
  }
}

/** The default page size of iteration (the service's own default). */
const DEFAULT_PAGE_SIZE = 100;

/**
 * A list: iterate it with `for await`, walk its `pages()`, fetch one
 * `page({ start, limit })`, or collect it with `toArray()`. It is not a
 * promise: `await tc.indicators.list()` gives the listing back, not items.
 */
export class Listing {
  #engine;
  #op;
  #args;
  #options;
  #pageSize;

  constructor(engine, op, args, options) {
    this.#engine = engine;
    this.#op = op;
    this.#args = args;
    this.#options = options;
    this.#pageSize = splitOptions(options).pageSize ?? DEFAULT_PAGE_SIZE;
  }

  /** One page: `{ items, resultCount, next }`. */
  page({ start = 0, limit = this.#pageSize } = {}) {
    return this.#engine.page(this.#op, this.#args, start, limit, this.#options);
  }

  /** Every page from `start`, fetched as the loop asks for it. */
  async *pages({ start = 0 } = {}) {
    let total;
    let at = start;
    while (at !== null) {
      const page = await this.page({ start: at });
      if (page.resultCount !== undefined) total = page.resultCount;
      yield page;
      at = page.next;
      if (at !== null && total !== undefined && at >= total) at = null;
    }
  }

  async *[Symbol.asyncIterator]() {
    for await (const page of this.pages()) yield* page.items;
  }

  /** Every item, in one array. */
  async toArray() {
    const out = [];
    for await (const item of this) out.push(item);
    return out;
  }
}

// ---------------------------------------------------------------------------
// The path tree

const SCOPE = Symbol('scope');

/** An operation prefix and the arguments that identify it. */
class Scope {
  constructor(engine, prefix, args = {}) {
    this.engine = engine;
    this.prefix = prefix;
    this.args = args;
  }

  child(name, args = {}) {
    return new Scope(this.engine, `${this.prefix}.${name}`, merge(this.args, args));
  }

  call(op, args, options) {
    return this.engine.call(`${this.prefix}.${op}`, merge(this.args, args), options);
  }

  list(op, args, options) {
    return new Listing(this.engine, `${this.prefix}.${op}`, merge(this.args, args), options);
  }
}

class Branch {
  constructor(scope) {
    Object.defineProperty(this, SCOPE, { value: scope });
  }
}

/** The tags of a parent. */
class TagLinks extends Branch {
  list(options) {
    return this[SCOPE].list('list', {}, options);
  }
  get(name, options) {
    return this[SCOPE].call('get', { target: { name } }, options);
  }
  add(name, options) {
    return this[SCOPE].call('add', { target: { name } }, options);
  }
  remove(name, options) {
    return this[SCOPE].call('remove', { target: { name } }, options);
  }
}

/** The security labels of a parent or attribute (same calls as tags). */
class LabelLinks extends TagLinks {}

/** Associated items addressed by id (victims, tasks, one asset type). */
class IdLinks extends Branch {
  list(options) {
    return this[SCOPE].list('list', {}, options);
  }
  get(id, options) {
    return this[SCOPE].call('get', { target: { id } }, options);
  }
  add(id, options) {
    return this[SCOPE].call('add', { target: { id } }, options);
  }
  remove(id, options) {
    return this[SCOPE].call('remove', { target: { id } }, options);
  }
}

/** Associated groups of one type. */
class TypedGroupLinks extends IdLinks {}

/** Associated groups. */
class GroupLinks extends Branch {
  list(options) {
    return this[SCOPE].list('list', {}, options);
  }
  ofType(type) {
    return new TypedGroupLinks(this[SCOPE].child('ofType', { target: { type } }));
  }
}

/** Associated indicators of one type. */
class TypedIndicatorLinks extends Branch {
  list(options) {
    return this[SCOPE].list('list', {}, options);
  }
  get(value, options) {
    return this[SCOPE].call('get', { target: { value } }, options);
  }
  add(value, options) {
    return this[SCOPE].call('add', { target: { value } }, options);
  }
  remove(value, options) {
    return this[SCOPE].call('remove', { target: { value } }, options);
  }
}

/** Associated indicators. */
class IndicatorLinks extends Branch {
  list(options) {
    return this[SCOPE].list('list', {}, options);
  }
  ofType(type) {
    return new TypedIndicatorLinks(this[SCOPE].child('ofType', { target: { type } }));
  }
}

/** Associated victim assets. */
class VictimAssetLinks extends Branch {
  list(options) {
    return this[SCOPE].list('list', {}, options);
  }
  ofType(type) {
    return new IdLinks(this[SCOPE].child('ofType', { target: { type } }));
  }
}

/** The attributes of a parent. */
class Attributes extends Branch {
  list(options) {
    return this[SCOPE].list('list', {}, options);
  }
  create(attribute, options) {
    return this[SCOPE].call('create', { body: attribute }, options);
  }
}

/** One attribute of a parent. */
class AttributeItem extends Branch {
  get(options) {
    return this[SCOPE].call('get', {}, options);
  }
  update(attribute, options) {
    return this[SCOPE].call('update', { body: attribute }, options);
  }
  delete(options) {
    return this[SCOPE].call('delete', {}, options);
  }
  get securityLabels() {
    return new LabelLinks(this[SCOPE].child('securityLabels'));
  }
}

/** A parent of the shared tree: its association children. */
class Item extends Branch {
  get attributes() {
    return new Attributes(this[SCOPE].child('attributes'));
  }
  attribute(id) {
    return new AttributeItem(this[SCOPE].child('attribute', { target: { id } }));
  }
  get tags() {
    return new TagLinks(this[SCOPE].child('tags'));
  }
  get securityLabels() {
    return new LabelLinks(this[SCOPE].child('securityLabels'));
  }
  get groups() {
    return new GroupLinks(this[SCOPE].child('groups'));
  }
  get indicators() {
    return new IndicatorLinks(this[SCOPE].child('indicators'));
  }
  get victims() {
    return new IdLinks(this[SCOPE].child('victims'));
  }
  get victimAssets() {
    return new VictimAssetLinks(this[SCOPE].child('victimAssets'));
  }
  get tasks() {
    return new IdLinks(this[SCOPE].child('tasks'));
  }
}

/** Children kept by id with a JSON body: list, create, get, update, delete. */
class IdCollection extends Branch {
  list(options) {
    return this[SCOPE].list('list', {}, options);
  }
  create(body, options) {
    return this[SCOPE].call('create', { body }, options);
  }
  get(id, options) {
    return this[SCOPE].call('get', { target: { id } }, options);
  }
  update(id, body, options) {
    return this[SCOPE].call('update', { target: { id }, body }, options);
  }
  delete(id, options) {
    return this[SCOPE].call('delete', { target: { id } }, options);
  }
}

/** The file occurrences of a file indicator. */
class FileOccurrences extends IdCollection {}

/** A parent that can be read and deleted. */
class RemovableItem extends Item {
  get(options) {
    return this[SCOPE].call('get', {}, options);
  }
  delete(options) {
    return this[SCOPE].call('delete', {}, options);
  }
}

/** A parent that can also be updated with a JSON body. */
class EditableItem extends RemovableItem {
  update(fields, options) {
    return this[SCOPE].call('update', { body: fields }, options);
  }
}

/** One indicator: `tc.indicator('hosts', 'evil.example')`. */
class IndicatorItem extends EditableItem {
  observations(options) {
    return this[SCOPE].list('observations', {}, options);
  }
  recordObservation(observation = {}, options) {
    return this[SCOPE].call('recordObservation', { body: observation }, options);
  }
  observationCount(options) {
    return this[SCOPE].call('observationCount', {}, options);
  }
  reportFalsePositive(options) {
    return this[SCOPE].call('reportFalsePositive', {}, options);
  }
  falsePositive(options) {
    return this[SCOPE].call('falsePositive', {}, options);
  }
  owners(options) {
    return this[SCOPE].list('owners', {}, options);
  }
  dnsResolutions(options) {
    return this[SCOPE].list('dnsResolutions', {}, options);
  }
  fileActions(action) {
    return new IndicatorLinks(this[SCOPE].child('fileActions', { action }));
  }
  associations(associationType) {
    return new IndicatorLinks(this[SCOPE].child('associations', { associationType }));
  }
  get fileOccurrences() {
    return new FileOccurrences(this[SCOPE].child('fileOccurrences'));
  }
}

/** The file content of a document or report. */
class DocumentContent extends Branch {
  async upload(data, options) {
    return this[SCOPE].call('upload', { data: await toBytes(data) }, options);
  }
  async replace(data, options) {
    return this[SCOPE].call('replace', { data: await toBytes(data) }, options);
  }
  download(options) {
    return this[SCOPE].call('download', {}, options);
  }
}

/** The assets of one type of an adversary. */
class TypedAdversaryAssets extends Branch {
  list(options) {
    return this[SCOPE].list('ofType.list', {}, options);
  }
  create(value, options) {
    return this[SCOPE].call('create', { target: { value } }, options);
  }
  get(id, options) {
    return this[SCOPE].call('get', { target: { id } }, options);
  }
  update(id, value, options) {
    return this[SCOPE].call('update', { target: { id, value } }, options);
  }
  delete(id, options) {
    return this[SCOPE].call('delete', { target: { id } }, options);
  }
}

/** The assets of an adversary. */
class AdversaryAssets extends Branch {
  list(options) {
    return this[SCOPE].list('list', {}, options);
  }
  ofType(type) {
    return new TypedAdversaryAssets(new Scope(
      this[SCOPE].engine,
      this[SCOPE].prefix,
      merge(this[SCOPE].args, { target: { type } }),
    ));
  }
}

/** One group: `tc.group('incidents', 42)`. */
class GroupItem extends EditableItem {
  publish(publishOptions = {}, options) {
    return this[SCOPE].call('publish', { body: publishOptions }, options);
  }
  signatureText(options) {
    return this[SCOPE].call('signatureText', {}, options);
  }
  get document() {
    return new DocumentContent(this[SCOPE].child('document'));
  }
  get adversaryAssets() {
    return new AdversaryAssets(this[SCOPE].child('adversaryAssets'));
  }
}

/** One tag: `tc.tag('Nation State')`. */
class TagItem extends RemovableItem {
  rename(name, { description, ...options } = {}) {
    return this[SCOPE].call('rename', { body: { name, description } }, options);
  }
}

/** One security label: `tc.securityLabel('TLP:AMBER')`. */
class SecurityLabelItem extends RemovableItem {}

/** Assignees or escalatees of a task, by user name. */
class UserLinks extends TagLinks {}

/** One task: `tc.task(1)`. */
class TaskItem extends EditableItem {
  get assignees() {
    return new UserLinks(this[SCOPE].child('assignees'));
  }
  get escalatees() {
    return new UserLinks(this[SCOPE].child('escalatees'));
  }
}

/** The victim's own assets of one type. */
class VictimAssets extends IdCollection {}

/** One victim: `tc.victim(3)`. */
class VictimItem extends EditableItem {
  assets(type) {
    return new VictimAssets(this[SCOPE].child('assets', { target: { type } }));
  }
}

/** One owner by id. */
class OwnerItem extends Branch {
  get(options) {
    return this[SCOPE].call('get', {}, options);
  }
  metrics(options) {
    return this[SCOPE].list('metrics', {}, options);
  }
}

/** A collection with `list`, `page` and (where the service has one) `create`. */
function collection(engine, name) {
  const scope = new Scope(engine, name);
  return {
    list: (options) => scope.list('list', {}, options),
    page: ({ start = 0, limit = DEFAULT_PAGE_SIZE, ...options } = {}) =>
      scope.list('list', {}, options).page({ start, limit }),
    scope,
  };
}

function typed(engine, name, branch) {
  const { list, page, scope } = collection(engine, name);
  const ofType = (type) => {
    const s = new Scope(engine, `${name}.ofType`, { type });
    return {
      list: (options) => s.list('list', {}, options),
      page: ({ start = 0, limit = DEFAULT_PAGE_SIZE, ...options } = {}) =>
        s.list('list', {}, options).page({ start, limit }),
      create: (body, options) => s.call('create', { body }, options),
      deleted: branch === 'indicators' ? (options) => s.list('deleted', {}, options) : undefined,
    };
  };
  const pick = ({ type, ...options } = {}) => (type === undefined ? null : ofType(type));
  return {
    list: (options) => pick(options)?.list(options) ?? list(options),
    page: (options) => pick(options)?.page(options) ?? page(options),
    ofType,
    scope,
  };
}

/**
 * A ThreatConnect v2 client. Options: `baseUrl` plus `accessId` and
 * `secretKey` (HMAC) or `token` (a string, or a function returning a
 * promise of one, called before each request); optional `defaultOwner`,
 * `timeoutMs`, `fetch`, `allowInsecureHttp`.
 */
export class ThreatConnect {
  #engine;

  constructor(options) {
    this.#engine = new Engine(options);
    const engine = this.#engine;

    const indicators = typed(engine, 'indicators', 'indicators');
    const ind = new Scope(engine, 'indicators');
    this.indicators = Object.freeze({
      list: indicators.list,
      page: indicators.page,
      ofType: indicators.ofType,
      create: (type, body, options) => indicators.ofType(type).create(body, options),
      observed: (options) => ind.list('observed', {}, options),
      deleted: ({ type, ...options } = {}) =>
        type === undefined
          ? ind.list('deleted', {}, options)
          : indicators.ofType(type).deleted(options),
      bulkStatus: (options) => ind.call('bulkStatus', {}, options),
      bulkJson: (options) => ind.call('bulkJson', {}, options),
      bulkDownload: ({ format = 'json', ...options } = {}) =>
        ind.call('bulkDownload', { format }, options),
    });

    const groups = typed(engine, 'groups', 'groups');
    this.groups = Object.freeze({
      list: groups.list,
      page: groups.page,
      ofType: (type) => {
        const { list, page } = groups.ofType(type);
        return { list, page, create: (body, options) => groups.scope.call('create', { type, body }, options) };
      },
      create: (type, body, options) => groups.scope.call('create', { type, body }, options),
    });

    const owners = collection(engine, 'owners');
    this.owners = Object.freeze({
      list: owners.list,
      page: owners.page,
      mine: (options) => owners.scope.call('mine', {}, options),
      mineMembers: (options) => owners.scope.list('mine.members', {}, options),
      metrics: (options) => owners.scope.list('metrics', {}, options),
    });

    const tags = collection(engine, 'tags');
    this.tags = Object.freeze({
      list: tags.list,
      page: tags.page,
      create: (name, { description, ...options } = {}) =>
        tags.scope.call('create', { body: { name, description } }, options),
    });

    const labels = collection(engine, 'securityLabels');
    this.securityLabels = Object.freeze({ list: labels.list, page: labels.page });

    for (const name of ['tasks', 'victims']) {
      const c = collection(engine, name);
      this[name] = Object.freeze({
        list: c.list,
        page: c.page,
        create: (body, options) => c.scope.call('create', { body }, options),
      });
    }

    for (const name of ['indicatorTypes', 'associationTypes']) {
      const c = collection(engine, name);
      this[name] = Object.freeze({
        list: c.list,
        page: c.page,
        get: (typeName, options) => c.scope.call('get', { name: typeName }, options),
      });
    }

    const batch = new Scope(engine, 'batch');
    this.batch = Object.freeze({
      create: (config, options) => batch.call('create', { body: config }, options),
      upload: async (id, data, options) =>
        batch.call('upload', { id, data: await toBytes(data) }, options),
      status: (id, options) => batch.call('status', { id }, options),
      errors: (id, options) => batch.call('errors', { id }, options),
      results: (id, options) => batch.call('results', { id }, options),
      run: (items, config, options) => engine.runBatch(items, config, options),
    });
  }

  /** The API user. */
  whoami(options) {
    return this.#engine.call('whoami', {}, options);
  }

  /** One owner by id. */
  owner(id) {
    return new OwnerItem(new Scope(this.#engine, 'owner', { id }));
  }

  /** One indicator by type branch (`hosts`) and value. */
  indicator(type, value) {
    return new IndicatorItem(new Scope(this.#engine, 'indicator', { type, value }));
  }

  /** One group by type branch (`incidents`) and id. */
  group(type, id) {
    return new GroupItem(new Scope(this.#engine, 'group', { type, id }));
  }

  /** One tag by name (any characters). */
  tag(name) {
    return new TagItem(new Scope(this.#engine, 'tag', { name }));
  }

  /** One security label by name. */
  securityLabel(name) {
    return new SecurityLabelItem(new Scope(this.#engine, 'securityLabel', { name }));
  }

  /** One task by id. */
  task(id) {
    return new TaskItem(new Scope(this.#engine, 'task', { id }));
  }

  /** One victim by id. */
  victim(id) {
    return new VictimItem(new Scope(this.#engine, 'victim', { id }));
  }

  /** Runs any operation by name (see `operations()`). */
  invoke(op, args = {}, options) {
    return this.#engine.call(op, args, options);
  }

  toString() {
    return this.#engine.summary;
  }

  toJSON() {
    return { client: this.#engine.summary };
  }

  [INSPECT]() {
    return `ThreatConnect { ${this.#engine.summary} }`;
  }
}

// ---------------------------------------------------------------------------
// IOC toolkit

/**
 * Finds indicators in `text`: `[{ type, kind, value, start, end }]`, with
 * `type` the API branch (`hosts`, `addresses`, ...) and offsets in UTF-16
 * code units (string indices) of the original, possibly defanged, text.
 */
export function extractIndicators(text, options) {
  requireReady('extractIndicators');
  return JSON.parse(wasmExtractIndicators(String(text), options));
}

/** Undoes defanging (`hxxp`, `[.]`, `(at)`, ...). */
export function refang(text) {
  requireReady('refang');
  return wasmRefang(String(text));
}

/** Defangs one indicator value (`evil[.]example`). */
export function defang(value) {
  requireReady('defang');
  return wasmDefang(String(value));
}

/**
 * The `Timestamp` and `Authorization` headers of one HMAC-signed request,
 * for requests sent without the client: `path` is the path and query
 * exactly as sent (base prefix included, already percent-encoded),
 * `method` defaults to `GET`, `timestamp` (Unix seconds) to now.
 */
export function signRequest({ accessId, secretKey, path, method = 'GET', timestamp } = {}) {
  requireReady('signRequest');
  const seconds = timestamp ?? Math.floor(Date.now() / 1000);
  try {
    return wasmSignRequest(
      String(accessId ?? ''),
      String(secretKey ?? ''),
      String(path ?? ''),
      String(method),
      Number(seconds),
    );
  } catch (e) {
    throw toError(e);
  }
}

/** Every operation name `invoke` knows. */
export function operations() {
  requireReady('operations');
  return wasmOperations();
}
