// Every operation with an `invalid` variant in the fixture: the server must reject it with the expected
// typed validation error and the exact AWS front-end message, and the JS v3 client must surface it as
// the exported exception class.

import { test } from "node:test";
import assert from "node:assert/strict";
import { sdk, ConnectServiceException, UUID_RE, call, clientOperations, describe, makeClient, revive, samples } from "./lib/harness.mjs";

test("invalid requests are rejected with the modelled validation error", async (t) => {
  const client = makeClient();
  const known = new Set(clientOperations());
  const fx = samples().operations;
  let covered = 0;
  let noVariant = 0;

  for (const op of Object.keys(fx).sort()) {
    const inv = fx[op]?.invalid;
    if (!inv) {
      noVariant++;
      continue;
    }
    covered++;
    await t.test(op, async () => {
      assert.ok(known.has(op), `fixture operation ${op} is unknown to the JS client`);
      const input = revive(inv.params);
      const r = await call(client, op, input);
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
  t.diagnostic(`invalid variants covered: ${covered}; fixture operations without one: ${noVariant}`);
});
