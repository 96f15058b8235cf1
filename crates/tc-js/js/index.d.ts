// Types of @tc-wasm/threatconnect, written by hand to match what the
// WebAssembly module returns: the service's own JSON, camelCase, with absent
// fields left out (never `null`). Dates are ISO-8601 strings in UTC
// (`2024-01-15T09:00:00Z`). Most booleans are real booleans; the few the
// service itself writes as strings (`dnsActive`, `whoisActive`, type
// `custom`/`parsable`/`fileAction`) stay the strings `"true"`/`"false"`.
// Every model also carries any field it does not name (custom indicator
// value labels, fields of newer servers), hence the index signatures.

// ---------------------------------------------------------------------------
// Options

/** A `fetch`-compatible function. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

interface CommonOptions {
  /** The API base URL, e.g. `https://app.threatconnect.com/api`. */
  baseUrl: string;
  /** The owner used by calls that take one when the call names none. */
  defaultOwner?: string;
  /** A deadline for every call in milliseconds, retries included (0: none). */
  timeoutMs?: number;
  /** Retries of failed idempotent calls (network, 429, 500/502/504); default 3, 0 turns them off. */
  maxRetries?: number;
  /** Replaces the global `fetch`. */
  fetch?: FetchLike;
  /** Allows plain `http://` to non-loopback hosts (credentials travel in clear text). */
  allowInsecureHttp?: boolean;
}

/** HMAC authentication with an API user's access id and secret key. */
export interface HmacOptions extends CommonOptions {
  accessId: string;
  secretKey: string;
  token?: never;
}

/** Token authentication; a function is called before each request (renewal). */
export interface TokenOptions extends CommonOptions {
  token: string | (() => string | Promise<string>);
  accessId?: never;
  secretKey?: never;
}

export type ThreatConnectOptions = HmacOptions | TokenOptions;

/** `{ phase, loaded, total }` of an upload or download. */
export interface ProgressEvent {
  phase: 'upload' | 'download';
  /** Bytes so far. */
  loaded: number;
  /** All bytes, when known. */
  total?: number;
}

/** Options every call takes. */
export interface CallOptions {
  /** Aborts the call (it then rejects with code `aborted`). */
  signal?: AbortSignal;
  /** This call's deadline in milliseconds, retries included (0: none). */
  timeoutMs?: number;
  /** Progress of uploads and downloads. */
  onProgress?: (event: ProgressEvent) => void;
}

/** A `filters` clause: `'summary^evil'` or `{ field, op, value }`. */
export type Filter =
  | string
  | { field: string; op?: '=' | '<' | '>' | '^' | '!'; value: string | number | boolean };

/** Query parameters the service understands (each call uses the ones it takes). */
export interface QueryOptions {
  owner?: string;
  filters?: Filter[];
  orParams?: boolean;
  includeAdditional?: boolean;
  includeAttributes?: boolean;
  includeTags?: boolean;
  includeLabels?: boolean;
  createActivityLog?: boolean;
  /** ISO-8601 date or date-time. */
  modifiedSince?: string;
  /** Any other documented parameter (`dateObserved`, `detailed`, ...). */
  params?: Record<string, string | number | boolean>;
}

export type Options = CallOptions & QueryOptions;

/** Options of a list: query, call options and the page size of iteration. */
export interface ListOptions extends Options {
  /** Items per request while iterating (1 to 10,000; default 100). */
  pageSize?: number;
}

// ---------------------------------------------------------------------------
// Models

type Extra = { [field: string]: unknown };

/** `"true"` or `"false"`, as the service writes some flags. */
export type StringBoolean = 'true' | 'false';

export interface Owner extends Extra {
  id: number;
  name: string;
  type?: 'Organization' | 'Community' | 'Source' | string;
  itemId?: string;
}

export interface User extends Extra {
  userName?: string;
  firstName?: string;
  lastName?: string;
  pseudonym?: string;
  role?: string;
}

export interface OwnerMetric extends Extra {
  /** `yyyy-MM-dd`. */
  metricDate?: string;
  ownerName?: string;
  totalIndicator?: number;
  totalGroup?: number;
  averageIndicatorRating?: number;
  averageIndicatorConfidence?: number;
}

export interface Tag extends Extra {
  name: string;
  webLink?: string;
  description?: string;
}

export interface SecurityLabel extends Extra {
  name: string;
  description?: string;
  color?: string;
  dateAdded?: string;
}

export interface Attribute extends Extra {
  id: number;
  type?: string;
  value?: string;
  source?: string;
  displayed?: boolean;
  pinned?: boolean;
  dateAdded?: string;
  lastModified?: string;
  securityLabel?: SecurityLabel[];
}

export interface Indicator extends Extra {
  id: number;
  /** Single objects. */
  owner?: Owner;
  /** List items. */
  ownerName?: string;
  /** `Address`, `EmailAddress`, `File`, `Host`, `URL` or a custom type name. */
  type?: string;
  dateAdded?: string;
  lastModified?: string;
  rating?: number;
  confidence?: number;
  threatAssessRating?: number;
  threatAssessConfidence?: number;
  threatAssessScore?: number;
  threatAssessScoreObserved?: number;
  threatAssessScoreFalsePositive?: number;
  calScore?: number;
  calIndicatorStatus?: number;
  webLink?: string;
  description?: string;
  source?: string;
  /** The value as one string (generic lists); multi-value types joined by ` : `. */
  summary?: string;
  /** Address. */
  ip?: string;
  /** EmailAddress. */
  address?: string;
  md5?: string;
  sha1?: string;
  sha256?: string;
  size?: number;
  /** Host. */
  hostName?: string;
  /** Host: the service writes this flag as a string. */
  dnsActive?: StringBoolean;
  /** Host: the service writes this flag as a string. */
  whoisActive?: StringBoolean;
  /** URL. */
  text?: string;
  observationCount?: number;
  lastObserved?: string;
  falsePositiveCount?: number;
  falsePositiveLastReported?: string;
  privateFlag?: boolean;
  active?: boolean;
  activeLocked?: boolean;
  /** With `includeAttributes`. */
  attribute?: Attribute[];
  /** With `includeTags`. */
  tag?: Tag[];
  /** With `includeLabels`. */
  securityLabel?: SecurityLabel[];
}

export interface Group extends Extra {
  id: number;
  name?: string;
  /** `Adversary`, `Campaign`, `Document`, `Email`, `Event`, `Incident`, ... */
  type?: string;
  owner?: Owner;
  ownerName?: string;
  dateAdded?: string;
  lastModified?: string;
  webLink?: string;
  xid?: string;
  createdBy?: unknown;
  eventDate?: string;
  status?: string;
  firstSeen?: string;
  publishDate?: string;
  fileName?: string;
  fileSize?: number;
  malware?: boolean;
  password?: string;
  fileType?: string;
  fileText?: string;
  subject?: string;
  header?: string;
  body?: string;
  to?: string;
  from?: string;
  score?: number;
  attribute?: Attribute[];
  tag?: Tag[];
  securityLabel?: SecurityLabel[];
}

export interface AdversaryAsset extends Extra {
  id: number;
  name?: string;
  type?: 'Handle' | 'PhoneNumber' | 'URL' | string;
  webLink?: string;
  handle?: string;
  phoneNumber?: string;
  url?: string;
}

export interface Task extends Extra {
  id: number;
  name?: string;
  owner?: Owner;
  ownerName?: string;
  dateAdded?: string;
  lastModified?: string;
  webLink?: string;
  status?: 'Not Started' | 'In Progress' | 'Completed' | 'Waiting on Someone' | 'Deferred' | string;
  escalated?: boolean;
  reminded?: boolean;
  overdue?: boolean;
  dueDate?: string;
  reminderDate?: string;
  escalationDate?: string;
  description?: string;
  assignee?: User[];
  escalatee?: User[];
}

export interface Victim extends Extra {
  id: number;
  name?: string;
  description?: string;
  org?: string;
  suborg?: string;
  workLocation?: string;
  nationality?: string;
  webLink?: string;
}

export interface VictimAsset extends Extra {
  id: number;
  name?: string;
  type?: 'EmailAddress' | 'NetworkAccount' | 'Phone' | 'SocialNetwork' | 'WebSite' | string;
  webLink?: string;
  address?: string;
  addressType?: string;
  account?: string;
  network?: string;
  phoneType?: string;
  webSite?: string;
}

export interface Observation extends Extra {
  count?: number;
  dateObserved?: string;
}

export interface ObservationCount extends Extra {
  count?: number;
  lastObserved?: string;
  yourCount?: number;
  yourLastObserved?: string;
}

export interface FalsePositive extends Extra {
  count?: number;
  lastReported?: string;
}

export interface FileOccurrence extends Extra {
  id?: number;
  fileName?: string;
  path?: string;
  date?: string;
}

export interface DnsResolution extends Extra {
  resolutionDate?: string;
  addresses?: Indicator[];
}

export interface UserObservation extends Extra {
  userName?: string;
  userLastObservedDate?: string;
  count?: number;
}

export interface ObservedIndicator extends Extra {
  summary?: string;
  type?: string;
  observationCount?: number;
  lastObserved?: string;
  userObservedList?: UserObservation[];
}

export interface BulkStatus extends Extra {
  name?: string;
  csvEnabled?: boolean;
  jsonEnabled?: boolean;
  nextRun?: string;
  lastRun?: string;
  status?: string;
}

export interface BatchStatus extends Extra {
  id?: number;
  status?: 'Created' | 'Queued' | 'Running' | 'Completed' | string;
  errorCount?: number;
  successCount?: number;
  unprocessCount?: number;
  successIndicatorCount?: number;
  errorIndicatorCount?: number;
  successGroupCount?: number;
  errorGroupCount?: number;
}

export interface BatchItem extends Extra {
  errorReason?: string;
  errorSource?: unknown;
  errorMessage?: string;
}

export interface IndicatorTypeInfo extends Extra {
  name: string;
  custom?: StringBoolean;
  parsable?: StringBoolean;
  apiBranch?: string;
  apiEntity?: string;
  casePreference?: 'upper' | 'lower' | 'sensitive' | string;
  value1Label?: string;
  value1Type?: string;
  value2Label?: string;
  value2Type?: string;
  value3Label?: string;
  value3Type?: string;
  value1Option?: string;
  value2Option?: string;
  value3Option?: string;
  regexes?: string[];
}

export interface AssociationType extends Extra {
  name: string;
  custom?: StringBoolean;
  fileAction?: StringBoolean;
  apiBranch?: string;
}

/** One page of a list. */
export interface Page<T> {
  items: T[];
  /** The total; the service sends it only with the first page (`start` 0). */
  resultCount?: number;
  /** The `start` of the following page, or `null` after the last one. */
  next: number | null;
}

// ---------------------------------------------------------------------------
// Inputs

export type IndicatorTypeName =
  | 'addresses'
  | 'emailAddresses'
  | 'files'
  | 'hosts'
  | 'urls'
  | 'asns'
  | 'cidrBlocks'
  | 'mutexes'
  | 'registryKeys'
  | 'userAgents'
  | 'emailSubjects'
  | 'hashtags'
  | (string & {});

export type GroupTypeName =
  | 'adversaries'
  | 'campaigns'
  | 'documents'
  | 'emails'
  | 'events'
  | 'incidents'
  | 'intrusionSets'
  | 'reports'
  | 'signatures'
  | 'threats'
  | 'attackPatterns'
  | 'coursesOfAction'
  | 'malware'
  | 'tactics'
  | 'tools'
  | 'vulnerabilities'
  | (string & {});

export type VictimAssetTypeName =
  | 'emailAddresses'
  | 'networkAccounts'
  | 'phoneNumbers'
  | 'socialNetworks'
  | 'webSites';

export type AdversaryAssetTypeName = 'handles' | 'phoneNumbers' | 'urls';

export interface AttributeInput {
  /** Required on create. */
  type?: string;
  value?: string;
  displayed?: boolean;
  source?: string;
}

export interface PublishOptions {
  /** Labels whose items are *not* published. */
  securityLabelList?: string[];
  excludeUnlabeled?: boolean;
}

export interface ObservationInput {
  /** Default 1. */
  count?: number;
  /** ISO-8601; the service uses now when absent. */
  dateObserved?: string;
}

export interface BatchConfig {
  owner: string;
  haltOnError?: boolean;
  action?: 'Create' | 'Delete';
  attributeWriteType?: 'Append' | 'Replace' | 'Static' | 'Singleton';
  version?: 'V1' | 'V2';
  tagWriteType?: 'Append' | 'Replace';
  securityLabelWriteType?: 'Append' | 'Replace';
}

/** Bytes to upload: a string is sent as UTF-8. */
export type Bytes = Uint8Array | ArrayBuffer | ArrayBufferView | Blob | string;

// ---------------------------------------------------------------------------
// Errors

export type ErrorCode =
  | 'config'
  | 'invalid_input'
  | 'not_initialized'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'transport'
  | 'bad_request'
  | 'unauthorized'
  | 'clock_skew'
  | 'owner_forbidden'
  | 'exclusion_list'
  | 'not_found'
  | 'rate_limited'
  | 'not_licensed'
  | 'server_error'
  | 'unexpected_response'
  | 'parse';

/** Base class of every error this package throws. */
export class ThreatConnectError extends Error {
  /** Stable machine code; messages may change, codes do not. */
  readonly code: ErrorCode;
  /** The HTTP status when the service answered. */
  readonly status: number | undefined;
  /** The service's own message, when it gave one. */
  readonly serviceMessage: string | undefined;
  /** Seconds to wait (429 with `Retry-After`). */
  readonly retryAfter?: number;
  /** JSON path of the field that could not be read (`parse`). */
  readonly path?: string;
  /** The refused argument (`invalid_input`). */
  readonly field?: string;
}
/** `config`, `invalid_input`, `not_initialized`. */
export class ConfigError extends ThreatConnectError {}
/** `network`, `timeout`, `aborted`, `transport`. */
export class TransportError extends ThreatConnectError {}
/** Any error answer of the service; `status` is set. */
export class ApiError extends ThreatConnectError {
  readonly status: number;
}
/** `parse`. */
export class ParseError extends ThreatConnectError {}

// ---------------------------------------------------------------------------
// Listing

/** A list: async-iterable, page by page, or one explicit page. Not a promise. */
export class Listing<T> implements AsyncIterable<T> {
  private constructor();
  /** One page; `limit` defaults to the listing's `pageSize`. */
  page(window?: { start?: number; limit?: number }): Promise<Page<T>>;
  /** Every page from `start`. */
  pages(from?: { start?: number }): AsyncGenerator<Page<T>, void, undefined>;
  [Symbol.asyncIterator](): AsyncGenerator<T, void, undefined>;
  /** Every item, in one array. */
  toArray(): Promise<T[]>;
}

// ---------------------------------------------------------------------------
// The path tree

export interface TagLinks {
  list(options?: ListOptions): Listing<Tag>;
  get(name: string, options?: Options): Promise<Tag>;
  add(name: string, options?: Options): Promise<void>;
  remove(name: string, options?: Options): Promise<void>;
}

export interface LabelLinks {
  list(options?: ListOptions): Listing<SecurityLabel>;
  get(name: string, options?: Options): Promise<SecurityLabel>;
  add(name: string, options?: Options): Promise<void>;
  remove(name: string, options?: Options): Promise<void>;
}

export interface IdLinks<T> {
  list(options?: ListOptions): Listing<T>;
  get(id: number, options?: Options): Promise<T>;
  add(id: number, options?: Options): Promise<void>;
  remove(id: number, options?: Options): Promise<void>;
}

export interface GroupLinks {
  list(options?: ListOptions): Listing<Group>;
  ofType(type: GroupTypeName): IdLinks<Group>;
}

export interface TypedIndicatorLinks {
  list(options?: ListOptions): Listing<Indicator>;
  get(value: string, options?: Options): Promise<Indicator>;
  add(value: string, options?: Options): Promise<void>;
  remove(value: string, options?: Options): Promise<void>;
}

export interface IndicatorLinks {
  list(options?: ListOptions): Listing<Indicator>;
  ofType(type: IndicatorTypeName): TypedIndicatorLinks;
}

export interface VictimAssetLinks {
  list(options?: ListOptions): Listing<VictimAsset>;
  ofType(type: VictimAssetTypeName): IdLinks<VictimAsset>;
}

export interface Attributes {
  list(options?: ListOptions): Listing<Attribute>;
  create(attribute: AttributeInput & { type: string }, options?: Options): Promise<Attribute>;
}

export interface AttributeItem {
  get(options?: Options): Promise<Attribute>;
  update(attribute: AttributeInput, options?: Options): Promise<Attribute>;
  delete(options?: Options): Promise<void>;
  readonly securityLabels: LabelLinks;
}

/** The children every parent shares. */
export interface Item {
  readonly attributes: Attributes;
  attribute(id: number): AttributeItem;
  readonly tags: TagLinks;
  readonly securityLabels: LabelLinks;
  readonly groups: GroupLinks;
  readonly indicators: IndicatorLinks;
  readonly victims: IdLinks<Victim>;
  readonly victimAssets: VictimAssetLinks;
  readonly tasks: IdLinks<Task>;
}

export interface FileOccurrences {
  list(options?: ListOptions): Listing<FileOccurrence>;
  create(occurrence: Omit<FileOccurrence, 'id'>, options?: Options): Promise<FileOccurrence>;
  get(id: number, options?: Options): Promise<FileOccurrence>;
  update(id: number, occurrence: Omit<FileOccurrence, 'id'>, options?: Options): Promise<FileOccurrence>;
  delete(id: number, options?: Options): Promise<void>;
}

export interface IndicatorItem extends Item {
  get(options?: Options): Promise<Indicator>;
  /** Rating, confidence, `dnsActive`/`whoisActive`, size, active state. */
  update(fields: Partial<Indicator>, options?: Options): Promise<Indicator>;
  delete(options?: Options): Promise<void>;
  observations(options?: ListOptions): Listing<Observation>;
  recordObservation(observation?: ObservationInput, options?: Options): Promise<void>;
  observationCount(options?: Options): Promise<ObservationCount>;
  reportFalsePositive(options?: Options): Promise<FalsePositive>;
  falsePositive(options?: Options): Promise<FalsePositive>;
  owners(options?: ListOptions): Listing<Owner>;
  dnsResolutions(options?: ListOptions): Listing<DnsResolution>;
  /** Files: `archive`, `drop`, `traffic`, `mutex`, `registryKey`, `userAgent`, `dnsQuery`. */
  fileActions(action: string): IndicatorLinks;
  /** Indicators linked through a custom association type. */
  associations(associationType: string): IndicatorLinks;
  readonly fileOccurrences: FileOccurrences;
}

export interface DocumentContent {
  upload(data: Bytes, options?: Options): Promise<void>;
  replace(data: Bytes, options?: Options): Promise<void>;
  download(options?: Options): Promise<Uint8Array>;
}

export interface TypedAdversaryAssets {
  list(options?: ListOptions): Listing<AdversaryAsset>;
  create(value: string, options?: Options): Promise<AdversaryAsset>;
  get(id: number, options?: Options): Promise<AdversaryAsset>;
  update(id: number, value: string, options?: Options): Promise<AdversaryAsset>;
  delete(id: number, options?: Options): Promise<void>;
}

export interface AdversaryAssets {
  list(options?: ListOptions): Listing<AdversaryAsset>;
  ofType(type: AdversaryAssetTypeName): TypedAdversaryAssets;
}

export interface GroupItem extends Item {
  get(options?: Options): Promise<Group>;
  update(fields: Partial<Group>, options?: Options): Promise<Group>;
  delete(options?: Options): Promise<void>;
  publish(publish?: PublishOptions, options?: Options): Promise<void>;
  /** Signatures: the signature text. */
  signatureText(options?: Options): Promise<string>;
  /** Documents and reports: the file content. */
  readonly document: DocumentContent;
  /** Adversaries: handles, phone numbers, URLs. */
  readonly adversaryAssets: AdversaryAssets;
}

export interface TagItem extends Item {
  get(options?: Options): Promise<Tag>;
  rename(name: string, options?: Options & { description?: string }): Promise<Tag>;
  delete(options?: Options): Promise<void>;
}

export interface SecurityLabelItem extends Item {
  get(options?: Options): Promise<SecurityLabel>;
  delete(options?: Options): Promise<void>;
}

export interface UserLinks {
  list(options?: ListOptions): Listing<User>;
  get(userName: string, options?: Options): Promise<User>;
  add(userName: string, options?: Options): Promise<void>;
  remove(userName: string, options?: Options): Promise<void>;
}

export interface TaskItem extends Item {
  get(options?: Options): Promise<Task>;
  update(fields: Partial<Task>, options?: Options): Promise<Task>;
  delete(options?: Options): Promise<void>;
  readonly assignees: UserLinks;
  readonly escalatees: UserLinks;
}

export interface VictimAssets {
  list(options?: ListOptions): Listing<VictimAsset>;
  create(asset: Partial<VictimAsset>, options?: Options): Promise<VictimAsset>;
  get(id: number, options?: Options): Promise<VictimAsset>;
  update(id: number, asset: Partial<VictimAsset>, options?: Options): Promise<VictimAsset>;
  delete(id: number, options?: Options): Promise<void>;
}

export interface VictimItem extends Item {
  get(options?: Options): Promise<Victim>;
  update(fields: Partial<Victim>, options?: Options): Promise<Victim>;
  delete(options?: Options): Promise<void>;
  assets(type: VictimAssetTypeName): VictimAssets;
}

export interface OwnerItem {
  get(options?: Options): Promise<Owner>;
  metrics(options?: ListOptions): Listing<OwnerMetric>;
}

/** `{ start, limit }` of an explicit page (limit 1 to 10,000, default 100). */
export interface PageWindow {
  start?: number;
  limit?: number;
}

export interface Collection<T> {
  list(options?: ListOptions): Listing<T>;
  page(options?: PageWindow & Options): Promise<Page<T>>;
}

export interface TypedIndicators extends Collection<Indicator> {
  create(indicator: Partial<Indicator>, options?: Options): Promise<Indicator>;
  deleted(options?: ListOptions): Listing<Indicator>;
}

export interface Indicators {
  /** Every type, or one with `type`. */
  list(options?: ListOptions & { type?: IndicatorTypeName }): Listing<Indicator>;
  page(options?: PageWindow & Options & { type?: IndicatorTypeName }): Promise<Page<Indicator>>;
  ofType(type: IndicatorTypeName): TypedIndicators;
  /** The body holds the type's value fields (`ip`, `hostName`, `md5`, ...). */
  create(type: IndicatorTypeName, indicator: Partial<Indicator>, options?: Options): Promise<Indicator>;
  observed(options?: ListOptions): Listing<ObservedIndicator>;
  deleted(options?: ListOptions & { type?: IndicatorTypeName }): Listing<Indicator>;
  bulkStatus(options?: Options): Promise<BulkStatus>;
  bulkJson(options?: Options): Promise<Indicator[]>;
  bulkDownload(options?: Options & { format?: 'json' | 'csv' }): Promise<Uint8Array>;
}

export interface TypedGroups extends Collection<Group> {
  create(group: Partial<Group> & { name: string }, options?: Options): Promise<Group>;
}

export interface Groups {
  list(options?: ListOptions & { type?: GroupTypeName }): Listing<Group>;
  page(options?: PageWindow & Options & { type?: GroupTypeName }): Promise<Page<Group>>;
  ofType(type: GroupTypeName): TypedGroups;
  create(type: GroupTypeName, group: Partial<Group> & { name: string }, options?: Options): Promise<Group>;
}

export interface Owners extends Collection<Owner> {
  mine(options?: Options): Promise<Owner>;
  mineMembers(options?: ListOptions): Listing<User>;
  metrics(options?: ListOptions): Listing<OwnerMetric>;
}

export interface Tags extends Collection<Tag> {
  /** Newer servers; tags are otherwise created when first applied. */
  create(name: string, options?: Options & { description?: string }): Promise<Tag>;
}

export interface Creatable<T> extends Collection<T> {
  create(item: Partial<T> & { name: string }, options?: Options): Promise<T>;
}

export interface Types<T> extends Collection<T> {
  get(name: string, options?: Options): Promise<T>;
}

export interface Batch {
  /** Creates a job and answers its id. */
  create(config: BatchConfig, options?: Options): Promise<number>;
  /** Uploads the job's data (a JSON array as a value, a string or bytes). */
  upload(id: number, data: Bytes | unknown[] | Record<string, unknown>, options?: Options): Promise<BatchStatus>;
  status(id: number, options?: Options): Promise<BatchStatus>;
  /** Failed items; none is an empty array. */
  errors(id: number, options?: Options): Promise<BatchItem[]>;
  /** Per-item results (newer servers). */
  results(id: number, options?: Options): Promise<BatchItem[]>;
  /**
   * Imports any number of items in as many jobs as the limits need (create,
   * upload, poll with an adaptive interval and a deadline, read errors); no
   * chunk is ever submitted twice.
   */
  run(items: Record<string, unknown>[], config: BatchRunConfig, options?: BatchRunOptions): Promise<BatchOutcome>;
}

/** A batch job configuration with the run's chunking and polling. */
export interface BatchRunConfig extends BatchConfig {
  /** Items per job (at most 25,000; default 10,000). */
  chunkItems?: number;
  /** Bytes of JSON per job (default 1,900,000). */
  chunkBytes?: number;
  /** First wait before polling, ms (default 5,000). */
  firstPollMs?: number;
  /** Growth of each further wait, ms (default 2,500). */
  pollStepMs?: number;
  /** Longest wait between polls, ms (default 20,000). */
  maxPollMs?: number;
  /** How long one job may take, ms (default one hour). */
  jobDeadlineMs?: number;
}

/** Where a batch run is, after every upload and poll. */
export interface BatchProgressEvent {
  phase: 'batch';
  itemsRead: number;
  itemsSubmitted: number;
  jobsDone: number;
  succeeded: number;
  failed: number;
  jobStatus: string;
}

/** Options of `batch.run`. */
export interface BatchRunOptions {
  signal?: AbortSignal;
  onProgress?: (event: BatchProgressEvent) => void;
}

/** The result of `batch.run`. */
export interface BatchOutcome {
  successCount: number;
  errorCount: number;
  unprocessedCount: number;
  jobs: { id: number; items: number; status: BatchStatus; errors: BatchItem[] }[];
}

/** A ThreatConnect v2 client with the API's path tree. */
export class ThreatConnect {
  constructor(options: ThreatConnectOptions);
  readonly indicators: Indicators;
  readonly groups: Groups;
  readonly owners: Owners;
  readonly tags: Tags;
  readonly securityLabels: Collection<SecurityLabel>;
  readonly tasks: Creatable<Task>;
  readonly victims: Creatable<Victim>;
  readonly indicatorTypes: Types<IndicatorTypeInfo>;
  readonly associationTypes: Types<AssociationType>;
  readonly batch: Batch;
  whoami(options?: Options): Promise<User>;
  owner(id: number): OwnerItem;
  indicator(type: IndicatorTypeName, value: string): IndicatorItem;
  group(type: GroupTypeName, id: number): GroupItem;
  tag(name: string): TagItem;
  securityLabel(name: string): SecurityLabelItem;
  task(id: number): TaskItem;
  victim(id: number): VictimItem;
  /** Runs any operation by name (see `operations()`); the escape hatch. */
  invoke(op: string, args?: Record<string, unknown>, options?: Options): Promise<unknown>;
  /** A description without secrets. */
  toString(): string;
}

// ---------------------------------------------------------------------------
// Module, IOC toolkit

/**
 * Loads the WebAssembly module (browsers and other hosts without the
 * `node`/`workerd` entry points). By default the `.wasm` next to the module
 * is fetched. Idempotent.
 */
export function init(
  input?: string | URL | Request | Response | BufferSource | WebAssembly.Module | Promise<Response>,
): Promise<void>;

/** Loads the module synchronously from its bytes or a compiled module. */
export function initSync(input: BufferSource | WebAssembly.Module | { module: BufferSource | WebAssembly.Module }): void;

export interface FoundIndicator {
  /** The API branch. */
  type: 'addresses' | 'cidrBlocks' | 'emailAddresses' | 'hosts' | 'urls' | 'files' | 'asns';
  /** The finer kind. */
  kind: 'ipv4' | 'ipv6' | 'cidr' | 'email' | 'host' | 'url' | 'md5' | 'sha1' | 'sha256' | 'asn';
  /** Normalised, ready for the API (refanged, punycode, hashes upper case). */
  value: string;
  /** UTF-16 offset (string index) of the first original character. */
  start: number;
  /** UTF-16 offset just past the last original character. */
  end: number;
}

export interface ExtractOptions {
  /** Undo defanging first (default true). */
  refang?: boolean;
  /** Report `a.b.c.d/NN` as CIDR blocks (default true). */
  cidr?: boolean;
  /** Each indicator once (default true); false: every occurrence. */
  unique?: boolean;
}

/** Finds indicators in text. Needs `init()` first outside Node and workerd. */
export function extractIndicators(text: string, options?: ExtractOptions): FoundIndicator[];
/** Undoes defanging (`hxxp`, `[.]`, `(at)`, ...). */
export function refang(text: string): string;
/** Defangs one indicator value (`evil[.]example`). */
export function defang(value: string): string;

/** What `signRequest` signs. */
export interface SignInput {
  accessId: string;
  /** Used inside the module only; never echoed in errors. */
  secretKey: string;
  /** Path and query exactly as sent, base prefix included (`/api/v2/owners`). */
  path: string;
  /** Defaults to `GET`. */
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Unix seconds; defaults to now. */
  timestamp?: number;
}

/** The two headers of an HMAC-signed request. */
export interface SignedHeaders {
  Timestamp: string;
  Authorization: string;
}

/**
 * Signs one request with ThreatConnect's HMAC scheme, for requests sent
 * without the client. Throws a `ConfigError` (`invalid_input`) for unusable
 * input.
 */
export function signRequest(input: SignInput): SignedHeaders;
/** Every operation name `invoke` knows. */
export function operations(): string[];
