"""A node refuses to start against a database written by a newer ConnectLocal, says why, and changes nothing."""
import os
import sqlite3
import subprocess
import unittest

import nodes


def serve(*flags):
    return subprocess.run(["dotnet", nodes.SERVER_DLL, "serve", "--port", "0", *flags],
                          capture_output=True, text=True, timeout=60)


class NewerSchemaTests(unittest.TestCase):
    def test_sqlite_node_refuses_a_newer_schema_with_a_clear_message(self):
        nodes.require_server()
        data = nodes.temp_dir("schema")
        node = nodes.Node("--data-dir", data, log_dir=data).start()
        node.client().create_instance(IdentityManagementType="CONNECT_MANAGED", InstanceAlias="kept",
                                      InboundCallsEnabled=True, OutboundCallsEnabled=True)
        node.stop()
        db = os.path.join(data, "connectlocal.db")
        with sqlite3.connect(db) as c:
            current = int(c.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0])
            c.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(current + 1),))

        result = serve("--data-dir", data)

        self.assertEqual(1, result.returncode, result.stdout)
        self.assertIn(f"was written by a newer ConnectLocal (schema {current + 1}; this version understands up to {current}). "
                      "Upgrade ConnectLocal or use another --data-dir.", result.stderr)
        with sqlite3.connect(db) as c:
            self.assertEqual(str(current + 1), c.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0])
            self.assertEqual(1, c.execute("SELECT COUNT(*) FROM resources WHERE kind = 'instance'").fetchone()[0])

    def test_postgres_node_refuses_a_newer_schema_with_a_clear_message(self):
        nodes.require_postgres()
        name, connection = nodes.new_database()
        try:
            node = nodes.Node("--postgres", connection, log_dir=nodes.temp_dir("schema-pg")).start()
            node.stop()
            nodes.psql("UPDATE connectlocal_meta SET value = '99' WHERE key = 'schema_version'", database=name)

            result = serve("--postgres", connection)

            self.assertEqual(1, result.returncode, result.stdout)
            self.assertIn("was written by a newer ConnectLocal (schema 99; this version understands up to", result.stderr)
            self.assertIn("Upgrade every node.", result.stderr)
        finally:
            nodes.drop_database(name)


if __name__ == "__main__":
    unittest.main()
