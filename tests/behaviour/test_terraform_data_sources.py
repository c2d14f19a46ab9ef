"""Replays, with boto3, the read path of each Terraform aws_connect_* data source, as the provider's code drives it.

A data source looked up by id calls the family's Describe; looked up by name it pages the family's List (MaxResults 60;
25 for bots and Lambda functions, 10 for instances) to the end, keeps the summaries whose name is exactly the one asked
for, requires exactly one, and then describes it (the prompt data source stops at the summary). Both lookups must give
the same result, and default resources must be found by their names. The operations are those of the data-source rows
in src/ConnectLocal.Server/Hosting/iac-operations.json (docs/iac.md).
"""
import json
import time
import unittest

from support import ConnectTestCase, client, create_instance, unique

# The lifecycle suite's account: these suites create instances of their own and delete them in tearDownClass.
ACCOUNT = "123456789012"


def all_pages(call, key, **kwargs):
    """The provider's paginator: follows NextToken to the end; a token must never come back (no loop)."""
    items, token, seen = [], None, set()
    while True:
        out = call(**kwargs, **({"NextToken": token} if token else {}))
        items.extend(out[key])
        token = out.get("NextToken")
        if not token:
            return items
        assert token not in seen, f"NextToken repeats: {token}"
        seen.add(token)


class TerraformDataSources(ConnectTestCase):
    @classmethod
    def setUpClass(cls):
        cls.connect = client(account=ACCOUNT)
        cls.instance_id = cls._instance_made = create_instance(cls.connect)

    def single(self, summaries, field, name):
        """The provider's AssertSingleValueResult over an exact-name filter."""
        matched = [s for s in summaries if s.get(field) == name]
        self.assertEqual(1, len(matched), f"{name}: {len(matched)} summaries match")
        return matched[0]

    def by_name(self, list_call, key, name, field="Name", max_results=60, **kwargs):
        return self.single(all_pages(list_call, key, InstanceId=self.instance_id, MaxResults=max_results, **kwargs),
                           field, name)

    # -- aws_connect_contact_flow / aws_connect_contact_flow_module -----------------------------------------------------

    def test_contact_flow(self):
        c, iid = self.connect, self.instance_id
        content = json.dumps({"Version": "2019-10-30", "StartAction": "a", "Actions": [
            {"Identifier": "a", "Type": "DisconnectParticipant", "Transitions": {}, "Parameters": {}}]})
        name = unique("dsflow")
        made = c.create_contact_flow(InstanceId=iid, Name=name, Description="ds", Type="CONTACT_FLOW", Content=content,
                                     Tags={"Key1": "Value1"})

        def read(flow_id):
            return c.describe_contact_flow(InstanceId=iid, ContactFlowId=flow_id)["ContactFlow"]

        by_id = read(made["ContactFlowId"])
        summary = self.by_name(c.list_contact_flows, "ContactFlowSummaryList", name)
        self.assertEqual(by_id, read(summary["Id"]))
        self.assertEqual((name, "ds", {"Key1": "Value1"}), (by_id["Name"], by_id["Description"], by_id["Tags"]))
        # the default flows are found by name
        for default in ("Default agent transfer", "Default queue transfer", "Sample inbound flow (first contact experience)"):
            self.assertEqual(default, read(self.by_name(c.list_contact_flows, "ContactFlowSummaryList", default)["Id"])["Name"])

    def test_contact_flow_module(self):
        c, iid = self.connect, self.instance_id
        content = json.dumps({"Version": "2019-10-30", "StartAction": "m", "Metadata": {}, "Settings": {
            "InputParameters": [], "OutputParameters": [], "Transitions": [
                {"DisplayName": "Success", "ReferenceName": "Success", "Description": ""}]}, "Actions": [
            {"Identifier": "m", "Type": "EndFlowModuleExecution", "Parameters": {}, "Transitions": {}}]})
        name = unique("dsmod")
        made = c.create_contact_flow_module(InstanceId=iid, Name=name, Description="ds", Content=content)

        def read(module_id):
            return c.describe_contact_flow_module(InstanceId=iid, ContactFlowModuleId=module_id)["ContactFlowModule"]

        summary = self.by_name(c.list_contact_flow_modules, "ContactFlowModulesSummaryList", name)
        self.assertEqual(read(made["Id"]), read(summary["Id"]))
        # the data source sets state and status from the describe; the service answers them in lower case (docs/flows.md)
        self.assertEqual(("active", "published"), (read(made["Id"])["State"], read(made["Id"])["Status"]))

    # -- aws_connect_hours_of_operation (paged past one page of 60) ----------------------------------------------------

    def test_hours_of_operation_past_the_first_page(self):
        c, iid = self.connect, self.instance_id
        config = [{"Day": "MONDAY", "StartTime": {"Hours": 8, "Minutes": 0}, "EndTime": {"Hours": 17, "Minutes": 0}}]
        names = [unique(f"dshours{i:02d}") for i in range(62)]
        made = [c.create_hours_of_operation(InstanceId=iid, Name=n, TimeZone="Europe/London", Config=config)
                for n in names]
        summaries = all_pages(c.list_hours_of_operations, "HoursOfOperationSummaryList", InstanceId=iid, MaxResults=60)
        self.assertLessEqual(63, len(summaries))  # the 62 made and Basic Hours, across two pages
        self.assertEqual(len(summaries), len({s["Id"] for s in summaries}))

        def read(hours_id):
            return c.describe_hours_of_operation(InstanceId=iid, HoursOfOperationId=hours_id)["HoursOfOperation"]

        last = self.by_name(c.list_hours_of_operations, "HoursOfOperationSummaryList", names[-1])
        self.assertEqual(read(made[-1]["HoursOfOperationId"]), read(last["Id"]))
        self.assertEqual("Basic Hours", read(self.by_name(c.list_hours_of_operations, "HoursOfOperationSummaryList",
                                                          "Basic Hours")["Id"])["Name"])
        for hours in made:
            c.delete_hours_of_operation(InstanceId=iid, HoursOfOperationId=hours["HoursOfOperationId"])

    # -- aws_connect_instance ------------------------------------------------------------------------------------------

    def test_instance_by_id_and_by_alias(self):
        c = self.connect
        by_id = c.describe_instance(InstanceId=self.instance_id)["Instance"]
        # by alias: ListInstances MaxResults 10 to the end, exact alias, no DescribeInstance afterwards
        summaries = all_pages(c.list_instances, "InstanceSummaryList", MaxResults=10)
        summary = self.single(summaries, "InstanceAlias", by_id["InstanceAlias"])
        for field in ("Id", "Arn", "IdentityManagementType", "InstanceAlias", "InstanceStatus", "InboundCallsEnabled",
                      "OutboundCallsEnabled", "ServiceRole", "CreatedTime"):
            self.assertEqual(by_id[field], summary[field], field)
        # then each instance attribute, as the resource's read does
        for attribute in ("CONTACT_LENS", "CONTACTFLOW_LOGS", "EARLY_MEDIA", "INBOUND_CALLS", "OUTBOUND_CALLS",
                          "MULTI_PARTY_CONFERENCE", "AUTO_RESOLVE_BEST_VOICES"):
            got = c.describe_instance_attribute(InstanceId=summary["Id"], AttributeType=attribute)["Attribute"]
            self.assertEqual(attribute, got["AttributeType"])
            self.assertIn(got["Value"], ("true", "false"))

    # -- aws_connect_instance_storage_config ---------------------------------------------------------------------------

    def test_instance_storage_config(self):
        c, iid = self.connect, self.instance_id
        config = {"StorageType": "S3", "S3Config": {"BucketName": "ds-bucket", "BucketPrefix": "ds"}}
        aid = c.associate_instance_storage_config(InstanceId=iid, ResourceType="CALL_RECORDINGS",
                                                  StorageConfig=config)["AssociationId"]
        got = c.describe_instance_storage_config(InstanceId=iid, AssociationId=aid,
                                                 ResourceType="CALL_RECORDINGS")["StorageConfig"]
        self.assertEqual((aid, "S3", "ds-bucket", "ds"), (got["AssociationId"], got["StorageType"],
                                                         got["S3Config"]["BucketName"], got["S3Config"]["BucketPrefix"]))
        c.disassociate_instance_storage_config(InstanceId=iid, AssociationId=aid, ResourceType="CALL_RECORDINGS")

    # -- aws_connect_lambda_function_association / aws_connect_bot_association -----------------------------------------

    def test_lambda_function_association(self):
        c, iid = self.connect, self.instance_id
        functions = [f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:{unique('dsfn')}" for _ in range(27)]
        for fn in functions:
            c.associate_lambda_function(InstanceId=iid, FunctionArn=fn)
        listed = all_pages(c.list_lambda_functions, "LambdaFunctions", InstanceId=iid, MaxResults=25)
        self.assertEqual(1, listed.count(functions[-1]))  # found past the first page of 25, exactly once
        self.assertEqual(len(listed), len(set(listed)))
        for fn in functions:
            c.disassociate_lambda_function(InstanceId=iid, FunctionArn=fn)
        self.assertNotIn(functions[-1], all_pages(c.list_lambda_functions, "LambdaFunctions", InstanceId=iid,
                                                  MaxResults=25))

    def test_bot_association(self):
        c, iid = self.connect, self.instance_id
        name = unique("DsBot").replace("-", "")
        c.associate_bot(InstanceId=iid, LexBot={"Name": name, "LexRegion": "us-east-1"})
        bots = all_pages(c.list_bots, "LexBots", InstanceId=iid, LexVersion="V1", MaxResults=25)
        matched = [b for b in bots if b.get("LexBot", {}).get("Name") == name
                   and b["LexBot"].get("LexRegion") == "us-east-1"]
        self.assertEqual([{"Name": name, "LexRegion": "us-east-1"}], [b["LexBot"] for b in matched])
        c.disassociate_bot(InstanceId=iid, LexBot={"Name": name, "LexRegion": "us-east-1"})

    # -- aws_connect_prompt (by name only, the summary is the result) --------------------------------------------------

    def test_prompt(self):
        c = self.connect
        beep = self.by_name(c.list_prompts, "PromptSummaryList", "Beep.wav")
        self.assertTrue(beep["Id"] and beep["Arn"].endswith("/prompt/" + beep["Id"]), beep)
        name = unique("dsprompt")
        made = c.create_prompt(InstanceId=self.instance_id, Name=name, S3Uri="s3://ds-prompts/p.wav")
        summary = self.by_name(c.list_prompts, "PromptSummaryList", name)
        self.assertEqual((made["PromptId"], made["PromptARN"]), (summary["Id"], summary["Arn"]))

    # -- aws_connect_queue / aws_connect_quick_connect / aws_connect_routing_profile -----------------------------------

    def test_queue(self):
        c, iid = self.connect, self.instance_id
        basic = self.by_name(c.list_queues, "QueueSummaryList", "BasicQueue")

        def read(queue_id):
            return c.describe_queue(InstanceId=iid, QueueId=queue_id)["Queue"]

        self.assertEqual("BasicQueue", read(basic["Id"])["Name"])
        hours = self.by_name(c.list_hours_of_operations, "HoursOfOperationSummaryList", "Basic Hours")["Id"]
        name = unique("dsqueue")
        made = c.create_queue(InstanceId=iid, Name=name, HoursOfOperationId=hours, MaxContacts=1, Tags={"Key1": "V"})
        self.assertEqual(read(made["QueueId"]), read(self.by_name(c.list_queues, "QueueSummaryList", name)["Id"]))

    def test_quick_connect(self):
        c, iid = self.connect, self.instance_id
        name = unique("dsqc")
        made = c.create_quick_connect(InstanceId=iid, Name=name, QuickConnectConfig={
            "QuickConnectType": "PHONE_NUMBER", "PhoneConfig": {"PhoneNumber": "+12345678912"}})

        def read(qc_id):
            return c.describe_quick_connect(InstanceId=iid, QuickConnectId=qc_id)["QuickConnect"]

        summary = self.by_name(c.list_quick_connects, "QuickConnectSummaryList", name)
        self.assertEqual(read(made["QuickConnectId"]), read(summary["Id"]))

    def test_routing_profile(self):
        c, iid = self.connect, self.instance_id

        def read(profile_id):
            profile = c.describe_routing_profile(InstanceId=iid, RoutingProfileId=profile_id)["RoutingProfile"]
            queues = all_pages(c.list_routing_profile_queues, "RoutingProfileQueueConfigSummaryList", InstanceId=iid,
                               RoutingProfileId=profile_id, MaxResults=60)
            return profile, sorted((q["QueueId"], q["Channel"], q["Priority"], q["Delay"]) for q in queues)

        basic = self.by_name(c.list_routing_profiles, "RoutingProfileSummaryList", "Basic Routing Profile")
        profile, queues = read(basic["Id"])
        self.assertEqual("Basic Routing Profile", profile["Name"])
        self.assertTrue(queues)  # the default profile routes BasicQueue
        self.assertEqual((profile, queues), read(profile["RoutingProfileId"]))
        # the data-source acceptance test's profile: VOICE 1 and CHAT 2, a VOICE queue config (delay 1, priority 2) and
        # a CHAT one (delay 1, priority 1) on a second queue
        hours = self.by_name(c.list_hours_of_operations, "HoursOfOperationSummaryList", "Basic Hours")["Id"]
        outbound = c.create_queue(InstanceId=iid, Name=unique("dsoutq"), HoursOfOperationId=hours,
                                  Description="Default Outbound Queue for Routing Profiles")["QueueId"]
        second = c.create_queue(InstanceId=iid, Name=unique("dsq2"), HoursOfOperationId=hours,
                                Description="Additional queue to routing profile queue config")["QueueId"]
        name = unique("dsrp")
        made = c.create_routing_profile(
            InstanceId=iid, Name=name, Description="Test Routing Profile Data Source", DefaultOutboundQueueId=outbound,
            MediaConcurrencies=[{"Channel": "VOICE", "Concurrency": 1}, {"Channel": "CHAT", "Concurrency": 2}],
            QueueConfigs=[{"QueueReference": {"QueueId": outbound, "Channel": "VOICE"}, "Delay": 1, "Priority": 2},
                          {"QueueReference": {"QueueId": second, "Channel": "CHAT"}, "Delay": 1, "Priority": 1}],
            Tags={"Name": "Test Routing Profile"})
        summary = self.by_name(c.list_routing_profiles, "RoutingProfileSummaryList", name)
        profile, queues = read(summary["Id"])
        self.assertEqual((profile, queues), read(made["RoutingProfileId"]))
        self.assertEqual({("VOICE", 1), ("CHAT", 2)},
                         {(m["Channel"], m["Concurrency"]) for m in profile["MediaConcurrencies"]})
        self.assertEqual(2, len(profile["MediaConcurrencies"]))  # only the channels configured
        self.assertEqual(sorted([(outbound, "VOICE", 2, 1), (second, "CHAT", 1, 1)]), queues)
        self.assertEqual((outbound, {"Name": "Test Routing Profile"}), (profile["DefaultOutboundQueueId"], profile["Tags"]))

    # -- aws_connect_security_profile ----------------------------------------------------------------------------------

    def test_security_profile(self):
        c, iid = self.connect, self.instance_id

        def read(profile_id):
            profile = c.describe_security_profile(InstanceId=iid, SecurityProfileId=profile_id)["SecurityProfile"]
            permissions = all_pages(c.list_security_profile_permissions, "Permissions", InstanceId=iid,
                                    SecurityProfileId=profile_id, MaxResults=60)
            return profile, sorted(permissions)

        for default in ("Admin", "Agent", "CallCenterManager", "QualityAnalyst"):
            summary = self.by_name(c.list_security_profiles, "SecurityProfileSummaryList", default)
            profile, permissions = read(summary["Id"])
            self.assertEqual(default, profile["SecurityProfileName"])
            self.assertTrue(permissions, default)
        name = unique("dssp")
        made = c.create_security_profile(InstanceId=iid, SecurityProfileName=name,
                                         Permissions=["BasicAgentAccess", "OutboundCallAccess"])
        summary = self.by_name(c.list_security_profiles, "SecurityProfileSummaryList", name)
        self.assertEqual(read(made["SecurityProfileId"]), read(summary["Id"]))
        self.assertEqual(["BasicAgentAccess", "OutboundCallAccess"], read(summary["Id"])[1])

    # -- aws_connect_user / aws_connect_user_hierarchy_group / aws_connect_user_hierarchy_structure --------------------

    def test_user_and_hierarchy(self):
        c, iid = self.connect, self.instance_id
        c.update_user_hierarchy_structure(InstanceId=iid, HierarchyStructure={
            "LevelOne": {"Name": "Region"}, "LevelTwo": {"Name": "Site"}})
        structure = c.describe_user_hierarchy_structure(InstanceId=iid)["HierarchyStructure"]
        self.assertEqual(("Region", "Site"), (structure["LevelOne"]["Name"], structure["LevelTwo"]["Name"]))
        parent_name, child_name = unique("dsparent"), unique("dschild")
        parent = c.create_user_hierarchy_group(InstanceId=iid, Name=parent_name)
        child = c.create_user_hierarchy_group(InstanceId=iid, Name=child_name, ParentGroupId=parent["HierarchyGroupId"])

        def read_group(group_id):
            return c.describe_user_hierarchy_group(InstanceId=iid, HierarchyGroupId=group_id)["HierarchyGroup"]

        summary = self.by_name(c.list_user_hierarchy_groups, "UserHierarchyGroupSummaryList", child_name)
        group = read_group(summary["Id"])
        self.assertEqual(read_group(child["HierarchyGroupId"]), group)
        self.assertEqual(("2", parent["HierarchyGroupId"]), (group["LevelId"], group["HierarchyPath"]["LevelOne"]["Id"]))

        routing = self.by_name(c.list_routing_profiles, "RoutingProfileSummaryList", "Basic Routing Profile")["Id"]
        agent = self.by_name(c.list_security_profiles, "SecurityProfileSummaryList", "Agent")["Id"]
        username = unique("dsuser")
        made = c.create_user(InstanceId=iid, Username=username, Password="Password123",
                             IdentityInfo={"FirstName": "Ds", "LastName": "User"},
                             PhoneConfig={"PhoneType": "SOFT_PHONE"}, RoutingProfileId=routing,
                             SecurityProfileIds=[agent], HierarchyGroupId=child["HierarchyGroupId"])

        def read_user(user_id):
            return c.describe_user(InstanceId=iid, UserId=user_id)["User"]

        summary = self.by_name(c.list_users, "UserSummaryList", username, field="Username")
        self.assertEqual(read_user(made["UserId"]), read_user(summary["Id"]))
        self.assertEqual(child["HierarchyGroupId"], read_user(summary["Id"])["HierarchyGroupId"])

    # -- aws_connect_vocabulary (SearchVocabularies with NameStartsWith, exact match) ----------------------------------

    def test_vocabulary(self):
        c, iid = self.connect, self.instance_id
        name = unique("dsvocab")
        # the data-source acceptance test's content: an IPA column with non-ASCII symbols, a row ending in a tab, no
        # final newline; it comes back byte for byte
        content = ("Phrase\tIPA\tSoundsLike\tDisplayAs\nLos-Angeles\t\t\tLos Angeles\n"
                   "F.B.I.\t\u025b f b i a\u026a\t\tFBI\nEtienne\t\teh-tee-en\t")
        made = c.create_vocabulary(InstanceId=iid, VocabularyName=name, LanguageCode="en-US", Content=content)
        # a second vocabulary whose name starts with the first's: the exact-name filter keeps one
        c.create_vocabulary(InstanceId=iid, VocabularyName=name + "-longer", LanguageCode="en-US", Content=content)
        deadline = time.monotonic() + 10
        while c.describe_vocabulary(InstanceId=iid, VocabularyId=made["VocabularyId"])["Vocabulary"]["State"] != "ACTIVE":
            self.assertLess(time.monotonic(), deadline)
            time.sleep(0.1)
        summaries = all_pages(c.search_vocabularies, "VocabularySummaryList", InstanceId=iid, MaxResults=60,
                              NameStartsWith=name)
        self.assertEqual({name, name + "-longer"}, {s["Name"] for s in summaries})
        summary = self.single(summaries, "Name", name)
        got = c.describe_vocabulary(InstanceId=iid, VocabularyId=summary["Id"])["Vocabulary"]
        self.assertEqual(c.describe_vocabulary(InstanceId=iid, VocabularyId=made["VocabularyId"])["Vocabulary"], got)
        self.assertEqual((name, "en-US", "ACTIVE", content), (got["Name"], got["LanguageCode"], got["State"], got["Content"]))
        self.assertIn("LastModifiedTime", got)


if __name__ == "__main__":
    unittest.main()
