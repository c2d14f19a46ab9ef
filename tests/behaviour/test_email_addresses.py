"""Email addresses, their aliases and the email addresses of queues, through boto3 and the aws CLI (issue 15)."""
import json

from support import ConnectTestCase, cli, unique


def address(prefix="mail"):
    return f"{unique(prefix)}@example.com"


class EmailAddressTests(ConnectTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hours_id = cls.connect.list_hours_of_operations(InstanceId=cls.instance_id)["HoursOfOperationSummaryList"][0]["Id"]

    def create(self, email=None, **kwargs):
        return self.connect.create_email_address(InstanceId=self.instance_id, EmailAddress=email or address(), **kwargs)

    def describe(self, email_id):
        return self.connect.describe_email_address(InstanceId=self.instance_id, EmailAddressId=email_id)

    def new_queue(self, **kwargs):
        return self.connect.create_queue(InstanceId=self.instance_id, Name=unique("q"), HoursOfOperationId=self.hours_id, **kwargs)["QueueId"]

    def queue_addresses(self, queue_id, **kwargs):
        return self.connect.list_queue_email_addresses(InstanceId=self.instance_id, QueueId=queue_id, **kwargs)

    def test_create_then_describe_returns_every_member(self):
        email = address("support")
        out = self.create(email, DisplayName="Support", Description="Front line", Tags={"team": "care"})
        email_id = out["EmailAddressId"]
        self.assertEqual(f"arn:aws:connect:us-east-1:000000000000:instance/{self.instance_id}/email-address/{email_id}",
                         out["EmailAddressArn"])
        described = self.describe(out["EmailAddressArn"])
        self.assertEqual(email_id, described["EmailAddressId"])
        self.assertEqual(out["EmailAddressArn"], described["EmailAddressArn"])
        self.assertEqual((email, "Support", "Front line"), (described["EmailAddress"], described["DisplayName"], described["Description"]))
        self.assertEqual({"team": "care"}, described["Tags"])
        self.assertRegex(described["CreateTimestamp"], r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")
        self.assertNotIn("AliasConfigurations", described)

    def test_addresses_are_unique_ignoring_case_and_must_look_like_addresses(self):
        email = address("dup")
        self.create(email)
        self.assertError("DuplicateResourceException", self.create, email.upper(), status=409)
        self.assertError("InvalidParameterException", self.create, "no-at-sign", status=400)

    def test_a_missing_address_is_not_found_and_delete_makes_it_missing(self):
        self.assertError("ResourceNotFoundException", self.describe, "00000000-0000-4000-8000-000000000000", status=404)
        email_id = self.create()["EmailAddressId"]
        self.connect.delete_email_address(InstanceId=self.instance_id, EmailAddressId=email_id)
        self.assertError("ResourceNotFoundException", self.describe, email_id)
        self.assertError("ResourceNotFoundException", self.connect.delete_email_address, InstanceId=self.instance_id, EmailAddressId=email_id)

    def test_update_metadata_keeps_what_it_does_not_name(self):
        out = self.create(DisplayName="Old", Description="kept")
        updated = self.connect.update_email_address_metadata(InstanceId=self.instance_id, EmailAddressId=out["EmailAddressId"], DisplayName="New")
        self.assertEqual((out["EmailAddressId"], out["EmailAddressArn"]), (updated["EmailAddressId"], updated["EmailAddressArn"]))
        described = self.describe(out["EmailAddressId"])
        self.assertEqual(("New", "kept"), (described["DisplayName"], described["Description"]))

    def test_search_filters_by_fields_and_tags(self):
        tag = unique("t")
        wanted = self.create(address("findme"), Tags={"search": tag})["EmailAddressId"]
        self.create(address("other"))
        found = self.connect.search_email_addresses(
            InstanceId=self.instance_id, SearchFilter={"TagFilter": {"OrConditions": [[{"TagKey": "search", "TagValue": tag}]]}})
        self.assertEqual([wanted], [e["EmailAddressId"] for e in found["EmailAddresses"]])
        self.assertEqual(1, found["ApproximateTotalCount"])
        by_name = self.connect.search_email_addresses(
            InstanceId=self.instance_id,
            SearchCriteria={"StringCondition": {"FieldName": "emailAddress", "Value": "findme", "ComparisonType": "CONTAINS"}})
        self.assertIn(wanted, [e["EmailAddressId"] for e in by_name["EmailAddresses"]])
        self.assertTrue(all("findme" in e["EmailAddress"] for e in by_name["EmailAddresses"]))

    def test_search_pages_to_the_end_without_repeating(self):
        for _ in range(3):
            self.create()
        seen, token = [], None
        while True:
            page = self.connect.search_email_addresses(InstanceId=self.instance_id, MaxResults=1, **({"NextToken": token} if token else {}))
            seen += [e["EmailAddressId"] for e in page["EmailAddresses"]]
            token = page.get("NextToken")
            if not token:
                break
        self.assertEqual(len(seen), len(set(seen)))
        self.assertGreaterEqual(len(seen), 3)

    def test_an_alias_is_one_per_address_and_goes_with_a_deleted_address(self):
        primary, alias, other = (self.create()["EmailAddressId"] for _ in range(3))
        self.connect.associate_email_address_alias(InstanceId=self.instance_id, EmailAddressId=primary,
                                                   AliasConfiguration={"EmailAddressId": alias})
        self.assertEqual([{"EmailAddressId": alias}], self.describe(primary)["AliasConfigurations"])
        self.assertError("ResourceConflictException", self.connect.associate_email_address_alias, InstanceId=self.instance_id,
                         EmailAddressId=primary, AliasConfiguration={"EmailAddressId": other})
        self.assertError("InvalidRequestException", self.connect.associate_email_address_alias, InstanceId=self.instance_id,
                         EmailAddressId=alias, AliasConfiguration={"EmailAddressId": other})
        self.connect.disassociate_email_address_alias(InstanceId=self.instance_id, EmailAddressId=primary,
                                                      AliasConfiguration={"EmailAddressId": alias})
        self.assertNotIn("AliasConfigurations", self.describe(primary))
        self.connect.associate_email_address_alias(InstanceId=self.instance_id, EmailAddressId=primary,
                                                   AliasConfiguration={"EmailAddressId": other})
        self.connect.delete_email_address(InstanceId=self.instance_id, EmailAddressId=other)
        self.assertNotIn("AliasConfigurations", self.describe(primary))

    def test_a_queue_lists_its_outbound_and_associated_addresses(self):
        outbound = self.create()
        extra = self.create()
        queue_id = self.new_queue(OutboundEmailConfig={"OutboundEmailAddressId": outbound["EmailAddressArn"]})
        self.assertEqual(outbound["EmailAddressId"], self.connect.describe_queue(InstanceId=self.instance_id, QueueId=queue_id)["Queue"]["OutboundEmailConfig"]["OutboundEmailAddressId"])
        self.connect.associate_queue_email_addresses(InstanceId=self.instance_id, QueueId=queue_id,
                                                     EmailAddressesConfig=[{"EmailAddressId": extra["EmailAddressId"]}])
        listed = self.queue_addresses(queue_id)
        self.assertEqual({(outbound["EmailAddressId"], outbound["EmailAddressArn"], True), (extra["EmailAddressId"], extra["EmailAddressArn"], False)},
                         {(e["Id"], e["Arn"], e["IsDefaultOutboundEmail"]) for e in listed["EmailAddressMetadataList"]})
        self.assertEqual("us-east-1", listed["LastModifiedRegion"])
        self.assertIn("LastModifiedTime", listed)
        first = self.queue_addresses(queue_id, MaxResults=1)
        second = self.queue_addresses(queue_id, MaxResults=1, NextToken=first["NextToken"])
        self.assertNotIn("NextToken", second)
        self.assertNotEqual(first["EmailAddressMetadataList"], second["EmailAddressMetadataList"])
        self.connect.disassociate_queue_email_addresses(InstanceId=self.instance_id, QueueId=queue_id, EmailAddressesId=[extra["EmailAddressArn"]])
        self.assertEqual([outbound["EmailAddressId"]], [e["Id"] for e in self.queue_addresses(queue_id)["EmailAddressMetadataList"]])

    def test_an_address_in_use_by_a_queue_cannot_be_deleted(self):
        email_id = self.create()["EmailAddressId"]
        queue_id = self.new_queue()
        self.connect.update_queue_outbound_email_config(InstanceId=self.instance_id, QueueId=queue_id,
                                                        OutboundEmailConfig={"OutboundEmailAddressId": email_id})
        self.assertError("ResourceConflictException", self.connect.delete_email_address, InstanceId=self.instance_id,
                         EmailAddressId=email_id, status=409)
        self.connect.update_queue_outbound_email_config(InstanceId=self.instance_id, QueueId=queue_id, OutboundEmailConfig={})
        self.connect.delete_email_address(InstanceId=self.instance_id, EmailAddressId=email_id)

    def test_queue_operations_name_existing_addresses(self):
        queue_id = self.new_queue()
        missing = "00000000-0000-4000-8000-000000000000"
        self.assertError("ResourceNotFoundException", self.connect.associate_queue_email_addresses, InstanceId=self.instance_id,
                         QueueId=queue_id, EmailAddressesConfig=[{"EmailAddressId": missing}])
        self.assertError("ResourceNotFoundException", self.connect.update_queue_outbound_email_config, InstanceId=self.instance_id,
                         QueueId=queue_id, OutboundEmailConfig={"OutboundEmailAddressId": missing})
        self.assertError("ResourceNotFoundException", self.new_queue, EmailAddressesConfig=[{"EmailAddressId": missing}])
        self.assertEqual([], self.queue_addresses(queue_id)["EmailAddressMetadataList"])

    def test_the_cli_drives_the_whole_lifecycle(self):
        email = address("cli")
        created = json.loads(cli("create-email-address", "--instance-id", self.instance_id, "--email-address", email,
                                 "--display-name", "From CLI").stdout)
        email_id = created["EmailAddressId"]
        described = json.loads(cli("describe-email-address", "--instance-id", self.instance_id, "--email-address-id", email_id).stdout)
        self.assertEqual((email, "From CLI"), (described["EmailAddress"], described["DisplayName"]))
        cli("update-email-address-metadata", "--instance-id", self.instance_id, "--email-address-id", email_id, "--description", "d")
        queue_id = self.new_queue()
        cli("associate-queue-email-addresses", "--instance-id", self.instance_id, "--queue-id", queue_id,
            "--email-addresses-config", f"EmailAddressId={email_id}")
        listed = json.loads(cli("list-queue-email-addresses", "--instance-id", self.instance_id, "--queue-id", queue_id).stdout)
        self.assertEqual([email_id], [e["Id"] for e in listed["EmailAddressMetadataList"]])
        cli("disassociate-queue-email-addresses", "--instance-id", self.instance_id, "--queue-id", queue_id, "--email-addresses-id", email_id)
        cli("delete-email-address", "--instance-id", self.instance_id, "--email-address-id", email_id)
        gone = cli("describe-email-address", "--instance-id", self.instance_id, "--email-address-id", email_id, check=False)
        self.assertNotEqual(0, gone.returncode)
        self.assertIn("ResourceNotFoundException", gone.stderr)
