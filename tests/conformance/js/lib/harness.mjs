// Shared helpers for the ConnectLocal JS v3 conformance suite.
// Not a test file itself (the runner only picks up *.test.mjs).

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// The SDK warns once per process that Node 20 support ends in 2027; that is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const sdk = await import("@aws-sdk/client-connect");
export { sdk };
export const { ConnectClient, ConnectServiceException } = sdk;

const here = dirname(fileURLToPath(import.meta.url));
export const SUITE_DIR = resolve(here, "..");
export const REPO_ROOT = resolve(SUITE_DIR, "..", "..", "..");
export const MODEL_PATH = join(REPO_ROOT, "model", "connect-2017-08-08.json");
export const SAMPLES_SCRIPT = join(REPO_ROOT, "tests", "conformance", "python", "samples.py");

// The operations a run may leave out, each for a reason a server regression cannot produce; the suites assert
// that they exercised every other operation. Client commands of the pinned @aws-sdk/client-connect that the
// pinned model does not define (added to Connect after it): there is no sample to send.
export const NEWER_THAN_MODEL = [
  "CreateExtractionDefinition", "CreateMetric", "DeleteExtractionDefinition", "DeleteMetric",
  "DescribeExtractionDefinition", "DescribeMetric", "ListEvaluationFormAIVersions",
  "ListExtractionDefinitions", "ListMetrics", "ListSecurityProfileAIAgents", "SearchMetrics", "StartAssistantContact",
  "UpdateExtractionDefinition", "UpdateMetricContent", "UpdateMetricMetadata",
];
// Client commands that model/overlays adds to the pinned model (generated and sampled like the others).
export const OVERLAID = ["GetCrossRegionRouting", "UpdateCrossRegionRouting"];
export const OVERLAYS_DIR = join(REPO_ROOT, "model", "overlays");
// Fixture operations without an invalid variant: no member can carry a violation (samples.py; the reasons are
// in tests/conformance/python/support.py).
export const WITHOUT_INVALID_SAMPLE = ["DescribePhoneNumber", "ListTagsForResource", "TagResource"];
// A run that exercised fewer operations than this lost most of its samples (the pinned model has 380).
export const SANE_FLOOR = 300;
export const COMPATIBILITY_PATH = join(REPO_ROOT, "docs", "compatibility.md");

/** The operations docs/compatibility.md lists as implemented (a test keeps that file in step with the server). */
export function implementedOperations() {
  const row = /^\| (\w+) \| .* \| implemented \|$/;
  return readFileSync(COMPATIBILITY_PATH, "utf8").split("\n").map((line) => row.exec(line)?.[1]).filter(Boolean).sort();
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const VALIDATION_MESSAGE_RE = /^\d+ validation errors? detected: /;

// ---------------------------------------------------------------------------
// Endpoint
// ---------------------------------------------------------------------------

export function endpoint() {
  let ep = process.env.CONNECTLOCAL_ENDPOINT;
  if (!ep && existsSync("/tmp/connectlocal-endpoint")) {
    ep = readFileSync("/tmp/connectlocal-endpoint", "utf8").trim();
  }
  if (!ep) {
    throw new Error("CONNECTLOCAL_ENDPOINT is not set (e.g. http://127.0.0.1:4570)");
  }
  return ep.replace(/\/+$/, "");
}

// ---------------------------------------------------------------------------
// Client with a raw-response recorder
// ---------------------------------------------------------------------------

/**
 * A ConnectClient configured as the brief requires, plus a middleware that records the raw HTTP
 * request/response of the last call. It sits in the deserialize step with low priority, i.e. *inside*
 * the SDK's deserializer, so it sees the untouched HttpResponse for every status code: the
 * deserializer only throws after this middleware has returned.
 */
export function makeClient(extra = {}) {
  const client = new ConnectClient({
    region: "us-east-1",
    endpoint: endpoint(),
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
    maxAttempts: 1,
    ...extra,
  });
  client.lastExchange = null;
  client.middlewareStack.add(
    (next) => async (args) => {
      const exchange = {
        method: args.request?.method,
        path: args.request?.path,
        query: args.request?.query,
        body: typeof args.request?.body === "string" ? args.request.body : undefined,
        status: undefined,
        headers: undefined,
      };
      client.lastExchange = exchange;
      const out = await next(args);
      exchange.status = out.response?.statusCode;
      exchange.headers = lowerKeys(out.response?.headers ?? {});
      return out;
    },
    { step: "deserialize", priority: "low", name: "connectLocalRawResponseRecorder" },
  );
  return client;
}

function lowerKeys(h) {
  const o = {};
  for (const [k, v] of Object.entries(h)) o[k.toLowerCase()] = v;
  return o;
}

/** Sends `new <op>Command(input)`; returns { ok, output, error, exchange } (never throws). */
export async function call(client, op, input) {
  const Cmd = sdk[`${op}Command`];
  if (typeof Cmd !== "function") throw new Error(`client has no ${op}Command`);
  client.lastExchange = null;
  try {
    const output = await client.send(new Cmd(input));
    return { ok: true, output, error: undefined, exchange: client.lastExchange };
  } catch (error) {
    return { ok: false, output: undefined, error, exchange: client.lastExchange };
  }
}

/** Human-readable one-liner of a call result for assertion messages. */
export function describe(op, input, r) {
  const x = r.exchange;
  const wire = x ? `${x.method} ${x.path}${fmtQuery(x.query)} -> HTTP ${x.status ?? "?"}` : "(no HTTP exchange: failed client-side)";
  const hdr = x?.headers ? ` [x-connectlocal-operation=${x.headers["x-connectlocal-operation"] ?? "<absent>"}, x-amzn-errortype=${x.headers["x-amzn-errortype"] ?? "<absent>"}]` : "";
  const err = r.ok ? "success" : `${r.error?.name}: ${truncate(r.error?.message, 400)}`;
  return `${op} ${wire}${hdr} => ${err}\n  request input: ${truncate(safeJson(input), 600)}${x?.body ? `\n  request body: ${truncate(x.body, 600)}` : ""}`;
}

function fmtQuery(q) {
  if (!q || Object.keys(q).length === 0) return "";
  const parts = [];
  for (const [k, v] of Object.entries(q)) {
    for (const item of Array.isArray(v) ? v : [v]) parts.push(`${k}=${item}`);
  }
  return `?${parts.join("&")}`;
}

export function truncate(s, n) {
  if (s === undefined || s === null) return String(s);
  s = String(s);
  return s.length > n ? `${s.slice(0, n)}…(${s.length} chars)` : s;
}

function safeJson(v) {
  try {
    return JSON.stringify(v, (k, val) => (val instanceof Date ? `Date(${val.toISOString()})` : val));
  } catch {
    return String(v);
  }
}

// ---------------------------------------------------------------------------
// Commands known to the client
// ---------------------------------------------------------------------------

/** Operation names of every exported `<Op>Command` that is a Command class (excludes the `$Command` base). */
export function clientOperations() {
  return Object.keys(sdk)
    .filter((k) => /^[A-Z][A-Za-z0-9]*Command$/.test(k))
    .filter((k) => typeof sdk[k] === "function" && typeof sdk[k].prototype?.resolveMiddleware === "function")
    .map((k) => k.slice(0, -"Command".length))
    .sort();
}

// ---------------------------------------------------------------------------
// Model (only used for the per-operation error lists)
// ---------------------------------------------------------------------------

let modelCache;
export function model() {
  if (!modelCache) {
    modelCache = JSON.parse(readFileSync(MODEL_PATH, "utf8"));
    for (const name of overlayFiles()) {
      const overlay = JSON.parse(readFileSync(join(OVERLAYS_DIR, name), "utf8"));
      Object.assign(modelCache.operations, overlay.operations);
      Object.assign(modelCache.shapes, overlay.shapes);
    }
  }
  return modelCache;
}

/** The overlay files (model/overlays/*.json), in the order the code generator merges them. */
function overlayFiles() {
  return readdirSync(OVERLAYS_DIR).filter((n) => n.endsWith(".json")).sort();
}

export function modelErrors(op) {
  const o = model().operations[op];
  return o ? (o.errors ?? []).map((e) => e.shape) : undefined;
}

/** The validation error code the server uses for `op` (docs/wire-choices.md). */
export function validationCodeFor(op) {
  return modelErrors(op)?.includes("InvalidParameterException") ? "InvalidParameterException" : "InvalidRequestException";
}

// ---------------------------------------------------------------------------
// Samples fixture
// ---------------------------------------------------------------------------

let samplesCache;
/** Loads the samples fixture from $CONNECTLOCAL_SAMPLES, or generates it with samples.py into a temp file. */
export function samples() {
  if (samplesCache) return samplesCache;
  let file = process.env.CONNECTLOCAL_SAMPLES;
  if (!file) {
    if (!existsSync(SAMPLES_SCRIPT)) {
      throw new Error(`CONNECTLOCAL_SAMPLES is unset and ${SAMPLES_SCRIPT} does not exist`);
    }
    // Cache by content of the generator's .py files + model so the three test processes generate it once.
    const hash = createHash("sha256").update(readFileSync(MODEL_PATH));
    for (const f of overlayFiles()) hash.update(f).update(readFileSync(join(OVERLAYS_DIR, f)));
    const pyDir = dirname(SAMPLES_SCRIPT);
    for (const f of readdirSync(pyDir).filter((n) => n.endsWith(".py")).sort()) {
      hash.update(f).update(readFileSync(join(pyDir, f)));
    }
    const h = hash.digest("hex").slice(0, 16);
    const dir = join(tmpdir(), "connectlocal-js-conformance");
    mkdirSync(dir, { recursive: true });
    file = join(dir, `samples-${h}.json`);
    if (!existsSync(file)) {
      const tmp = `${file}.${process.pid}.tmp`;
      execFileSync("python3", [SAMPLES_SCRIPT, "--model", MODEL_PATH, "--out", tmp], {
        cwd: REPO_ROOT,
        stdio: ["ignore", "ignore", "inherit"],
        timeout: 120_000,
      });
      // rename is atomic: concurrent test processes never read a half-written file
      execFileSync("mv", ["-f", tmp, file]);
    }
  }
  const raw = JSON.parse(readFileSync(file, "utf8"));
  if (!raw || typeof raw.operations !== "object") throw new Error(`${file}: no "operations" object`);
  samplesCache = { file, operations: raw.operations };
  return samplesCache;
}

/** Recursively turns {"__timestamp": n} into Date; returns a fresh copy. */
export function revive(v) {
  if (Array.isArray(v)) return v.map(revive);
  if (v && typeof v === "object") {
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === "__timestamp" && typeof v.__timestamp === "number") {
      return new Date(v.__timestamp * 1000);
    }
    const o = {};
    for (const k of keys) o[k] = revive(v[k]);
    return o;
  }
  return v;
}

// ---------------------------------------------------------------------------
// Raw HTTP (for the protocol-level checks the SDK cannot express)
// ---------------------------------------------------------------------------

export const FAKE_AUTH =
  "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/connect/aws4_request, SignedHeaders=host, Signature=abc";

export function amzDate(d = new Date()) {
  return d.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/** fetch() returning { status, headers (Headers), text, json (or undefined), jsonError }. */
export async function rawFetch(path, { method = "GET", headers = {}, body } = {}) {
  const res = await fetch(endpoint() + path, { method, headers, body, redirect: "manual" });
  const text = await res.text();
  let json;
  let jsonError;
  try {
    json = JSON.parse(text);
  } catch (e) {
    jsonError = e;
  }
  return { status: res.status, headers: res.headers, text, json, jsonError };
}
