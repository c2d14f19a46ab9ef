"""StartChatContact's documented rules through boto3 (docs/routing.md, "Driving it through the API"): the supported
messaging content types always include text/plain, RelatedContactId and PersistentChat are not given together, and
the Guide subtype needs both interactive content types."""
from support import ConnectTestCase

INTERACTIVE = "application/vnd.amazonaws.connect.message.interactive"
RESPONSE = INTERACTIVE + ".response"
GUIDE = {"connect:Subtype": {"ValueString": "connect:Guide"}}


class ChatContactTests(ConnectTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.flow = next(f["Id"] for p in cls.connect.get_paginator("list_contact_flows").paginate(InstanceId=cls.instance_id)
                        for f in p["ContactFlowSummaryList"] if f["Name"] == "Sample inbound flow (first contact experience)")

    def chat(self, **kwargs):
        return self.connect.start_chat_contact(InstanceId=self.instance_id, ContactFlowId=self.flow,
                                               ParticipantDetails={"DisplayName": "Customer"}, **kwargs)["ContactId"]

    def test_content_types_must_include_plain_text_and_be_supported(self):
        self.assertError("InvalidParameterException", self.chat, SupportedMessagingContentTypes=["text/markdown"], status=400)
        self.assertError("InvalidParameterException", self.chat, SupportedMessagingContentTypes=["text/plain", "text/html"], status=400)
        self.assertTrue(self.chat(SupportedMessagingContentTypes=["text/markdown", "text/plain", "application/json"]))

    def test_related_contact_and_persistent_chat_are_not_given_together(self):
        related = self.chat()
        self.assertError("InvalidParameterException", self.chat, RelatedContactId=related,
                         PersistentChat={"RehydrationType": "ENTIRE_PAST_SESSION", "SourceContactId": related}, status=400)
        self.assertTrue(self.chat(RelatedContactId=related))

    def test_guide_subtype_needs_both_interactive_content_types(self):
        self.assertError("InvalidParameterException", self.chat, SegmentAttributes=GUIDE,
                         SupportedMessagingContentTypes=["text/plain", INTERACTIVE], status=400)
        self.assertTrue(self.chat(SegmentAttributes=GUIDE, SupportedMessagingContentTypes=["text/plain", INTERACTIVE, RESPONSE]))
