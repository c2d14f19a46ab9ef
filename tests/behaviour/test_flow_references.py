"""References to flows and flow associations through boto3 and the aws CLI (docs/flows.md, "Flow references and
associations"): contacts, queues and quick connects name flows that exist and have the right type, a flow or prompt
in use cannot be deleted, phone numbers and other resources are associated with flows, UpdatePhoneNumberMetadata
and ListPhoneNumbers (v1)."""
import json

from support import ConnectTestCase, cli, unique

MISSING = "11111111-2222-4333-8444-555555555555"
ACCOUNT = "000000000000"


def content(*actions):
    return json.dumps({"Version": "2019-10-30", "StartAction": actions[0]["Identifier"], "Actions": list(actions)})


def action(identifier, type_, parameters=None):
    return {"Identifier": identifier, "Type": type_, "Parameters": parameters or {}, "Transitions": {}}


BYE = content(action("bye", "EndFlowExecution"))  # allowed in every flow type


class FlowReferenceTests(ConnectTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        flows = [s for p in cls.connect.get_paginator("list_contact_flows").paginate(InstanceId=cls.instance_id)
                 for s in p["ContactFlowSummaryList"]]
        by_name = {f["Name"]: f for f in flows}
        cls.inbound = by_name["Sample inbound flow (first contact experience)"]
        cls.queue_transfer = by_name["Default queue transfer"]
        cls.agent_transfer = by_name["Default agent transfer"]
        cls.outbound = by_name["Default outbound"]
        queues = cls.connect.list_queues(InstanceId=cls.instance_id, QueueTypes=["STANDARD"])["QueueSummaryList"]
        cls.queue = next(q for q in queues if q["Name"] == "BasicQueue")
        cls.hours_id = cls.connect.list_hours_of_operations(InstanceId=cls.instance_id)["HoursOfOperationSummaryList"][0]["Id"]
        profiles = cls.connect.list_routing_profiles(InstanceId=cls.instance_id)["RoutingProfileSummaryList"]
        security = cls.connect.list_security_profiles(InstanceId=cls.instance_id)["SecurityProfileSummaryList"]
        cls.user_id = cls.connect.create_user(
            Username=unique("agent"), Password="Passw0rd!Passw0rd", InstanceId=cls.instance_id,
            IdentityInfo={"FirstName": "Ada", "LastName": "L"}, PhoneConfig={"PhoneType": "SOFT_PHONE"},
            SecurityProfileIds=[security[0]["Id"]], RoutingProfileId=profiles[0]["Id"])["UserId"]
        cls.instance_arn = cls.connect.describe_instance(InstanceId=cls.instance_id)["Instance"]["Arn"]

    # helpers

    def flow(self, type_="CONTACT_FLOW", raw=BYE, **kwargs):
        return self.connect.create_contact_flow(InstanceId=self.instance_id, Name=unique("flow"), Type=type_, Content=raw, **kwargs)

    def claim(self):
        number = self.connect.search_available_phone_numbers(
            InstanceId=self.instance_id, PhoneNumberCountryCode="US", PhoneNumberType="DID", MaxResults=1)["AvailableNumbersList"][0]["PhoneNumber"]
        claimed = self.connect.claim_phone_number(InstanceId=self.instance_id, PhoneNumber=number)
        return claimed["PhoneNumberId"], claimed["PhoneNumberArn"], number

    def sms_arn(self, account=ACCOUNT):
        return f"arn:aws:sms-voice:us-east-1:{account}:phone-number/phone-{unique('sms')}"

    def chat(self, flow_id, **kwargs):
        return self.connect.start_chat_contact(InstanceId=self.instance_id, ContactFlowId=flow_id,
                                               ParticipantDetails={"DisplayName": "Customer"}, **kwargs)

    def quick_connect(self, config):
        return self.connect.create_quick_connect(InstanceId=self.instance_id, Name=unique("qc"), QuickConnectConfig=config)

    def list_associations(self, **kwargs):
        pages = self.connect.get_paginator("list_flow_associations").paginate(InstanceId=self.instance_id, **kwargs)
        return [s for p in pages for s in p["FlowAssociationSummaryList"]]

    # contacts

    def test_contacts_start_in_an_inbound_flow_of_the_instance_by_id_or_arn(self):
        self.assertIn("ContactId", self.chat(self.inbound["Id"]))
        self.assertIn("ContactId", self.chat(self.inbound["Arn"]))
        task = self.connect.start_task_contact(InstanceId=self.instance_id, ContactFlowId=self.inbound["Id"], Name="refund")
        self.assertIn("ContactId", task)
        call = self.connect.start_outbound_voice_contact(InstanceId=self.instance_id, ContactFlowId=self.inbound["Id"],
                                                         DestinationPhoneNumber="+12065550123", QueueId=self.queue["Id"])
        contact = self.connect.describe_contact(InstanceId=self.instance_id, ContactId=call["ContactId"])["Contact"]
        self.assertEqual("OUTBOUND", contact["InitiationMethod"])

    def test_an_unknown_flow_is_the_error_aws_gives_and_starts_no_contact(self):
        message = "Resource not found of Type: null"
        self.assertError("ResourceNotFoundException", self.chat, MISSING, status=404, message=message)
        self.assertError("ResourceNotFoundException", self.connect.start_task_contact, InstanceId=self.instance_id,
                         ContactFlowId=MISSING, Name="t", status=404, message=message)
        self.assertError("ResourceNotFoundException", self.connect.start_outbound_voice_contact, InstanceId=self.instance_id,
                         ContactFlowId=MISSING, DestinationPhoneNumber="+12065550123", QueueId=self.queue["Id"], status=404, message=message)
        metrics = self.connect.get_current_metric_data(
            InstanceId=self.instance_id, Filters={"Queues": [self.queue["Id"]], "Channels": ["CHAT", "TASK", "VOICE"]},
            CurrentMetrics=[{"Name": "CONTACTS_IN_QUEUE", "Unit": "COUNT"}])
        before = sum(c["Value"] for r in metrics["MetricResults"] for c in r["Collections"])
        self.assertError("ResourceNotFoundException", self.chat, MISSING)
        metrics = self.connect.get_current_metric_data(
            InstanceId=self.instance_id, Filters={"Queues": [self.queue["Id"]], "Channels": ["CHAT", "TASK", "VOICE"]},
            CurrentMetrics=[{"Name": "CONTACTS_IN_QUEUE", "Unit": "COUNT"}])
        self.assertEqual(before, sum(c["Value"] for r in metrics["MetricResults"] for c in r["Collections"]))

    def test_a_flow_of_another_instance_is_unknown(self):
        other = self.connect.create_instance(IdentityManagementType="CONNECT_MANAGED", InstanceAlias=unique("other"),
                                             InboundCallsEnabled=True, OutboundCallsEnabled=True)["Id"]
        self.assertError("ResourceNotFoundException", self.connect.start_chat_contact, InstanceId=other,
                         ContactFlowId=self.inbound["Arn"], ParticipantDetails={"DisplayName": "c"})

    def test_a_contact_needs_an_inbound_flow_that_is_published_and_active(self):
        error = self.assertError("InvalidParameterException", self.chat, self.queue_transfer["Id"], status=400)
        self.assertIn("QUEUE_TRANSFER", error.response["Error"]["Message"])
        draft = self.flow(Status="SAVED")["ContactFlowId"]
        self.assertError("InvalidRequestException", self.chat, draft, status=400)
        archived = self.flow()["ContactFlowId"]
        self.connect.update_contact_flow_metadata(InstanceId=self.instance_id, ContactFlowId=archived, ContactFlowState="ARCHIVED")
        self.assertError("InvalidRequestException", self.connect.start_task_contact, InstanceId=self.instance_id,
                         ContactFlowId=archived, Name="t", status=400)

    # queues

    def test_a_queue_s_outbound_flow_is_an_outbound_whisper_flow(self):
        name = unique("queue")
        self.assertError("ResourceNotFoundException", self.connect.create_queue, InstanceId=self.instance_id, Name=name,
                         HoursOfOperationId=self.hours_id, OutboundCallerConfig={"OutboundFlowId": MISSING}, status=404)
        self.assertError("InvalidParameterException", self.connect.create_queue, InstanceId=self.instance_id, Name=name,
                         HoursOfOperationId=self.hours_id, OutboundCallerConfig={"OutboundFlowId": self.inbound["Id"]})
        self.assertEqual([], [q for q in self.connect.list_queues(InstanceId=self.instance_id)["QueueSummaryList"] if q.get("Name") == name])
        queue_id = self.connect.create_queue(InstanceId=self.instance_id, Name=name, HoursOfOperationId=self.hours_id,
                                             OutboundCallerConfig={"OutboundFlowId": self.outbound["Id"]})["QueueId"]
        self.assertError("InvalidParameterException", self.connect.update_queue_outbound_caller_config, InstanceId=self.instance_id,
                         QueueId=queue_id, OutboundCallerConfig={"OutboundFlowId": self.agent_transfer["Id"]})
        self.assertError("ResourceNotFoundException", self.connect.update_queue_outbound_caller_config, InstanceId=self.instance_id,
                         QueueId=queue_id, OutboundCallerConfig={"OutboundFlowId": MISSING})
        queue = self.connect.describe_queue(InstanceId=self.instance_id, QueueId=queue_id)["Queue"]
        self.assertEqual(self.outbound["Id"], queue["OutboundCallerConfig"]["OutboundFlowId"])
        whisper = self.flow("OUTBOUND_WHISPER")["ContactFlowArn"]
        self.connect.update_queue_outbound_caller_config(InstanceId=self.instance_id, QueueId=queue_id,
                                                         OutboundCallerConfig={"OutboundFlowId": whisper})
        queue = self.connect.describe_queue(InstanceId=self.instance_id, QueueId=queue_id)["Queue"]
        self.assertEqual(whisper, queue["OutboundCallerConfig"]["OutboundFlowId"])

    # quick connects

    def test_quick_connect_flows_have_the_type_of_their_transfer(self):
        queue_qc = lambda flow: {"QuickConnectType": "QUEUE", "QueueConfig": {"QueueId": self.queue["Id"], "ContactFlowId": flow}}  # noqa: E731
        user_qc = lambda flow: {"QuickConnectType": "USER", "UserConfig": {"UserId": self.user_id, "ContactFlowId": flow}}  # noqa: E731
        self.quick_connect(queue_qc(self.queue_transfer["Id"]))
        self.quick_connect(user_qc(self.agent_transfer["Arn"]))
        self.quick_connect({"QuickConnectType": "FLOW", "FlowConfig": {"ContactFlowId": self.inbound["Id"]}})
        self.quick_connect({"QuickConnectType": "PHONE_NUMBER", "PhoneConfig": {"PhoneNumber": "+12065550100"}})
        for wrong in (queue_qc(self.agent_transfer["Id"]), user_qc(self.queue_transfer["Id"]), queue_qc(self.inbound["Id"]),
                      {"QuickConnectType": "FLOW", "FlowConfig": {"ContactFlowId": self.queue_transfer["Id"]}}):
            with self.subTest(config=wrong):
                self.assertError("InvalidParameterException", self.quick_connect, wrong, status=400)
        for missing in (queue_qc(MISSING), user_qc(MISSING)):
            with self.subTest(config=missing):
                self.assertError("ResourceNotFoundException", self.quick_connect, missing, status=404, message="Contact flow not found")
        qc_id = self.quick_connect(queue_qc(self.queue_transfer["Id"]))["QuickConnectId"]
        self.assertError("InvalidParameterException", self.connect.update_quick_connect_config, InstanceId=self.instance_id,
                         QuickConnectId=qc_id, QuickConnectConfig=queue_qc(self.agent_transfer["Id"]))
        described = self.connect.describe_quick_connect(InstanceId=self.instance_id, QuickConnectId=qc_id)["QuickConnect"]
        self.assertEqual(self.queue_transfer["Id"], described["QuickConnectConfig"]["QueueConfig"]["ContactFlowId"])

    # deleting what is in use

    def test_a_flow_in_use_cannot_be_deleted_until_its_user_lets_go(self):
        def delete(flow_id):
            return self.connect.delete_contact_flow(InstanceId=self.instance_id, ContactFlowId=flow_id)

        transfer = self.flow("QUEUE_TRANSFER")["ContactFlowId"]
        qc_id = self.quick_connect({"QuickConnectType": "QUEUE", "QueueConfig": {"QueueId": self.queue["Id"], "ContactFlowId": transfer}})["QuickConnectId"]
        error = self.assertError("InvalidRequestException", delete, transfer, status=400)
        self.assertIn("quick connect", error.response["Error"]["Message"])
        self.connect.delete_quick_connect(InstanceId=self.instance_id, QuickConnectId=qc_id)
        delete(transfer)

        whisper = self.flow("OUTBOUND_WHISPER")
        queue_id = self.connect.create_queue(InstanceId=self.instance_id, Name=unique("queue"), HoursOfOperationId=self.hours_id,
                                             OutboundCallerConfig={"OutboundFlowId": whisper["ContactFlowArn"]})["QueueId"]
        self.assertError("InvalidRequestException", delete, whisper["ContactFlowId"])
        self.connect.update_queue_outbound_caller_config(InstanceId=self.instance_id, QueueId=queue_id, OutboundCallerConfig={})
        delete(whisper["ContactFlowId"])

        target = self.flow()
        caller = self.flow(raw=content(action("go", "TransferToFlow", {"ContactFlowId": target["ContactFlowArn"]})))["ContactFlowId"]
        error = self.assertError("InvalidRequestException", delete, target["ContactFlowId"])
        self.assertIn("contact flow", error.response["Error"]["Message"])
        self.connect.update_contact_flow_content(InstanceId=self.instance_id, ContactFlowId=caller, Content=BYE)
        delete(target["ContactFlowId"])
        self.assertError("ResourceNotFoundException", self.connect.describe_contact_flow, InstanceId=self.instance_id,
                         ContactFlowId=target["ContactFlowId"])

    def test_a_flow_associated_with_a_number_or_resource_cannot_be_deleted(self):
        inbound = self.flow()["ContactFlowId"]
        number_id, _, _ = self.claim()
        self.connect.associate_phone_number_contact_flow(PhoneNumberId=number_id, InstanceId=self.instance_id, ContactFlowId=inbound)
        error = self.assertError("InvalidRequestException", self.connect.delete_contact_flow, InstanceId=self.instance_id, ContactFlowId=inbound)
        self.assertIn("phone number", error.response["Error"]["Message"])
        self.connect.disassociate_phone_number_contact_flow(PhoneNumberId=number_id, InstanceId=self.instance_id)
        sms = self.sms_arn()
        self.connect.associate_flow(InstanceId=self.instance_id, ResourceId=sms, FlowId=inbound, ResourceType="SMS_PHONE_NUMBER")
        self.assertError("InvalidRequestException", self.connect.delete_contact_flow, InstanceId=self.instance_id, ContactFlowId=inbound)
        self.connect.disassociate_flow(InstanceId=self.instance_id, ResourceId=sms, ResourceType="SMS_PHONE_NUMBER")
        self.connect.delete_contact_flow(InstanceId=self.instance_id, ContactFlowId=inbound)

    def test_a_prompt_a_flow_plays_cannot_be_deleted(self):
        prompt = self.connect.create_prompt(InstanceId=self.instance_id, Name=unique("prompt"), S3Uri="s3://bucket/hello.wav")
        flow = self.flow(raw=content(action("hello", "MessageParticipant", {"PromptId": prompt["PromptARN"]})))["ContactFlowId"]
        error = self.assertError("InvalidRequestException", self.connect.delete_prompt, InstanceId=self.instance_id,
                                 PromptId=prompt["PromptId"], status=400)
        self.assertIn("contact flow", error.response["Error"]["Message"])
        self.connect.describe_prompt(InstanceId=self.instance_id, PromptId=prompt["PromptId"])
        self.connect.delete_contact_flow(InstanceId=self.instance_id, ContactFlowId=flow)
        self.connect.delete_prompt(InstanceId=self.instance_id, PromptId=prompt["PromptId"])

    # phone-number flow associations

    def test_a_number_is_associated_with_an_inbound_flow_and_listed_as_a_voice_number(self):
        number_id, number_arn, _ = self.claim()
        flow = self.flow()
        self.connect.associate_phone_number_contact_flow(PhoneNumberId=number_id, InstanceId=self.instance_id,
                                                         ContactFlowId=flow["ContactFlowId"])
        expected = {"ResourceId": number_arn, "FlowId": flow["ContactFlowArn"], "ResourceType": "VOICE_PHONE_NUMBER"}
        self.assertIn(expected, self.list_associations(ResourceType="VOICE_PHONE_NUMBER"))
        batch = self.connect.batch_get_flow_association(InstanceId=self.instance_id, ResourceIds=[number_arn])
        self.assertEqual([expected], batch["FlowAssociationSummaryList"])
        # again, by ARN and to another flow: the association is replaced
        other = self.flow()
        self.connect.associate_phone_number_contact_flow(PhoneNumberId=number_arn, InstanceId=self.instance_id,
                                                         ContactFlowId=other["ContactFlowArn"])
        mine = [a for a in self.list_associations() if a["ResourceId"] == number_arn]
        self.assertEqual([dict(expected, FlowId=other["ContactFlowArn"])], mine)
        self.connect.disassociate_phone_number_contact_flow(PhoneNumberId=number_id, InstanceId=self.instance_id)
        self.assertEqual([], [a for a in self.list_associations() if a["ResourceId"] == number_arn])
        # nothing to remove is no error
        self.connect.disassociate_phone_number_contact_flow(PhoneNumberId=number_id, InstanceId=self.instance_id)

    def test_phone_number_association_errors(self):
        number_id, _, _ = self.claim()

        def associate(flow_id, number=number_id, instance=None):
            return self.connect.associate_phone_number_contact_flow(PhoneNumberId=number, InstanceId=instance or self.instance_id,
                                                                    ContactFlowId=flow_id)

        self.assertError("ResourceNotFoundException", associate, MISSING, status=404, message="Contact flow not found")
        self.assertError("InvalidParameterException", associate, self.queue_transfer["Id"], status=400)
        draft = self.flow(Status="SAVED")["ContactFlowId"]
        self.assertError("InvalidParameterException", associate, draft, status=400)
        self.assertError("ResourceNotFoundException", associate, self.inbound["Id"], number=MISSING, status=404)
        other = self.connect.create_instance(IdentityManagementType="CONNECT_MANAGED", InstanceAlias=unique("other"),
                                             InboundCallsEnabled=True, OutboundCallsEnabled=True)["Id"]
        self.assertError("ResourceNotFoundException", associate, self.inbound["Id"], instance=other, status=404)
        self.assertError("ResourceNotFoundException", self.connect.disassociate_phone_number_contact_flow,
                         PhoneNumberId=number_id, InstanceId=other, status=404)

    def test_the_cli_associates_a_number_with_a_flow(self):
        number_id, number_arn, _ = self.claim()
        cli("associate-phone-number-contact-flow", "--phone-number-id", number_id, "--instance-id", self.instance_id,
            "--contact-flow-id", self.inbound["Id"])
        listed = json.loads(cli("list-flow-associations", "--instance-id", self.instance_id, "--resource-type", "VOICE_PHONE_NUMBER").stdout)
        self.assertIn({"ResourceId": number_arn, "FlowId": self.inbound["Arn"], "ResourceType": "VOICE_PHONE_NUMBER"},
                      listed["FlowAssociationSummaryList"])
        cli("disassociate-phone-number-contact-flow", "--phone-number-id", number_id, "--instance-id", self.instance_id)

    def test_a_released_number_leaves_the_flow_free(self):
        flow = self.flow()["ContactFlowId"]
        number_id, number_arn, _ = self.claim()
        self.connect.associate_phone_number_contact_flow(PhoneNumberId=number_id, InstanceId=self.instance_id, ContactFlowId=flow)
        self.connect.release_phone_number(PhoneNumberId=number_id)
        self.assertEqual([], [a for a in self.list_associations() if a["ResourceId"] == number_arn])
        self.connect.delete_contact_flow(InstanceId=self.instance_id, ContactFlowId=flow)

    # AssociateFlow and its reads

    def test_associate_get_list_batch_and_disassociate_a_flow(self):
        flow = self.flow()
        sms, whatsapp = self.sms_arn(), f"arn:aws:social-messaging:us-east-1:{ACCOUNT}:phone-number-id/{unique('wa')}"
        self.assertEqual({}, {k: v for k, v in self.connect.associate_flow(
            InstanceId=self.instance_id, ResourceId=sms, FlowId=flow["ContactFlowArn"], ResourceType="SMS_PHONE_NUMBER").items()
            if k != "ResponseMetadata"})
        self.connect.associate_flow(InstanceId=self.instance_id, ResourceId=whatsapp, FlowId=flow["ContactFlowId"],
                                    ResourceType="WHATSAPP_MESSAGING_PHONE_NUMBER")
        got = self.connect.get_flow_association(InstanceId=self.instance_id, ResourceId=sms, ResourceType="SMS_PHONE_NUMBER")
        got.pop("ResponseMetadata")
        self.assertEqual({"ResourceId": sms, "FlowId": flow["ContactFlowArn"], "ResourceType": "SMS_PHONE_NUMBER"}, got)
        whatsapp_only = self.list_associations(ResourceType="WHATSAPP_MESSAGING_PHONE_NUMBER")
        self.assertEqual([whatsapp], [a["ResourceId"] for a in whatsapp_only if a["ResourceId"] in (sms, whatsapp)])
        batch = self.connect.batch_get_flow_association(InstanceId=self.instance_id, ResourceIds=[whatsapp, self.sms_arn(), sms])
        self.assertEqual([whatsapp, sms], [a["ResourceId"] for a in batch["FlowAssociationSummaryList"]])
        self.connect.disassociate_flow(InstanceId=self.instance_id, ResourceId=sms, ResourceType="SMS_PHONE_NUMBER")
        self.assertError("ResourceNotFoundException", self.connect.get_flow_association, InstanceId=self.instance_id,
                         ResourceId=sms, ResourceType="SMS_PHONE_NUMBER", status=404)
        self.assertError("ResourceNotFoundException", self.connect.disassociate_flow, InstanceId=self.instance_id,
                         ResourceId=sms, ResourceType="SMS_PHONE_NUMBER", status=404)
        # the same ARN under another type is another association
        self.assertError("ResourceNotFoundException", self.connect.get_flow_association, InstanceId=self.instance_id,
                         ResourceId=whatsapp, ResourceType="SMS_PHONE_NUMBER")

    def test_associate_flow_errors(self):
        def associate(flow_id, resource=None, resource_type="SMS_PHONE_NUMBER", instance=None):
            return self.connect.associate_flow(InstanceId=instance or self.instance_id, ResourceId=resource or self.sms_arn(),
                                               FlowId=flow_id, ResourceType=resource_type)

        self.assertError("ResourceNotFoundException", associate, MISSING, status=404, message="Contact flow not found")
        self.assertError("InvalidParameterException", associate, self.queue_transfer["Id"], status=400)
        draft = self.flow(Status="SAVED")["ContactFlowId"]
        self.assertError("InvalidRequestException", associate, draft, status=400)
        self.assertError("ResourceNotFoundException", associate, self.inbound["Id"], resource=self.sms_arn("999999999999"), status=404)
        self.assertError("ResourceNotFoundException", associate, self.inbound["Id"], resource="arn:aws:sms-voice:eu-west-1:000000000000:phone-number/x")
        self.assertError("ResourceNotFoundException", associate, self.inbound["Id"], instance=MISSING, status=404)
        self.assertError("ResourceNotFoundException", self.connect.list_flow_associations, InstanceId=MISSING)
        self.assertError("ResourceNotFoundException", self.connect.batch_get_flow_association, InstanceId=MISSING, ResourceIds=[self.sms_arn()])

    def test_list_flow_associations_pages_without_repeating(self):
        flow = self.flow()["ContactFlowId"]
        made = set()
        for _ in range(5):
            arn = self.connect.create_email_address(InstanceId=self.instance_id, EmailAddress=f"{unique('in')}@example.com")["EmailAddressArn"]
            self.connect.associate_flow(InstanceId=self.instance_id, ResourceId=arn, FlowId=flow, ResourceType="INBOUND_EMAIL")
            made.add(arn)
        # an email address is named by its ARN, which must be one of the instance's addresses
        self.assertError("ResourceNotFoundException", self.connect.associate_flow, InstanceId=self.instance_id, FlowId=flow,
                         ResourceId=arn.rsplit("/", 1)[0] + "/" + MISSING, ResourceType="INBOUND_EMAIL", status=404,
                         message="Email address not found")
        pages = list(self.connect.get_paginator("list_flow_associations").paginate(
            InstanceId=self.instance_id, ResourceType="INBOUND_EMAIL", PaginationConfig={"PageSize": 2}))
        listed = [a["ResourceId"] for p in pages for a in p["FlowAssociationSummaryList"]]
        self.assertEqual(len(listed), len(set(listed)))
        self.assertTrue(made <= set(listed))
        self.assertGreaterEqual(len(pages), 3)

    # UpdatePhoneNumberMetadata and ListPhoneNumbers

    def test_update_phone_number_metadata_sets_the_description(self):
        number_id, number_arn, _ = self.claim()
        self.connect.update_phone_number_metadata(PhoneNumberId=number_id, PhoneNumberDescription="front desk")
        self.assertEqual("front desk", self.connect.describe_phone_number(PhoneNumberId=number_id)["ClaimedPhoneNumberSummary"]["PhoneNumberDescription"])
        token = unique("token")
        self.connect.update_phone_number_metadata(PhoneNumberId=number_arn, PhoneNumberDescription="lobby", ClientToken=token)
        self.connect.update_phone_number_metadata(PhoneNumberId=number_arn, PhoneNumberDescription="lobby", ClientToken=token)
        self.assertError("IdempotencyException", self.connect.update_phone_number_metadata, PhoneNumberId=number_arn,
                         PhoneNumberDescription="other", ClientToken=token)
        self.connect.update_phone_number_metadata(PhoneNumberId=number_id)
        self.assertEqual("lobby", self.connect.describe_phone_number(PhoneNumberId=number_id)["ClaimedPhoneNumberSummary"]["PhoneNumberDescription"])
        self.connect.update_phone_number_metadata(PhoneNumberId=number_id, PhoneNumberDescription="")
        summary = self.connect.describe_phone_number(PhoneNumberId=number_id)["ClaimedPhoneNumberSummary"]
        self.assertIn(summary.get("PhoneNumberDescription"), (None, ""))
        self.assertError("ResourceNotFoundException", self.connect.update_phone_number_metadata, PhoneNumberId=MISSING,
                         PhoneNumberDescription="x", status=404)

    def test_list_phone_numbers_shows_the_instance_s_numbers_with_instance_arns(self):
        number_id, _, number = self.claim()
        toll_free = self.connect.search_available_phone_numbers(
            InstanceId=self.instance_id, PhoneNumberCountryCode="US", PhoneNumberType="TOLL_FREE", MaxResults=1)["AvailableNumbersList"][0]["PhoneNumber"]
        free_id = self.connect.claim_phone_number(InstanceId=self.instance_id, PhoneNumber=toll_free)["PhoneNumberId"]
        pages = self.connect.get_paginator("list_phone_numbers").paginate(InstanceId=self.instance_id, PaginationConfig={"PageSize": 1})
        listed = {n["Id"]: n for p in pages for n in p["PhoneNumberSummaryList"]}
        self.assertEqual({"Id": number_id, "Arn": f"{self.instance_arn}/phone-number/{number_id}", "PhoneNumber": number,
                          "PhoneNumberType": "DID", "PhoneNumberCountryCode": "US"}, listed[number_id])
        self.assertEqual("TOLL_FREE", listed[free_id]["PhoneNumberType"])
        dids = self.connect.list_phone_numbers(InstanceId=self.instance_id, PhoneNumberTypes=["DID"])["PhoneNumberSummaryList"]
        self.assertIn(number_id, [n["Id"] for n in dids])
        self.assertNotIn(free_id, [n["Id"] for n in dids])
        self.assertEqual([], self.connect.list_phone_numbers(InstanceId=self.instance_id, PhoneNumberCountryCodes=["GB"])["PhoneNumberSummaryList"])
        self.assertError("ResourceNotFoundException", self.connect.list_phone_numbers, InstanceId=MISSING, status=404)
        cli_listed = json.loads(cli("list-phone-numbers", "--instance-id", self.instance_id).stdout)["PhoneNumberSummaryList"]
        self.assertIn(number_id, [n["Id"] for n in cli_listed])
