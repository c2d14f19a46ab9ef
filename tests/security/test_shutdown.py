"""Shutdown is bounded: SIGTERM ends `connectlocal serve` within seconds, even with keep-alive connections and a
slow request open (docs/security.md, "Shutdown")."""
import http.client
import json
import signal
import threading
import time
import unittest

from support import Server

# The server lets in-flight requests finish for 3 s, then aborts them; 5 s leaves room for a loaded machine.
BOUND_SECONDS = 5


class ShutdownTests(unittest.TestCase):
    def test_sigterm_with_keep_alive_connections_and_a_slow_request_exits_within_the_bound(self):
        server = Server()
        try:
            status, _ = server.control("POST", "/faults", {"operation": "ListInstances", "fault": "latency", "latencyMs": 60000})
            self.assertEqual(200, status)
            idle = []
            for _ in range(4):  # keep-alive connections that have answered one request and stay open
                connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
                connection.request("GET", "/_connectlocal/health")
                connection.getresponse().read()
                idle.append(connection)
            slow = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)

            def send_slow():
                try:
                    slow.request("GET", "/instance", headers={
                        "Authorization": "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261121/us-east-1/connect/aws4_request, "
                                         "SignedHeaders=host;x-amz-date, Signature=" + "0" * 64,
                        "X-Amz-Date": time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())})
                    slow.getresponse().read()
                except OSError:
                    pass

            sender = threading.Thread(target=send_slow, daemon=True)
            sender.start()
            time.sleep(1)  # the slow request is in its injected latency

            started = time.monotonic()
            server._process.send_signal(signal.SIGTERM)
            try:
                server._process.wait(BOUND_SECONDS)
            except Exception:
                self.fail(f"the server did not exit within {BOUND_SECONDS} s of SIGTERM:\n{server.log()}")
            elapsed = time.monotonic() - started
            self.assertLess(elapsed, BOUND_SECONDS, json.dumps({"elapsed": elapsed}))
            for connection in idle:
                connection.close()
        finally:
            server.stop()


if __name__ == "__main__":
    unittest.main()
