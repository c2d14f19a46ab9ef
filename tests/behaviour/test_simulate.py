"""`connectlocal simulate` as a user runs it: the process, a scenario file in JSON or YAML, the report it writes."""
import json
import os
import shutil
import subprocess
import tempfile
import unittest

from support import OwnServer

YAML_SCENARIO = """\
# two voice agents, one queue, one hour; at 08:30 one agent goes Offline
name: yaml smoke
seed: 11
start: 08:00
end: 09:00
intervalMinutes: 15
serviceLevelSeconds: 20
queues:
  - { Name: Support, Description: Voice support }
routingProfiles:
  - Name: Voice
    Description: Voice agents
    DefaultOutboundQueueId: Support
    MediaConcurrencies: [{ Channel: VOICE, Concurrency: 1 }]
    QueueConfigs:
      - { QueueReference: { QueueId: Support, Channel: VOICE }, Priority: 1, Delay: 0 }
agents:
  - { name: voice, routingProfile: Voice, count: 2 }
traffic:
  - queue: Support
    channel: VOICE
    perHour: 30
    handleTime: { distribution: exponential, mean: 120 }
timeline:
  - at: 08:30
    label: one agent signs out
    operation: PutUserStatus
    agents: voice
    count: 1
    input: { AgentStatusId: Offline }
"""


class SimulateCommand(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.mkdtemp(prefix="connectlocal-simulate-")

    def tearDown(self):
        shutil.rmtree(self.directory, ignore_errors=True)

    def simulate(self, scenario_name, text, *extra):
        path = os.path.join(self.directory, scenario_name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return subprocess.run(["dotnet", OwnServer.dll(), "simulate", path, "--quiet", *extra],
                              capture_output=True, text=True, timeout=120)

    def test_a_yaml_scenario_runs_and_writes_its_report_beside_it(self):
        done = self.simulate("day.yaml", YAML_SCENARIO)

        self.assertEqual(0, done.returncode, done.stderr)
        results = os.path.join(self.directory, "day-results")
        with open(os.path.join(results, "result.json"), encoding="utf-8") as f:
            result = json.load(f)
        self.assertEqual("yaml smoke", result["scenario"]["name"])
        self.assertEqual(2, result["scenario"]["agents"])
        self.assertGreater(result["totals"]["contacts"], 10)
        self.assertGreater(result["totals"]["routingDecisions"], 10)
        self.assertEqual([("one agent signs out", None)], [(c["change"], c["error"]) for c in result["changes"]])
        with open(os.path.join(results, "report.md"), encoding="utf-8") as f:
            report = f.read()
        self.assertIn("one agent signs out", report)
        self.assertIn("applied", report)
        self.assertTrue(os.path.isdir(os.path.join(results, "charts")))

    def test_the_same_scenario_as_json_gives_the_same_numbers(self):
        json_text = json.dumps(_yaml_as_json())
        self.assertEqual(0, self.simulate("a.yaml", YAML_SCENARIO, "--out", os.path.join(self.directory, "y")).returncode)
        self.assertEqual(0, self.simulate("a.json", json_text, "--out", os.path.join(self.directory, "j")).returncode)

        def numbers(folder):
            with open(os.path.join(self.directory, folder, "result.json"), encoding="utf-8") as f:
                result = json.load(f)
            result.pop("timing", None)
            return result

        self.assertEqual(numbers("j"), numbers("y"))

    def test_broken_yaml_is_refused_with_the_line_and_exit_code_1(self):
        done = self.simulate("broken.yml", "name: x\nqueues: [ { Name: a }\n")

        self.assertEqual(1, done.returncode)
        self.assertIn("not valid YAML: line", done.stderr)


def _yaml_as_json():
    """YAML_SCENARIO, written out by hand as JSON (the test must not use the server's own converter)."""
    return {
        "name": "yaml smoke", "seed": 11, "start": "08:00", "end": "09:00", "intervalMinutes": 15, "serviceLevelSeconds": 20,
        "queues": [{"Name": "Support", "Description": "Voice support"}],
        "routingProfiles": [{
            "Name": "Voice", "Description": "Voice agents", "DefaultOutboundQueueId": "Support",
            "MediaConcurrencies": [{"Channel": "VOICE", "Concurrency": 1}],
            "QueueConfigs": [{"QueueReference": {"QueueId": "Support", "Channel": "VOICE"}, "Priority": 1, "Delay": 0}],
        }],
        "agents": [{"name": "voice", "routingProfile": "Voice", "count": 2}],
        "traffic": [{"queue": "Support", "channel": "VOICE", "perHour": 30,
                     "handleTime": {"distribution": "exponential", "mean": 120}}],
        "timeline": [{"at": "08:30", "label": "one agent signs out", "operation": "PutUserStatus", "agents": "voice",
                      "count": 1, "input": {"AgentStatusId": "Offline"}}],
    }


if __name__ == "__main__":
    unittest.main()
