"""Replays, with boto3, the call sequences the Terraform AWS provider drives for each aws_connect_* resource.

For each resource: create -> read (the provider's read calls) -> update (its update calls; tags as UntagResource of
the removed keys then TagResource of the new ones, by ARN) -> read -> import-read (a read from only the documented
import id, split as the provider splits it) -> delete -> read-after-delete is ResourceNotFoundException (for the
association resources, whose read is a list, the association is gone from the list). The operations each resource
calls are those in src/ConnectLocal.Server/Hosting/iac-operations.json (docs/iac.md). A last class reads each
resource back the way CloudFormation does, with ARNs wherever the API takes an id.
"""
import json
import time
import unittest
import uuid

from support import ConnectTestCase, client, create_instance, unique

# The suite runs in an account of its own: it creates instances of its own, and the instances of the account every
# other suite shares count against the per-Region instance quota (100).
ACCOUNT = "123456789012"


class OwnAccountTestCase(ConnectTestCase):
    @classmethod
    def setUpClass(cls):
        cls.connect = client(account=ACCOUNT)
        cls.instance_id = cls._instance_made = create_instance(cls.connect)
        cls.fresh_instances = []

    @classmethod
    def tearDownClass(cls):
        # Clean-up, not a check: the instances the tests made besides the class's own (fresh instances, a phone
        # number's second target) go too, so the account stays inside the per-Region instance quota.
        for made in cls.fresh_instances:
            try:
                cls.connect.delete_instance(InstanceId=made)
            except cls.connect.exceptions.ResourceNotFoundException:
                pass
        super().tearDownClass()

    def fresh_instance(self):
        made = create_fresh(self.connect)
        type(self).fresh_instances.append(made)
        return made


def flow_content(text):
    return json.dumps({"Version": "2019-10-30", "StartAction": "a1", "Metadata": {}, "Actions": [
        {"Identifier": "a1", "Type": "MessageParticipant", "Parameters": {"Text": text},
         "Transitions": {"NextAction": "a2", "Errors": [{"NextAction": "a2", "ErrorType": "NoMatchingError"}]}},
        {"Identifier": "a2", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}]})


def acceptance_flow_content(text):
    """The shape of the provider's acceptance-test flow: two actions whose identifiers are not UUIDs, empty Errors and
    Conditions lists, no Metadata."""
    return json.dumps({"Version": "2019-10-30", "StartAction": "12345678-1234-1234-1234-123456789012", "Actions": [
        {"Identifier": "12345678-1234-1234-1234-123456789012", "Type": "MessageParticipant",
         "Transitions": {"NextAction": "abcdef-abcd-abcd-abcd-abcdefghijkl", "Errors": [], "Conditions": []},
         "Parameters": {"Text": text}},
        {"Identifier": "abcdef-abcd-abcd-abcd-abcdefghijkl", "Type": "DisconnectParticipant", "Transitions": {},
         "Parameters": {}}]})


def acceptance_module_content(text):
    """The shape of the provider's acceptance-test module: the acceptance flow's two actions (a module may end in
    DisconnectParticipant) with the Settings block of input/output parameters and the Success/Error transitions."""
    content = json.loads(acceptance_flow_content(text))
    content["Settings"] = {"InputParameters": [], "OutputParameters": [], "Transitions": [
        {"DisplayName": "Success", "ReferenceName": "Success", "Description": ""},
        {"DisplayName": "Error", "ReferenceName": "Error", "Description": ""}]}
    return json.dumps(content)


def module_content(text):
    return json.dumps({"Version": "2019-10-30", "StartAction": "m1", "Metadata": {}, "Settings": {
        "InputParameters": [], "OutputParameters": [], "Transitions": [
            {"DisplayName": "Success", "ReferenceName": "Success", "Description": ""},
            {"DisplayName": "Error", "ReferenceName": "Error", "Description": ""}]}, "Actions": [
        {"Identifier": "m1", "Type": "MessageParticipant", "Parameters": {"Text": text},
         "Transitions": {"NextAction": "m2", "Errors": [{"NextAction": "m2", "ErrorType": "NoMatchingError"}]}},
        {"Identifier": "m2", "Type": "EndFlowModuleExecution", "Parameters": {}, "Transitions": {}}]})


def slot(day, start, end):
    return {"Day": day, "StartTime": {"Hours": start[0], "Minutes": start[1]},
            "EndTime": {"Hours": end[0], "Minutes": end[1]}}


def pages(call, key, **kwargs):
    items, token = [], None
    while True:
        out = call(**kwargs, **({"NextToken": token} if token else {}))
        items.extend(out[key])
        token = out.get("NextToken")
        if not token:
            return items


class TerraformLifecycle(OwnAccountTestCase):
    """One test per aws_connect_* resource, in the order the provider calls the API."""

    def update_tags(self, arn, old, new):
        """The provider's tag update: UntagResource of the removed keys, then TagResource of the new/changed ones."""
        removed = [k for k in old if k not in new]
        changed = {k: v for k, v in new.items() if old.get(k) != v}
        if removed:
            self.connect.untag_resource(resourceArn=arn, tagKeys=removed)
        if changed:
            self.connect.tag_resource(resourceArn=arn, tags=changed)

    def split_import(self, import_id, sep=":", parts=2):
        fields = import_id.split(sep)
        self.assertEqual(parts, len(fields), import_id)
        self.assertTrue(all(fields), import_id)
        return fields

    def gone(self, call, **kwargs):
        self.assertError("ResourceNotFoundException", call, **kwargs)

    def deleted_again(self, delete, **kwargs):
        """The provider's delete ignores ResourceNotFoundException (a resource deleted outside Terraform): a second
        delete must answer exactly that, not succeed and not fail otherwise."""
        self.assertError("ResourceNotFoundException", delete, **kwargs)

    def default_flow(self, name="Default agent transfer"):
        flows = pages(self.connect.list_contact_flows, "ContactFlowSummaryList", InstanceId=self.instance_id)
        return next(f for f in flows if f["Name"] == name)

    def hours(self):
        return self.connect.create_hours_of_operation(
            InstanceId=self.instance_id, Name=unique("hours"), TimeZone="UTC",
            Config=[slot("MONDAY", (8, 0), (17, 0))])

    # -- aws_connect_instance ------------------------------------------------------------------------------------------

    def test_instance(self):
        c = self.connect
        alias = unique("tfinst")
        iid = c.create_instance(IdentityManagementType="CONNECT_MANAGED", InstanceAlias=alias,
                                InboundCallsEnabled=True, OutboundCallsEnabled=True)["Id"]
        # create waits on DescribeInstance until ACTIVE, then sets the attributes the config names
        self.assertEqual("ACTIVE", c.describe_instance(InstanceId=iid)["Instance"]["InstanceStatus"])
        c.update_instance_attribute(InstanceId=iid, AttributeType="CONTACT_LENS", Value="true")
        c.update_instance_attribute(InstanceId=iid, AttributeType="CONTACTFLOW_LOGS", Value="false")

        def read(instance_id):
            inst = c.describe_instance(InstanceId=instance_id)["Instance"]
            attrs = {t: c.describe_instance_attribute(InstanceId=instance_id, AttributeType=t)["Attribute"]["Value"]
                     for t in ("AUTO_RESOLVE_BEST_VOICES", "CONTACT_LENS", "CONTACTFLOW_LOGS", "EARLY_MEDIA",
                               "INBOUND_CALLS", "OUTBOUND_CALLS", "MULTI_PARTY_CONFERENCE")}
            return inst, attrs

        inst, attrs = read(iid)
        self.assertEqual(alias, inst["InstanceAlias"])
        self.assertEqual("CONNECT_MANAGED", inst["IdentityManagementType"])
        self.assertEqual(("true", "false", "true", "true"), (attrs["CONTACT_LENS"], attrs["CONTACTFLOW_LOGS"],
                                                             attrs["INBOUND_CALLS"], attrs["OUTBOUND_CALLS"]))
        c.update_instance_attribute(InstanceId=iid, AttributeType="CONTACTFLOW_LOGS", Value="true")
        c.update_instance_attribute(InstanceId=iid, AttributeType="OUTBOUND_CALLS", Value="false")
        inst, attrs = read(iid)
        self.assertEqual(("true", "false"), (attrs["CONTACTFLOW_LOGS"], attrs["OUTBOUND_CALLS"]))
        imported, attrs2 = read(iid)  # the import id is the instance id
        self.assertEqual(inst["Arn"], imported["Arn"])
        self.assertEqual(attrs, attrs2)
        c.delete_instance(InstanceId=iid)
        self.gone(c.describe_instance, InstanceId=iid)

    # -- aws_connect_hours_of_operation --------------------------------------------------------------------------------

    def test_hours_of_operation(self):
        # the acceptance tests' inputs: time zone EST, Monday 08:00-23:08, then a second day, description Created/Updated
        c, iid = self.connect, self.instance_id
        name = unique("tfhours")
        made = c.create_hours_of_operation(InstanceId=iid, Name=name, Description="Created", TimeZone="EST",
                                           Config=[slot("MONDAY", (8, 0), (23, 8))],
                                           Tags={"Name": "Test Hours of Operation"})
        hid, arn = made["HoursOfOperationId"], made["HoursOfOperationArn"]
        got = c.describe_hours_of_operation(InstanceId=iid, HoursOfOperationId=hid)["HoursOfOperation"]
        self.assertEqual((name, "Created", "EST", arn), (got["Name"], got["Description"], got["TimeZone"],
                                                         got["HoursOfOperationArn"]))
        self.assertEqual([slot("MONDAY", (8, 0), (23, 8))], got["Config"])
        self.assertEqual({"Name": "Test Hours of Operation"}, got["Tags"])
        # one UpdateHoursOfOperation carrying every field, as the provider sends it
        c.update_hours_of_operation(InstanceId=iid, HoursOfOperationId=hid, Name=name + "-2", Description="Updated",
                                    TimeZone="EST",
                                    Config=[slot("MONDAY", (8, 0), (23, 8)), slot("TUESDAY", (9, 0), (21, 0))])
        self.update_tags(arn, {"Name": "Test Hours of Operation"}, {"Name": "h2", "Team": "ops"})
        got = c.describe_hours_of_operation(InstanceId=iid, HoursOfOperationId=hid)["HoursOfOperation"]
        self.assertEqual((name + "-2", "Updated", "EST"), (got["Name"], got["Description"], got["TimeZone"]))
        self.assertEqual({("MONDAY", 8, 0, 23, 8), ("TUESDAY", 9, 0, 21, 0)},
                         {(s["Day"], s["StartTime"]["Hours"], s["StartTime"]["Minutes"], s["EndTime"]["Hours"],
                           s["EndTime"]["Minutes"]) for s in got["Config"]})
        self.assertEqual({"Name": "h2", "Team": "ops"}, got["Tags"])
        inst, hours_id = self.split_import(f"{iid}:{hid}")
        self.assertEqual(got, c.describe_hours_of_operation(InstanceId=inst, HoursOfOperationId=hours_id)["HoursOfOperation"])
        c.delete_hours_of_operation(InstanceId=iid, HoursOfOperationId=hid)
        self.gone(c.describe_hours_of_operation, InstanceId=iid, HoursOfOperationId=hid)
        self.deleted_again(c.delete_hours_of_operation, InstanceId=iid, HoursOfOperationId=hid)

    # -- aws_connect_quick_connect -------------------------------------------------------------------------------------

    def test_quick_connect(self):
        c, iid = self.connect, self.instance_id
        name = unique("tfqc")
        made = c.create_quick_connect(InstanceId=iid, Name=name, Description="phone qc", QuickConnectConfig={
            "QuickConnectType": "PHONE_NUMBER", "PhoneConfig": {"PhoneNumber": "+12345678912"}}, Tags={"Name": "qc"})
        qid, arn = made["QuickConnectId"], made["QuickConnectARN"]
        got = c.describe_quick_connect(InstanceId=iid, QuickConnectId=qid)["QuickConnect"]
        self.assertEqual((name, "+12345678912"), (got["Name"], got["QuickConnectConfig"]["PhoneConfig"]["PhoneNumber"]))
        c.update_quick_connect_name(InstanceId=iid, QuickConnectId=qid, Name=name + "-2", Description="renamed")
        c.update_quick_connect_config(InstanceId=iid, QuickConnectId=qid, QuickConnectConfig={
            "QuickConnectType": "PHONE_NUMBER", "PhoneConfig": {"PhoneNumber": "+12345678913"}})
        self.update_tags(arn, {"Name": "qc"}, {"Key2": "v2"})
        got = c.describe_quick_connect(InstanceId=iid, QuickConnectId=qid)["QuickConnect"]
        self.assertEqual((name + "-2", "renamed", "+12345678913", {"Key2": "v2"}),
                         (got["Name"], got["Description"], got["QuickConnectConfig"]["PhoneConfig"]["PhoneNumber"],
                          got["Tags"]))
        inst, qc_id = self.split_import(f"{iid}:{qid}")
        self.assertEqual(got, c.describe_quick_connect(InstanceId=inst, QuickConnectId=qc_id)["QuickConnect"])
        c.delete_quick_connect(InstanceId=iid, QuickConnectId=qid)
        self.gone(c.describe_quick_connect, InstanceId=iid, QuickConnectId=qid)
        self.deleted_again(c.delete_quick_connect, InstanceId=iid, QuickConnectId=qid)

    # -- aws_connect_queue ---------------------------------------------------------------------------------------------

    def quick_connect(self):
        return c_qc(self.connect, self.instance_id)

    def test_queue(self):
        c, iid = self.connect, self.instance_id
        hours1, hours2 = self.hours(), self.hours()
        qc1, qc2 = self.quick_connect(), self.quick_connect()
        name = unique("tfqueue")
        made = c.create_queue(InstanceId=iid, Name=name, Description="first", MaxContacts=5,
                              HoursOfOperationId=hours1["HoursOfOperationId"], QuickConnectIds=[qc1],
                              Tags={"Name": "q"})
        qid, arn = made["QueueId"], made["QueueArn"]

        def read(instance_id, queue_id):
            queue = c.describe_queue(InstanceId=instance_id, QueueId=queue_id)["Queue"]
            qcs = pages(c.list_queue_quick_connects, "QuickConnectSummaryList", InstanceId=instance_id,
                        QueueId=queue_id, MaxResults=60)
            return queue, sorted(q["Id"] for q in qcs)

        queue, qcs = read(iid, qid)
        self.assertEqual((name, 5, hours1["HoursOfOperationId"], "ENABLED", [qc1]),
                         (queue["Name"], queue["MaxContacts"], queue["HoursOfOperationId"], queue["Status"], qcs))
        c.update_queue_hours_of_operation(InstanceId=iid, QueueId=qid, HoursOfOperationId=hours2["HoursOfOperationId"])
        c.update_queue_max_contacts(InstanceId=iid, QueueId=qid, MaxContacts=10)
        c.update_queue_name(InstanceId=iid, QueueId=qid, Name=name + "-2", Description="second")
        c.update_queue_outbound_caller_config(InstanceId=iid, QueueId=qid, OutboundCallerConfig={
            "OutboundCallerIdName": "Support line"})
        c.update_queue_status(InstanceId=iid, QueueId=qid, Status="DISABLED")
        c.associate_queue_quick_connects(InstanceId=iid, QueueId=qid, QuickConnectIds=[qc2])
        c.disassociate_queue_quick_connects(InstanceId=iid, QueueId=qid, QuickConnectIds=[qc1])
        self.update_tags(arn, {"Name": "q"}, {"Name": "q2"})
        queue, qcs = read(iid, qid)
        self.assertEqual((name + "-2", "second", 10, hours2["HoursOfOperationId"], "DISABLED", "Support line", [qc2],
                          {"Name": "q2"}),
                         (queue["Name"], queue["Description"], queue["MaxContacts"], queue["HoursOfOperationId"],
                          queue["Status"], queue["OutboundCallerConfig"]["OutboundCallerIdName"], qcs, queue["Tags"]))
        inst, queue_id = self.split_import(f"{iid}:{qid}")
        self.assertEqual((queue, qcs), read(inst, queue_id))
        c.delete_queue(InstanceId=iid, QueueId=qid)
        self.gone(c.describe_queue, InstanceId=iid, QueueId=qid)
        self.deleted_again(c.delete_queue, InstanceId=iid, QueueId=qid)

    # -- aws_connect_routing_profile -----------------------------------------------------------------------------------

    def test_routing_profile(self):
        c, iid = self.connect, self.instance_id
        hid = self.hours()["HoursOfOperationId"]
        q1 = c.create_queue(InstanceId=iid, Name=unique("tfrq"), HoursOfOperationId=hid)["QueueId"]
        q2 = c.create_queue(InstanceId=iid, Name=unique("tfrq"), HoursOfOperationId=hid)["QueueId"]
        name = unique("tfrp")
        made = c.create_routing_profile(
            InstanceId=iid, Name=name, Description="rp", DefaultOutboundQueueId=q1,
            MediaConcurrencies=[{"Channel": "VOICE", "Concurrency": 1}],
            QueueConfigs=[{"QueueReference": {"QueueId": q1, "Channel": "VOICE"}, "Priority": 1, "Delay": 0}],
            Tags={"Name": "rp"})
        rid, arn = made["RoutingProfileId"], made["RoutingProfileArn"]

        def read(instance_id, profile_id):
            profile = c.describe_routing_profile(InstanceId=instance_id, RoutingProfileId=profile_id)["RoutingProfile"]
            queues = pages(c.list_routing_profile_queues, "RoutingProfileQueueConfigSummaryList",
                           InstanceId=instance_id, RoutingProfileId=profile_id, MaxResults=60)
            return profile, sorted((q["QueueId"], q["Channel"], q["Priority"], q["Delay"]) for q in queues)

        profile, queues = read(iid, rid)
        self.assertEqual((name, q1, [(q1, "VOICE", 1, 0)]), (profile["Name"], profile["DefaultOutboundQueueId"], queues))
        c.update_routing_profile_concurrency(InstanceId=iid, RoutingProfileId=rid, MediaConcurrencies=[
            {"Channel": "VOICE", "Concurrency": 1}, {"Channel": "CHAT", "Concurrency": 3}])
        c.update_routing_profile_default_outbound_queue(InstanceId=iid, RoutingProfileId=rid, DefaultOutboundQueueId=q2)
        c.update_routing_profile_name(InstanceId=iid, RoutingProfileId=rid, Name=name + "-2", Description="rp2")
        c.disassociate_routing_profile_queues(InstanceId=iid, RoutingProfileId=rid,
                                              QueueReferences=[{"QueueId": q1, "Channel": "VOICE"}])
        c.associate_routing_profile_queues(InstanceId=iid, RoutingProfileId=rid, QueueConfigs=[
            {"QueueReference": {"QueueId": q2, "Channel": "VOICE"}, "Priority": 2, "Delay": 5},
            {"QueueReference": {"QueueId": q2, "Channel": "CHAT"}, "Priority": 1, "Delay": 0}])
        self.update_tags(arn, {"Name": "rp"}, {"Name": "rp2", "Extra": "x"})
        profile, queues = read(iid, rid)
        self.assertEqual((name + "-2", "rp2", q2, {"Name": "rp2", "Extra": "x"}),
                         (profile["Name"], profile["Description"], profile["DefaultOutboundQueueId"], profile["Tags"]))
        self.assertEqual({("VOICE", 1), ("CHAT", 3)},
                         {(m["Channel"], m["Concurrency"]) for m in profile["MediaConcurrencies"]})
        self.assertEqual(sorted([(q2, "CHAT", 1, 0), (q2, "VOICE", 2, 5)]), queues)
        inst, profile_id = self.split_import(f"{iid}:{rid}")
        self.assertEqual((profile, queues), read(inst, profile_id))
        c.delete_routing_profile(InstanceId=iid, RoutingProfileId=rid)
        self.gone(c.describe_routing_profile, InstanceId=iid, RoutingProfileId=rid)
        self.deleted_again(c.delete_routing_profile, InstanceId=iid, RoutingProfileId=rid)

    # -- aws_connect_contact_flow / aws_connect_contact_flow_module ----------------------------------------------------

    def test_contact_flow(self):
        c, iid = self.connect, self.instance_id
        name = unique("tfflow")
        made = c.create_contact_flow(InstanceId=iid, Name=name, Description="Created", Type="CONTACT_FLOW",
                                     Content=acceptance_flow_content("Created"), Tags={"Name": "f"})
        fid, arn = made["ContactFlowId"], made["ContactFlowArn"]
        got = c.describe_contact_flow(InstanceId=iid, ContactFlowId=fid)["ContactFlow"]
        self.assertEqual((name, "CONTACT_FLOW", arn), (got["Name"], got["Type"], got["Arn"]))
        self.assertEqual(json.loads(acceptance_flow_content("Created")), json.loads(got["Content"]))
        # the provider renames with UpdateContactFlowName (name and description together), then sends the content
        c.update_contact_flow_name(InstanceId=iid, ContactFlowId=fid, Name=name + "-2", Description="Updated")
        c.update_contact_flow_content(InstanceId=iid, ContactFlowId=fid, Content=acceptance_flow_content("Updated"))
        self.update_tags(arn, {"Name": "f"}, {"Name": "f2"})
        got = c.describe_contact_flow(InstanceId=iid, ContactFlowId=fid)["ContactFlow"]
        self.assertEqual((name + "-2", "Updated", {"Name": "f2"}), (got["Name"], got["Description"], got["Tags"]))
        self.assertEqual(json.loads(acceptance_flow_content("Updated")), json.loads(got["Content"]))
        inst, flow_id = self.split_import(f"{iid}:{fid}")
        self.assertEqual(got, c.describe_contact_flow(InstanceId=inst, ContactFlowId=flow_id)["ContactFlow"])
        c.delete_contact_flow(InstanceId=iid, ContactFlowId=fid)
        self.gone(c.describe_contact_flow, InstanceId=iid, ContactFlowId=fid)
        self.deleted_again(c.delete_contact_flow, InstanceId=iid, ContactFlowId=fid)

    def test_contact_flow_module(self):
        c, iid = self.connect, self.instance_id
        name = unique("tfmod")
        made = c.create_contact_flow_module(InstanceId=iid, Name=name, Description="Created",
                                            Content=acceptance_module_content("Created"), Tags={"Name": "m"})
        mid, arn = made["Id"], made["Arn"]
        got = c.describe_contact_flow_module(InstanceId=iid, ContactFlowModuleId=mid)["ContactFlowModule"]
        self.assertEqual((name, arn), (got["Name"], got["Arn"]))
        c.update_contact_flow_module_metadata(InstanceId=iid, ContactFlowModuleId=mid, Name=name + "-2",
                                              Description="Updated")
        c.update_contact_flow_module_content(InstanceId=iid, ContactFlowModuleId=mid, Content=acceptance_module_content("Updated"))
        self.update_tags(arn, {"Name": "m"}, {"Other": "o"})
        got = c.describe_contact_flow_module(InstanceId=iid, ContactFlowModuleId=mid)["ContactFlowModule"]
        self.assertEqual((name + "-2", "Updated", {"Other": "o"}), (got["Name"], got["Description"], got["Tags"]))
        self.assertEqual(json.loads(acceptance_module_content("Updated")), json.loads(got["Content"]))
        inst, module_id = self.split_import(f"{iid}:{mid}")
        self.assertEqual(got, c.describe_contact_flow_module(InstanceId=inst, ContactFlowModuleId=module_id)["ContactFlowModule"])
        c.delete_contact_flow_module(InstanceId=iid, ContactFlowModuleId=mid)
        self.gone(c.describe_contact_flow_module, InstanceId=iid, ContactFlowModuleId=mid)
        self.deleted_again(c.delete_contact_flow_module, InstanceId=iid, ContactFlowModuleId=mid)

    # -- aws_connect_prompt data source (ListPrompts by name) ----------------------------------------------------------

    def test_prompt_data_source_reads_by_name(self):
        c, iid = self.connect, self.instance_id
        name = unique("tfprompt")
        made = c.create_prompt(InstanceId=iid, Name=name, S3Uri="s3://tf-prompts/hello.wav")
        # the data source lists prompts and picks the one whose name matches
        found = [p for p in pages(c.list_prompts, "PromptSummaryList", InstanceId=iid, MaxResults=60) if p["Name"] == name]
        self.assertEqual([(made["PromptId"], made["PromptARN"])], [(p["Id"], p["Arn"]) for p in found])
        c.delete_prompt(InstanceId=iid, PromptId=made["PromptId"])
        self.gone(c.describe_prompt, InstanceId=iid, PromptId=made["PromptId"])

    # -- aws_connect_security_profile ----------------------------------------------------------------------------------

    def test_security_profile(self):
        # the acceptance tests' sequence: a profile without permissions, then permissions added with a new
        # description; here also permissions removed again (the provider then sends an empty list)
        c, iid = self.connect, self.instance_id
        name = unique("tfsp")
        made = c.create_security_profile(InstanceId=iid, SecurityProfileName=name, Description="Created",
                                         Tags={"Name": "Test Security Profile"})
        sid, arn = made["SecurityProfileId"], made["SecurityProfileArn"]

        def read(instance_id, profile_id):
            profile = c.describe_security_profile(InstanceId=instance_id, SecurityProfileId=profile_id)["SecurityProfile"]
            perms = pages(c.list_security_profile_permissions, "Permissions", InstanceId=instance_id,
                          SecurityProfileId=profile_id, MaxResults=60)
            return profile, sorted(perms)

        profile, perms = read(iid, sid)
        self.assertEqual((name, "Created", []), (profile["SecurityProfileName"], profile["Description"], perms))
        c.update_security_profile(InstanceId=iid, SecurityProfileId=sid, Description="Updated",
                                  Permissions=["BasicAgentAccess", "OutboundCallAccess"])
        self.assertEqual(["BasicAgentAccess", "OutboundCallAccess"], read(iid, sid)[1])
        c.update_security_profile(InstanceId=iid, SecurityProfileId=sid, Permissions=[])
        self.assertEqual([], read(iid, sid)[1])
        c.update_security_profile(InstanceId=iid, SecurityProfileId=sid, Permissions=["BasicAgentAccess"])
        self.update_tags(arn, {"Name": "Test Security Profile"}, {"Name": "sp2"})
        profile, perms = read(iid, sid)
        self.assertEqual(("Updated", ["BasicAgentAccess"], {"Name": "sp2"}), (profile["Description"], perms, profile["Tags"]))
        inst, profile_id = self.split_import(f"{iid}:{sid}")
        self.assertEqual((profile, perms), read(inst, profile_id))
        c.delete_security_profile(InstanceId=iid, SecurityProfileId=sid)
        self.gone(c.describe_security_profile, InstanceId=iid, SecurityProfileId=sid)
        self.deleted_again(c.delete_security_profile, InstanceId=iid, SecurityProfileId=sid)

    # -- aws_connect_user_hierarchy_structure / aws_connect_user_hierarchy_group ---------------------------------------

    def test_user_hierarchy_structure_and_group(self):
        c, iid = self.connect, self.fresh_instance()
        c.update_user_hierarchy_structure(InstanceId=iid, HierarchyStructure={"LevelOne": {"Name": "Region"}})
        got = c.describe_user_hierarchy_structure(InstanceId=iid)["HierarchyStructure"]
        self.assertEqual("Region", got["LevelOne"]["Name"])
        self.assertNotIn("LevelTwo", got)
        c.update_user_hierarchy_structure(InstanceId=iid, HierarchyStructure={
            "LevelOne": {"Name": "Region"}, "LevelTwo": {"Name": "Site"}})
        got = c.describe_user_hierarchy_structure(InstanceId=iid)["HierarchyStructure"]  # import id: instance id
        self.assertEqual(("Region", "Site"), (got["LevelOne"]["Name"], got["LevelTwo"]["Name"]))

        name = unique("tfgroup")
        parent = c.create_user_hierarchy_group(InstanceId=iid, Name=name, Tags={"Name": "g"})
        gid, arn = parent["HierarchyGroupId"], parent["HierarchyGroupArn"]
        child = c.create_user_hierarchy_group(InstanceId=iid, Name=unique("tfchild"), ParentGroupId=gid)
        got = c.describe_user_hierarchy_group(InstanceId=iid, HierarchyGroupId=child["HierarchyGroupId"])["HierarchyGroup"]
        self.assertEqual(("2", gid), (got["LevelId"], got["HierarchyPath"]["LevelOne"]["Id"]))
        c.update_user_hierarchy_group_name(InstanceId=iid, HierarchyGroupId=gid, Name=name + "-2")
        self.update_tags(arn, {"Name": "g"}, {"Team": "t"})
        got = c.describe_user_hierarchy_group(InstanceId=iid, HierarchyGroupId=gid)["HierarchyGroup"]
        self.assertEqual((name + "-2", "1", {"Team": "t"}), (got["Name"], got["LevelId"], got["Tags"]))
        inst, group_id = self.split_import(f"{iid}:{gid}")
        self.assertEqual(got, c.describe_user_hierarchy_group(InstanceId=inst, HierarchyGroupId=group_id)["HierarchyGroup"])
        c.delete_user_hierarchy_group(InstanceId=iid, HierarchyGroupId=child["HierarchyGroupId"])
        c.delete_user_hierarchy_group(InstanceId=iid, HierarchyGroupId=gid)
        self.gone(c.describe_user_hierarchy_group, InstanceId=iid, HierarchyGroupId=gid)
        self.deleted_again(c.delete_user_hierarchy_group, InstanceId=iid, HierarchyGroupId=gid)
        # the structure resource's delete: an empty structure
        c.update_user_hierarchy_structure(InstanceId=iid, HierarchyStructure={})
        self.assertEqual({}, c.describe_user_hierarchy_structure(InstanceId=iid)["HierarchyStructure"])

    # -- aws_connect_user ----------------------------------------------------------------------------------------------

    def named(self, list_call, key, name):
        """A data source's lookup by name (the acceptance tests read the default profiles this way)."""
        found = [x for x in pages(list_call, key, InstanceId=self.instance_id, MaxResults=60) if x["Name"] == name]
        self.assertEqual(1, len(found), name)
        return found[0]["Id"]

    def test_user(self):
        # the acceptance tests' inputs: the default routing profile and the default security profiles looked up by
        # name, identity "example"/"example2", a soft phone with no after-contact work, tag Key2 changed and Key3 added
        c, iid = self.connect, self.instance_id
        basic_rp = self.named(c.list_routing_profiles, "RoutingProfileSummaryList", "Basic Routing Profile")
        agent, manager, admin = (self.named(c.list_security_profiles, "SecurityProfileSummaryList", n)
                                 for n in ("Agent", "CallCenterManager", "Admin"))
        basic_queue = self.named(c.list_queues, "QueueSummaryList", "BasicQueue")
        rp2 = c.create_routing_profile(InstanceId=iid, Name=unique("tfurp"), Description="test routing profile",
                                       DefaultOutboundQueueId=basic_queue,
                                       MediaConcurrencies=[{"Channel": "VOICE", "Concurrency": 1}])["RoutingProfileId"]
        username = unique("tfuser")
        made = c.create_user(InstanceId=iid, Username=username, Password="Password123",
                             IdentityInfo={"FirstName": "example", "LastName": "example2"},
                             PhoneConfig={"PhoneType": "SOFT_PHONE", "AfterContactWorkTimeLimit": 0, "AutoAccept": False},
                             RoutingProfileId=basic_rp, SecurityProfileIds=[agent],
                             Tags={"Key1": "Value1", "Key2": "Value2a"})
        uid, arn = made["UserId"], made["UserArn"]
        got = c.describe_user(InstanceId=iid, UserId=uid)["User"]
        self.assertEqual((username, "example", basic_rp, [agent], {"Key1": "Value1", "Key2": "Value2a"}),
                         (got["Username"], got["IdentityInfo"]["FirstName"], got["RoutingProfileId"],
                          got["SecurityProfileIds"], got["Tags"]))
        self.assertEqual({"PhoneType": "SOFT_PHONE", "AutoAccept": False, "AfterContactWorkTimeLimit": 0},
                         {k: got["PhoneConfig"][k] for k in ("PhoneType", "AutoAccept", "AfterContactWorkTimeLimit")})
        # the provider's update order: identity info, phone config, routing profile, security profiles
        c.update_user_identity_info(InstanceId=iid, UserId=uid, IdentityInfo={
            "FirstName": "Grace", "LastName": "Hopper", "Email": "grace@example.com"})
        c.update_user_phone_config(InstanceId=iid, UserId=uid, PhoneConfig={
            "PhoneType": "DESK_PHONE", "DeskPhoneNumber": "+112345678912", "AutoAccept": True,
            "AfterContactWorkTimeLimit": 1})
        c.update_user_routing_profile(InstanceId=iid, UserId=uid, RoutingProfileId=rp2)
        c.update_user_security_profiles(InstanceId=iid, UserId=uid, SecurityProfileIds=[agent, manager, admin])
        self.update_tags(arn, {"Key1": "Value1", "Key2": "Value2a"}, {"Key1": "Value1", "Key2": "Value2b", "Key3": "Value3"})
        got = c.describe_user(InstanceId=iid, UserId=uid)["User"]
        self.assertEqual(("Grace", "grace@example.com", "DESK_PHONE", "+112345678912", True, 1, rp2,
                          {"Key1": "Value1", "Key2": "Value2b", "Key3": "Value3"}),
                         (got["IdentityInfo"]["FirstName"], got["IdentityInfo"]["Email"], got["PhoneConfig"]["PhoneType"],
                          got["PhoneConfig"]["DeskPhoneNumber"], got["PhoneConfig"]["AutoAccept"],
                          got["PhoneConfig"]["AfterContactWorkTimeLimit"], got["RoutingProfileId"], got["Tags"]))
        self.assertEqual(sorted([agent, manager, admin]), sorted(got["SecurityProfileIds"]))
        inst, user_id = self.split_import(f"{iid}:{uid}")
        self.assertEqual(got, c.describe_user(InstanceId=inst, UserId=user_id)["User"])
        c.delete_user(InstanceId=iid, UserId=uid)
        self.gone(c.describe_user, InstanceId=iid, UserId=uid)
        self.deleted_again(c.delete_user, InstanceId=iid, UserId=uid)

    # -- aws_connect_vocabulary ----------------------------------------------------------------------------------------

    def test_vocabulary(self):
        c, iid = self.connect, self.instance_id
        name = unique("tfvocab")
        content = "Phrase\tIPA\tSoundsLike\tDisplayAs\nLos-Angeles\t\t\tLos Angeles\n"
        made = c.create_vocabulary(InstanceId=iid, VocabularyName=name, LanguageCode="en-US", Content=content,
                                   Tags={"Name": "v"})
        vid, arn = made["VocabularyId"], made["VocabularyArn"]
        self.assertEqual("CREATION_IN_PROGRESS", made["State"])
        got = self.poll_vocabulary(iid, vid, "ACTIVE")  # the provider's create waits on DescribeVocabulary
        self.assertEqual((name, "en-US", content), (got["Name"], got["LanguageCode"], got["Content"]))
        self.update_tags(arn, {"Name": "v"}, {"Name": "v2", "K": "k"})
        got = c.describe_vocabulary(InstanceId=iid, VocabularyId=vid)["Vocabulary"]
        self.assertEqual({"Name": "v2", "K": "k"}, got["Tags"])
        inst, vocab_id = self.split_import(f"{iid}:{vid}")
        self.assertEqual(got, c.describe_vocabulary(InstanceId=inst, VocabularyId=vocab_id)["Vocabulary"])
        self.assertEqual("DELETE_IN_PROGRESS", c.delete_vocabulary(InstanceId=iid, VocabularyId=vid)["State"])
        self.poll_vocabulary(iid, vid, None)  # the provider's delete waits until DescribeVocabulary finds nothing
        self.gone(c.describe_vocabulary, InstanceId=iid, VocabularyId=vid)

    def poll_vocabulary(self, iid, vid, wanted, timeout=10):
        """The provider's waiter: DescribeVocabulary until the state is `wanted` (None: until it is not found)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                got = self.connect.describe_vocabulary(InstanceId=iid, VocabularyId=vid)["Vocabulary"]
            except self.connect.exceptions.ResourceNotFoundException:
                if wanted is None:
                    return None
                raise
            if got["State"] == wanted:
                return got
            self.assertLess(time.monotonic(), deadline, f"vocabulary still {got['State']}")
            time.sleep(0.1)

    # -- aws_connect_lambda_function_association -----------------------------------------------------------------------

    def test_lambda_function_association(self):
        c, iid = self.connect, self.instance_id
        fn = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:{unique('tffn')}"
        c.associate_lambda_function(InstanceId=iid, FunctionArn=fn)

        def read(instance_id):
            return fn in pages(c.list_lambda_functions, "LambdaFunctions", InstanceId=instance_id, MaxResults=25)

        self.assertTrue(read(iid))
        inst, function_arn = self.split_import(f"{iid},{fn}", sep=",")  # the provider's id: instanceId,functionArn
        self.assertEqual(fn, function_arn)
        self.assertTrue(read(inst))
        c.disassociate_lambda_function(InstanceId=iid, FunctionArn=fn)
        self.assertFalse(read(iid))

    # -- aws_connect_bot_association -----------------------------------------------------------------------------------

    def test_bot_association(self):
        c, iid = self.connect, self.instance_id
        name = unique("TfBot").replace("-", "")
        c.associate_bot(InstanceId=iid, LexBot={"Name": name, "LexRegion": "us-east-1"})

        def read(instance_id, bot_name, region):
            bots = pages(c.list_bots, "LexBots", InstanceId=instance_id, LexVersion="V1", MaxResults=25)
            return {"Name": bot_name, "LexRegion": region} in [b.get("LexBot") for b in bots]

        self.assertTrue(read(iid, name, "us-east-1"))
        inst, bot_name, region = self.split_import(f"{iid}:{name}:us-east-1", parts=3)
        self.assertTrue(read(inst, bot_name, region))
        c.disassociate_bot(InstanceId=iid, LexBot={"Name": name, "LexRegion": "us-east-1"})
        self.assertFalse(read(iid, name, "us-east-1"))

    # -- aws_connect_instance_storage_config ---------------------------------------------------------------------------

    def test_instance_storage_config(self):
        c, iid = self.connect, self.fresh_instance()
        made = c.associate_instance_storage_config(InstanceId=iid, ResourceType="CHAT_TRANSCRIPTS", StorageConfig={
            "StorageType": "S3", "S3Config": {"BucketName": "tf-transcripts", "BucketPrefix": "chats"}})
        aid = made["AssociationId"]
        got = c.describe_instance_storage_config(InstanceId=iid, AssociationId=aid,
                                                 ResourceType="CHAT_TRANSCRIPTS")["StorageConfig"]
        self.assertEqual(("S3", "tf-transcripts", "chats"),
                         (got["StorageType"], got["S3Config"]["BucketName"], got["S3Config"]["BucketPrefix"]))
        c.update_instance_storage_config(InstanceId=iid, AssociationId=aid, ResourceType="CHAT_TRANSCRIPTS",
                                         StorageConfig={"StorageType": "S3", "S3Config": {
                                             "BucketName": "tf-transcripts-2", "BucketPrefix": "chats2"}})
        got = c.describe_instance_storage_config(InstanceId=iid, AssociationId=aid,
                                                 ResourceType="CHAT_TRANSCRIPTS")["StorageConfig"]
        self.assertEqual(("tf-transcripts-2", "chats2"), (got["S3Config"]["BucketName"], got["S3Config"]["BucketPrefix"]))
        inst, association_id, rtype = self.split_import(f"{iid}:{aid}:CHAT_TRANSCRIPTS", parts=3)
        self.assertEqual(got, c.describe_instance_storage_config(InstanceId=inst, AssociationId=association_id,
                                                                 ResourceType=rtype)["StorageConfig"])
        c.disassociate_instance_storage_config(InstanceId=iid, AssociationId=aid, ResourceType="CHAT_TRANSCRIPTS")
        self.gone(c.describe_instance_storage_config, InstanceId=iid, AssociationId=aid, ResourceType="CHAT_TRANSCRIPTS")

    def test_instance_storage_config_media_streams(self):
        """The acceptance tests' Kinesis Video Streams case: the config sends the plain prefix on create and on every
        update, while the service answers the prefix it formed (<prefix>-connect-<alias>-contact-), which the
        provider's diff suppression accepts; changing the retention alone must not form the prefix twice."""
        c, iid = self.connect, self.fresh_instance()
        alias = c.describe_instance(InstanceId=iid)["Instance"]["InstanceAlias"]
        encryption = {"EncryptionType": "KMS", "KeyId": f"arn:aws:kms:us-east-1:{ACCOUNT}:key/{unique('tfkey')}"}

        def config(prefix, hours):
            return {"StorageType": "KINESIS_VIDEO_STREAM", "KinesisVideoStreamConfig": {
                "Prefix": prefix, "RetentionPeriodHours": hours, "EncryptionConfig": encryption}}

        def read():
            return c.describe_instance_storage_config(InstanceId=iid, AssociationId=aid,
                                                      ResourceType="MEDIA_STREAMS")["StorageConfig"]

        aid = c.associate_instance_storage_config(InstanceId=iid, ResourceType="MEDIA_STREAMS",
                                                  StorageConfig=config("prefix", 1))["AssociationId"]
        got = read()["KinesisVideoStreamConfig"]
        self.assertEqual((f"prefix-connect-{alias}-contact-", 1, encryption),
                         (got["Prefix"], got["RetentionPeriodHours"], got["EncryptionConfig"]))
        c.update_instance_storage_config(InstanceId=iid, AssociationId=aid, ResourceType="MEDIA_STREAMS",
                                         StorageConfig=config("prefix", 3))
        got = read()["KinesisVideoStreamConfig"]
        self.assertEqual((f"prefix-connect-{alias}-contact-", 3), (got["Prefix"], got["RetentionPeriodHours"]))
        c.update_instance_storage_config(InstanceId=iid, AssociationId=aid, ResourceType="MEDIA_STREAMS",
                                         StorageConfig=config("updated", 3))
        self.assertEqual(f"updated-connect-{alias}-contact-", read()["KinesisVideoStreamConfig"]["Prefix"])
        c.disassociate_instance_storage_config(InstanceId=iid, AssociationId=aid, ResourceType="MEDIA_STREAMS")
        self.gone(c.describe_instance_storage_config, InstanceId=iid, AssociationId=aid, ResourceType="MEDIA_STREAMS")
        self.deleted_again(c.disassociate_instance_storage_config, InstanceId=iid, AssociationId=aid,
                           ResourceType="MEDIA_STREAMS")

    # -- aws_connect_prompt (resource) ---------------------------------------------------------------------------------

    def test_prompt(self):
        c, iid = self.connect, self.instance_id
        name = unique("tfprompt")
        made = c.create_prompt(InstanceId=iid, Name=name, Description="greeting", S3Uri="s3://tf-prompts/greeting.wav",
                               Tags={"Name": "p"})
        pid, arn = made["PromptId"], made["PromptARN"]
        got = c.describe_prompt(InstanceId=iid, PromptId=pid)["Prompt"]
        self.assertEqual((name, "greeting", arn, {"Name": "p"}), (got["Name"], got["Description"], got["PromptARN"], got["Tags"]))
        # the provider's update is one UpdatePrompt carrying only the changed fields
        c.update_prompt(InstanceId=iid, PromptId=pid, Name=name + "-2", Description="farewell",
                        S3Uri="s3://tf-prompts/farewell.wav")
        c.update_prompt(InstanceId=iid, PromptId=pid, Description="farewell!")  # a later change of one field
        self.assertEqual((name + "-2", "farewell!"), tuple(
            c.describe_prompt(InstanceId=iid, PromptId=pid)["Prompt"][k] for k in ("Name", "Description")))
        c.update_prompt(InstanceId=iid, PromptId=pid, Description="farewell")
        self.update_tags(arn, {"Name": "p"}, {"Env": "e"})
        got = c.describe_prompt(InstanceId=iid, PromptId=pid)["Prompt"]
        self.assertEqual((name + "-2", "farewell", {"Env": "e"}), (got["Name"], got["Description"], got["Tags"]))
        inst, prompt_id = self.split_import(f"{iid}:{pid}")
        self.assertEqual(got, c.describe_prompt(InstanceId=inst, PromptId=prompt_id)["Prompt"])
        c.delete_prompt(InstanceId=iid, PromptId=pid)
        self.gone(c.describe_prompt, InstanceId=iid, PromptId=pid)

    # -- aws_connect_approved_origin -----------------------------------------------------------------------------------

    def test_approved_origin(self):
        c, iid = self.connect, self.instance_id
        origin = f"https://{unique('tforigin')}.example.com"
        c.associate_approved_origin(InstanceId=iid, Origin=origin)

        def read(instance_id, wanted):
            return [o for o in pages(c.list_approved_origins, "Origins", InstanceId=instance_id) if o == wanted]

        self.assertEqual([origin], read(iid, origin))
        inst, imported = self.split_import(f"{iid},{origin}", sep=",")  # the provider's import id: instanceId,origin
        self.assertEqual([origin], read(inst, imported))
        c.disassociate_approved_origin(InstanceId=iid, Origin=origin)
        self.assertEqual([], read(iid, origin))

    # -- aws_connect_user with a hierarchy group (UpdateUserHierarchy) -------------------------------------------------

    def test_user_hierarchy_update(self):
        c, iid = self.connect, self.fresh_instance()
        c.update_user_hierarchy_structure(InstanceId=iid, HierarchyStructure={"LevelOne": {"Name": "Site"}})
        g1 = c.create_user_hierarchy_group(InstanceId=iid, Name=unique("tfug"))["HierarchyGroupId"]
        g2 = c.create_user_hierarchy_group(InstanceId=iid, Name=unique("tfug"))["HierarchyGroupId"]
        rp = pages(c.list_routing_profiles, "RoutingProfileSummaryList", InstanceId=iid)[0]["Id"]
        sp = pages(c.list_security_profiles, "SecurityProfileSummaryList", InstanceId=iid)[0]["Id"]
        uid = c.create_user(InstanceId=iid, Username=unique("tfhu"), Password="Password123",
                            IdentityInfo={"FirstName": "Hu", "LastName": "User"}, PhoneConfig={"PhoneType": "SOFT_PHONE"},
                            RoutingProfileId=rp, SecurityProfileIds=[sp], HierarchyGroupId=g1)["UserId"]
        self.assertEqual(g1, c.describe_user(InstanceId=iid, UserId=uid)["User"]["HierarchyGroupId"])
        c.update_user_hierarchy(InstanceId=iid, UserId=uid, HierarchyGroupId=g2)
        self.assertEqual(g2, c.describe_user(InstanceId=iid, UserId=uid)["User"]["HierarchyGroupId"])
        c.update_user_hierarchy(InstanceId=iid, UserId=uid)  # removing hierarchy_group_id from the config
        self.assertNotIn("HierarchyGroupId", c.describe_user(InstanceId=iid, UserId=uid)["User"])
        c.delete_user(InstanceId=iid, UserId=uid)
        self.gone(c.describe_user, InstanceId=iid, UserId=uid)

    # -- aws_connect_phone_number / aws_connect_phone_number_contact_flow_association ----------------------------------

    def claim(self):
        c, iid = self.connect, self.instance_id
        arn = c.describe_instance(InstanceId=iid)["Instance"]["Arn"]
        number = c.search_available_phone_numbers(TargetArn=arn, PhoneNumberCountryCode="US", PhoneNumberType="DID",
                                                  MaxResults=1)["AvailableNumbersList"][0]["PhoneNumber"]
        made = c.claim_phone_number(TargetArn=arn, PhoneNumber=number, PhoneNumberDescription="tf number",
                                    Tags={"Name": "pn"}, ClientToken=str(uuid.uuid4()))
        self.wait_phone_number(made["PhoneNumberId"], "CLAIMED")  # the provider's create waiter
        return arn, number, made

    def wait_phone_number(self, phone_id, wanted, timeout=10):
        """The provider's waiter: DescribePhoneNumber while IN_PROGRESS, until `wanted` (None: until not found)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                got = self.connect.describe_phone_number(PhoneNumberId=phone_id)["ClaimedPhoneNumberSummary"]
            except self.connect.exceptions.ResourceNotFoundException:
                if wanted is None:
                    return None
                raise
            status = got["PhoneNumberStatus"]["Status"]
            if status == wanted:
                return got
            self.assertEqual("IN_PROGRESS", status, got["PhoneNumberStatus"])
            self.assertLess(time.monotonic(), deadline, "phone number still IN_PROGRESS")
            time.sleep(0.1)

    def test_phone_number(self):
        c = self.connect
        arn, number, made = self.claim()
        pid, parn = made["PhoneNumberId"], made["PhoneNumberArn"]
        got = c.describe_phone_number(PhoneNumberId=pid)["ClaimedPhoneNumberSummary"]
        self.assertEqual((number, "US", "DID", arn, "CLAIMED"),
                         (got["PhoneNumber"], got["PhoneNumberCountryCode"], got["PhoneNumberType"], got["TargetArn"],
                          got["PhoneNumberStatus"]["Status"]))
        other = self.fresh_instance()
        other_arn = c.describe_instance(InstanceId=other)["Instance"]["Arn"]
        c.update_phone_number(PhoneNumberId=pid, TargetArn=other_arn, ClientToken=str(uuid.uuid4()))
        self.wait_phone_number(pid, "CLAIMED")  # the provider's update waiter
        self.update_tags(parn, {"Name": "pn"}, {"Name": "pn2"})
        got = c.describe_phone_number(PhoneNumberId=pid)["ClaimedPhoneNumberSummary"]
        self.assertEqual((other_arn, "CLAIMED", {"Name": "pn2"}),
                         (got["TargetArn"], got["PhoneNumberStatus"]["Status"], got["Tags"]))
        self.assertEqual(got, c.describe_phone_number(PhoneNumberId=pid)["ClaimedPhoneNumberSummary"])  # import: id
        c.release_phone_number(PhoneNumberId=pid, ClientToken=str(uuid.uuid4()))
        self.wait_phone_number(pid, None)  # the provider's delete waiter: IN_PROGRESS until not found
        self.gone(c.describe_phone_number, PhoneNumberId=pid)
        self.deleted_again(c.release_phone_number, PhoneNumberId=pid, ClientToken=str(uuid.uuid4()))

    def test_phone_number_contact_flow_association(self):
        c, iid = self.connect, self.instance_id
        _, _, made = self.claim()
        pid = made["PhoneNumberId"]
        flow = c.create_contact_flow(InstanceId=iid, Name=unique("tfpnf"), Type="CONTACT_FLOW",
                                     Content=flow_content("Welcome"))
        fid = flow["ContactFlowId"]
        c.associate_phone_number_contact_flow(PhoneNumberId=pid, InstanceId=iid, ContactFlowId=fid)

        def read(phone_id, instance_id, flow_id):
            """The provider's find: DescribePhoneNumber, DescribeContactFlow, then the VOICE_PHONE_NUMBER flow
            associations whose ResourceId is the number's ARN and FlowId the flow's ARN."""
            phone_arn = c.describe_phone_number(PhoneNumberId=phone_id)["ClaimedPhoneNumberSummary"]["PhoneNumberArn"]
            flow_arn = c.describe_contact_flow(InstanceId=instance_id, ContactFlowId=flow_id)["ContactFlow"]["Arn"]
            found = pages(c.list_flow_associations, "FlowAssociationSummaryList", InstanceId=instance_id,
                          ResourceType="VOICE_PHONE_NUMBER")
            return [a for a in found if a["ResourceId"] == phone_arn and a["FlowId"] == flow_arn]

        associated = read(pid, iid, fid)
        self.assertEqual([(made["PhoneNumberArn"], flow["ContactFlowArn"])],
                         [(a["ResourceId"], a["FlowId"]) for a in associated])
        phone_id, inst, flow_id = self.split_import(f"{pid},{iid},{fid}", sep=",", parts=3)
        self.assertEqual(associated, read(phone_id, inst, flow_id))
        c.disassociate_phone_number_contact_flow(PhoneNumberId=pid, InstanceId=iid)
        self.assertEqual([], read(pid, iid, fid))


class CloudFormationArnReads(OwnAccountTestCase):
    """CloudFormation's handlers pass ARNs where the API says Id: the instance ARN in the path, and resource ARNs in
    bodies (hours in a queue, queues in routing-profile configs, ...). Every read must resolve them."""

    def test_create_and_describe_with_arns(self):
        c = self.connect
        inst = c.describe_instance(InstanceId=self.instance_id)["Instance"]["Arn"]
        self.assertEqual(self.instance_id, c.describe_instance(InstanceId=inst)["Instance"]["Id"])
        hours = c.create_hours_of_operation(InstanceId=inst, Name=unique("cfnhours"), TimeZone="UTC",
                                            Config=[slot("FRIDAY", (9, 0), (12, 0))])
        harn = hours["HoursOfOperationArn"]
        self.assertEqual(hours["HoursOfOperationId"], c.describe_hours_of_operation(
            InstanceId=inst, HoursOfOperationId=harn)["HoursOfOperation"]["HoursOfOperationId"])
        qc = c.create_quick_connect(InstanceId=inst, Name=unique("cfnqc"), QuickConnectConfig={
            "QuickConnectType": "PHONE_NUMBER", "PhoneConfig": {"PhoneNumber": "+12345678901"}})
        self.assertEqual(qc["QuickConnectId"], c.describe_quick_connect(
            InstanceId=inst, QuickConnectId=qc["QuickConnectARN"])["QuickConnect"]["QuickConnectId"])
        queue = c.create_queue(InstanceId=inst, Name=unique("cfnq"), HoursOfOperationId=harn,
                               QuickConnectIds=[qc["QuickConnectARN"]])
        qarn = queue["QueueArn"]
        got = c.describe_queue(InstanceId=inst, QueueId=qarn)["Queue"]
        self.assertEqual((queue["QueueId"], hours["HoursOfOperationId"]), (got["QueueId"], got["HoursOfOperationId"]))
        self.assertEqual([qc["QuickConnectId"]], [q["Id"] for q in c.list_queue_quick_connects(
            InstanceId=inst, QueueId=qarn)["QuickConnectSummaryList"]])
        profile = c.create_routing_profile(
            InstanceId=inst, Name=unique("cfnrp"), Description="cfn", DefaultOutboundQueueId=qarn,
            MediaConcurrencies=[{"Channel": "VOICE", "Concurrency": 1}],
            QueueConfigs=[{"QueueReference": {"QueueId": qarn, "Channel": "VOICE"}, "Priority": 1, "Delay": 0}])
        parn = profile["RoutingProfileArn"]
        got = c.describe_routing_profile(InstanceId=inst, RoutingProfileId=parn)["RoutingProfile"]
        self.assertEqual(queue["QueueId"], got["DefaultOutboundQueueId"])
        self.assertEqual([queue["QueueId"]], [q["QueueId"] for q in c.list_routing_profile_queues(
            InstanceId=inst, RoutingProfileId=parn)["RoutingProfileQueueConfigSummaryList"]])
        sp = c.create_security_profile(InstanceId=inst, SecurityProfileName=unique("cfnsp"), Permissions=["BasicAgentAccess"])
        self.assertEqual(["BasicAgentAccess"], c.list_security_profile_permissions(
            InstanceId=inst, SecurityProfileId=sp["SecurityProfileArn"])["Permissions"])
        c.update_user_hierarchy_structure(InstanceId=inst, HierarchyStructure={"LevelOne": {"Name": "Division"}})
        self.assertEqual("Division", c.describe_user_hierarchy_structure(
            InstanceId=inst)["HierarchyStructure"]["LevelOne"]["Name"])
        group = c.create_user_hierarchy_group(InstanceId=inst, Name=unique("cfng"))
        self.assertEqual(group["HierarchyGroupId"], c.describe_user_hierarchy_group(
            InstanceId=inst, HierarchyGroupId=group["HierarchyGroupArn"])["HierarchyGroup"]["Id"])
        user = c.create_user(InstanceId=inst, Username=unique("cfnuser"), Password="Password123",
                             IdentityInfo={"FirstName": "Cfn", "LastName": "User"}, PhoneConfig={"PhoneType": "SOFT_PHONE"},
                             RoutingProfileId=parn, SecurityProfileIds=[sp["SecurityProfileArn"]],
                             HierarchyGroupId=group["HierarchyGroupArn"])
        got = c.describe_user(InstanceId=inst, UserId=user["UserArn"])["User"]
        self.assertEqual((profile["RoutingProfileId"], [sp["SecurityProfileId"]], group["HierarchyGroupId"]),
                         (got["RoutingProfileId"], got["SecurityProfileIds"], got["HierarchyGroupId"]))
        flow = c.create_contact_flow(InstanceId=inst, Name=unique("cfnflow"), Type="CONTACT_FLOW",
                                     Content=flow_content("From CloudFormation"))
        self.assertEqual(flow["ContactFlowId"], c.describe_contact_flow(
            InstanceId=inst, ContactFlowId=flow["ContactFlowArn"])["ContactFlow"]["Id"])
        module = c.create_contact_flow_module(InstanceId=inst, Name=unique("cfnmod"), Content=module_content("cfn"))
        self.assertEqual(module["Id"], c.describe_contact_flow_module(
            InstanceId=inst, ContactFlowModuleId=module["Arn"])["ContactFlowModule"]["Id"])
        prompt = c.create_prompt(InstanceId=inst, Name=unique("cfnprompt"), S3Uri="s3://cfn-prompts/p.wav")
        self.assertEqual(prompt["PromptId"], c.describe_prompt(
            InstanceId=inst, PromptId=prompt["PromptARN"])["Prompt"]["PromptId"])

        # updates through ARNs, as CloudFormation's update handlers send them
        qc2 = c.create_quick_connect(InstanceId=inst, Name=unique("cfnqc"), QuickConnectConfig={
            "QuickConnectType": "QUEUE", "QueueConfig": {"QueueId": qarn, "ContactFlowId": self.transfer_flow_arn(inst)}})
        # [choice] in docs/choices.md: a quick connect's queue is stored as sent (here its ARN)
        self.assertEqual(qarn, c.describe_quick_connect(InstanceId=inst, QuickConnectId=qc2["QuickConnectARN"])[
            "QuickConnect"]["QuickConnectConfig"]["QueueConfig"]["QueueId"])
        c.associate_queue_quick_connects(InstanceId=inst, QueueId=qarn, QuickConnectIds=[qc2["QuickConnectARN"]])
        c.disassociate_queue_quick_connects(InstanceId=inst, QueueId=qarn, QuickConnectIds=[qc["QuickConnectARN"]])
        self.assertEqual([qc2["QuickConnectId"]], [q["Id"] for q in c.list_queue_quick_connects(
            InstanceId=inst, QueueId=qarn)["QuickConnectSummaryList"]])
        c.update_queue_name(InstanceId=inst, QueueId=qarn, Name="cfn-renamed-" + queue["QueueId"][:8])
        self.assertEqual("cfn-renamed-" + queue["QueueId"][:8], c.describe_queue(InstanceId=inst, QueueId=qarn)["Queue"]["Name"])
        sp2 = c.create_security_profile(InstanceId=inst, SecurityProfileName=unique("cfnsp"))
        c.update_user_security_profiles(InstanceId=inst, UserId=user["UserArn"],
                                        SecurityProfileIds=[sp["SecurityProfileArn"], sp2["SecurityProfileArn"]])
        self.assertEqual(sorted([sp["SecurityProfileId"], sp2["SecurityProfileId"]]),
                         sorted(c.describe_user(InstanceId=inst, UserId=user["UserArn"])["User"]["SecurityProfileIds"]))
        c.update_routing_profile_queues(InstanceId=inst, RoutingProfileId=parn, QueueConfigs=[
            {"QueueReference": {"QueueId": qarn, "Channel": "VOICE"}, "Priority": 3, "Delay": 15}])
        self.assertEqual([(queue["QueueId"], 3, 15)], [(q["QueueId"], q["Priority"], q["Delay"]) for q in c.list_routing_profile_queues(
            InstanceId=inst, RoutingProfileId=parn)["RoutingProfileQueueConfigSummaryList"]])

        # deletes through ARNs, then the reads are ResourceNotFoundException
        c.delete_user(InstanceId=inst, UserId=user["UserArn"])
        self.assertError("ResourceNotFoundException", c.describe_user, InstanceId=inst, UserId=user["UserArn"])
        c.delete_routing_profile(InstanceId=inst, RoutingProfileId=parn)
        self.assertError("ResourceNotFoundException", c.describe_routing_profile, InstanceId=inst, RoutingProfileId=parn)
        c.delete_quick_connect(InstanceId=inst, QuickConnectId=qc2["QuickConnectARN"])
        c.delete_queue(InstanceId=inst, QueueId=qarn)
        self.assertError("ResourceNotFoundException", c.describe_queue, InstanceId=inst, QueueId=qarn)
        c.delete_hours_of_operation(InstanceId=inst, HoursOfOperationId=harn)
        self.assertError("ResourceNotFoundException", c.describe_hours_of_operation, InstanceId=inst, HoursOfOperationId=harn)
        c.delete_contact_flow(InstanceId=inst, ContactFlowId=flow["ContactFlowArn"])
        self.assertError("ResourceNotFoundException", c.describe_contact_flow, InstanceId=inst, ContactFlowId=flow["ContactFlowArn"])
        c.delete_contact_flow_module(InstanceId=inst, ContactFlowModuleId=module["Arn"])
        self.assertError("ResourceNotFoundException", c.describe_contact_flow_module, InstanceId=inst,
                         ContactFlowModuleId=module["Arn"])
        c.delete_prompt(InstanceId=inst, PromptId=prompt["PromptARN"])
        self.assertError("ResourceNotFoundException", c.describe_prompt, InstanceId=inst, PromptId=prompt["PromptARN"])
        c.delete_security_profile(InstanceId=inst, SecurityProfileId=sp2["SecurityProfileArn"])
        self.assertError("ResourceNotFoundException", c.describe_security_profile, InstanceId=inst,
                         SecurityProfileId=sp2["SecurityProfileArn"])
        c.delete_user_hierarchy_group(InstanceId=inst, HierarchyGroupId=group["HierarchyGroupArn"])
        self.assertError("ResourceNotFoundException", c.describe_user_hierarchy_group, InstanceId=inst,
                         HierarchyGroupId=group["HierarchyGroupArn"])

    def test_instance_storage_config_handlers_with_the_instance_arn(self):
        """AWS::Connect::InstanceStorageConfig's handlers: one call per path, the instance ARN as InstanceId, the
        identifier (instance ARN, association id, resource type) from the model; a delete then read is not found."""
        c = self.connect
        inst = c.describe_instance(InstanceId=self.instance_id)["Instance"]["Arn"]
        stream = f"arn:aws:kinesis:us-east-1:{ACCOUNT}:stream/{unique('cfnagents')}"
        aid = c.associate_instance_storage_config(InstanceId=inst, ResourceType="AGENT_EVENTS", StorageConfig={
            "StorageType": "KINESIS_STREAM", "KinesisStreamConfig": {"StreamArn": stream}})["AssociationId"]
        got = c.describe_instance_storage_config(InstanceId=inst, AssociationId=aid, ResourceType="AGENT_EVENTS")
        self.assertEqual(("KINESIS_STREAM", stream), (got["StorageConfig"]["StorageType"],
                                                      got["StorageConfig"]["KinesisStreamConfig"]["StreamArn"]))
        c.update_instance_storage_config(InstanceId=inst, AssociationId=aid, ResourceType="AGENT_EVENTS", StorageConfig={
            "StorageType": "KINESIS_STREAM", "KinesisStreamConfig": {"StreamArn": stream + "-2"}})
        self.assertEqual(stream + "-2", c.describe_instance_storage_config(
            InstanceId=inst, AssociationId=aid, ResourceType="AGENT_EVENTS")["StorageConfig"]["KinesisStreamConfig"]["StreamArn"])
        # an instance ARN of another account is not found
        self.assertError("ResourceNotFoundException", c.describe_instance_storage_config,
                         InstanceId=inst.replace(f":{ACCOUNT}:", ":210987654321:"), AssociationId=aid,
                         ResourceType="AGENT_EVENTS")
        c.disassociate_instance_storage_config(InstanceId=inst, AssociationId=aid, ResourceType="AGENT_EVENTS")
        self.assertError("ResourceNotFoundException", c.describe_instance_storage_config, InstanceId=inst,
                         AssociationId=aid, ResourceType="AGENT_EVENTS")

    def transfer_flow_arn(self, instance):
        flows = pages(self.connect.list_contact_flows, "ContactFlowSummaryList", InstanceId=instance,
                      ContactFlowTypes=["QUEUE_TRANSFER"])
        return flows[0]["Arn"]


def c_qc(connect, instance_id):
    return connect.create_quick_connect(InstanceId=instance_id, Name=unique("tfqc"), QuickConnectConfig={
        "QuickConnectType": "PHONE_NUMBER", "PhoneConfig": {"PhoneNumber": "+12345678900"}})["QuickConnectId"]


def create_fresh(connect):
    return connect.create_instance(IdentityManagementType="CONNECT_MANAGED", InstanceAlias=unique("tffresh"),
                                   InboundCallsEnabled=True, OutboundCallsEnabled=True)["Id"]


if __name__ == "__main__":
    unittest.main()
