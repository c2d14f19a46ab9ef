// Every operation with an `invalid` variant in the fixture: the server must reject it with the expected
// typed validation error and the exact AWS front-end message, and the JS v3 client must surface it as
// the exported exception class.

import { test } from "node:test";
import assert from "node:assert/strict";
import {
  sdk,
  ConnectServiceException,
  SANE_FLOOR,
  UUID_RE,
  WITHOUT_INVALID_SAMPLE,
  call,
  clientOperations,
  describe,
  makeClient,
  revive,
  samples,
} from "./lib/harness.mjs";

test("invalid requests are rejected with the modelled validation error", async (t) => {
  const client = makeClient();
  const known = new Set(clientOperations());
  const fx = samples().operations;
  const noVariant = [];
  let sent = 0;

  for (const op of Object.keys(fx).sort()) {
    const inv = fx[op]?.invalid;
    if (!inv) {
      noVariant.push(op);
      continue;
    }
    await t.test(op, async () => {
      assert.ok(known.has(op), `fixture operation ${op} is unknown to the JS client`);
      const input = revive(inv.params);
      const r = await call(client, op, input);
      sent++;
      const msg = describe(op, input, r);

      assert.ok(r.exchange?.status !== undefined, `request never reached the server (fixture not sendable by JS v3?): ${msg}`);
      assert.equal(r.ok, false, `expected ${inv.errorCode} but the call succeeded: ${msg}`);
      const e = r.error;
      assert.equal(r.exchange.headers["x-connectlocal-operation"], op, `dispatch header mismatch: ${msg}`);
      assert.equal(e.name, inv.errorCode, `error name: ${msg}`);
      const Cls = sdk[inv.errorCode];
      assert.equal(typeof Cls, "function", `client exports no class ${inv.errorCode}`);
      assert.ok(e instanceof Cls, `not an instance of ${inv.errorCode} (class=${e.constructor?.name}): ${msg}`);
      assert.ok(e instanceof ConnectServiceException, `not a ConnectServiceException: ${msg}`);
      assert.equal(e.message, inv.message, `message: ${msg}`);
      assert.equal(e.$metadata?.httpStatusCode, 400, `status: ${msg}`);
      if (inv.status !== undefined) assert.equal(e.$metadata?.httpStatusCode, inv.status, `fixture status: ${msg}`);
      assert.match(String(e.$metadata?.requestId), UUID_RE, `$metadata.requestId is not a UUID: ${msg}`);
    });
  }
  t.diagnostic(`invalid variants sent: ${sent}; fixture operations without one: ${noVariant.length}`);
  assert.deepEqual(noVariant, WITHOUT_INVALID_SAMPLE, "fixture operations without an invalid variant");
  assert.equal(sent, Object.keys(fx).length - WITHOUT_INVALID_SAMPLE.length, "every invalid variant was sent");
  assert.ok(sent > SANE_FLOOR, `only ${sent} invalid variants were sent`);
});
