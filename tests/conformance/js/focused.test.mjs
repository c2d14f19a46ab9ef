// Hand-written protocol checks: range messages, path-label edge cases, auth, routing misses, bad JSON.

import { test } from "node:test";
import assert from "node:assert/strict";
import {
  sdk,
  ConnectServiceException,
  FAKE_AUTH,
  UUID_RE,
  VALIDATION_MESSAGE_RE,
  amzDate,
  call,
  describe,
  makeClient,
  rawFetch,
} from "./lib/harness.mjs";

const INSTANCE_ID = "11111111-2222-3333-4444-555555555555";
const ROUTING_PROFILE_ID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
const INSTANCE_ARN = `arn:aws:connect:us-east-1:123456789012:instance/${INSTANCE_ID}`;

const client = makeClient();

/** Asserts the call failed with a typed Connect exception `code`, HTTP `status`, exact `message`. */
function assertTypedError(op, input, r, { code, status, message }) {
  const msg = describe(op, input, r);
  assert.ok(r.exchange?.status !== undefined, `request never reached the server: ${msg}`);
  assert.equal(r.ok, false, `expected ${code}, got success: ${msg}`);
  const e = r.error;
  assert.equal(e.name, code, `error name: ${msg}`);
  assert.ok(e instanceof sdk[code], `not an instance of ${code}: ${msg}`);
  assert.ok(e instanceof ConnectServiceException, `not a ConnectServiceException: ${msg}`);
  if (message !== undefined) assert.equal(e.message, message, `message: ${msg}`);
  assert.equal(e.$metadata?.httpStatusCode, status, `status: ${msg}`);
  assert.match(String(e.$metadata?.requestId), UUID_RE, `requestId: ${msg}`);
  assert.equal(r.exchange.headers["x-connectlocal-operation"], op, `dispatch header: ${msg}`);
}

/** A 5xx is a server fault, except the documented 501 NotImplementedException for unimplemented operations. */
function assertNotAServerFault(e, msg) {
  const status = e.$metadata?.httpStatusCode;
  assert.match(String(e.$metadata?.requestId), UUID_RE, `requestId: ${msg}`);
  if (e.name === "NotImplementedException") {
    assert.equal(status, 501, `NotImplementedException status: ${msg}`);
    return;
  }
  assert.ok(status >= 400 && status < 500, `expected a 4xx or 501 NotImplementedException: ${msg}`);
}

function assertJsonErrorBody(res, what) {
  const ct = res.headers.get("content-type") ?? "";
  assert.ok(!/html/i.test(ct), `${what}: content-type is ${ct}`);
  assert.ok(!res.text.trimStart().startsWith("<"), `${what}: body looks like HTML/XML: ${res.text.slice(0, 200)}`);
  assert.equal(res.jsonError, undefined, `${what}: body is not JSON: ${JSON.stringify(res.text.slice(0, 200))}`);
  assert.ok(res.json && typeof res.json === "object" && !Array.isArray(res.json), `${what}: body is not a JSON object: ${res.text.slice(0, 200)}`);
}

function errorType(res) {
  // The SDKs keep only the part before ':' — compare that, but report the raw value.
  const raw = res.headers.get("x-amzn-errortype");
  return { raw, code: raw?.split(":")[0] };
}

function signedLookingHeaders(extra = {}) {
  return { authorization: FAKE_AUTH, "x-amz-date": amzDate(), ...extra };
}

function rawSummary(method, path, res) {
  return `${method} ${path} -> HTTP ${res.status}, x-amzn-errortype=${res.headers.get("x-amzn-errortype")}, content-type=${res.headers.get("content-type")}, x-connectlocal-operation=${res.headers.get("x-connectlocal-operation")}, body=${res.text.slice(0, 300)}`;
}

// ---------------------------------------------------------------------------
// Routing-profile concurrency ranges
// ---------------------------------------------------------------------------

test("UpdateRoutingProfileConcurrency: CHAT concurrency 11 exceeds the maximum", async () => {
  const input = {
    InstanceId: INSTANCE_ID,
    RoutingProfileId: ROUTING_PROFILE_ID,
    MediaConcurrencies: [{ Channel: "CHAT", Concurrency: 11 }],
  };
  const r = await call(client, "UpdateRoutingProfileConcurrency", input);
  assertTypedError("UpdateRoutingProfileConcurrency", input, r, {
    code: "InvalidParameterException",
    status: 400,
    message:
      "1 validation error detected: Value '11' at 'mediaConcurrencies.1.member.concurrency' failed to satisfy constraint: Member must have value less than or equal to 10",
  });
});

test("UpdateRoutingProfileConcurrency: VOICE concurrency 0 is below the minimum", async () => {
  const input = {
    InstanceId: INSTANCE_ID,
    RoutingProfileId: ROUTING_PROFILE_ID,
    MediaConcurrencies: [{ Channel: "VOICE", Concurrency: 0 }],
  };
  const r = await call(client, "UpdateRoutingProfileConcurrency", input);
  assertTypedError("UpdateRoutingProfileConcurrency", input, r, {
    code: "InvalidParameterException",
    status: 400,
    message:
      "1 validation error detected: Value '0' at 'mediaConcurrencies.1.member.concurrency' failed to satisfy constraint: Member must have value greater than or equal to 1",
  });
});

// ---------------------------------------------------------------------------
// Empty path label
// ---------------------------------------------------------------------------

test("empty path label is a 4xx, never a success", async (t) => {
  const cases = [
    // middle segment empty: /routing-profiles//<rp>/concurrency
    [
      "UpdateRoutingProfileConcurrency",
      { InstanceId: "", RoutingProfileId: ROUTING_PROFILE_ID, MediaConcurrencies: [{ Channel: "VOICE", Concurrency: 1 }] },
    ],
    // trailing segment empty: GET /instance/ must not be served by ListInstances (GET /instance)
    ["DescribeInstance", { InstanceId: "" }],
    // first label empty in a two-label GET: /routing-profiles//<rp>
    ["DescribeRoutingProfile", { InstanceId: "", RoutingProfileId: ROUTING_PROFILE_ID }],
    // last label empty: /routing-profiles/<instance>/
    ["DescribeRoutingProfile", { InstanceId: INSTANCE_ID, RoutingProfileId: "" }],
  ];
  for (const [op, input] of cases) {
    const label = `${op} ${JSON.stringify(Object.fromEntries(Object.entries(input).filter(([, v]) => v === "")))}`;
    await t.test(label, async () => {
      const r = await call(client, op, input);
      const msg = describe(op, input, r);
      assert.ok(r.exchange?.status !== undefined, `request never reached the server: ${msg}`);
      assert.equal(r.ok, false, `empty label produced a success: ${msg}`);
      const status = r.error.$metadata?.httpStatusCode;
      assert.ok(status >= 400 && status < 500, `expected a 4xx: ${msg}`);
      assert.match(String(r.error.$metadata?.requestId), UUID_RE, `requestId: ${msg}`);
      t.diagnostic(`${label}: HTTP ${status} ${r.error.name}: ${r.error.message}`);
    });
  }
});

// ---------------------------------------------------------------------------
// ARN as a path label (JS v3 percent-encodes ':' and '/')
// ---------------------------------------------------------------------------

test("ARN as path label is decoded and dispatched", async (t) => {
  await t.test("DescribeInstance with an instance ARN", async () => {
    const op = "DescribeInstance";
    const input = { InstanceId: INSTANCE_ARN };
    const r = await call(client, op, input);
    const msg = describe(op, input, r);
    assert.ok(r.exchange?.status !== undefined, `request never reached the server: ${msg}`);
    assert.ok(r.exchange.path.includes("arn%3Aaws%3Aconnect%3Aus-east-1%3A123456789012%3Ainstance%2F"), `JS did not encode the label as expected: ${msg}`);
    assert.equal(r.exchange.headers["x-connectlocal-operation"], op, `not dispatched to ${op}: ${msg}`);
    if (!r.ok) {
      const e = r.error;
      assertNotAServerFault(e, msg);
      assert.notEqual(e.name, "UnknownOperationException", msg);
      assert.ok(!/%3A|%2F/i.test(e.message ?? ""), `message quotes the still-encoded label: ${msg}`);
      if (VALIDATION_MESSAGE_RE.test(e.message ?? "")) {
        assert.ok(e.message.includes(`'${INSTANCE_ARN}'`), `validation message does not quote the decoded ARN: ${msg}`);
      }
    }
  });

  await t.test("DescribeInstance with an over-long ARN quotes the decoded ARN", async () => {
    const op = "DescribeInstance";
    const longArn = `${INSTANCE_ARN}/routing-profile/${ROUTING_PROFILE_ID}`; // 137 chars > max 100
    const input = { InstanceId: longArn };
    const r = await call(client, op, input);
    assertTypedError(op, input, r, {
      code: "InvalidRequestException",
      status: 400,
      message: `1 validation error detected: Value '${longArn}' at 'instanceId' failed to satisfy constraint: Member must have length less than or equal to 100`,
    });
  });

  await t.test("UpdateRoutingProfileConcurrency with an instance ARN: only the concurrency violation is reported", async () => {
    const op = "UpdateRoutingProfileConcurrency";
    const input = {
      InstanceId: INSTANCE_ARN,
      RoutingProfileId: ROUTING_PROFILE_ID,
      MediaConcurrencies: [{ Channel: "CHAT", Concurrency: 11 }],
    };
    const r = await call(client, op, input);
    assertTypedError(op, input, r, {
      code: "InvalidParameterException",
      status: 400,
      message:
        "1 validation error detected: Value '11' at 'mediaConcurrencies.1.member.concurrency' failed to satisfy constraint: Member must have value less than or equal to 10",
    });
  });

  await t.test("ListTagsForResource with an instance ARN", async () => {
    const op = "ListTagsForResource";
    const input = { resourceArn: INSTANCE_ARN };
    const r = await call(client, op, input);
    const msg = describe(op, input, r);
    assert.ok(r.exchange?.status !== undefined, `request never reached the server: ${msg}`);
    assert.equal(r.exchange.headers["x-connectlocal-operation"], op, `not dispatched to ${op}: ${msg}`);
    if (!r.ok) {
      assertNotAServerFault(r.error, msg);
      assert.ok(!/%3A|%2F/i.test(r.error.message ?? ""), `message quotes the still-encoded label: ${msg}`);
    }
  });
});

// ---------------------------------------------------------------------------
// Raw HTTP: auth, unknown routes, malformed JSON
// ---------------------------------------------------------------------------

test("missing Authorization header: 403 MissingAuthenticationTokenException with a JSON body", async (t) => {
  const cases = [
    ["GET", "/instance", undefined],
    [
      "POST",
      `/routing-profiles/${INSTANCE_ID}/${ROUTING_PROFILE_ID}/concurrency`,
      JSON.stringify({ MediaConcurrencies: [{ Channel: "VOICE", Concurrency: 1 }] }),
    ],
  ];
  for (const [method, path, body] of cases) {
    await t.test(`${method} ${path}`, async () => {
      const headers = body ? { "content-type": "application/json" } : {};
      const res = await rawFetch(path, { method, headers, body });
      const s = rawSummary(method, path, res);
      assert.equal(res.status, 403, s);
      const et = errorType(res);
      assert.equal(et.code, "MissingAuthenticationTokenException", s);
      assertJsonErrorBody(res, s);
      assert.match(String(res.headers.get("x-amzn-requestid")), UUID_RE, `x-amzn-RequestId: ${s}`);
    });
  }
});

test("unknown route: 404 UnknownOperationException as JSON, never HTML", async (t) => {
  const cases = [
    ["GET", "/this/path/does/not-exist"],
    ["POST", "/no-such-resource"],
    // known path, method that no operation uses
    ["PATCH", "/instance"],
  ];
  for (const [method, path] of cases) {
    await t.test(`${method} ${path}`, async () => {
      const res = await rawFetch(path, { method, headers: signedLookingHeaders({ "content-type": "application/json" }), body: method === "GET" ? undefined : "{}" });
      const s = rawSummary(method, path, res);
      assert.equal(res.status, 404, s);
      assert.equal(errorType(res).code, "UnknownOperationException", s);
      assertJsonErrorBody(res, s);
      assert.match(String(res.headers.get("x-amzn-requestid")), UUID_RE, `x-amzn-RequestId: ${s}`);
    });
  }
});

test("malformed JSON body: 400 SerializationException", async (t) => {
  const path = `/routing-profiles/${INSTANCE_ID}/${ROUTING_PROFILE_ID}/concurrency`;
  const bodies = [
    ["truncated JSON", '{"MediaConcurrencies": ['],
    ["not JSON at all", "this is not json"],
  ];
  for (const [name, body] of bodies) {
    await t.test(name, async () => {
      const res = await rawFetch(path, { method: "POST", headers: signedLookingHeaders({ "content-type": "application/json" }), body });
      const s = rawSummary("POST", path, res);
      assert.equal(res.status, 400, s);
      assert.equal(errorType(res).code, "SerializationException", s);
      assertJsonErrorBody(res, s);
      assert.match(String(res.headers.get("x-amzn-requestid")), UUID_RE, `x-amzn-RequestId: ${s}`);
      t.diagnostic(s);
    });
  }
});
