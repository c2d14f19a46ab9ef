"""Authentication profiles through boto3 and the aws CLI (issue 15, config-rest; docs/choices.md, "Authentication
profiles"): every instance has its default profile, which DescribeAuthenticationProfile and ListAuthenticationProfiles
show and UpdateAuthenticationProfile changes member by member."""
import json

import boto3
from botocore.config import Config

from support import ENDPOINT, ConnectTestCase, cli

MISSING = "00000000-0000-4000-8000-000000000000"


class AuthenticationProfileTests(ConnectTestCase):
    def default(self):
        profiles = self.connect.list_authentication_profiles(InstanceId=self.instance_id)["AuthenticationProfileSummaryList"]
        self.assertEqual(1, len(profiles))
        return profiles[0]

    def describe(self, profile_id):
        return self.connect.describe_authentication_profile(InstanceId=self.instance_id, AuthenticationProfileId=profile_id)["AuthenticationProfile"]

    def test_every_instance_has_its_default_profile(self):
        summary = self.default()
        self.assertTrue(summary["IsDefault"])
        self.assertIn(f":instance/{self.instance_id}/authentication-profile/{summary['Id']}", summary["Arn"])
        profile = self.describe(summary["Id"])
        self.assertEqual((summary["Id"], summary["Arn"], summary["Name"], True), (profile["Id"], profile["Arn"], profile["Name"], profile["IsDefault"]))
        self.assertEqual((720, False), (profile["MaxSessionDuration"], profile["SessionInactivityHandlingEnabled"]))
        self.assertIn("CreatedTime", profile)
        self.assertEqual("us-east-1", profile["LastModifiedRegion"])

    def test_update_changes_the_members_it_carries(self):
        profile_id = self.default()["Id"]
        self.connect.update_authentication_profile(InstanceId=self.instance_id, AuthenticationProfileId=profile_id, Description="office only",
                                                   AllowedIps=["2001:db8::/32"], SessionInactivityDuration=30, SessionInactivityHandlingEnabled=True)
        profile = self.describe(profile_id)
        self.assertEqual(("office only", ["2001:db8::/32"], 30, True, 720),
                         (profile["Description"], profile["AllowedIps"], profile["SessionInactivityDuration"],
                          profile["SessionInactivityHandlingEnabled"], profile["MaxSessionDuration"]))
        self.connect.update_authentication_profile(InstanceId=self.instance_id, AuthenticationProfileId=profile_id, Name="agents")
        self.assertEqual(("agents", "office only"), (self.describe(profile_id)["Name"], self.describe(profile_id)["Description"]))

    def test_model_ranges_and_unknown_profiles(self):
        profile_id = self.default()["Id"]
        raw = boto3.client("connect", endpoint_url=ENDPOINT, region_name="us-east-1", aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret",
                           config=Config(retries={"total_max_attempts": 1, "mode": "standard"}, parameter_validation=False))
        self.assertError("InvalidParameterException", raw.update_authentication_profile,
                         InstanceId=self.instance_id, AuthenticationProfileId=profile_id, SessionInactivityDuration=5)
        self.assertError("InvalidParameterException", raw.update_authentication_profile,
                         InstanceId=self.instance_id, AuthenticationProfileId=profile_id, AllowedIps=["10.0.0.0/8"])
        self.assertError("ResourceNotFoundException", self.describe, MISSING)
        self.assertError("ResourceNotFoundException", self.connect.update_authentication_profile,
                         InstanceId=self.instance_id, AuthenticationProfileId=MISSING, Description="x")
        self.assertError("ResourceNotFoundException", self.connect.list_authentication_profiles, InstanceId=MISSING)

    def test_the_aws_cli(self):
        listed = json.loads(cli("list-authentication-profiles", "--instance-id", self.instance_id).stdout)["AuthenticationProfileSummaryList"]
        described = json.loads(cli("describe-authentication-profile", "--instance-id", self.instance_id,
                                   "--authentication-profile-id", listed[0]["Id"]).stdout)["AuthenticationProfile"]
        self.assertTrue(described["IsDefault"])
