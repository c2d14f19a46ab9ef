// Every operation the JS v3 client knows: send the fixture's minimal valid request and check that
// ConnectLocal dispatched it to that operation and answered in a way the SDK understands.

import { test } from "node:test";
import assert from "node:assert/strict";
import {
  sdk,
  ConnectServiceException,
  UUID_RE,
  VALIDATION_MESSAGE_RE,
  call,
  clientOperations,
  describe,
  implementedOperations,
  makeClient,
  model,
  modelErrors,
  NEWER_THAN_MODEL,
  revive,
  samples,
  SANE_FLOOR,
} from "./lib/harness.mjs";

// Error names that mean the server could not even accept the request; never acceptable for a valid sample.
const PROTOCOL_FAILURES = new Set([
  "SerializationException",
  "UnknownOperationException",
  "MissingAuthenticationTokenException",
  "IncompleteSignatureException",
  "ValidationException",
]);

test("inventory: client commands vs model vs samples fixture", (t) => {
  const ops = clientOperations();
  const fx = samples().operations;
  const modelOps = Object.keys(model().operations);
  const fxOps = Object.keys(fx);
  const notInFixture = ops.filter((o) => !(o in fx));
  const fixtureOnly = fxOps.filter((o) => !ops.includes(o));
  const withValid = fxOps.filter((o) => fx[o]?.valid && typeof fx[o].valid === "object");
  const withInvalid = fxOps.filter((o) => fx[o]?.invalid);
  t.diagnostic(`samples file: ${samples().file}`);
  t.diagnostic(`client commands: ${ops.length}; model operations: ${modelOps.length}; fixture operations: ${fxOps.length} (valid: ${withValid.length}, invalid variant: ${withInvalid.length})`);
  t.diagnostic(`client commands without a fixture entry (skipped): ${notInFixture.length}${notInFixture.length ? ` — ${notInFixture.join(", ")}` : ""}`);
  const notInModel = notInFixture.filter((o) => !modelOps.includes(o));
  t.diagnostic(`…of which not in model/connect-2017-08-08.json: ${notInModel.length}`);
  assert.deepEqual(fixtureOnly, [], "fixture has operations the JS client does not know");
  const modelNotInFixture = modelOps.filter((o) => !(o in fx));
  assert.deepEqual(modelNotInFixture, [], "fixture lacks operations that the model defines");
});

test("every client command is dispatched to its operation", async (t) => {
  const client = makeClient();
  const fx = samples().operations;
  const tally = new Map();
  const bump = (k) => tally.set(k, (tally.get(k) ?? 0) + 1);
  const skipped = [];
  const sent = [];
  const handled = [];

  for (const op of clientOperations()) {
    const entry = fx[op];
    if (!entry || !entry.valid) {
      bump("skipped (no fixture entry)");
      skipped.push(op);
      const reason = NEWER_THAN_MODEL.includes(op) ? "newer than the pinned model: no sample" : undefined;
      await t.test(op, { skip: reason }, () => assert.fail(`${op} is in the model but has no valid sample in the fixture`));
      continue;
    }
    await t.test(op, async () => {
      const input = revive(entry.valid);
      const r = await call(client, op, input);
      sent.push(op);
      if (r.error?.name !== "NotImplementedException") handled.push(op);
      const msg = describe(op, input, r);

      assert.ok(r.exchange?.status !== undefined, `request never reached the server: ${msg}`);
      assert.equal(r.exchange.headers["x-connectlocal-operation"], op, `dispatch header mismatch: ${msg}`);

      const meta = r.ok ? r.output.$metadata : r.error.$metadata;
      assert.ok(meta, `no $metadata: ${msg}`);
      assert.match(String(meta.requestId), UUID_RE, `$metadata.requestId is not a UUID: ${msg}`);

      if (r.ok) {
        assert.equal(meta.httpStatusCode, 200, `success with non-200 status: ${msg}`);
        bump("success");
        return;
      }

      const e = r.error;
      if (e.name === "NotImplementedException") {
        assert.equal(meta.httpStatusCode, 501, `NotImplementedException status: ${msg}`);
        assert.equal(e.Operation, op, `NotImplementedException.Operation: ${msg}`);
        bump("501 NotImplementedException");
        return;
      }

      bump(`${meta.httpStatusCode} ${e.name}`);
      assert.ok(!PROTOCOL_FAILURES.has(e.name), `valid request rejected at protocol level: ${msg}`);
      assert.ok(
        !(["InvalidParameterException", "InvalidRequestException"].includes(e.name) && VALIDATION_MESSAGE_RE.test(e.message ?? "")),
        `valid request failed model validation: ${msg}`,
      );
      const Cls = sdk[e.name];
      assert.ok(
        typeof Cls === "function" && Cls.prototype instanceof ConnectServiceException && e instanceof Cls,
        `error is not a modelled Connect exception (SDK saw name=${e.name}, class=${e.constructor?.name}): ${msg}`,
      );
      assert.ok(meta.httpStatusCode >= 400 && meta.httpStatusCode < 500, `server-side error for a valid request: ${msg}`);
      const listed = modelErrors(op);
      if (listed) {
        assert.ok(listed.includes(e.name), `${e.name} is not among ${op}'s modelled errors (${listed.join(", ")}): ${msg}`);
      }
      if (["InvalidParameterException", "InvalidRequestException"].includes(e.name)) {
        t.diagnostic(`${op}: non-validation ${e.name}: ${e.message}`);
      }
    });
  }

  t.diagnostic(
    `outcomes: ${[...tally.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k}=${v}`)
      .join(", ")}`,
  );
  assert.deepEqual(skipped, NEWER_THAN_MODEL, "skipped commands are exactly the ones newer than the model");
  assert.equal(sent.length, clientOperations().length - NEWER_THAN_MODEL.length, "every other client command was sent");
  assert.equal(sent.length, Object.keys(fx).length, "every fixture operation was sent");
  assert.ok(sent.length > SANE_FLOOR, `only ${sent.length} operations were sent`);
  // an implemented operation that answers 501 has lost its handler; one not listed has gained one
  assert.deepEqual(handled.sort(), implementedOperations(), "operations answered by a handler (not 501) vs docs/compatibility.md");
});
