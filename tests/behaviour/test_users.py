"""Users (agents), security profiles and agent statuses through boto3 and the aws CLI."""
import datetime
import json
import unittest

import boto3
from botocore.config import Config

from support import ENDPOINT, NO_RETRIES, ConnectTestCase, client, create_instance, cli, require_server, unique

USER_KEYS = {"Id", "Arn", "Username", "IdentityInfo", "PhoneConfig", "DirectoryUserId", "SecurityProfileIds",
             "RoutingProfileId", "HierarchyGroupId", "Tags", "LastModifiedTime", "LastModifiedRegion",
             # the per-channel settings (users-search, docs/users-search.md)
             "AutoAcceptConfigs", "AfterContactWorkConfigs", "PhoneNumberConfigs", "PersistentConnectionConfigs", "VoiceEnhancementConfigs"}
MISSING_INSTANCE = "00000000-0000-0000-0000-000000000000"
MISSING_ID = "11111111-2222-3333-4444-555555555555"
PASSWORD = "Passw0rd-ok"


def unvalidated_client():
    """A client that sends what it is given, so the server's own checks of the model's minimums are reached."""
    require_server()
    return boto3.client("connect", endpoint_url=ENDPOINT, region_name="us-east-1", aws_access_key_id="AKIDEXAMPLE",
                        aws_secret_access_key="secret", config=NO_RETRIES.merge(Config(parameter_validation=False)))


def security_profiles(connect, iid):
    return {p["Name"]: p["Id"] for page in connect.get_paginator("list_security_profiles").paginate(InstanceId=iid)
            for p in page["SecurityProfileSummaryList"]}


def agent_statuses(connect, iid):
    return {s["Name"]: s for page in connect.get_paginator("list_agent_statuses").paginate(InstanceId=iid)
            for s in page["AgentStatusSummaryList"]}


def basic_routing_profile(connect, iid):
    """The id of the instance's Basic Routing Profile."""
    pages = list(connect.get_paginator("list_routing_profiles").paginate(InstanceId=iid))
    return next(p["Id"] for page in pages for p in page["RoutingProfileSummaryList"] if p["Name"] == "Basic Routing Profile")


class UserTestCase(ConnectTestCase):
    """A fresh instance with its Basic Routing Profile and default security profiles and agent statuses at hand."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.routing_profile_id = basic_routing_profile(cls.connect, cls.instance_id)
        cls.security_profile_ids = security_profiles(cls.connect, cls.instance_id)
        cls.agent_status_ids = {name: s["Id"] for name, s in agent_statuses(cls.connect, cls.instance_id).items()}

    def user_args(self, instance_id=None, **overrides):
        args = dict(
            InstanceId=instance_id or self.instance_id,
            Username=unique("agent"),
            Password=PASSWORD,
            IdentityInfo={"FirstName": "Mary", "LastName": "Major"},
            PhoneConfig={"PhoneType": "SOFT_PHONE"},
            SecurityProfileIds=[self.security_profile_ids["Agent"]],
            RoutingProfileId=self.routing_profile_id,
        )
        args.update(overrides)
        return {k: v for k, v in args.items() if v is not None}

    def create_user(self, **overrides):
        return self.connect.create_user(**self.user_args(**overrides))["UserId"]

    def describe(self, user_id):
        return self.connect.describe_user(InstanceId=self.instance_id, UserId=user_id)["User"]

    def usernames(self, instance_id=None):
        return [u["Username"] for page in self.connect.get_paginator("list_users").paginate(InstanceId=instance_id or self.instance_id)
                for u in page["UserSummaryList"]]

    def user_count(self, routing_profile_id):
        profile = self.connect.describe_routing_profile(InstanceId=self.instance_id, RoutingProfileId=routing_profile_id)
        return profile["RoutingProfile"]["NumberOfAssociatedUsers"]

    def assertCounts(self, observed):
        """Checks (expected, actual) user counts gathered along a test, once every operation has run."""
        self.assertEqual([e for e, _ in observed], [a for _, a in observed])

    def agent_queue_arn(self, user_id):
        instance_arn = self.connect.describe_instance(InstanceId=self.instance_id)["Instance"]["Arn"]
        return f"{instance_arn}/queue/agent/{user_id}"


class CreateUserTests(UserTestCase):
    def test_create_then_describe_returns_every_part_of_the_user(self):
        sp = self.security_profile_ids
        args = self.user_args(
            IdentityInfo={"FirstName": "Jorge", "LastName": "Souza", "Email": "jorge@example.com",
                          "SecondaryEmail": "js@example.com", "Mobile": "+15555550100"},
            PhoneConfig={"PhoneType": "DESK_PHONE", "DeskPhoneNumber": "+15555550199", "AutoAccept": True,
                         "AfterContactWorkTimeLimit": 30},
            DirectoryUserId="dir-user-1",
            SecurityProfileIds=[sp["Agent"], sp["QualityAnalyst"]],
            Tags={"team": "blue"},
        )
        out = self.connect.create_user(**args)
        user_id = out["UserId"]
        self.assertEqual(f"arn:aws:connect:us-east-1:000000000000:instance/{self.instance_id}/agent/{user_id}", out["UserArn"])

        user = self.describe(user_id)
        self.assertEqual(user_id, user["Id"])
        self.assertEqual(out["UserArn"], user["Arn"])
        self.assertEqual(args["Username"], user["Username"])
        self.assertEqual(args["IdentityInfo"], user["IdentityInfo"])
        self.assertEqual(args["PhoneConfig"], user["PhoneConfig"])
        self.assertEqual("dir-user-1", user["DirectoryUserId"])
        self.assertEqual([sp["Agent"], sp["QualityAnalyst"]], user["SecurityProfileIds"])
        self.assertEqual(self.routing_profile_id, user["RoutingProfileId"])
        self.assertEqual({"team": "blue"}, user["Tags"])
        self.assertEqual("us-east-1", user["LastModifiedRegion"])
        self.assertIsInstance(user["LastModifiedTime"], datetime.datetime)
        self.assertNotIn("Password", user)
        self.assertLessEqual(set(user), USER_KEYS)

    def test_optional_phone_settings_get_defaults(self):
        user = self.describe(self.create_user())
        self.assertEqual({"PhoneType": "SOFT_PHONE", "AutoAccept": False, "AfterContactWorkTimeLimit": 0}, user["PhoneConfig"])

    def test_user_and_instance_may_be_named_by_arn(self):
        out = self.connect.create_user(**self.user_args())
        instance_arn = self.connect.describe_instance(InstanceId=self.instance_id)["Instance"]["Arn"]
        user = self.connect.describe_user(InstanceId=instance_arn, UserId=out["UserArn"])["User"]
        self.assertEqual(out["UserId"], user["Id"])

    def test_security_and_routing_profiles_may_be_named_by_arn(self):
        summaries = self.connect.list_security_profiles(InstanceId=self.instance_id)["SecurityProfileSummaryList"]
        admin = next(p for p in summaries if p["Name"] == "Admin")
        instance_arn = self.connect.describe_instance(InstanceId=self.instance_id)["Instance"]["Arn"]
        user_id = self.create_user(SecurityProfileIds=[admin["Arn"]],
                                   RoutingProfileId=f"{instance_arn}/routing-profile/{self.routing_profile_id}")
        user = self.describe(user_id)
        self.assertEqual([admin["Id"]], user["SecurityProfileIds"])
        self.assertEqual(self.routing_profile_id, user["RoutingProfileId"])

    def test_a_security_profile_named_twice_is_kept_once(self):
        agent = self.security_profile_ids["Agent"]
        user = self.describe(self.create_user(SecurityProfileIds=[agent, agent]))
        self.assertEqual([agent], user["SecurityProfileIds"])

    def test_each_user_gets_an_agent_queue(self):
        user_id = self.create_user()
        # The agent queue is a taggable resource at …/queue/agent/{userId}; it answers only if it exists.
        arn = self.agent_queue_arn(user_id)
        self.assertEqual({}, self.connect.list_tags_for_resource(resourceArn=arn)["tags"])
        pages = list(self.connect.get_paginator("list_queues").paginate(InstanceId=self.instance_id, QueueTypes=["AGENT"]))
        queue = next(q for page in pages for q in page["QueueSummaryList"] if q["Id"] == user_id)
        self.assertEqual("AGENT", queue["QueueType"])
        self.assertEqual(arn, queue["Arn"])
        self.assertNotIn("Name", queue)

    def test_username_is_unique_per_instance(self):
        username = unique("dup")
        self.create_user(Username=username)
        err = self.assertError("DuplicateResourceException", self.connect.create_user, **self.user_args(Username=username),
                               status=409)
        self.assertIn(username, err.response["Error"]["Message"])
        self.assertEqual(1, self.usernames().count(username))

    def test_the_same_username_may_be_used_in_another_instance(self):
        username = unique("twice")
        self.create_user(Username=username)
        other = create_instance(self.connect)
        self.connect.create_user(**self.user_args(
            instance_id=other, Username=username, RoutingProfileId=basic_routing_profile(self.connect, other),
            SecurityProfileIds=[security_profiles(self.connect, other)["Agent"]]))
        self.assertIn(username, self.usernames(other))

    def test_unknown_routing_profile_is_not_found_and_nothing_is_stored(self):
        username = unique("norp")
        self.assertError("ResourceNotFoundException", self.connect.create_user,
                         **self.user_args(Username=username, RoutingProfileId=MISSING_ID),
                         status=404, message="Routing profile not found")
        self.assertNotIn(username, self.usernames())
        # the name was not taken by the failed request
        self.create_user(Username=username)

    def test_a_routing_profile_of_another_instance_is_not_found(self):
        other = create_instance(self.connect)
        self.assertError("ResourceNotFoundException", self.connect.create_user,
                         **self.user_args(RoutingProfileId=basic_routing_profile(self.connect, other)))

    def test_every_security_profile_must_exist(self):
        username = unique("nosp")
        self.assertError("ResourceNotFoundException", self.connect.create_user,
                         **self.user_args(Username=username, SecurityProfileIds=[self.security_profile_ids["Agent"], MISSING_ID]),
                         status=404, message="Security profile not found")
        self.assertNotIn(username, self.usernames())

    def test_security_profile_list_must_have_one_to_ten_items(self):
        raw = unvalidated_client()
        self.assertError("InvalidParameterException", raw.create_user, **self.user_args(SecurityProfileIds=[]), status=400)
        self.assertError("InvalidParameterException", raw.create_user,
                         **self.user_args(SecurityProfileIds=[self.security_profile_ids["Agent"]] * 11), status=400)

    def test_a_hierarchy_group_that_does_not_exist_is_not_found(self):
        self.assertError("ResourceNotFoundException", self.connect.create_user,
                         **self.user_args(HierarchyGroupId=MISSING_ID), message="Hierarchy group not found")

    def test_connect_managed_instance_requires_a_password(self):
        username = unique("nopw")
        self.assertError("InvalidParameterException", self.connect.create_user,
                         **self.user_args(Username=username, Password=None), status=400)
        self.assertNotIn(username, self.usernames())

    def test_password_must_match_the_model_pattern(self):
        self.assertError("InvalidParameterException", self.connect.create_user, **self.user_args(Password="short"), status=400)

    def test_connect_managed_instance_requires_first_and_last_name(self):
        self.assertError("InvalidParameterException", self.connect.create_user, **self.user_args(IdentityInfo=None))
        self.assertError("InvalidParameterException", self.connect.create_user,
                         **self.user_args(IdentityInfo={"FirstName": "OnlyFirst"}))
        self.assertError("InvalidParameterException", self.connect.create_user,
                         **self.user_args(IdentityInfo={"FirstName": "", "LastName": "Empty"}))

    def test_phone_config_is_required_with_a_phone_type(self):
        self.assertError("InvalidParameterException", self.connect.create_user, **self.user_args(PhoneConfig=None),
                         message="PhoneConfig is required.")
        self.assertError("InvalidParameterException", self.connect.create_user,
                         **self.user_args(PhoneConfig={"AutoAccept": True}), message="PhoneConfig.PhoneType is required.")
        self.assertError("InvalidParameterException", self.connect.create_user,
                         **self.user_args(PhoneConfig={"PhoneType": "CELL_PHONE"}), status=400)

    def test_desk_phone_needs_a_number(self):
        username = unique("desk")
        self.assertError("InvalidParameterException", self.connect.create_user,
                         **self.user_args(Username=username, PhoneConfig={"PhoneType": "DESK_PHONE"}), status=400,
                         message="PhoneConfig.DeskPhoneNumber is required when PhoneType is DESK_PHONE.")
        self.assertNotIn(username, self.usernames())
        self.assertError("InvalidParameterException", self.connect.create_user,
                         **self.user_args(PhoneConfig={"PhoneType": "DESK_PHONE", "DeskPhoneNumber": "555-0100"}))

    def test_after_contact_work_limit_is_at_most_two_million_seconds(self):
        self.assertError("InvalidParameterException", self.connect.create_user,
                         **self.user_args(PhoneConfig={"PhoneType": "SOFT_PHONE", "AfterContactWorkTimeLimit": 2_000_001}))
        self.create_user(PhoneConfig={"PhoneType": "SOFT_PHONE", "AfterContactWorkTimeLimit": 2_000_000})

    def test_channel_specific_settings_are_taken_with_update_user_config_s_rules(self):
        user_id = self.create_user(PhoneConfig=None, PhoneNumberConfigs=[{"Channel": "VOICE", "PhoneType": "SOFT_PHONE"}],
                                   AutoAcceptConfigs=[{"Channel": "VOICE", "AutoAccept": True}, {"Channel": "CHAT", "AutoAccept": True}],
                                   AfterContactWorkConfigs=[{"Channel": "CHAT", "AfterContactWorkConfig": {"AfterContactWorkTimeLimit": 45}}])
        user = self.connect.describe_user(InstanceId=self.instance_id, UserId=user_id)["User"]
        self.assertEqual(("SOFT_PHONE", True), (user["PhoneConfig"]["PhoneType"], user["PhoneConfig"]["AutoAccept"]))
        self.assertEqual({("VOICE", True), ("CHAT", True)}, {(c["Channel"], c["AutoAccept"]) for c in user["AutoAcceptConfigs"]})
        self.assertIn(("CHAT", 45), [(c["Channel"], c["AfterContactWorkConfig"]["AfterContactWorkTimeLimit"]) for c in user["AfterContactWorkConfigs"]])
        username = unique("chat-phone")
        self.assertError("InvalidParameterException", self.connect.create_user,
                         **self.user_args(Username=username, PhoneNumberConfigs=[{"Channel": "CHAT", "PhoneType": "SOFT_PHONE"}]))
        self.assertError("InvalidParameterException", self.connect.create_user,
                         **self.user_args(Username=username, AutoAcceptConfigs=[{"Channel": "CHAT", "AutoAccept": True}] * 2))
        self.assertNotIn(username, self.usernames())

    def test_username_length_is_checked(self):
        self.assertError("InvalidParameterException", self.connect.create_user, **self.user_args(Username="x" * 101))

    def test_phone_config_members_conflict_with_their_channel_lists(self):
        voice = [{"Channel": "VOICE", "PhoneType": "SOFT_PHONE"}]
        conflicts = [
            dict(PhoneConfig={"PhoneType": "SOFT_PHONE", "AutoAccept": True}, AutoAcceptConfigs=[{"Channel": "CHAT", "AutoAccept": True}]),
            dict(PhoneConfig={"PhoneType": "SOFT_PHONE"}, PhoneNumberConfigs=voice),
            dict(PhoneConfig={"AfterContactWorkTimeLimit": 10}, PhoneNumberConfigs=voice,
                 AfterContactWorkConfigs=[{"Channel": "CHAT", "AfterContactWorkConfig": {"AfterContactWorkTimeLimit": 45}}]),
            dict(PhoneConfig={"PersistentConnection": True}, PhoneNumberConfigs=voice,
                 PersistentConnectionConfigs=[{"Channel": "VOICE", "PersistentConnection": True}]),
        ]
        for overrides in conflicts:
            with self.subTest(overrides=overrides):
                username = unique("both")
                self.assertError("InvalidParameterException", self.connect.create_user,
                                 **self.user_args(Username=username, **overrides), status=400)
                self.assertNotIn(username, self.usernames())
        # members and lists that configure different settings go together
        user_id = self.create_user(PhoneConfig={"PhoneType": "SOFT_PHONE", "AutoAccept": True},
                                   AfterContactWorkConfigs=[{"Channel": "CHAT", "AfterContactWorkConfig": {"AfterContactWorkTimeLimit": 45}}])
        user = self.describe(user_id)
        self.assertTrue(user["PhoneConfig"]["AutoAccept"])
        self.assertIn(("CHAT", 45), [(c["Channel"], c["AfterContactWorkConfig"]["AfterContactWorkTimeLimit"]) for c in user["AfterContactWorkConfigs"]])

    def test_channel_lists_on_create_follow_the_documented_rules(self):
        voice = [{"Channel": "VOICE", "PhoneType": "SOFT_PHONE"}]
        refused = [
            dict(PersistentConnectionConfigs=[{"Channel": "TASK", "PersistentConnection": True}]),
            dict(VoiceEnhancementConfigs=[{"Channel": "EMAIL", "VoiceEnhancementMode": "NONE"}]),
            dict(AutoAcceptConfigs=[{"Channel": "CHAT", "AutoAccept": True, "AgentFirstCallbackAutoAccept": True}]),
            dict(AfterContactWorkConfigs=[{"Channel": "CHAT", "AfterContactWorkConfig": {"AfterContactWorkTimeLimit": 30},
                                           "AgentFirstCallbackAfterContactWorkConfig": {"AfterContactWorkTimeLimit": 30}}]),
            dict(AfterContactWorkConfigs=[{"Channel": "CHAT", "AfterContactWorkConfig": {"AfterContactWorkTimeLimit": 2_000_001}}]),
            dict(AfterContactWorkConfigs=[{"Channel": "VOICE", "AfterContactWorkConfig": {"AfterContactWorkTimeLimit": 30},
                                           "AgentFirstCallbackAfterContactWorkConfig": {"AfterContactWorkTimeLimit": 2_000_001}}]),
        ]
        for overrides in refused:
            with self.subTest(overrides=overrides):
                username = unique("lists")
                self.assertError("InvalidParameterException", self.connect.create_user,
                                 **self.user_args(Username=username, PhoneConfig=None, PhoneNumberConfigs=voice, **overrides), status=400)
                self.assertNotIn(username, self.usernames())
        user_id = self.create_user(PhoneConfig=None, PhoneNumberConfigs=voice,
                                   AutoAcceptConfigs=[{"Channel": "VOICE", "AutoAccept": True, "AgentFirstCallbackAutoAccept": True}],
                                   AfterContactWorkConfigs=[{"Channel": "VOICE", "AfterContactWorkConfig": {"AfterContactWorkTimeLimit": 2_000_000},
                                                             "AgentFirstCallbackAfterContactWorkConfig": {"AfterContactWorkTimeLimit": 2_000_000}}],
                                   PersistentConnectionConfigs=[{"Channel": "VOICE", "PersistentConnection": True}],
                                   VoiceEnhancementConfigs=[{"Channel": "VOICE", "VoiceEnhancementMode": "VOICE_ISOLATION"}])
        self.assertEqual([{"Channel": "VOICE", "VoiceEnhancementMode": "VOICE_ISOLATION"}], self.describe(user_id)["VoiceEnhancementConfigs"])

    def test_unknown_instance_is_not_found(self):
        self.assertError("ResourceNotFoundException", self.connect.create_user, **self.user_args(instance_id=MISSING_INSTANCE),
                         status=404, message="Instance not found")


class IdentityManagementTests(ConnectTestCase):
    """Password and identity rules that depend on the instance's identity management type."""

    def instance_of(self, identity_type, **extra):
        iid = self.connect.create_instance(IdentityManagementType=identity_type, InboundCallsEnabled=True,
                                           OutboundCallsEnabled=True, **extra)["Id"]
        return iid, dict(
            InstanceId=iid, Username=unique("idm"),
            IdentityInfo={"FirstName": "Ana", "LastName": "Lima"},
            PhoneConfig={"PhoneType": "SOFT_PHONE"},
            SecurityProfileIds=[security_profiles(self.connect, iid)["Agent"]],
            RoutingProfileId=basic_routing_profile(self.connect, iid),
        )

    def test_username_follows_the_identity_management_type(self):
        def name(length):
            return (unique("u").replace("-", "") * 10)[:length]

        iid, args = self.instance_of("CONNECT_MANAGED", InstanceAlias=unique("cm"))
        args["Password"] = "Passw0rd-ok"
        # without SAML: up to 20 characters, @ only in an email address
        self.assertError("InvalidParameterException", self.connect.create_user, **dict(args, Username=name(21)), status=400)
        self.assertError("InvalidParameterException", self.connect.create_user, **dict(args, Username="testuser@example"))
        for good in (name(20), name(8) + "@ex.com"):
            user_id = self.connect.create_user(**dict(args, Username=good))["UserId"]
            self.assertEqual(good, self.connect.describe_user(InstanceId=iid, UserId=user_id)["User"]["Username"])
        # with SAML: up to 64 characters of letters, digits and _ - . @
        iid, args = self.instance_of("SAML", InstanceAlias=unique("saml"))
        for bad in (name(65), name(10) + " x", name(10) + "!", name(10) + "@example"):
            with self.subTest(username=bad):
                self.assertError("InvalidParameterException", self.connect.create_user, **dict(args, Username=bad), status=400)
        for good in (name(64), "a.b_c-" + name(10), name(10) + "@example.com"):
            self.connect.create_user(**dict(args, Username=good))
        names = [u["Username"] for p in self.connect.get_paginator("list_users").paginate(InstanceId=iid) for u in p["UserSummaryList"]]
        self.assertEqual(3, len(names))

    def test_saml_instance_refuses_password_and_email(self):
        iid, args = self.instance_of("SAML", InstanceAlias=unique("saml"))
        self.assertError("InvalidParameterException", self.connect.create_user, **args, Password=PASSWORD, status=400)
        self.assertError("InvalidParameterException", self.connect.create_user,
                         **dict(args, IdentityInfo={"FirstName": "Ana", "LastName": "Lima", "Email": "ana@example.com"}))
        self.assertError("InvalidParameterException", self.connect.create_user, **dict(args, IdentityInfo={"LastName": "Lima"}))
        self.assertError("InvalidParameterException", self.connect.create_user, **args, DirectoryUserId="ana-directory-id", status=400)
        user_id = self.connect.create_user(**args)["UserId"]
        self.assertEqual(args["Username"], self.connect.describe_user(InstanceId=iid, UserId=user_id)["User"]["Username"])

    def test_existing_directory_instance_refuses_password_and_directory_managed_names(self):
        iid, args = self.instance_of("EXISTING_DIRECTORY", DirectoryId="d-0123456789")
        self.assertError("InvalidParameterException", self.connect.create_user, **args, Password=PASSWORD)
        # names come from the directory, so they are optional here
        user_id = self.connect.create_user(**{k: v for k, v in args.items() if k != "IdentityInfo"})["UserId"]
        self.assertNotIn("IdentityInfo", self.connect.describe_user(InstanceId=iid, UserId=user_id)["User"])
        self.assertError("InvalidRequestException", self.connect.update_user_identity_info, InstanceId=iid, UserId=user_id,
                         IdentityInfo={"FirstName": "New"}, status=400)
        self.connect.update_user_identity_info(InstanceId=iid, UserId=user_id, IdentityInfo={"Mobile": "+15555550123"})
        self.assertEqual({"Mobile": "+15555550123"},
                         self.connect.describe_user(InstanceId=iid, UserId=user_id)["User"]["IdentityInfo"])


class ListUsersTests(UserTestCase):
    def test_pages_with_max_results_and_next_token(self):
        created = {self.create_user() for _ in range(3)}
        first = self.connect.list_users(InstanceId=self.instance_id, MaxResults=2)
        self.assertEqual(2, len(first["UserSummaryList"]))
        self.assertIn("NextToken", first)
        second = self.connect.list_users(InstanceId=self.instance_id, MaxResults=2, NextToken=first["NextToken"])
        self.assertEqual(1, len(second["UserSummaryList"]))
        self.assertNotIn("NextToken", second)
        summaries = first["UserSummaryList"] + second["UserSummaryList"]
        self.assertEqual(created, {u["Id"] for u in summaries})
        for summary in summaries:
            self.assertEqual({"Id", "Arn", "Username", "LastModifiedTime", "LastModifiedRegion"}, set(summary))
            self.assertTrue(summary["Arn"].endswith(f"/agent/{summary['Id']}"))

    def test_a_forged_token_is_refused(self):
        self.assertError("InvalidRequestException", self.connect.list_users, InstanceId=self.instance_id,
                         NextToken="forged.token", status=400)

    def test_a_token_of_another_instance_is_refused(self):
        other = create_instance(self.connect)
        for _ in range(2):
            self.connect.create_user(**self.user_args(
                instance_id=other, RoutingProfileId=basic_routing_profile(self.connect, other),
                SecurityProfileIds=[security_profiles(self.connect, other)["Agent"]]))
        token = self.connect.list_users(InstanceId=other, MaxResults=1)["NextToken"]
        self.assertError("InvalidRequestException", self.connect.list_users, InstanceId=self.instance_id, NextToken=token)

    def test_max_results_is_one_to_a_thousand(self):
        self.assertError("InvalidParameterException", self.connect.list_users, InstanceId=self.instance_id, MaxResults=1001)

    def test_unknown_instance_is_not_found(self):
        self.assertError("ResourceNotFoundException", self.connect.list_users, InstanceId=MISSING_INSTANCE,
                         message="Instance not found")


class UpdateUserTests(UserTestCase):
    def create_profile(self):
        default_queue = self.connect.describe_routing_profile(
            InstanceId=self.instance_id, RoutingProfileId=self.routing_profile_id)["RoutingProfile"]["DefaultOutboundQueueId"]
        return self.connect.create_routing_profile(
            InstanceId=self.instance_id, Name=unique("rp"), Description="second profile",
            DefaultOutboundQueueId=default_queue,
            MediaConcurrencies=[{"Channel": "VOICE", "Concurrency": 1}])["RoutingProfileId"]

    def test_routing_profile_user_counts_follow_create_move_and_delete(self):
        other_profile = self.create_profile()
        basic = self.routing_profile_id
        before = self.user_count(basic)
        user_id = self.create_user()
        observed = [(before + 1, self.user_count(basic)), (0, self.user_count(other_profile))]

        before_touch = self.describe(user_id)["LastModifiedTime"]
        self.connect.update_user_routing_profile(InstanceId=self.instance_id, UserId=user_id, RoutingProfileId=other_profile)
        user = self.describe(user_id)
        self.assertEqual(other_profile, user["RoutingProfileId"])
        self.assertGreaterEqual(user["LastModifiedTime"], before_touch)
        observed += [(before, self.user_count(basic)), (1, self.user_count(other_profile))]

        # moving to the profile the user already has changes no count
        self.connect.update_user_routing_profile(InstanceId=self.instance_id, UserId=user_id, RoutingProfileId=other_profile)
        observed += [(1, self.user_count(other_profile))]

        self.connect.delete_user(InstanceId=self.instance_id, UserId=user_id)
        observed += [(before, self.user_count(basic)), (0, self.user_count(other_profile))]
        self.assertCounts(observed)

    def test_basic_profile_counts_its_users(self):
        before = self.user_count(self.routing_profile_id)
        user_id = self.create_user()
        after_create = self.user_count(self.routing_profile_id)
        self.connect.delete_user(InstanceId=self.instance_id, UserId=user_id)
        after_delete = self.user_count(self.routing_profile_id)
        self.assertCounts([(before + 1, after_create), (before, after_delete)])

    def test_a_failed_create_counts_no_user(self):
        before = self.user_count(self.routing_profile_id)
        self.assertError("ResourceNotFoundException", self.connect.create_user, **self.user_args(SecurityProfileIds=[MISSING_ID]))
        self.assertCounts([(before, self.user_count(self.routing_profile_id))])

    def test_unknown_routing_profile_leaves_the_user_unchanged(self):
        user_id = self.create_user()
        before = self.user_count(self.routing_profile_id)
        self.assertError("ResourceNotFoundException", self.connect.update_user_routing_profile, InstanceId=self.instance_id,
                         UserId=user_id, RoutingProfileId=MISSING_ID, status=404, message="Routing profile not found")
        self.assertEqual(self.routing_profile_id, self.describe(user_id)["RoutingProfileId"])
        self.assertCounts([(before, self.user_count(self.routing_profile_id))])

    def test_security_profiles_are_replaced(self):
        sp = self.security_profile_ids
        user_id = self.create_user(SecurityProfileIds=[sp["Agent"], sp["Admin"]])
        self.connect.update_user_security_profiles(InstanceId=self.instance_id, UserId=user_id,
                                                   SecurityProfileIds=[sp["CallCenterManager"]])
        self.assertEqual([sp["CallCenterManager"]], self.describe(user_id)["SecurityProfileIds"])

    def test_unknown_security_profile_leaves_the_user_unchanged(self):
        sp = self.security_profile_ids
        user_id = self.create_user()
        self.assertError("ResourceNotFoundException", self.connect.update_user_security_profiles, InstanceId=self.instance_id,
                         UserId=user_id, SecurityProfileIds=[sp["Admin"], MISSING_ID], message="Security profile not found")
        self.assertEqual([sp["Agent"]], self.describe(user_id)["SecurityProfileIds"])
        self.assertError("InvalidParameterException", unvalidated_client().update_user_security_profiles,
                         InstanceId=self.instance_id, UserId=user_id, SecurityProfileIds=[])
        self.assertEqual([sp["Agent"]], self.describe(user_id)["SecurityProfileIds"])

    def test_identity_info_is_replaced(self):
        user_id = self.create_user(IdentityInfo={"FirstName": "Old", "LastName": "Name", "Email": "old@example.com"})
        self.connect.update_user_identity_info(InstanceId=self.instance_id, UserId=user_id,
                                               IdentityInfo={"FirstName": "New", "LastName": "Person"})
        self.assertEqual({"FirstName": "New", "LastName": "Person"}, self.describe(user_id)["IdentityInfo"])

    def test_identity_info_keeps_its_rules_on_update(self):
        user_id = self.create_user()
        self.assertError("InvalidParameterException", self.connect.update_user_identity_info, InstanceId=self.instance_id,
                         UserId=user_id, IdentityInfo={"Email": "only@example.com"}, status=400)
        self.assertEqual({"FirstName": "Mary", "LastName": "Major"}, self.describe(user_id)["IdentityInfo"])

    def test_phone_config_is_replaced(self):
        user_id = self.create_user(PhoneConfig={"PhoneType": "SOFT_PHONE", "AutoAccept": True, "AfterContactWorkTimeLimit": 10})
        self.connect.update_user_phone_config(InstanceId=self.instance_id, UserId=user_id,
                                              PhoneConfig={"PhoneType": "DESK_PHONE", "DeskPhoneNumber": "+15555550142"})
        self.assertEqual({"PhoneType": "DESK_PHONE", "DeskPhoneNumber": "+15555550142", "AutoAccept": False,
                          "AfterContactWorkTimeLimit": 0}, self.describe(user_id)["PhoneConfig"])

    def test_desk_phone_without_number_leaves_the_phone_config_unchanged(self):
        user_id = self.create_user()
        self.assertError("InvalidParameterException", self.connect.update_user_phone_config, InstanceId=self.instance_id,
                         UserId=user_id, PhoneConfig={"PhoneType": "DESK_PHONE"})
        self.assertEqual("SOFT_PHONE", self.describe(user_id)["PhoneConfig"]["PhoneType"])

    def test_tags_through_the_user_arn(self):
        out = self.connect.create_user(**self.user_args(Tags={"a": "1"}))
        self.connect.tag_resource(resourceArn=out["UserArn"], tags={"b": "2"})
        self.assertEqual({"a": "1", "b": "2"}, self.describe(out["UserId"])["Tags"])


class DeleteUserTests(UserTestCase):
    def test_delete_removes_the_user_and_its_agent_queue(self):
        username = unique("gone")
        user_id = self.create_user(Username=username)
        arn = self.agent_queue_arn(user_id)
        self.connect.delete_user(InstanceId=self.instance_id, UserId=user_id)
        self.assertError("ResourceNotFoundException", self.describe, user_id, status=404, message="User not found")
        self.assertError("ResourceNotFoundException", self.connect.list_tags_for_resource, resourceArn=arn)
        self.assertNotIn(username, self.usernames())
        self.assertError("ResourceNotFoundException", self.connect.delete_user, InstanceId=self.instance_id, UserId=user_id)
        # the username is free again
        self.create_user(Username=username)


class UnknownUserTests(UserTestCase):
    def test_every_user_operation_answers_user_not_found(self):
        iid = self.instance_id
        calls = [
            (self.connect.describe_user, {}),
            (self.connect.delete_user, {}),
            (self.connect.update_user_routing_profile, {"RoutingProfileId": self.routing_profile_id}),
            (self.connect.update_user_security_profiles, {"SecurityProfileIds": [self.security_profile_ids["Agent"]]}),
            (self.connect.update_user_identity_info, {"IdentityInfo": {"FirstName": "A", "LastName": "B"}}),
            (self.connect.update_user_phone_config, {"PhoneConfig": {"PhoneType": "SOFT_PHONE"}}),
            (self.connect.put_user_status, {"AgentStatusId": self.agent_status_ids["Available"]}),
        ]
        for call, extra in calls:
            with self.subTest(call.__name__):
                self.assertError("ResourceNotFoundException", call, InstanceId=iid, UserId=MISSING_ID, **extra,
                                 status=404, message="User not found")
                self.assertError("ResourceNotFoundException", call, InstanceId=MISSING_INSTANCE, UserId=MISSING_ID, **extra,
                                 message="Instance not found")

    def test_another_account_or_region_cannot_see_the_user(self):
        out = self.connect.create_user(**self.user_args())
        for other in (client(account="111122223333"), client(region="us-west-2")):
            self.assertError("ResourceNotFoundException", other.describe_user, InstanceId=self.instance_id, UserId=out["UserId"])
            self.assertError("ResourceNotFoundException", other.delete_user, InstanceId=self.instance_id, UserId=out["UserId"])
        # a user ARN of another region does not resolve either
        self.assertError("ResourceNotFoundException", self.connect.describe_user, InstanceId=self.instance_id,
                         UserId=out["UserArn"].replace("us-east-1", "us-west-2"))
        self.assertEqual(out["UserId"], self.describe(out["UserId"])["Id"])

    def test_a_user_of_another_instance_is_not_found(self):
        other = create_instance(self.connect)
        user_id = self.connect.create_user(**self.user_args(
            instance_id=other, RoutingProfileId=basic_routing_profile(self.connect, other),
            SecurityProfileIds=[security_profiles(self.connect, other)["Agent"]]))["UserId"]
        self.assertError("ResourceNotFoundException", self.describe, user_id)


class PutUserStatusTests(UserTestCase):
    def user_data(self, user_id):
        """GetCurrentUserData for one agent: it lists agents that are online (or still have contacts), so []
        for an agent who is offline."""
        return self.connect.get_current_user_data(InstanceId=self.instance_id, Filters={"Agents": [user_id]})["UserDataList"]

    def assertStatus(self, user_id, name):
        data = self.user_data(user_id)
        self.assertEqual([user_id], [d["User"]["Id"] for d in data])
        status = data[0]["Status"]
        self.assertEqual((agent_statuses(self.connect, self.instance_id)[name]["Arn"], name),
                         (status["StatusArn"], status["StatusName"]))
        return status

    def test_put_user_status_takes_effect_for_each_default_status(self):
        user_id = self.create_user()
        self.assertEqual([], self.user_data(user_id), "a new user has no status and is offline")

        out = self.connect.put_user_status(InstanceId=self.instance_id, UserId=user_id, AgentStatusId=self.agent_status_ids["Available"])
        self.assertEqual(200, out["ResponseMetadata"]["HTTPStatusCode"])
        self.assertEqual({"ResponseMetadata"}, set(out))
        status = self.assertStatus(user_id, "Available")
        now = datetime.datetime.now(datetime.timezone.utc)
        self.assertLess(abs(now - status["StatusStartTimestamp"]), datetime.timedelta(minutes=1))
        self.assertEqual(self.routing_profile_id, self.user_data(user_id)[0]["RoutingProfile"]["Id"])

        out = self.connect.put_user_status(InstanceId=self.instance_id, UserId=user_id, AgentStatusId=self.agent_status_ids["Offline"])
        self.assertEqual({"ResponseMetadata"}, set(out))
        self.assertEqual([], self.user_data(user_id), "an offline agent without contacts is not listed")
        # AWS's User shape has no status, and putting one does not modify the user's configuration
        user = self.describe(user_id)
        self.assertLessEqual(set(user), USER_KEYS)

    def test_status_may_be_named_by_arn(self):
        user_id = self.create_user()
        arn = agent_statuses(self.connect, self.instance_id)["Available"]["Arn"]
        self.connect.put_user_status(InstanceId=self.instance_id, UserId=user_id, AgentStatusId=arn)
        self.assertStatus(user_id, "Available")

    def test_unknown_agent_status_is_not_found(self):
        user_id = self.create_user()
        self.assertError("ResourceNotFoundException", self.connect.put_user_status, InstanceId=self.instance_id,
                         UserId=user_id, AgentStatusId=MISSING_ID, status=404, message="Agent status not found")

    def test_a_status_of_another_instance_is_not_found(self):
        user_id = self.create_user()
        other = create_instance(self.connect)
        foreign = agent_statuses(self.connect, other)["Available"]["Id"]
        self.assertError("ResourceNotFoundException", self.connect.put_user_status, InstanceId=self.instance_id,
                         UserId=user_id, AgentStatusId=foreign)


class SecurityProfileTests(ConnectTestCase):
    def test_lists_the_four_default_profiles(self):
        page = self.connect.list_security_profiles(InstanceId=self.instance_id)
        self.assertNotIn("NextToken", page)
        summaries = page["SecurityProfileSummaryList"]
        self.assertEqual({"Admin", "Agent", "CallCenterManager", "QualityAnalyst"}, {p["Name"] for p in summaries})
        for p in summaries:
            self.assertEqual({"Id", "Arn", "Name", "LastModifiedTime", "LastModifiedRegion"}, set(p))
            self.assertEqual(f"arn:aws:connect:us-east-1:000000000000:instance/{self.instance_id}/security-profile/{p['Id']}", p["Arn"])

    def test_pages_with_max_results_and_next_token(self):
        first = self.connect.list_security_profiles(InstanceId=self.instance_id, MaxResults=3)
        self.assertEqual(3, len(first["SecurityProfileSummaryList"]))
        second = self.connect.list_security_profiles(InstanceId=self.instance_id, MaxResults=3, NextToken=first["NextToken"])
        self.assertEqual(1, len(second["SecurityProfileSummaryList"]))
        self.assertNotIn("NextToken", second)
        ids = [p["Id"] for p in first["SecurityProfileSummaryList"] + second["SecurityProfileSummaryList"]]
        self.assertEqual(4, len(set(ids)))

    def test_a_forged_token_is_refused(self):
        self.assertError("InvalidRequestException", self.connect.list_security_profiles, InstanceId=self.instance_id,
                         NextToken="bm90LWEtdG9rZW4.AAAA")

    def test_unknown_instance_is_not_found(self):
        self.assertError("ResourceNotFoundException", self.connect.list_security_profiles, InstanceId=MISSING_INSTANCE,
                         status=404, message="Instance not found")


class AgentStatusTests(ConnectTestCase):
    def list(self, **kwargs):
        return self.connect.list_agent_statuses(InstanceId=self.instance_id, **kwargs)

    def test_lists_available_and_offline(self):
        summaries = self.list()["AgentStatusSummaryList"]
        self.assertEqual({("Available", "ROUTABLE"), ("Offline", "OFFLINE")}, {(s["Name"], s["Type"]) for s in summaries})
        for s in summaries:
            self.assertEqual({"Id", "Arn", "Name", "Type", "LastModifiedTime", "LastModifiedRegion"}, set(s))
            self.assertEqual(f"arn:aws:connect:us-east-1:000000000000:instance/{self.instance_id}/agent-state/{s['Id']}", s["Arn"])

    def test_filters_by_type(self):
        self.assertEqual(["Available"], [s["Name"] for s in self.list(AgentStatusTypes=["ROUTABLE"])["AgentStatusSummaryList"]])
        self.assertEqual(["Offline"], [s["Name"] for s in self.list(AgentStatusTypes=["OFFLINE"])["AgentStatusSummaryList"]])
        self.assertEqual([], self.list(AgentStatusTypes=["CUSTOM"])["AgentStatusSummaryList"])
        both = self.list(AgentStatusTypes=["OFFLINE", "ROUTABLE"])["AgentStatusSummaryList"]
        self.assertEqual({"Available", "Offline"}, {s["Name"] for s in both})
        self.assertError("InvalidParameterException", self.list, AgentStatusTypes=["AWAY"], status=400)

    def test_pages_with_max_results_and_next_token(self):
        first = self.list(MaxResults=1)
        self.assertEqual(1, len(first["AgentStatusSummaryList"]))
        second = self.list(MaxResults=1, NextToken=first["NextToken"])
        self.assertEqual(1, len(second["AgentStatusSummaryList"]))
        self.assertNotIn("NextToken", second)
        self.assertNotEqual(first["AgentStatusSummaryList"][0]["Id"], second["AgentStatusSummaryList"][0]["Id"])
        self.assertError("InvalidRequestException", self.list, NextToken="forged")

    def test_describe_returns_the_whole_status(self):
        summary = next(s for s in self.list()["AgentStatusSummaryList"] if s["Name"] == "Available")
        status = self.connect.describe_agent_status(InstanceId=self.instance_id, AgentStatusId=summary["Id"])["AgentStatus"]
        self.assertEqual(summary["Arn"], status["AgentStatusARN"])
        self.assertEqual(summary["Id"], status["AgentStatusId"])
        self.assertEqual("Available", status["Name"])
        self.assertEqual("ROUTABLE", status["Type"])
        self.assertEqual("ENABLED", status["State"])
        self.assertEqual(1, status["DisplayOrder"])
        self.assertEqual("us-east-1", status["LastModifiedRegion"])
        self.assertIsInstance(status["LastModifiedTime"], datetime.datetime)
        by_arn = self.connect.describe_agent_status(InstanceId=self.instance_id, AgentStatusId=summary["Arn"])["AgentStatus"]
        self.assertEqual(summary["Id"], by_arn["AgentStatusId"])

    def test_describe_unknown_status_is_not_found(self):
        self.assertError("ResourceNotFoundException", self.connect.describe_agent_status, InstanceId=self.instance_id,
                         AgentStatusId=MISSING_ID, status=404, message="Agent status not found")
        self.assertError("ResourceNotFoundException", self.connect.describe_agent_status, InstanceId=MISSING_INSTANCE,
                         AgentStatusId=MISSING_ID, message="Instance not found")
        self.assertError("ResourceNotFoundException", self.connect.list_agent_statuses, InstanceId=MISSING_INSTANCE)

    def test_another_account_cannot_see_the_statuses(self):
        other = client(account="111122223333")
        self.assertError("ResourceNotFoundException", other.list_agent_statuses, InstanceId=self.instance_id)


class UserCliTests(UserTestCase):
    def test_cli_create_user_then_describe_user(self):
        username = unique("cli")
        created = json.loads(cli(
            "create-user", "--instance-id", self.instance_id, "--username", username, "--password", PASSWORD,
            "--identity-info", "FirstName=Cli,LastName=User",
            "--phone-config", "PhoneType=DESK_PHONE,AutoAccept=true,AfterContactWorkTimeLimit=60,DeskPhoneNumber=+15555551212",
            "--security-profile-ids", self.security_profile_ids["Agent"],
            "--routing-profile-id", self.routing_profile_id).stdout)
        self.assertTrue(created["UserArn"].endswith("/agent/" + created["UserId"]))
        user = json.loads(cli("describe-user", "--instance-id", self.instance_id, "--user-id", created["UserId"]).stdout)["User"]
        self.assertEqual(username, user["Username"])
        self.assertEqual({"PhoneType": "DESK_PHONE", "AutoAccept": True, "AfterContactWorkTimeLimit": 60,
                          "DeskPhoneNumber": "+15555551212"}, user["PhoneConfig"])
        failed = cli("describe-user", "--instance-id", self.instance_id, "--user-id", MISSING_ID, check=False)
        self.assertNotEqual(0, failed.returncode)
        self.assertIn("ResourceNotFoundException", failed.stderr)


if __name__ == "__main__":
    unittest.main()
