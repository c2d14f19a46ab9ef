// Strict authentication with the JS v3 client: a server of its own started with `serve --auth strict`
// (CONNECTLOCAL_SERVER_DLL, set by scripts/test.sh; skipped without it). The right secret is answered; the wrong
// one, an unknown key and a skewed clock are refused as AWS refuses them (behaviour doc §7).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConnectClient, sdk } from "./lib/harness.mjs";

const DLL = process.env.CONNECTLOCAL_SERVER_DLL;
const skip = DLL ? false : "CONNECTLOCAL_SERVER_DLL is not set";
const ALICE = { accessKeyId: "AKIAJSALICE", secretAccessKey: "js/alice+secret", accountId: "333333333333" };
const TEMPORARY = { accessKeyId: "ASIAJSTEMP", secretAccessKey: "js-temporary", accountId: "333333333333", sessionToken: "js-session-token" };
const SIGNATURE_MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

let server;
let endpoint;
let dir;

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

before(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), "connectlocal-js-strict-"));
  const credentials = join(dir, "credentials.json");
  writeFileSync(credentials, JSON.stringify({ credentials: [ALICE, TEMPORARY] }));
  const port = await freePort();
  endpoint = `http://127.0.0.1:${port}`;
  server = spawn("dotnet", [DLL, "serve", "--port", String(port), "--in-memory", "--auth", "strict", "--credentials", credentials], { stdio: "ignore" });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${endpoint}/_connectlocal/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("strict server did not start");
});

after(() => {
  server?.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function client(credentials, extra = {}) {
  return new ConnectClient({ region: "us-east-1", endpoint, credentials, maxAttempts: 1, ...extra });
}

async function refusal(promise) {
  try {
    await promise;
  } catch (e) {
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  assert.fail("the request was answered, not refused");
}

test("JS v3 with the right secret is answered, ARN labels and query lists included", { skip }, async () => {
  const alice = client(ALICE);
  const created = await alice.send(new sdk.CreateInstanceCommand({
    IdentityManagementType: "CONNECT_MANAGED", InstanceAlias: `js-strict-${Date.now()}`, InboundCallsEnabled: true, OutboundCallsEnabled: true,
  }));
  assert.match(created.Arn, /:333333333333:instance\//);
  await alice.send(new sdk.TagResourceCommand({ resourceArn: created.Arn, tags: { "key with space": "v/+=" } }));
  const tags = await alice.send(new sdk.ListTagsForResourceCommand({ resourceArn: created.Arn }));
  assert.deepEqual(tags.tags, { "key with space": "v/+=" });
  const queues = await alice.send(new sdk.ListQueuesCommand({ InstanceId: created.Id, QueueTypes: ["STANDARD", "AGENT"], MaxResults: 3 }));
  assert.ok(queues.QueueSummaryList.length >= 1);
});

test("JS v3 with a session token is answered", { skip }, async () => {
  await client(TEMPORARY).send(new sdk.ListInstancesCommand({}));
});

test("JS v3 with the wrong secret is refused with InvalidSignatureException", { skip }, async () => {
  const r = await refusal(client({ ...ALICE, secretAccessKey: "wrong" }).send(new sdk.ListInstancesCommand({})));
  assert.deepEqual(r, { name: "InvalidSignatureException", message: SIGNATURE_MISMATCH, status: 403 });
});

test("JS v3 with an unknown key is refused with UnrecognizedClientException", { skip }, async () => {
  const r = await refusal(client({ accessKeyId: "AKIAJSNOBODY", secretAccessKey: "x" }).send(new sdk.ListInstancesCommand({})));
  assert.deepEqual(r, { name: "UnrecognizedClientException", message: "The security token included in the request is invalid.", status: 403 });
});

test("JS v3 with a clock ten minutes slow is refused as expired", { skip }, async () => {
  const r = await refusal(client(ALICE, { systemClockOffset: -10 * 60 * 1000 }).send(new sdk.ListInstancesCommand({})));
  assert.equal(r.name, "InvalidSignatureException");
  assert.equal(r.status, 403);
  assert.match(r.message, /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/);
});

test("JS v3 with a clock ten minutes fast is refused as not yet current", { skip }, async () => {
  const r = await refusal(client(ALICE, { systemClockOffset: 10 * 60 * 1000 }).send(new sdk.ListInstancesCommand({})));
  assert.equal(r.name, "InvalidSignatureException");
  assert.match(r.message, /^Signature not yet current: /);
});

test("JS v3 with retries on corrects a skewed clock from the Date header and is answered", { skip }, async () => {
  // The SDK treats InvalidSignatureException as a possible clock-skew error, takes the server time from the
  // Date header of the refusal and signs the retry with the corrected offset.
  const skewed = client(ALICE, { systemClockOffset: -10 * 60 * 1000, maxAttempts: 2 });
  await skewed.send(new sdk.ListInstancesCommand({}));
  assert.ok(Math.abs(skewed.config.systemClockOffset) < 60 * 1000, `offset now ${skewed.config.systemClockOffset}`);
});
