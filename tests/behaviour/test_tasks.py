"""StartTaskContact through boto3 (docs/routing.md, "Driving it through the API"): where a task starts (a flow, a
quick connect or a task template, exactly one), scheduled tasks (not in the past, at most 6 days ahead, queued at
their time), and the limit of 12 tasks per PreviousContactId."""
import datetime
import time

from support import ConnectTestCase, unique

MISSING = "11111111-2222-4333-8444-555555555555"


def now():
    return datetime.datetime.now(datetime.timezone.utc)


class TaskContactTests(ConnectTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        flows = [s for p in cls.connect.get_paginator("list_contact_flows").paginate(InstanceId=cls.instance_id)
                 for s in p["ContactFlowSummaryList"]]
        by_name = {f["Name"]: f for f in flows}
        cls.inbound = by_name["Sample inbound flow (first contact experience)"]["Id"]
        cls.queue_transfer = by_name["Default queue transfer"]["Id"]
        hours = cls.connect.list_hours_of_operations(InstanceId=cls.instance_id)["HoursOfOperationSummaryList"][0]["Id"]
        cls.queue_id = cls.connect.create_queue(InstanceId=cls.instance_id, Name=unique("tasks"), HoursOfOperationId=hours)["QueueId"]
        cls.basic_queue = next(q["Id"] for q in cls.connect.list_queues(InstanceId=cls.instance_id, QueueTypes=["STANDARD"])["QueueSummaryList"]
                               if q["Name"] == "BasicQueue")

    def task(self, **kwargs):
        args = {"InstanceId": self.instance_id, "Name": unique("task")}
        args.update(kwargs)
        return self.connect.start_task_contact(**args)["ContactId"]

    def describe(self, contact_id):
        return self.connect.describe_contact(InstanceId=self.instance_id, ContactId=contact_id)["Contact"]

    def metric(self, name, queue_id):
        results = self.connect.get_current_metric_data(
            InstanceId=self.instance_id, Filters={"Queues": [queue_id], "Channels": ["TASK"]},
            CurrentMetrics=[{"Name": name, "Unit": "COUNT"}])["MetricResults"]
        return sum(c["Value"] for r in results for c in r["Collections"] if c["Metric"]["Name"] == name)

    # where a task starts

    def test_exactly_one_of_flow_quick_connect_and_template(self):
        self.assertError("InvalidParameterException", self.task, status=400)
        self.assertError("InvalidParameterException", self.task, ContactFlowId=self.inbound, QuickConnectId=MISSING, status=400)
        self.assertError("InvalidParameterException", self.task, ContactFlowId=self.inbound, TaskTemplateId=MISSING, status=400)

    def test_queue_quick_connect_queues_the_task_in_its_queue(self):
        qc = self.connect.create_quick_connect(
            InstanceId=self.instance_id, Name=unique("qc"),
            QuickConnectConfig={"QuickConnectType": "QUEUE", "QueueConfig": {"QueueId": self.queue_id, "ContactFlowId": self.queue_transfer}})
        contact = self.describe(self.task(QuickConnectId=qc["QuickConnectARN"]))
        self.assertEqual(self.queue_id, contact["QueueInfo"]["Id"])
        self.assertEqual("TASK", contact["Channel"])

    def test_phone_quick_connect_and_unknown_quick_connect_are_refused(self):
        qc = self.connect.create_quick_connect(
            InstanceId=self.instance_id, Name=unique("phone"),
            QuickConnectConfig={"QuickConnectType": "PHONE_NUMBER", "PhoneConfig": {"PhoneNumber": "+12065550100"}})
        self.assertError("InvalidParameterException", self.task, QuickConnectId=qc["QuickConnectId"], status=400)
        self.assertError("ResourceNotFoundException", self.task, QuickConnectId=MISSING, status=404)

    def test_task_template_gives_the_flow_and_shows_in_describe(self):
        form = {"ContactFlowId": self.inbound, "Constraints": {"RequiredFields": [{"Id": {"Name": "Title"}}]}, "Fields": [{"Id": {"Name": "Title"}, "Type": "NAME"}]}
        template = self.connect.create_task_template(InstanceId=self.instance_id, Name=unique("tt"), **form)
        contact = self.describe(self.task(TaskTemplateId=template["Id"]))
        self.assertEqual(template["Arn"], contact["TaskTemplateInfo"]["Arn"])
        self.assertEqual(self.connect.get_task_template(InstanceId=self.instance_id, TaskTemplateId=template["Id"])["Name"],
                         contact["TaskTemplateInfo"]["Name"])

        self.connect.update_task_template(InstanceId=self.instance_id, TaskTemplateId=template["Id"], Status="INACTIVE", **form)
        self.assertError("InvalidRequestException", self.task, TaskTemplateId=template["Id"], status=400)
        self.assertError("ResourceNotFoundException", self.task, TaskTemplateId=MISSING, status=404)

    # scheduled tasks

    def test_scheduled_time_in_the_past_or_beyond_six_days_is_refused(self):
        self.assertError("InvalidParameterException", self.task, ContactFlowId=self.inbound,
                         ScheduledTime=now() - datetime.timedelta(hours=1), status=400)
        self.assertError("InvalidParameterException", self.task, ContactFlowId=self.inbound,
                         ScheduledTime=now() + datetime.timedelta(days=6, hours=1), status=400)

    def test_a_scheduled_task_waits_for_its_time_then_is_queued(self):
        before = self.metric("CONTACTS_IN_QUEUE", self.basic_queue)
        at = now() + datetime.timedelta(seconds=3)
        contact_id = self.task(ContactFlowId=self.inbound, ScheduledTime=at)

        waiting = self.describe(contact_id)
        self.assertAlmostEqual(at.timestamp(), waiting["ScheduledTimestamp"].timestamp(), delta=1)
        self.assertNotIn("EnqueueTimestamp", waiting.get("QueueInfo", {}))
        self.assertEqual(1, self.metric("CONTACTS_SCHEDULED", self.basic_queue))
        self.assertEqual(before, self.metric("CONTACTS_IN_QUEUE", self.basic_queue))

        time.sleep(max(0.0, (at - now()).total_seconds()) + 0.5)
        queued = self.describe(contact_id)
        self.assertIn("EnqueueTimestamp", queued["QueueInfo"])
        # the wire carries whole seconds
        self.assertGreaterEqual(queued["QueueInfo"]["EnqueueTimestamp"].timestamp(), int(at.timestamp()))
        self.assertEqual(0, self.metric("CONTACTS_SCHEDULED", self.basic_queue))
        self.assertEqual(before + 1, self.metric("CONTACTS_IN_QUEUE", self.basic_queue))
        self.connect.stop_contact(InstanceId=self.instance_id, ContactId=contact_id)

    def test_a_task_scheduled_days_ahead_can_be_stopped_before_it_starts(self):
        contact_id = self.task(ContactFlowId=self.inbound, ScheduledTime=now() + datetime.timedelta(days=5))
        self.connect.stop_contact(InstanceId=self.instance_id, ContactId=contact_id)
        self.assertIn("DisconnectTimestamp", self.describe(contact_id))
        self.assertEqual(0, self.metric("CONTACTS_SCHEDULED", self.basic_queue))
        self.assertError("ContactNotFoundException", self.connect.stop_contact, InstanceId=self.instance_id, ContactId=contact_id, status=410)

    # linked tasks

    def test_at_most_twelve_tasks_share_a_previous_contact(self):
        first = self.task(ContactFlowId=self.inbound)
        for _ in range(12):
            self.task(ContactFlowId=self.inbound, PreviousContactId=first)
        self.assertError("ServiceQuotaExceededException", self.task, ContactFlowId=self.inbound, PreviousContactId=first, status=402)
        self.task(ContactFlowId=self.inbound, PreviousContactId=self.task(ContactFlowId=self.inbound))
