"""Notifications to agents through boto3 and the aws CLI (docs/notifications.md)."""
import datetime
import json
import time

from support import ConnectTestCase, cli, unique


class NotificationTests(ConnectTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.instance_arn = cls.connect.describe_instance(InstanceId=cls.instance_id)["Instance"]["Arn"]
        profiles = cls.connect.list_routing_profiles(InstanceId=cls.instance_id)["RoutingProfileSummaryList"]
        security = cls.connect.list_security_profiles(InstanceId=cls.instance_id)["SecurityProfileSummaryList"]

        def user():
            out = cls.connect.create_user(
                Username=unique("agent"), Password="Passw0rd!Passw0rd", InstanceId=cls.instance_id,
                IdentityInfo={"FirstName": "Ada", "LastName": "L"}, PhoneConfig={"PhoneType": "SOFT_PHONE"},
                SecurityProfileIds=[security[0]["Id"]], RoutingProfileId=profiles[0]["Id"])
            return out["UserId"], out["UserArn"]
        (cls.ada, cls.ada_arn), (cls.bob, cls.bob_arn) = user(), user()

    def create(self, recipients=None, content=None, **kwargs):
        return self.connect.create_notification(InstanceId=self.instance_id, Recipients=recipients or [self.ada_arn],
                                                Content=content or {"en_US": "Team meeting at 3"}, **kwargs)

    def describe(self, notification_id):
        return self.connect.describe_notification(InstanceId=self.instance_id, NotificationId=notification_id)["Notification"]

    def user_notifications(self, user_id, **kwargs):
        return self.connect.list_user_notifications(InstanceId=self.instance_id, UserId=user_id, **kwargs)["UserNotifications"]

    def test_create_then_describe_returns_every_member(self):
        before = time.time()
        expires = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=2)
        out = self.create([self.ada_arn, self.bob_arn], {"en_US": "Hello", "fr_FR": "Bonjour"}, Priority="HIGH",
                          ExpiresAt=expires, Tags={"team": "ops"})
        nid = out["NotificationId"]
        self.assertEqual(f"arn:aws:connect:us-east-1:000000000000:instance/{self.instance_id}/notification/{nid}", out["NotificationArn"])
        n = self.describe(nid)
        self.assertEqual((nid, out["NotificationArn"]), (n["Id"], n["Arn"]))
        self.assertEqual({"en_US": "Hello", "fr_FR": "Bonjour"}, n["Content"])
        self.assertEqual("HIGH", n["Priority"])
        self.assertEqual([self.ada_arn, self.bob_arn], n["Recipients"])
        self.assertEqual({"team": "ops"}, n["Tags"])
        self.assertEqual("us-east-1", n["LastModifiedRegion"])
        self.assertAlmostEqual(expires.timestamp(), n["ExpiresAt"].timestamp(), delta=1)
        self.assertGreaterEqual(n["CreatedAt"].timestamp(), before - 1)

    def test_without_expiry_a_notification_lasts_a_week_and_is_low_priority(self):
        n = self.describe(self.create()["NotificationId"])
        self.assertAlmostEqual(7 * 86400, (n["ExpiresAt"] - n["CreatedAt"]).total_seconds(), delta=1)
        self.assertEqual("LOW", n["Priority"])

    def test_an_expiry_in_the_past_is_refused(self):
        past = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=1)
        self.assertError("InvalidParameterException", self.create, ExpiresAt=past, status=400,
                         message="Invalid parameter: ExpiresAt must be in the future.")

    def test_content_limits(self):
        self.assertError("InvalidParameterException", self.create, content={"en_US": "x" * 251},
                         message="Invalid parameter: the content for en_US is longer than 250 characters.")
        self.assertError("InvalidParameterException", self.create, content={"en_US": "x" * 501})  # the model's 500
        self.assertError("InvalidParameterException", self.connect.create_notification, InstanceId=self.instance_id,
                         Recipients=[self.ada_arn], Content={},
                         message="Invalid parameter: Content needs the text of at least one locale.")
        self.assertError("InvalidParameterException", self.create, content={"xx_XX": "hi"})  # not a LocaleCode
        nid = self.create()["NotificationId"]
        self.connect.update_notification_content(InstanceId=self.instance_id, NotificationId=nid, Content={"en_US": "y" * 500})
        self.assertEqual({"en_US": "y" * 500}, self.describe(nid)["Content"])
        self.assertError("InvalidParameterException", self.connect.update_notification_content,
                         InstanceId=self.instance_id, NotificationId=nid, Content={"en_US": "y" * 501})

    def test_recipients_are_users_of_the_instance_or_the_instance(self):
        self.assertError("ResourceNotFoundException", self.create,
                         [f"arn:aws:connect:us-east-1:000000000000:instance/{self.instance_id}/agent/no-such-user"], message="User not found")
        queue_arn = f"arn:aws:connect:us-east-1:000000000000:instance/{self.instance_id}/queue/q"
        self.assertError("InvalidParameterException", self.create, [queue_arn],
                         message=f"Invalid parameter: recipient '{queue_arn}' is neither a user ARN nor the instance ARN.")
        other_instance = f"arn:aws:connect:us-east-1:000000000000:instance/00000000-0000-0000-0000-000000000000"
        self.assertError("ResourceNotFoundException", self.create, [other_instance], message="Instance not found")
        self.assertError("InvalidParameterException", self.create, [self.ada_arn] * 201)

    def test_the_instance_arn_reaches_every_user_and_each_keeps_a_status(self):
        everyone = self.create([self.instance_arn], {"en_US": "Fire drill"})["NotificationId"]
        for user in (self.ada, self.bob):
            mine = next(u for u in self.user_notifications(user) if u["NotificationId"] == everyone)
            self.assertEqual(("UNREAD", user, self.instance_id, "CUSTOMER"), (mine["NotificationStatus"], mine["RecipientId"], mine["InstanceId"], mine["Source"]))
        self.connect.update_user_notification_status(InstanceId=self.instance_id, UserId=self.ada, NotificationId=everyone, Status="READ")
        statuses = {u: next(n for n in self.user_notifications(u) if n["NotificationId"] == everyone)["NotificationStatus"] for u in (self.ada, self.bob)}
        self.assertEqual({self.ada: "READ", self.bob: "UNREAD"}, statuses)
        self.connect.update_user_notification_status(InstanceId=self.instance_id, UserId=self.ada_arn, NotificationId=everyone, Status="HIDDEN")
        self.assertEqual("HIDDEN", next(n for n in self.user_notifications(self.ada) if n["NotificationId"] == everyone)["NotificationStatus"])

    def test_a_user_updates_only_notifications_sent_to_them(self):
        only_ada = self.create([self.ada_arn])["NotificationId"]
        self.assertNotIn(only_ada, [n["NotificationId"] for n in self.user_notifications(self.bob)])
        self.assertError("InvalidRequestException", self.connect.update_user_notification_status, InstanceId=self.instance_id,
                         UserId=self.bob, NotificationId=only_ada, Status="READ", message=f"The notification was not sent to user '{self.bob}'.")
        self.assertError("ResourceNotFoundException", self.connect.update_user_notification_status, InstanceId=self.instance_id,
                         UserId="no-such-user", NotificationId=only_ada, Status="READ", message="User not found")
        self.assertError("ResourceNotFoundException", self.connect.update_user_notification_status, InstanceId=self.instance_id,
                         UserId=self.ada, NotificationId="no-such-notification", Status="READ", message="Notification not found")
        self.assertError("ResourceNotFoundException", self.user_notifications, "no-such-user")

    def test_expired_notifications_leave_the_users_list(self):
        soon = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=2)
        nid = self.create(ExpiresAt=soon)["NotificationId"]
        self.assertIn(nid, [n["NotificationId"] for n in self.user_notifications(self.ada)])
        time.sleep(2.5)
        self.assertNotIn(nid, [n["NotificationId"] for n in self.user_notifications(self.ada)])
        self.assertEqual(nid, self.describe(nid)["Id"])  # still there for administrators

    def test_lists_are_newest_first_and_page(self):
        made = [self.create([self.bob_arn], {"en_US": f"n{i}"})["NotificationId"] for i in range(3)]
        listed, token = [], None
        while True:
            page = self.connect.list_notifications(InstanceId=self.instance_id, MaxResults=2, **({"NextToken": token} if token else {}))
            self.assertLessEqual(len(page["NotificationSummaryList"]), 2)
            listed += [n["Id"] for n in page["NotificationSummaryList"]]
            token = page.get("NextToken")
            if not token:
                break
        self.assertEqual(list(reversed(made)), [i for i in listed if i in made])
        for_bob, token = [], None
        while True:
            page = self.connect.list_user_notifications(InstanceId=self.instance_id, UserId=self.bob, MaxResults=1, **({"NextToken": token} if token else {}))
            for_bob += [n["NotificationId"] for n in page["UserNotifications"]]
            token = page.get("NextToken")
            if not token:
                break
        self.assertEqual(list(reversed(made)), [i for i in for_bob if i in made])
        self.assertError("InvalidParameterException", self.connect.list_notifications, InstanceId=self.instance_id, MaxResults=101)

    def test_search_by_content_id_and_tags(self):
        word = unique("word")
        a = self.create(content={"en_US": f"about {word}"}, Tags={"kind": "drill"})["NotificationId"]
        b = self.create(content={"de_DE": f"über {word}"})["NotificationId"]
        found = self.connect.search_notifications(InstanceId=self.instance_id, SearchCriteria={
            "StringCondition": {"FieldName": "content", "Value": word, "ComparisonType": "CONTAINS"}})
        self.assertEqual([b, a], [n["Id"] for n in found["Notifications"]])  # newest first
        self.assertEqual(2, found["ApproximateTotalCount"])
        self.assertEqual(self.instance_id, found["Notifications"][0]["InstanceId"])
        by_id = self.connect.search_notifications(InstanceId=self.instance_id, SearchCriteria={
            "StringCondition": {"FieldName": "resourceID", "Value": a, "ComparisonType": "EXACT"}})
        self.assertEqual([a], [n["Id"] for n in by_id["Notifications"]])
        tagged = self.connect.search_notifications(InstanceId=self.instance_id, SearchFilter={
            "AttributeFilter": {"TagCondition": {"TagKey": "kind", "TagValue": "drill"}}})
        self.assertEqual([a], [n["Id"] for n in tagged["Notifications"]])
        paged = self.connect.search_notifications(InstanceId=self.instance_id, MaxResults=1, SearchCriteria={
            "StringCondition": {"FieldName": "content", "Value": word, "ComparisonType": "CONTAINS"}})
        self.assertEqual([b], [n["Id"] for n in paged["Notifications"]])
        rest = self.connect.search_notifications(InstanceId=self.instance_id, MaxResults=1, NextToken=paged["NextToken"], SearchCriteria={
            "StringCondition": {"FieldName": "content", "Value": word, "ComparisonType": "CONTAINS"}})
        self.assertEqual([a], [n["Id"] for n in rest["Notifications"]])
        self.assertError("InvalidParameterException", self.connect.search_notifications, InstanceId=self.instance_id,
                         SearchCriteria={"StringCondition": {"FieldName": "colour", "Value": "x", "ComparisonType": "EXACT"}})

    def test_a_client_token_makes_create_idempotent(self):
        token = unique("token")
        first = self.create(ClientToken=token)["NotificationId"]
        self.assertEqual(first, self.create(ClientToken=token)["NotificationId"])
        self.assertError("InvalidRequestException", self.create, content={"en_US": "other"}, ClientToken=token)

    def test_delete_removes_it_for_everyone(self):
        nid = self.create()["NotificationId"]
        self.connect.delete_notification(InstanceId=self.instance_id, NotificationId=nid)
        self.assertError("ResourceNotFoundException", self.describe, nid, message="Notification not found")
        self.assertNotIn(nid, [n["NotificationId"] for n in self.user_notifications(self.ada)])
        self.assertError("ResourceNotFoundException", self.connect.delete_notification, InstanceId=self.instance_id, NotificationId=nid)
        self.assertError("ResourceNotFoundException", self.connect.update_notification_content, InstanceId=self.instance_id,
                         NotificationId=nid, Content={"en_US": "x"})

    def test_unknown_instance_is_not_found(self):
        missing = "00000000-0000-0000-0000-000000000000"
        self.assertError("ResourceNotFoundException", self.connect.list_notifications, InstanceId=missing)
        self.assertError("ResourceNotFoundException", self.connect.create_notification, InstanceId=missing,
                         Recipients=[self.ada_arn], Content={"en_US": "x"})

    def test_tags_by_arn(self):
        self.assertTagsByArn(self.create()["NotificationArn"])

    def test_the_cli_creates_and_lists_for_a_user(self):
        created = json.loads(cli("create-notification", "--instance-id", self.instance_id, "--recipients", self.bob_arn,
                                 "--content", "en_US=Shift swap approved").stdout)
        listed = json.loads(cli("list-user-notifications", "--instance-id", self.instance_id, "--user-id", self.bob).stdout)
        self.assertIn(created["NotificationId"], [n["NotificationId"] for n in listed["UserNotifications"]])
