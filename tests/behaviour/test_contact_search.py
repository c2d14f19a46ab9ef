"""SearchContacts through boto3 and the aws CLI (docs/routing.md, "Searching contacts"): the time range (its type, its
bounds, at most 8 weeks, StartTime not after EndTime), each search criterion, the sort, paging with TotalCount, and
the operation's error codes."""
import datetime
import json

from support import ConnectTestCase, cli, unique
from test_routing import Center, act

MISSING = "11111111-2222-4333-8444-555555555555"


def now():
    return datetime.datetime.now(datetime.timezone.utc)


def around(minutes=10, type_="INITIATION_TIMESTAMP"):
    return {"Type": type_, "StartTime": now() - datetime.timedelta(minutes=minutes), "EndTime": now() + datetime.timedelta(minutes=minutes)}


class ContactSearchTests(ConnectTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.center = Center(cls.connect, cls.instance_id)

    def search(self, criteria=None, time_range=None, **kwargs):
        args = {"InstanceId": self.instance_id, "TimeRange": time_range or around()}
        if criteria is not None:
            args["SearchCriteria"] = criteria
        args.update(kwargs)
        return self.connect.search_contacts(**args)

    def ids(self, criteria=None, **kwargs):
        return [c["Id"] for c in self.search(criteria, **kwargs)["Contacts"]]

    def task(self, tag, **kwargs):
        args = {"InstanceId": self.instance_id, "Name": unique("task"), "ContactFlowId": self.center.flow, "Attributes": {"run": tag}}
        args.update(kwargs)
        return self.connect.start_task_contact(**args)["ContactId"]

    def chat(self, tag):
        return self.connect.start_chat_contact(InstanceId=self.instance_id, ContactFlowId=self.center.flow, Attributes={"run": tag},
                                               ParticipantDetails={"DisplayName": "Customer"})["ContactId"]

    def only(self, tag, **more):
        """Criteria that keep this test's contacts only (the class shares one instance)."""
        return {"SearchableContactAttributes": {"Criteria": [{"Key": "run", "Values": [tag]}], "MatchType": "MATCH_ALL"}, **more}

    # criteria

    def test_channels_initiation_methods_and_queues_filter(self):
        tag = unique("ch")
        task, chat = self.task(tag), self.chat(tag)
        self.assertEqual({task, chat}, set(self.ids(self.only(tag))))
        self.assertEqual([task], self.ids(self.only(tag, Channels=["TASK"])))
        self.assertEqual([chat], self.ids(self.only(tag, Channels=["CHAT", "VOICE"])))
        self.assertEqual({task, chat}, set(self.ids(self.only(tag, InitiationMethods=["API"]))))
        self.assertEqual([], self.ids(self.only(tag, InitiationMethods=["INBOUND", "OUTBOUND"])))
        self.assertEqual({task, chat}, set(self.ids(self.only(tag, QueueIds=[self.center.basic_queue]))))
        self.assertEqual([], self.ids(self.only(tag, QueueIds=[MISSING])))
        self.assertEqual({task, chat}, set(self.ids(self.only(tag, ActiveRegions=["us-east-1"]))))
        self.assertEqual([], self.ids(self.only(tag, ActiveRegions=["us-west-2"])))

    def test_summary_shape(self):
        tag = unique("shape")
        task = self.task(tag, Name="Summary task", SegmentAttributes={"team": {"ValueString": "blue"}})
        [summary] = self.search(self.only(tag))["Contacts"]
        described = self.center.contact(task)
        self.assertEqual(described["Arn"], summary["Arn"])
        self.assertEqual((task, task, "TASK", "API", "Summary task"),
                         (summary["Id"], summary["InitialContactId"], summary["Channel"], summary["InitiationMethod"], summary["Name"]))
        self.assertEqual(described["InitiationTimestamp"], summary["InitiationTimestamp"])
        self.assertEqual(self.center.basic_queue, summary["QueueInfo"]["Id"])
        self.assertIn("EnqueueTimestamp", summary["QueueInfo"])
        self.assertEqual({"team": {"ValueString": "blue"}}, summary["SegmentAttributes"])
        self.assertNotIn("AgentInfo", summary)
        self.assertNotIn("DisconnectTimestamp", summary)

    def test_contact_attributes_match_all_any_none(self):
        tag = unique("attr")
        gold = self.task(tag, Attributes={"run": tag, "tier": "gold", "lang": "en"})
        silver = self.task(tag, Attributes={"run": tag, "tier": "silver", "lang": "fr"})
        run = {"Key": "run", "Values": [tag]}

        def found(criteria, match):
            return set(self.ids({"SearchableContactAttributes": {"Criteria": criteria, "MatchType": match}}))

        self.assertEqual({gold}, found([run, {"Key": "tier", "Values": ["gold", "bronze"]}], "MATCH_ALL"))
        self.assertEqual({gold, silver}, found([run, {"Key": "tier", "Values": ["gold", "silver"]}], "MATCH_ALL"))
        self.assertEqual(set(), found([run, {"Key": "lang", "Values": ["EN"]}], "MATCH_ALL"))  # values compare exactly
        any_ = found([{"Key": "tier", "Values": ["silver"]}, {"Key": "lang", "Values": ["en"]}], "MATCH_ANY")
        self.assertTrue({gold, silver} <= any_)
        none = self.ids({"SearchableContactAttributes": {"Criteria": [{"Key": "tier", "Values": ["gold"]}], "MatchType": "MATCH_NONE"}})
        self.assertIn(silver, none)
        self.assertNotIn(gold, none)

    def test_segment_attributes(self):
        tag = unique("seg")
        red = self.task(tag, SegmentAttributes={"team": {"ValueString": "red"}})
        self.task(tag, SegmentAttributes={"team": {"ValueString": "green"}})
        self.task(tag)
        criteria = self.only(tag, SearchableSegmentAttributes={"Criteria": [{"Key": "team", "Values": ["red", "pink"]}], "MatchType": "MATCH_ALL"})
        self.assertEqual([red], self.ids(criteria))

    def test_name_criteria(self):
        tag = unique("name")
        refund = self.task(tag, Name="Refund order 17")
        invoice = self.task(tag, Name="Invoice order 18")

        def found(texts, match):
            return set(self.ids(self.only(tag, Name={"SearchText": texts, "MatchType": match})))

        self.assertEqual({refund, invoice}, found(["ORDER"], "MATCH_ALL"))  # parts of the name, any case
        self.assertEqual({refund}, found(["refund", "order"], "MATCH_ALL"))
        self.assertEqual({refund, invoice}, found(["refund", "invoice"], "MATCH_ANY"))
        self.assertEqual({invoice}, found(["refund"], "MATCH_NONE"))
        self.assertEqual({invoice}, found(["invoice order 18"], "MATCH_EXACT"))
        self.assertEqual(set(), found(["invoice"], "MATCH_EXACT"))

    def test_additional_time_range_and_disconnect_and_scheduled_ranges(self):
        tag = unique("time")
        stopped, open_ = self.task(tag), self.task(tag)
        scheduled = self.task(tag, ScheduledTime=now() + datetime.timedelta(hours=1))
        self.connect.stop_contact(InstanceId=self.instance_id, ContactId=stopped)
        self.assertEqual([stopped], self.ids(self.only(tag), time_range=around(type_="DISCONNECT_TIMESTAMP")))
        self.assertEqual([scheduled], self.ids(self.only(tag), time_range=around(120, "SCHEDULED_TIMESTAMP")))
        self.assertEqual([], self.ids(self.only(tag), time_range=around(type_="CONNECTED_TO_AGENT_TIMESTAMP")))
        not_ended = {"Criteria": [{"TimestampCondition": {"Type": "DISCONNECT_TIMESTAMP", "ConditionType": "NOT_EXISTS"}}], "MatchType": "MATCH_ALL"}
        self.assertEqual({open_, scheduled}, set(self.ids(self.only(tag, AdditionalTimeRange=not_ended))))
        ended_now = {"Criteria": [{"TimeRange": around(type_="DISCONNECT_TIMESTAMP")}], "MatchType": "MATCH_ALL"}
        self.assertEqual([stopped], self.ids(self.only(tag, AdditionalTimeRange=ended_now)))
        # a range that ended before the contacts began finds none of them
        past = {"Type": "INITIATION_TIMESTAMP", "StartTime": now() - datetime.timedelta(days=2), "EndTime": now() - datetime.timedelta(days=1)}
        self.assertEqual([], self.ids(self.only(tag), time_range=past))

    def test_contact_analysis_finds_nothing_here(self):
        tag = unique("lens")
        self.task(tag)
        transcript = {"Transcript": {"Criteria": [{"ParticipantRole": "CUSTOMER", "SearchText": ["refund"], "MatchType": "MATCH_ANY"}], "MatchType": "MATCH_ALL"}}
        self.assertEqual([], self.ids(self.only(tag, ContactAnalysis=transcript)))

    def test_tags_and_a_changed_name_are_searched_as_tag_contact_and_update_contact_left_them(self):
        tag = unique("tags")
        red, blue = self.task(tag, Name="first name"), self.task(tag)
        self.connect.tag_contact(InstanceId=self.instance_id, ContactId=red, Tags={"team": "red"})
        self.connect.tag_contact(InstanceId=self.instance_id, ContactId=blue, Tags={"team": "blue"})
        self.assertEqual([red], self.ids(self.only(tag, ContactTags={"TagCondition": {"TagKey": "team", "TagValue": "red"}})))
        found = self.search(self.only(tag, ContactTags={"TagCondition": {"TagKey": "team", "TagValue": "blue"}}))["Contacts"]
        self.assertEqual([blue], [c["Id"] for c in found])
        self.assertEqual("blue", found[0]["Tags"]["team"])
        self.connect.untag_contact(InstanceId=self.instance_id, ContactId=blue, TagKeys=["team"])
        self.assertEqual([], self.ids(self.only(tag, ContactTags={"TagCondition": {"TagKey": "team", "TagValue": "blue"}})))
        self.connect.update_contact(InstanceId=self.instance_id, ContactId=red, Name="renamed refund")
        self.assertEqual([red], self.ids(self.only(tag, Name={"SearchText": ["renamed"], "MatchType": "MATCH_ALL"})))
        self.assertEqual([], self.ids(self.only(tag, Name={"SearchText": ["first"], "MatchType": "MATCH_ALL"})))

    # sort and paging

    def test_sort_by_initiation_timestamp_and_channel(self):
        tag = unique("sort")
        first = self.task(tag)
        second = self.chat(tag)
        third = self.task(tag)
        default = self.ids(self.only(tag))
        self.assertEqual([third, second, first], default)  # newest first without a Sort
        ascending = self.ids(self.only(tag), Sort={"FieldName": "INITIATION_TIMESTAMP", "Order": "ASCENDING"})
        self.assertEqual([first, second, third], ascending)
        by_channel = self.ids(self.only(tag), Sort={"FieldName": "CHANNEL", "Order": "DESCENDING"})
        self.assertEqual(second, by_channel[-1])  # TASK before CHAT when descending
        self.assertEqual([second], self.ids(self.only(tag), Sort={"FieldName": "CHANNEL", "Order": "ASCENDING"})[:1])

    def test_pages_cover_every_match_once_with_total_count(self):
        tag = unique("page")
        made = [self.task(tag) for _ in range(5)]
        sort = {"FieldName": "INITIATION_TIMESTAMP", "Order": "ASCENDING"}
        first = self.search(self.only(tag), MaxResults=2, Sort=sort)
        self.assertEqual(5, first["TotalCount"])
        self.assertEqual(made[:2], [c["Id"] for c in first["Contacts"]])
        seen, token = [c["Id"] for c in first["Contacts"]], first["NextToken"]
        while token:
            page = self.search(self.only(tag), MaxResults=2, Sort=sort, NextToken=token)
            seen += [c["Id"] for c in page["Contacts"]]
            token = page.get("NextToken")
        self.assertEqual(made, seen)
        paginated = [c["Id"] for p in self.connect.get_paginator("search_contacts").paginate(
            InstanceId=self.instance_id, TimeRange=around(), SearchCriteria=self.only(tag), Sort=sort, PaginationConfig={"PageSize": 2})
            for c in p["Contacts"]]
        self.assertEqual(made, paginated)
        # a token belongs to its search
        self.assertError("InvalidRequestException", self.search, self.only(tag, Channels=["CHAT"]), MaxResults=2, Sort=sort,
                         NextToken=first["NextToken"], status=400)

    # errors

    def test_time_range_errors(self):
        start = now()
        self.assertError("InvalidParameterException", self.search,
                         time_range={"Type": "INITIATION_TIMESTAMP", "StartTime": start, "EndTime": start - datetime.timedelta(seconds=1)}, status=400)
        self.assertError("InvalidParameterException", self.search,
                         time_range={"Type": "INITIATION_TIMESTAMP", "StartTime": start - datetime.timedelta(weeks=8, seconds=1), "EndTime": start}, status=400)
        self.search(time_range={"Type": "INITIATION_TIMESTAMP", "StartTime": start - datetime.timedelta(weeks=8), "EndTime": start})
        self.assertError("InvalidParameterException", self.search,
                         {"AdditionalTimeRange": {"Criteria": [{}], "MatchType": "MATCH_ALL"}}, status=400)
        reversed_extra = {"Type": "DISCONNECT_TIMESTAMP", "StartTime": start, "EndTime": start - datetime.timedelta(hours=1)}
        self.assertError("InvalidParameterException", self.search,
                         {"AdditionalTimeRange": {"Criteria": [{"TimeRange": reversed_extra}], "MatchType": "MATCH_ALL"}}, status=400)

    def test_error_codes(self):
        self.assertError("ResourceNotFoundException", self.connect.search_contacts, InstanceId=MISSING, TimeRange=around(), status=404)
        self.assertError("InvalidParameterException", self.search, MaxResults=101, status=400)
        self.assertError("InvalidParameterException", self.search, Sort={"FieldName": "NAME", "Order": "ASCENDING"}, status=400)
        self.assertError("InvalidParameterException", self.search, time_range={"Type": "CREATED", "StartTime": now(), "EndTime": now()}, status=400)
        self.assertError("InvalidParameterException", self.search,
                         {"SearchableContactAttributes": {"Criteria": [{"Key": "k", "Values": ["v"]}] * 16, "MatchType": "MATCH_ALL"}}, status=400)
        self.assertError("InvalidParameterException", self.search, {"ContactTags": {"TagCondition": {"TagValue": "x"}}}, status=400)
        self.assertError("InvalidRequestException", self.search, NextToken="not-a-token", status=400)

    def test_aws_cli(self):
        tag = unique("cli")
        task = self.task(tag)
        start = (now() - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
        end = (now() + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
        out = json.loads(cli("search-contacts", "--instance-id", self.instance_id,
                             "--time-range", f"Type=INITIATION_TIMESTAMP,StartTime={start},EndTime={end}",
                             "--search-criteria", json.dumps({"Channels": ["TASK"], **self.only(tag)}),
                             "--sort", "FieldName=INITIATION_TIMESTAMP,Order=DESCENDING").stdout)
        self.assertEqual([task], [c["Id"] for c in out["Contacts"]])


class AgentSearchTests(ConnectTestCase):
    """AgentIds, AgentHierarchyGroups, CONNECTED_TO_AGENT_TIMESTAMP and preferred-agent routing criteria."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.center = Center(cls.connect, cls.instance_id)

    def search(self, criteria, type_="INITIATION_TIMESTAMP"):
        return [c["Id"] for c in self.connect.search_contacts(InstanceId=self.instance_id, TimeRange=around(type_=type_), SearchCriteria=criteria)["Contacts"]]

    def test_agent_ids_hierarchy_groups_and_connected_range(self):
        level = self.connect.update_user_hierarchy_structure  # the instance's levels: name L1 and L2
        level(InstanceId=self.instance_id, HierarchyStructure={"LevelOne": {"Name": "Region"}, "LevelTwo": {"Name": "Team"}})
        top = self.connect.create_user_hierarchy_group(InstanceId=self.instance_id, Name=unique("emea"))["HierarchyGroupId"]
        team = self.connect.create_user_hierarchy_group(InstanceId=self.instance_id, Name=unique("team"), ParentGroupId=top)["HierarchyGroupId"]
        other = self.connect.create_user_hierarchy_group(InstanceId=self.instance_id, Name=unique("apac"))["HierarchyGroupId"]
        agent = self.center.agent()
        self.connect.update_user_hierarchy(InstanceId=self.instance_id, UserId=agent, HierarchyGroupId=team)
        chat = self.center.chat()
        act(chat, "accept")

        self.assertEqual([chat], self.search({"AgentIds": [agent]}))
        self.assertEqual([], self.search({"AgentIds": [MISSING]}))
        self.assertEqual([chat], self.search({"AgentHierarchyGroups": {"L1Ids": [top], "L2Ids": [team]}}))
        self.assertEqual([chat], self.search({"AgentHierarchyGroups": {"L2Ids": [team]}}))
        self.assertEqual([], self.search({"AgentHierarchyGroups": {"L1Ids": [other]}}))
        self.assertEqual([chat], self.search({"AgentIds": [agent]}, "CONNECTED_TO_AGENT_TIMESTAMP"))
        [summary] = self.connect.search_contacts(InstanceId=self.instance_id, TimeRange=around(), SearchCriteria={"AgentIds": [agent]})["Contacts"]
        self.assertEqual(agent, summary["AgentInfo"]["Id"])
        self.assertIn("ConnectedToAgentTimestamp", summary["AgentInfo"])


class DismissUserContactTests(ConnectTestCase):
    """DismissUserContact: only a contact that ended for the agent (after-contact work) is dismissed, freeing the agent."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.center = Center(cls.connect, cls.instance_id)

    def agent_with_after_contact_work(self):
        user = self.connect.create_user(
            Username=unique("acw"), Password="Passw0rd-Example1", InstanceId=self.instance_id,
            IdentityInfo={"FirstName": "Ada", "LastName": "Agent"},
            PhoneConfig={"PhoneType": "SOFT_PHONE", "AutoAccept": True, "AfterContactWorkTimeLimit": 600},
            SecurityProfileIds=[self.center.agent_security], RoutingProfileId=self.center.basic_profile)["UserId"]
        self.center.status(user, self.center.available)
        return user

    def dismiss(self, user, contact):
        return self.connect.dismiss_user_contact(InstanceId=self.instance_id, UserId=user, ContactId=contact)

    def test_a_contact_in_after_contact_work_is_dismissed_and_the_agent_freed(self):
        agent = self.agent_with_after_contact_work()
        chat = self.center.chat()
        self.assertError("InvalidRequestException", self.dismiss, agent, chat, status=400)  # ringing
        act(chat, "accept")
        self.assertError("InvalidRequestException", self.dismiss, agent, chat, status=400)  # connected
        self.connect.stop_contact(InstanceId=self.instance_id, ContactId=chat)
        self.assertEqual(["ENDED"], [c["AgentContactState"] for c in self.center.user_data(agent)["Contacts"]])

        self.dismiss(agent, chat)
        self.assertEqual([], self.center.user_data(agent)["Contacts"])
        self.assertError("ResourceNotFoundException", self.dismiss, agent, chat, status=404)  # already closed
        self.assertIn("DisconnectTimestamp", self.center.contact(chat))

    def test_unknown_user_contact_and_instance(self):
        agent = self.agent_with_after_contact_work()
        other = self.agent_with_after_contact_work()
        chat = self.center.chat()
        act(chat, "accept")
        self.connect.stop_contact(InstanceId=self.instance_id, ContactId=chat)
        holder = self.center.contact(chat)["AgentInfo"]["Id"]
        bystander = other if holder == agent else agent
        self.assertError("ResourceNotFoundException", self.dismiss, bystander, chat, status=404)  # not the agent's contact
        self.assertError("ResourceNotFoundException", self.dismiss, MISSING, chat, status=404)
        self.assertError("ResourceNotFoundException", self.dismiss, holder, MISSING, status=404)
        self.assertError("ResourceNotFoundException", self.connect.dismiss_user_contact,
                         InstanceId=MISSING, UserId=holder, ContactId=chat, status=404)
        self.dismiss(holder, chat)


class AssociatedContactsTests(ConnectTestCase):
    """ListAssociatedContacts: the contacts linked by PreviousContactId, oldest first, paged."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.center = Center(cls.connect, cls.instance_id)

    def task(self, **kwargs):
        return self.connect.start_task_contact(InstanceId=self.instance_id, Name=unique("t"), ContactFlowId=self.center.flow, **kwargs)["ContactId"]

    def tree(self, contact_id, **kwargs):
        return self.connect.list_associated_contacts(InstanceId=self.instance_id, ContactId=contact_id, **kwargs)

    def test_the_tree_of_any_member_is_the_whole_chain_oldest_first(self):
        first = self.task()
        second = self.task(PreviousContactId=first)
        third = self.task(PreviousContactId=second)
        sibling = self.task(PreviousContactId=first)
        self.task()  # unrelated
        for member in (first, third, sibling):
            self.assertEqual([first, second, third, sibling], [c["ContactId"] for c in self.tree(member)["ContactSummaryList"]])
        [summary] = [c for c in self.tree(first)["ContactSummaryList"] if c["ContactId"] == second]
        self.assertEqual((first, "TASK", "API"), (summary["PreviousContactId"], summary["Channel"], summary["InitiationMethod"]))
        self.assertEqual(self.center.contact(second)["Arn"], summary["ContactArn"])

        page = self.tree(third, MaxResults=3)
        self.assertEqual([first, second, third], [c["ContactId"] for c in page["ContactSummaryList"]])
        rest = self.tree(third, MaxResults=3, NextToken=page["NextToken"])
        self.assertEqual([sibling], [c["ContactId"] for c in rest["ContactSummaryList"]])
        self.assertNotIn("NextToken", rest)
        self.assertError("InvalidRequestException", self.tree, first, NextToken=page["NextToken"], status=400)  # another contact's token

    def test_a_lone_contact_is_its_own_tree_and_unknown_ones_are_not_found(self):
        lone = self.task()
        self.assertEqual([lone], [c["ContactId"] for c in self.tree(lone)["ContactSummaryList"]])
        self.assertError("ResourceNotFoundException", self.tree, MISSING, status=404)
        self.assertError("ResourceNotFoundException", self.connect.list_associated_contacts, InstanceId=MISSING, ContactId=lone, status=404)
        self.assertError("InvalidParameterException", self.tree, lone, MaxResults=101, status=400)
