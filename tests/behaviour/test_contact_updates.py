"""Changing a contact after it began, through boto3 (docs/routing.md, "Changing a contact"): its attributes
(GetContactAttributes, UpdateContactAttributes), tags (TagContact, UntagContact), name, description and references
(UpdateContact, ListContactReferences), for contacts in progress and ended ones still retained, and a scheduled task's
start (UpdateContactSchedule)."""
import datetime
import time

from pinned_model import pinned_client
from support import ConnectTestCase, create_instance, unique

MISSING = "11111111-2222-4333-8444-555555555555"


def now():
    return datetime.datetime.now(datetime.timezone.utc)


class ContactUpdateTests(ConnectTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.inbound = cls.flow_named(cls.instance_id, "Sample inbound flow (first contact experience)")
        cls.other_instance = create_instance(cls.connect)

    @classmethod
    def tearDownClass(cls):
        cls.connect.delete_instance(InstanceId=cls.other_instance)
        super().tearDownClass()

    @classmethod
    def flow_named(cls, instance_id, name):
        flows = [s for p in cls.connect.get_paginator("list_contact_flows").paginate(InstanceId=instance_id)
                 for s in p["ContactFlowSummaryList"]]
        return next(f["Id"] for f in flows if f["Name"] == name)

    def task(self, **kwargs):
        args = {"InstanceId": self.instance_id, "Name": unique("task"), "ContactFlowId": self.inbound}
        args.update(kwargs)
        return self.connect.start_task_contact(**args)["ContactId"]

    def ended_task(self, **kwargs):
        contact_id = self.task(**kwargs)
        self.connect.stop_contact(InstanceId=self.instance_id, ContactId=contact_id)
        return contact_id

    def describe(self, contact_id):
        return self.connect.describe_contact(InstanceId=self.instance_id, ContactId=contact_id)["Contact"]

    def attributes(self, contact_id):
        return self.connect.get_contact_attributes(InstanceId=self.instance_id, InitialContactId=contact_id)["Attributes"]

    def update_attributes(self, contact_id, attributes):
        return self.connect.update_contact_attributes(InstanceId=self.instance_id, InitialContactId=contact_id, Attributes=attributes)

    def references(self, contact_id, types):
        return self.connect.list_contact_references(InstanceId=self.instance_id, ContactId=contact_id, ReferenceTypes=types)

    # attributes

    def test_attributes_merge_into_those_the_contact_started_with(self):
        contact_id = self.task(Attributes={"a": "1", "b": "2"})
        self.assertEqual({"a": "1", "b": "2"}, self.attributes(contact_id))

        self.update_attributes(contact_id, {"b": "3", "c-d_E9": "4"})

        self.assertEqual({"a": "1", "b": "3", "c-d_E9": "4"}, self.attributes(contact_id))
        self.assertEqual({"a": "1", "b": "3", "c-d_E9": "4"}, self.describe(contact_id)["Attributes"])

    def test_an_empty_value_is_kept_as_an_empty_value(self):
        contact_id = self.task(Attributes={"a": "1", "b": "2"})
        self.update_attributes(contact_id, {"a": ""})
        self.assertEqual({"a": "", "b": "2"}, self.attributes(contact_id))

    def test_a_contact_without_attributes_answers_an_empty_map(self):
        self.assertEqual({}, self.attributes(self.task()))

    def test_an_ended_contact_s_attributes_can_be_updated(self):
        contact_id = self.ended_task(Attributes={"a": "1"})
        self.update_attributes(contact_id, {"note": "called back"})
        self.assertEqual({"a": "1", "note": "called back"}, self.attributes(contact_id))

    def test_attribute_keys_and_the_size_of_the_merged_attributes_are_checked(self):
        contact_id = self.task(Attributes={"big": "x" * 20000})
        self.assertError("InvalidParameterException", self.update_attributes, contact_id, {"a.b": "1"}, status=400)
        # each request fits, the merged whole does not: nothing is changed
        self.assertError("InvalidParameterException", self.update_attributes, contact_id, {"more": "y" * 13000}, status=400)
        self.assertEqual({"big": "x" * 20000}, self.attributes(contact_id))
        # replacing a value frees its bytes
        self.update_attributes(contact_id, {"big": "", "more": "y" * 13000})
        self.assertEqual({"big": "", "more": "y" * 13000}, self.attributes(contact_id))

    def test_unknown_contacts_and_contacts_of_another_instance_are_not_found(self):
        contact_id = self.task()
        self.assertError("ResourceNotFoundException", self.attributes, MISSING, status=404)
        self.assertError("ResourceNotFoundException", self.update_attributes, MISSING, {"a": "1"}, status=404)
        self.assertError("ResourceNotFoundException", self.connect.get_contact_attributes,
                         InstanceId=self.other_instance, InitialContactId=contact_id, status=404)
        self.assertError("ResourceNotFoundException", self.connect.update_contact_attributes,
                         InstanceId=self.other_instance, InitialContactId=contact_id, Attributes={"a": "1"}, status=404)
        self.assertError("ResourceNotFoundException", self.connect.get_contact_attributes,
                         InstanceId=MISSING, InitialContactId=contact_id, status=404)
        self.assertEqual({}, self.attributes(contact_id))

    # tags

    def test_tags_show_in_describe_contact_with_the_instance_s_system_tag(self):
        contact_id = self.task()
        self.assertEqual({"aws:connect:instanceId": self.instance_id}, self.describe(contact_id)["Tags"])

        self.connect.tag_contact(InstanceId=self.instance_id, ContactId=contact_id, Tags={"dept": "sales", "cost": "1"})
        self.connect.tag_contact(InstanceId=self.instance_id, ContactId=contact_id, Tags={"dept": "support"})
        self.assertEqual({"aws:connect:instanceId": self.instance_id, "dept": "support", "cost": "1"}, self.describe(contact_id)["Tags"])

        self.connect.untag_contact(InstanceId=self.instance_id, ContactId=contact_id, TagKeys=["dept", "absent"])
        self.assertEqual({"aws:connect:instanceId": self.instance_id, "cost": "1"}, self.describe(contact_id)["Tags"])

    def test_a_contact_has_at_most_six_user_defined_tags(self):
        contact_id = self.task()
        self.connect.tag_contact(InstanceId=self.instance_id, ContactId=contact_id, Tags={f"k{i}": "v" for i in range(5)})
        self.assertError("InvalidParameterException", self.connect.tag_contact,
                         InstanceId=self.instance_id, ContactId=contact_id, Tags={"x": "1", "y": "2"}, status=400)
        self.connect.tag_contact(InstanceId=self.instance_id, ContactId=contact_id, Tags={"k0": "new", "x": "1"})
        self.assertEqual(7, len(self.describe(contact_id)["Tags"]))
        self.assertError("InvalidParameterException", self.connect.tag_contact,
                         InstanceId=self.instance_id, ContactId=contact_id, Tags={"aws:mine": "1"}, status=400)

    def test_tagging_an_ended_contact_and_unknown_contacts(self):
        contact_id = self.ended_task()
        self.connect.tag_contact(InstanceId=self.instance_id, ContactId=contact_id, Tags={"dept": "x"})
        self.assertEqual("x", self.describe(contact_id)["Tags"]["dept"])
        self.assertError("ResourceNotFoundException", self.connect.tag_contact,
                         InstanceId=self.instance_id, ContactId=MISSING, Tags={"a": "b"}, status=404)
        self.assertError("ResourceNotFoundException", self.connect.untag_contact,
                         InstanceId=self.other_instance, ContactId=contact_id, TagKeys=["dept"], status=404)
        self.assertError("ResourceNotFoundException", self.connect.tag_contact,
                         InstanceId=self.other_instance, ContactId=contact_id, Tags={"a": "b"}, status=404)

    # name, description, references

    def test_update_contact_sets_name_and_description_of_ongoing_and_ended_contacts(self):
        contact_id = self.task(Name="first", Description="before")
        self.connect.update_contact(InstanceId=self.instance_id, ContactId=contact_id, Name="second")
        described = self.describe(contact_id)
        self.assertEqual(("second", "before"), (described["Name"], described["Description"]))

        ended = self.ended_task(Name="first")
        self.connect.update_contact(InstanceId=self.instance_id, ContactId=ended, Description="after")
        described = self.describe(ended)
        self.assertEqual(("first", "after"), (described["Name"], described["Description"]))

        self.connect.update_contact(InstanceId=self.instance_id, ContactId=ended, Description="")
        self.assertNotIn("Description", self.describe(ended))

    def test_references_merge_by_name_and_list_by_type(self):
        contact_id = self.task(References={"site": {"Type": "URL", "Value": "https://example.com"},
                                           "amount": {"Type": "NUMBER", "Value": "12"}})
        self.connect.update_contact(InstanceId=self.instance_id, ContactId=contact_id, References={
            "amount": {"Type": "NUMBER", "Value": "13"}, "due": {"Type": "DATE", "Value": "1767225600"},
            "who": {"Type": "EMAIL", "Value": "a@example.com"}})

        listed = self.references(contact_id, ["URL", "NUMBER", "DATE", "EMAIL", "STRING"])
        self.assertEqual([{"Number": {"Name": "amount", "Value": "13"}}, {"Date": {"Name": "due", "Value": "1767225600"}},
                          {"Url": {"Name": "site", "Value": "https://example.com"}}, {"Email": {"Name": "who", "Value": "a@example.com"}}],
                         listed["ReferenceSummaryList"])
        self.assertNotIn("NextToken", listed)
        self.assertEqual([{"Url": {"Name": "site", "Value": "https://example.com"}}],
                         self.references(contact_id, ["URL"])["ReferenceSummaryList"])
        self.assertEqual([], self.references(self.task(), ["URL"])["ReferenceSummaryList"])

    def test_update_contact_errors(self):
        contact_id = self.task()
        self.assertError("InvalidParameterException", self.connect.update_contact,
                         InstanceId=self.instance_id, ContactId=contact_id, status=400)
        self.assertError("InvalidParameterException", self.connect.update_contact, InstanceId=self.instance_id, ContactId=contact_id,
                         References={"due": {"Type": "DATE", "Value": "tomorrow"}}, status=400)
        for member, value in [("QueueInfo", {"Id": MISSING}), ("UserInfo", {"UserId": MISSING}),
                              ("CustomerEndpoint", {"Type": "TELEPHONE_NUMBER", "Address": "+12065550100"}),
                              ("SystemEndpoint", {"Type": "TELEPHONE_NUMBER", "Address": "+12065550100"})]:
            self.assertError("InvalidRequestException", self.connect.update_contact,
                             InstanceId=self.instance_id, ContactId=contact_id, **{member: value}, status=400)
        # segment attributes are checked as StartTaskContact checks them, then refused: contacts keep none
        self.assertError("InvalidParameterException", self.connect.update_contact, InstanceId=self.instance_id, ContactId=contact_id,
                         SegmentAttributes={"bad key": {"ValueString": "x"}}, status=400)
        self.assertError("InvalidParameterException", self.connect.update_contact, InstanceId=self.instance_id, ContactId=contact_id,
                         SegmentAttributes={"mine": {"ValueArn": "arn:aws:connect:us-east-1:123456789012:instance/x"}}, status=400)
        self.assertError("InvalidRequestException", self.connect.update_contact, InstanceId=self.instance_id, ContactId=contact_id,
                         SegmentAttributes={"connect:ContactExpiry": {"ValueMap": {"ExpiryDuration": {"ValueInteger": 60}}}}, status=400)
        self.assertError("ResourceNotFoundException", self.connect.update_contact,
                         InstanceId=self.instance_id, ContactId=MISSING, Name="x", status=404)
        self.assertError("ResourceNotFoundException", self.connect.update_contact,
                         InstanceId=self.other_instance, ContactId=contact_id, Name="x", status=404)
        self.assertEqual(self.describe(contact_id)["Name"][:4], "task")

    def test_list_contact_references_errors(self):
        contact_id = self.task()
        self.assertError("InvalidParameterException", self.connect.list_contact_references, InstanceId=self.instance_id,
                         ContactId=contact_id, ReferenceTypes=["URL"], NextToken="abc", status=400)
        self.assertError("ResourceNotFoundException", self.references, MISSING, ["URL"], status=404)
        self.assertError("ResourceNotFoundException", self.connect.list_contact_references,
                         InstanceId=self.other_instance, ContactId=contact_id, ReferenceTypes=["URL"], status=404)

    def test_a_task_s_updated_references_are_what_a_new_task_template_checks(self):
        template = self.connect.create_task_template(
            InstanceId=self.instance_id, Name=unique("tt"), ContactFlowId=self.inbound,
            Constraints={"RequiredFields": [{"Id": {"Name": "Title"}}, {"Id": {"Name": "Amount"}}]},
            Fields=[{"Id": {"Name": "Title"}, "Type": "NAME"}, {"Id": {"Name": "Amount"}, "Type": "NUMBER"}])
        contact_id = self.task()
        pinned = pinned_client()
        self.assertError("PropertyValidationException", pinned.update_contact_task_template,
                         InstanceId=self.instance_id, ContactId=contact_id, TaskTemplateId=template["Id"])
        self.connect.update_contact(InstanceId=self.instance_id, ContactId=contact_id, References={"Amount": {"Type": "NUMBER", "Value": "5"}})
        pinned.update_contact_task_template(InstanceId=self.instance_id, ContactId=contact_id, TaskTemplateId=template["Id"])

    # a scheduled task's start

    def test_a_scheduled_task_starts_at_its_new_time(self):
        contact_id = self.task(ScheduledTime=now() + datetime.timedelta(days=1))
        later = now() + datetime.timedelta(days=2)
        self.connect.update_contact_schedule(InstanceId=self.instance_id, ContactId=contact_id, ScheduledTime=later)
        self.assertAlmostEqual(later.timestamp(), self.describe(contact_id)["ScheduledTimestamp"].timestamp(), delta=1)

        soon = now() + datetime.timedelta(seconds=2)
        self.connect.update_contact_schedule(InstanceId=self.instance_id, ContactId=contact_id, ScheduledTime=soon)
        self.assertNotIn("EnqueueTimestamp", self.describe(contact_id).get("QueueInfo", {}))
        time.sleep(max(0.0, (soon - now()).total_seconds()) + 0.5)
        self.assertIn("EnqueueTimestamp", self.describe(contact_id)["QueueInfo"])
        # queued now: no longer waiting for its time
        self.assertError("InvalidRequestException", self.connect.update_contact_schedule,
                         InstanceId=self.instance_id, ContactId=contact_id, ScheduledTime=later, status=400)

    def test_update_contact_schedule_errors(self):
        contact_id = self.task(ScheduledTime=now() + datetime.timedelta(days=1))
        self.assertError("InvalidParameterException", self.connect.update_contact_schedule, InstanceId=self.instance_id,
                         ContactId=contact_id, ScheduledTime=now() - datetime.timedelta(hours=1), status=400)
        self.assertError("InvalidParameterException", self.connect.update_contact_schedule, InstanceId=self.instance_id,
                         ContactId=contact_id, ScheduledTime=now() + datetime.timedelta(days=6, hours=1), status=400)
        self.assertError("InvalidRequestException", self.connect.update_contact_schedule, InstanceId=self.instance_id,
                         ContactId=self.task(), ScheduledTime=now() + datetime.timedelta(days=1), status=400)
        self.assertError("ResourceNotFoundException", self.connect.update_contact_schedule, InstanceId=self.instance_id,
                         ContactId=MISSING, ScheduledTime=now() + datetime.timedelta(days=1), status=404)
        self.assertError("ResourceNotFoundException", self.connect.update_contact_schedule, InstanceId=self.other_instance,
                         ContactId=contact_id, ScheduledTime=now() + datetime.timedelta(days=1), status=404)

    # pausing a task

    def in_queue(self):
        queue = next(q["Id"] for q in self.connect.list_queues(InstanceId=self.instance_id, QueueTypes=["STANDARD"])["QueueSummaryList"]
                     if q["Name"] == "BasicQueue")
        results = self.connect.get_current_metric_data(
            InstanceId=self.instance_id, Filters={"Queues": [queue], "Channels": ["TASK"]},
            CurrentMetrics=[{"Name": "CONTACTS_IN_QUEUE", "Unit": "COUNT"}])["MetricResults"]
        return sum(c["Value"] for r in results for c in r["Collections"])

    def test_a_paused_task_leaves_its_queue_until_resumed(self):
        contact_id = self.task()
        before = self.in_queue()
        self.connect.pause_contact(InstanceId=self.instance_id, ContactId=contact_id)
        self.assertEqual(before - 1, self.in_queue())
        paused = self.describe(contact_id)
        self.assertEqual(1, paused["TotalPauseCount"])
        self.assertIn("LastPausedTimestamp", paused)
        self.assertNotIn("LastResumedTimestamp", paused)
        self.assertError("ConflictException", self.connect.pause_contact, InstanceId=self.instance_id, ContactId=contact_id, status=409)

        self.connect.resume_contact(InstanceId=self.instance_id, ContactId=contact_id, ContactFlowId=self.inbound)
        self.assertEqual(before, self.in_queue())
        resumed = self.describe(contact_id)
        self.assertIn("LastResumedTimestamp", resumed)
        self.assertEqual(resumed["QueueInfo"]["EnqueueTimestamp"], paused["QueueInfo"]["EnqueueTimestamp"])
        self.assertError("ConflictException", self.connect.resume_contact, InstanceId=self.instance_id, ContactId=contact_id, status=409)

        self.connect.pause_contact(InstanceId=self.instance_id, ContactId=contact_id)
        self.connect.stop_contact(InstanceId=self.instance_id, ContactId=contact_id)
        self.assertEqual(before - 1, self.in_queue())
        self.assertEqual(2, self.describe(contact_id)["TotalPauseCount"])
        self.assertError("InvalidRequestException", self.connect.resume_contact, InstanceId=self.instance_id, ContactId=contact_id, status=400)

    def test_only_ongoing_tasks_in_a_queue_or_with_an_agent_are_paused(self):
        chat = self.connect.start_chat_contact(InstanceId=self.instance_id, ContactFlowId=self.inbound,
                                               ParticipantDetails={"DisplayName": "c"})["ContactId"]
        self.assertError("InvalidRequestException", self.connect.pause_contact, InstanceId=self.instance_id, ContactId=chat, status=400)
        self.assertError("InvalidRequestException", self.connect.pause_contact, InstanceId=self.instance_id,
                         ContactId=self.ended_task(), status=400)
        self.assertError("InvalidRequestException", self.connect.pause_contact, InstanceId=self.instance_id,
                         ContactId=self.task(ScheduledTime=now() + datetime.timedelta(days=1)), status=400)
        contact_id = self.task()
        self.assertError("ResourceNotFoundException", self.connect.pause_contact, InstanceId=self.instance_id, ContactId=MISSING, status=404)
        self.assertError("ResourceNotFoundException", self.connect.pause_contact, InstanceId=self.other_instance, ContactId=contact_id, status=404)
        self.assertError("ResourceNotFoundException", self.connect.resume_contact, InstanceId=self.other_instance, ContactId=contact_id, status=404)
        self.assertError("ResourceNotFoundException", self.connect.pause_contact, InstanceId=self.instance_id, ContactId=contact_id,
                         ContactFlowId=MISSING, status=404)
        self.assertNotIn("TotalPauseCount", self.describe(contact_id))
