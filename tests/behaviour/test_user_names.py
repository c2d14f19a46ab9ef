"""User names in the forms the API reference gives them (issue 18): FirstName and LastName in Unicode NFC."""
import unittest

from support import ConnectTestCase, unique

PASSWORD = "Password123!"


class UserNameTests(ConnectTestCase):
    def setUp(self):
        self.routing_profile = next(p["Id"] for p in self.connect.list_routing_profiles(InstanceId=self.instance_id)["RoutingProfileSummaryList"])
        self.security_profile = next(p["Id"] for p in self.connect.list_security_profiles(InstanceId=self.instance_id)["SecurityProfileSummaryList"])

    def create(self, first, last, username=None):
        return self.connect.create_user(
            InstanceId=self.instance_id, Username=username or unique("u")[:20], Password=PASSWORD,
            IdentityInfo={"FirstName": first, "LastName": last},
            PhoneConfig={"PhoneType": "SOFT_PHONE"}, SecurityProfileIds=[self.security_profile],
            RoutingProfileId=self.routing_profile)

    def test_names_not_in_nfc_are_refused_and_composed_ones_accepted(self):
        decomposed = "Zoe\u0308"  # e + combining diaeresis: NFC is U+00EB
        self.assertError("InvalidParameterException", self.create, decomposed, "Agent", status=400)
        self.assertError("InvalidParameterException", self.create, "Ada", "A\u030angstr\u00f6m")
        user = self.create("Zo\u00eb", "\u00c5ngstr\u00f6m")["UserId"]
        described = self.connect.describe_user(InstanceId=self.instance_id, UserId=user)["User"]["IdentityInfo"]
        self.assertEqual(("Zo\u00eb", "\u00c5ngstr\u00f6m"), (described["FirstName"], described["LastName"]))

        self.assertError("InvalidParameterException", self.connect.update_user_identity_info, InstanceId=self.instance_id,
                         UserId=user, IdentityInfo={"FirstName": decomposed, "LastName": "Agent"})
        self.assertError("InvalidParameterException", self.connect.update_user_identity_info, InstanceId=self.instance_id,
                         UserId=user, IdentityInfo={"FirstName": "Ada", "LastName": "\u212bngstr\u00f6m"})  # ANGSTROM SIGN
        self.assertEqual("Zo\u00eb", self.connect.describe_user(InstanceId=self.instance_id, UserId=user)["User"]["IdentityInfo"]["FirstName"])


if __name__ == "__main__":
    unittest.main()
