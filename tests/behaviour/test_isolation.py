"""Account isolation: account B calls every implemented operation (docs/compatibility.md) with account A's
resources — by id and by ARN, directly and as references from B's own resources, in both Regions — and
can never read, change, tag, list, search or reference them.

What B sees of A's resource must be exactly what it sees of one that does not exist (same status, code and
message up to the ids named), lists and searches must not show any of A's ids, ARNs or names, and A's state,
read back through every read operation, must be the same after the attempts as before them (behaviour doc §6:
"Resources of another account are indistinguishable from missing ones").

Accounts come from 12-digit access keys (permissive mode); a fresh pair per run keeps B's lists empty of
everything but its own resources. Strict mode maps keys to accounts through the credentials file and is
covered by tests/security and the xunit StrictAuthenticationTests.
"""
import datetime
import json
import os
import random
import re
import time
import unittest
import urllib.request
import uuid

import boto3
from botocore.config import Config

import support
from pinned_model import pinned_client
from support import ENDPOINT, unique

EAST, WEST = "us-east-1", "us-west-2"
NO_RETRIES = Config(retries={"total_max_attempts": 1, "mode": "standard"}, parameter_validation=False)
COMPATIBILITY = os.path.join(os.path.dirname(__file__), "..", "..", "docs", "compatibility.md")
UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
ARN_RE = re.compile(r"arn:aws:connect:[A-Za-z0-9:/._~-]*")
PASSWORD = "Passw0rd-Example1"
FLOW_CONTENT = json.dumps({"Version": "2019-10-30", "StartAction": "bye", "Actions": [
    {"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}]})
# CAMPAIGN flows (the only type with versions) take no DisconnectParticipant: they end with EndFlowExecution
CAMPAIGN_CONTENT = json.dumps({"Version": "2019-10-30", "StartAction": "end", "Actions": [
    {"Identifier": "end", "Type": "EndFlowExecution", "Parameters": {}, "Transitions": {}}]})
# Flow modules (issue 14, modules part)
MODULE_CONTENT = json.dumps({"Version": "2019-10-30", "StartAction": "done", "Actions": [
    {"Identifier": "done", "Type": "EndFlowModuleExecution", "Parameters": {}, "Transitions": {}}]})
CONTACT_ID = "22222222-3333-4444-8555-666666666666"


def account():
    return "7" + "".join(random.choice("0123456789") for _ in range(11))


def connect_client(account_id, region=EAST):
    support.require_server()
    return boto3.client("connect", endpoint_url=ENDPOINT, region_name=region, config=NO_RETRIES,
                        aws_access_key_id=account_id, aws_secret_access_key="secret")


def implemented_operations():
    with open(COMPATIBILITY, encoding="utf-8") as f:
        return {line.split("|")[1].strip() for line in f if line.rstrip().endswith("| implemented |")}


def outcome(call):
    """('ok', result) or ('error', status, code, message and extra fields with ids and ARNs masked)."""
    try:
        result = call()
    except Exception as e:  # botocore ClientError, whatever the operation's modelled class
        response = getattr(e, "response", None)
        if response is None:
            raise
        error = response["Error"]
        extra = {k: mask(str(v)) for k, v in response.items() if k not in ("Error", "ResponseMetadata", "Message")}
        return ("error", response["ResponseMetadata"]["HTTPStatusCode"], error.get("Code"), mask(error.get("Message", "")),
                json.dumps(extra, sort_keys=True))
    result.pop("ResponseMetadata", None)
    return ("ok", result)


def search_range():
    """A SearchContacts TimeRange around now (A's contacts began within it)."""
    now = datetime.datetime.now(datetime.timezone.utc)
    return {"Type": "INITIATION_TIMESTAMP", "StartTime": now - datetime.timedelta(hours=1), "EndTime": now + datetime.timedelta(hours=1)}


def mask(text):
    return UUID_RE.sub("<id>", ARN_RE.sub("<arn>", text))


def without_url(answer):
    """GetAttachedFile's answer without its download URL, which is new (a new expiry) on every call."""
    answer.pop("DownloadUrlMetadata", None)
    return answer


def slot(day):
    return {"Day": day, "StartTime": {"Hours": 9, "Minutes": 0}, "EndTime": {"Hours": 17, "Minutes": 0}}


class World:
    """One account's resources: an instance replicated to us-west-2 and one of everything in it."""

    def __init__(self, account_id, tag):
        self.account = account_id
        east, west = connect_client(account_id), connect_client(account_id, WEST)
        self.east, self.west = east, west
        self.alias = unique(f"iso-{tag}")
        self.token = "token-" + uuid.uuid4().hex
        # SAML: Global Resiliency replicates only SAML instances (users then have no password)
        created = east.create_instance(IdentityManagementType="SAML", InstanceAlias=self.alias,
                                       InboundCallsEnabled=True, OutboundCallsEnabled=True, ClientToken=self.token,
                                       Tags={"owner": tag})
        self.iid, self.iarn = created["Id"], created["Arn"]
        east.replicate_instance(InstanceId=self.iid, ReplicaRegion=WEST, ReplicaAlias=unique(f"iso-{tag}-replica"))
        east.update_instance_attribute(InstanceId=self.iid, AttributeType="CONTACTFLOW_LOGS", Value="true")
        self.names = [self.alias]

        hours = east.create_hours_of_operation(InstanceId=self.iid, Name=unique(f"{tag}-hours"), TimeZone="UTC",
                                               Config=[slot("MONDAY")], Tags={"owner": tag})
        self.hid, self.harn = hours["HoursOfOperationId"], hours["HoursOfOperationArn"]
        queue = east.create_queue(InstanceId=self.iid, Name=unique(f"{tag}-queue"), HoursOfOperationId=self.hid,
                                  Tags={"owner": tag})
        self.qid, self.qarn = queue["QueueId"], queue["QueueArn"]
        profile_name = unique(f"{tag}-profile")
        profile = east.create_routing_profile(
            InstanceId=self.iid, Name=profile_name, Description="d", DefaultOutboundQueueId=self.qid,
            MediaConcurrencies=[{"Channel": "VOICE", "Concurrency": 1}, {"Channel": "CHAT", "Concurrency": 2}],
            QueueConfigs=[{"QueueReference": {"QueueId": self.qid, "Channel": "VOICE"}, "Priority": 1, "Delay": 0}])
        self.rpid, self.rparn = profile["RoutingProfileId"], profile["RoutingProfileArn"]
        east.associate_routing_profile_queues(InstanceId=self.iid, RoutingProfileId=self.rpid,
                                              ManualAssignmentQueueConfigs=[{"QueueReference": {"QueueId": self.qid, "Channel": "CHAT"}}])
        self.profile_name = profile_name
        profiles = east.list_security_profiles(InstanceId=self.iid)["SecurityProfileSummaryList"]
        agent = next(p for p in profiles if p["Name"] == "Agent")
        self.spid, self.sparn = agent["Id"], agent["Arn"]
        statuses = east.list_agent_statuses(InstanceId=self.iid)["AgentStatusSummaryList"]
        available = next(s for s in statuses if s["Name"] == "Available")
        self.asid, self.asarn = available["Id"], available["Arn"]
        self.username = unique(f"{tag}-agent")
        user = east.create_user(Username=self.username, InstanceId=self.iid,
                                IdentityInfo={"FirstName": "Ada", "LastName": tag},
                                PhoneConfig={"PhoneType": "SOFT_PHONE"}, SecurityProfileIds=[self.spid],
                                RoutingProfileId=self.rpid, Tags={"owner": tag})
        self.uid, self.uarn = user["UserId"], user["UserArn"]
        group = east.create_traffic_distribution_group(Name=unique(f"{tag}-tdg"), InstanceId=self.iid, Tags={"owner": tag})
        self.gid, self.garn = group["Id"], group["Arn"]
        east.associate_traffic_distribution_group_user(TrafficDistributionGroupId=self.gid, UserId=self.uid, InstanceId=self.iid)
        self.number = east.search_available_phone_numbers(InstanceId=self.iid, PhoneNumberCountryCode="US",
                                                          PhoneNumberType="DID", MaxResults=1)["AvailableNumbersList"][0]["PhoneNumber"]
        claimed = east.claim_phone_number(InstanceId=self.iid, PhoneNumber=self.number, PhoneNumberDescription=tag,
                                          Tags={"owner": tag})
        self.pid, self.parn = claimed["PhoneNumberId"], claimed["PhoneNumberArn"]
        # the instance's default flows that contacts and quick connects name (docs/flows.md: flow ids are checked)
        flows = {f["Name"]: f["Id"] for f in east.list_contact_flows(InstanceId=self.iid, MaxResults=100)["ContactFlowSummaryList"]}
        self.inflow = flows["Sample inbound flow (first contact experience)"]
        self.qtflow, self.atflow = flows["Default queue transfer"], flows["Default agent transfer"]
        quick = east.create_quick_connect(InstanceId=self.iid, Name=unique(f"{tag}-qc"), Tags={"owner": tag},
                                          QuickConnectConfig={"QuickConnectType": "QUEUE", "QueueConfig": {"QueueId": self.qid, "ContactFlowId": self.qtflow}})
        self.kid, self.karn = quick["QuickConnectId"], quick["QuickConnectARN"]
        east.associate_queue_quick_connects(InstanceId=self.iid, QueueId=self.qid, QuickConnectIds=[self.kid])
        prompt = east.create_prompt(InstanceId=self.iid, Name=unique(f"{tag}-prompt"), S3Uri="s3://bucket/a.wav", Tags={"owner": tag})
        self.prid, self.prarn = prompt["PromptId"], prompt["PromptARN"]
        flow = east.create_contact_flow(InstanceId=self.iid, Name=unique(f"{tag}-flow"), Type="CONTACT_FLOW", Content=FLOW_CONTENT,
                                        Tags={"owner": tag})
        self.fid, self.farn = flow["ContactFlowId"], flow["ContactFlowArn"]
        # versions are made of CAMPAIGN flows only (CreateContactFlowVersion's documentation)
        campaign = east.create_contact_flow(InstanceId=self.iid, Name=unique(f"{tag}-campaign"), Type="CAMPAIGN", Content=CAMPAIGN_CONTENT)
        self.cfid, self.cfarn = campaign["ContactFlowId"], campaign["ContactFlowArn"]
        east.create_contact_flow_version(InstanceId=self.iid, ContactFlowId=self.cfid, Description=tag)
        # Flow modules (issue 14, modules part): a module with a version and an alias.
        mod = east.create_contact_flow_module(InstanceId=self.iid, Name=unique(f"{tag}-module"), Content=MODULE_CONTENT,
                                              Tags={"owner": tag})
        self.mid, self.marn = mod["Id"], mod["Arn"]
        east.create_contact_flow_module_version(InstanceId=self.iid, ContactFlowModuleId=self.mid, Description=tag)
        self.aid = east.create_contact_flow_module_alias(InstanceId=self.iid, ContactFlowModuleId=self.mid,
                                                         ContactFlowModuleVersion=1, AliasName="live")["Id"]
        self.cid = east.start_chat_contact(InstanceId=self.iid, ContactFlowId=self.inflow, ParticipantDetails={"DisplayName": tag})["ContactId"]
        # attached files: a file uploaded to a task contact (docs/attached-files.md)
        self.taskid = east.start_task_contact(InstanceId=self.iid, Name=unique(f"{tag}-task"), ContactFlowId=self.inflow)["ContactId"]
        self.taskarn = f"{self.iarn}/contact/{self.taskid}"
        started = east.start_attached_file_upload(InstanceId=self.iid, FileName=f"{tag}.txt", FileSizeInBytes=2, FileUseCaseType="ATTACHMENT",
                                                  AssociatedResourceArn=self.taskarn)
        self.afid = started["FileId"]
        urllib.request.urlopen(urllib.request.Request(started["UploadUrlMetadata"]["Url"], data=tag.encode() * 2, method="PUT"), timeout=10).close()
        east.complete_attached_file_upload(InstanceId=self.iid, FileId=self.afid, AssociatedResourceArn=self.taskarn)
        east.update_attached_files_configuration(InstanceId=self.iid, AttachmentScope="EMAIL", MaximumSizeLimitInBytes=1000)
        self.names += [profile_name, self.username]
        # Flow references and associations (flow-refs): A's number and an SMS number of A's account enter A's flow
        east.associate_phone_number_contact_flow(PhoneNumberId=self.pid, InstanceId=self.iid, ContactFlowId=self.fid)
        self.smsid = str(uuid.uuid4())
        self.smsarn = f"arn:aws:sms-voice:us-east-1:{account_id}:phone-number/phone-{self.smsid}"
        east.associate_flow(InstanceId=self.iid, ResourceId=self.smsarn, FlowId=self.farn, ResourceType="SMS_PHONE_NUMBER")
        # email addresses (issue 15): one A's queue sends from, one it offers, one that is an alias of the first
        self.email_address = f"{unique(tag)}@example.com"
        email = east.create_email_address(InstanceId=self.iid, EmailAddress=self.email_address, Tags={"owner": tag})
        self.eid, self.earn = email["EmailAddressId"], email["EmailAddressArn"]
        offered = east.create_email_address(InstanceId=self.iid, EmailAddress=f"{unique(tag)}@example.com")
        east.update_queue_outbound_email_config(InstanceId=self.iid, QueueId=self.qid, OutboundEmailConfig={"OutboundEmailAddressId": self.eid})
        east.associate_queue_email_addresses(InstanceId=self.iid, QueueId=self.qid, EmailAddressesConfig=[{"EmailAddressId": offered["EmailAddressId"]}])
        alias = east.create_email_address(InstanceId=self.iid, EmailAddress=f"{unique(tag)}@example.com")
        self.aliasid = alias["EmailAddressId"]
        east.associate_email_address_alias(InstanceId=self.iid, EmailAddressId=self.eid, AliasConfiguration={"EmailAddressId": self.aliasid})
        # hours overrides (issue 15): an override of A's hours, and child hours inheriting from them
        self.oid = east.create_hours_of_operation_override(
            InstanceId=self.iid, HoursOfOperationId=self.hid, Name=unique(f"{tag}-override"), EffectiveFrom="2026-03-02", EffectiveTill="2026-03-02",
            OverrideType="CLOSED", Config=[{"Day": "MONDAY", "StartTime": {"Hours": 12, "Minutes": 0}, "EndTime": {"Hours": 13, "Minutes": 0}}])["HoursOfOperationOverrideId"]
        child = east.create_hours_of_operation(InstanceId=self.iid, Name=unique(f"{tag}-child"), TimeZone="UTC", Config=[slot("MONDAY")])
        self.chid = child["HoursOfOperationId"]
        east.associate_hours_of_operations(InstanceId=self.iid, HoursOfOperationId=self.chid, ParentHoursOfOperationConfigs=[{"HoursOfOperationId": self.hid}])
        # integrations (docs/integrations.md)
        east.associate_lambda_function(InstanceId=self.iid, FunctionArn=f"arn:aws:lambda:us-east-1:{account_id}:function:{tag}")
        east.associate_approved_origin(InstanceId=self.iid, Origin=f"https://{tag}.example.com")
        east.associate_bot(InstanceId=self.iid, LexV2Bot={"AliasArn": f"arn:aws:lex:us-east-1:{account_id}:bot-alias/B{tag}/A{tag}"})
        east.associate_lex_bot(InstanceId=self.iid, LexBot={"Name": f"bot{tag}", "LexRegion": "us-east-1"})
        self.skid = east.associate_security_key(InstanceId=self.iid, Key=f"-----BEGIN PUBLIC KEY-----{tag}")["AssociationId"]
        self.scid = east.associate_instance_storage_config(InstanceId=self.iid, ResourceType="CHAT_TRANSCRIPTS", StorageConfig={
            "StorageType": "S3", "S3Config": {"BucketName": f"bucket-{tag}", "BucketPrefix": "chats"}})["AssociationId"]
        association = east.create_integration_association(InstanceId=self.iid, IntegrationType="VOICE_ID", Tags={"owner": tag},
                                                          IntegrationArn=f"arn:aws:voiceid:us-east-1:{account_id}:domain/{tag}")
        self.iaid, self.iaarn = association["IntegrationAssociationId"], association["IntegrationAssociationArn"]
        use_case = east.create_use_case(InstanceId=self.iid, IntegrationAssociationId=self.iaid, UseCaseType="RULES_EVALUATION", Tags={"owner": tag})
        self.ucid, self.ucarn = use_case["UseCaseId"], use_case["UseCaseArn"]
        # User hierarchy (hierarchy-users): a structure with two levels, a group in it, the user in the group.
        east.update_user_hierarchy_structure(InstanceId=self.iid, HierarchyStructure={"LevelOne": {"Name": "L1"}, "LevelTwo": {"Name": "L2"}})
        hgroup = east.create_user_hierarchy_group(InstanceId=self.iid, Name=unique(f"{tag}-hgroup"), Tags={"owner": tag})
        self.hgid, self.hgarn = hgroup["HierarchyGroupId"], hgroup["HierarchyGroupArn"]
        east.update_user_hierarchy(InstanceId=self.iid, UserId=self.uid, HierarchyGroupId=self.hgid)
        # security profiles and agent statuses (issue 15): a profile of A's with an application, a flow module and an
        # AI agent, and a custom agent status
        self.ai_agent = f"arn:aws:wisdom:us-east-1:{account_id}:ai-agent/{uuid.uuid4()}/{uuid.uuid4()}"
        sprofile = east.create_security_profile(
            InstanceId=self.iid, SecurityProfileName=unique(f"{tag}-sp"), Permissions=["Users.View"], Tags={"owner": tag},
            Applications=[{"Namespace": f"{tag}.example.com", "ApplicationPermissions": ["ACCESS"], "Type": "THIRD_PARTY_APPLICATION"}],
            AllowedFlowModules=[{"Type": "MCP", "FlowModuleId": f"{tag}-module"}])
        self.cspid, self.csparn = sprofile["SecurityProfileId"], sprofile["SecurityProfileArn"]
        east.associate_security_profiles(InstanceId=self.iid, EntityType="AI_AGENT", EntityArn=self.ai_agent, SecurityProfiles=[{"Id": self.cspid}])
        status = east.create_agent_status(InstanceId=self.iid, Name=unique(f"{tag}-status"), State="ENABLED", Tags={"owner": tag})
        self.casid, self.casarn = status["AgentStatusId"], status["AgentStatusARN"]
        # Vocabularies (issue 15, iac branch): one, ACTIVE (its creation is asynchronous), the default for en-US.
        vocabulary = east.create_vocabulary(InstanceId=self.iid, VocabularyName=unique(f"{tag}-vocab"), LanguageCode="en-US",
                                            Content="Phrase\tDisplayAs\nConnect-Local\tConnectLocal\n", Tags={"owner": tag})
        self.vid, self.varn = vocabulary["VocabularyId"], vocabulary["VocabularyArn"]
        for _ in range(100):
            if east.describe_vocabulary(InstanceId=self.iid, VocabularyId=self.vid)["Vocabulary"]["State"] == "ACTIVE":
                break
            time.sleep(0.1)
        east.associate_default_vocabulary(InstanceId=self.iid, LanguageCode="en-US", VocabularyId=self.vid)
        # users-search: a predefined attribute and the user's proficiency in it
        self.paname = unique(f"{tag}-skill")
        east.create_predefined_attribute(InstanceId=self.iid, Name=self.paname, Values={"StringList": ["basic", "expert"]})
        east.associate_user_proficiencies(InstanceId=self.iid, UserId=self.uid, UserProficiencies=[
            {"AttributeName": self.paname, "AttributeValue": "expert", "Level": 3}])
        # Task templates and views (templates-views): a template running A's inbound flow; a published view with version 1.
        template = east.create_task_template(
            InstanceId=self.iid, Name=unique(f"{tag}-template"), ContactFlowId=self.inflow,
            Constraints={"RequiredFields": [{"Id": {"Name": "Title"}}]}, Fields=[{"Id": {"Name": "Title"}, "Type": "NAME"}])
        self.ttid, self.ttarn = template["Id"], template["Arn"]
        east.tag_resource(resourceArn=self.ttarn, tags={"owner": tag})
        self.ttname = east.get_task_template(InstanceId=self.iid, TaskTemplateId=self.ttid)["Name"]
        view = east.create_view(InstanceId=self.iid, Name=unique(f"{tag}-view"), Status="PUBLISHED", Tags={"owner": tag},
                                Content={"Template": json.dumps({"Body": [tag]}), "Actions": ["Go"]})["View"]
        self.viewid, self.viewarn = view["Id"], view["Arn"]
        east.create_view_version(InstanceId=self.iid, ViewId=self.viewid, VersionDescription=tag)
        # Rules and evaluation forms (rules-evals): a form and a rule whose task runs A's inbound flow.
        form = east.create_evaluation_form(InstanceId=self.iid, Title=f"{tag}-form", Tags={"owner": tag}, Items=[
            {"Section": {"Title": "s", "RefId": "s1", "Items": [{"Question": {"Title": "q", "RefId": "q1", "QuestionType": "TEXT"}}]}}])
        self.efid, self.efarn = form["EvaluationFormId"], form["EvaluationFormArn"]
        east.activate_evaluation_form(InstanceId=self.iid, EvaluationFormId=self.efid, EvaluationFormVersion=1)
        rule = east.create_rule(InstanceId=self.iid, Name=unique(f"{tag}-rule"), Function="true", PublishStatus="PUBLISHED",
                                TriggerEventSource={"EventSourceName": "OnPostCallAnalysisAvailable"}, Actions=[
                                    {"ActionType": "CREATE_TASK", "TaskAction": {"Name": "t", "ContactFlowId": self.inflow}}])
        self.rlid, self.rlarn = rule["RuleId"], rule["RuleArn"]
        # Workspaces (issue 15, workspaces): a workspace with a page showing A's view, a logo, and A's user assigned.
        workspace = east.create_workspace(InstanceId=self.iid, Name=unique(f"{tag}-workspace"), Tags={"owner": tag})
        self.wsid, self.wsarn = workspace["WorkspaceId"], workspace["WorkspaceArn"]
        east.create_workspace_page(InstanceId=self.iid, WorkspaceId=self.wsid, ResourceArn=self.viewarn, Page="HOME", Slug=f"{tag}-home")
        east.import_workspace_media(InstanceId=self.iid, WorkspaceId=self.wsid, MediaType="IMAGE_LOGO_LIGHT_FAVICON", MediaSource="aGVsbG8=")
        east.associate_workspace(InstanceId=self.iid, WorkspaceId=self.wsid, ResourceArns=[self.uarn])
        # config-rest: the instance's default authentication profile, renamed so that its name is A's own
        profile = east.list_authentication_profiles(InstanceId=self.iid)["AuthenticationProfileSummaryList"][0]
        self.apid, self.aparn = profile["Id"], profile["Arn"]
        east.update_authentication_profile(InstanceId=self.iid, AuthenticationProfileId=self.apid, Name=unique(f"{tag}-auth"))
        # Data tables (datatables): a table with a primary attribute, a value attribute and one record.
        table = east.create_data_table(InstanceId=self.iid, Name=unique(f"{tag}-table"), TimeZone="UTC", ValueLockLevel="NONE",
                                       Status="PUBLISHED", Tags={"owner": tag})
        self.dtid, self.dtarn = table["Id"], table["Arn"]
        east.create_data_table_attribute(InstanceId=self.iid, DataTableId=self.dtid, Name="code", ValueType="TEXT", Primary=True)
        east.create_data_table_attribute(InstanceId=self.iid, DataTableId=self.dtid, Name="v", ValueType="TEXT")
        east.batch_create_data_table_value(InstanceId=self.iid, DataTableId=self.dtid, Values=[
            {"PrimaryValues": [{"AttributeName": "code", "Value": tag}], "AttributeName": "v", "Value": tag}])
        # Test cases (resource-families): a saved test of A's inbound flow.
        test_case = east.create_test_case(InstanceId=self.iid, Name=unique(f"{tag}-test"), Content="{}", Status="SAVED", Tags={"owner": tag},
                                          EntryPoint={"Type": "CHAT", "ChatEntryPointParameters": {"FlowId": self.inflow}})
        self.tcid, self.tcarn = test_case["TestCaseId"], test_case["TestCaseArn"]
        # Notifications (resource-families): one to A's user.
        notification = east.create_notification(InstanceId=self.iid, Recipients=[self.uarn], Content={"en_US": tag}, Tags={"owner": tag})
        self.ntid, self.ntarn = notification["NotificationId"], notification["NotificationArn"]

    def secrets(self):
        """Strings that must never appear in another account's successful answers."""
        return [self.iid, self.iarn, self.hid, self.qid, self.rpid, self.uid, self.gid, self.garn, self.pid, self.parn,
                self.cid, self.kid, self.prid, self.fid, self.cfid, self.mid, self.aid, self.alias, self.profile_name, self.username,
                self.eid, self.aliasid, self.email_address, self.oid, self.chid,
                self.skid, self.scid, self.iaid, self.ucid, self.hgid, self.cspid, self.casid,
                self.smsid, self.inflow, self.qtflow, self.atflow, self.vid, self.paname, self.ttid, self.viewid,
                self.efid, self.rlid, self.wsid, self.apid, self.dtid, self.tcid, self.ntid, self.taskid, self.afid]

    def snapshot(self):
        """Everything the account can read about its resources, through every read operation."""
        e, w = self.east, self.west
        calls = {
            "DescribeInstance": lambda: e.describe_instance(InstanceId=self.iid),
            "GetAttachedFile": lambda: without_url(e.get_attached_file(InstanceId=self.iid, FileId=self.afid, AssociatedResourceArn=self.taskarn)),
            "ListAttachedFilesConfigurations": lambda: e.list_attached_files_configurations(InstanceId=self.iid),
            "DescribeInstance west": lambda: w.describe_instance(InstanceId=self.iid),
            "ListInstances": lambda: e.list_instances(),
            "ListInstanceAttributes": lambda: e.list_instance_attributes(InstanceId=self.iid),
            "DescribeInstanceAttribute": lambda: e.describe_instance_attribute(InstanceId=self.iid, AttributeType="CONTACTFLOW_LOGS"),
            "DescribeHoursOfOperation": lambda: e.describe_hours_of_operation(InstanceId=self.iid, HoursOfOperationId=self.hid),
            "ListHoursOfOperations": lambda: e.list_hours_of_operations(InstanceId=self.iid),
            "DescribeQueue": lambda: e.describe_queue(InstanceId=self.iid, QueueId=self.qid),
            "ListQueues": lambda: e.list_queues(InstanceId=self.iid),
            "DescribeRoutingProfile": lambda: e.describe_routing_profile(InstanceId=self.iid, RoutingProfileId=self.rpid),
            "ListRoutingProfiles": lambda: e.list_routing_profiles(InstanceId=self.iid),
            "ListRoutingProfileQueues": lambda: e.list_routing_profile_queues(InstanceId=self.iid, RoutingProfileId=self.rpid),
            "SearchRoutingProfiles": lambda: e.search_routing_profiles(InstanceId=self.iid),
            "SearchQueues": lambda: e.search_queues(InstanceId=self.iid),  # users-search
            "SearchHoursOfOperations": lambda: e.search_hours_of_operations(InstanceId=self.iid),  # users-search
            "SearchUsers": lambda: e.search_users(InstanceId=self.iid),  # users-search
            "DescribePredefinedAttribute": lambda: e.describe_predefined_attribute(InstanceId=self.iid, Name=self.paname),
            "ListPredefinedAttributes": lambda: e.list_predefined_attributes(InstanceId=self.iid),
            "SearchPredefinedAttributes": lambda: e.search_predefined_attributes(InstanceId=self.iid),
            "ListUserProficiencies": lambda: e.list_user_proficiencies(InstanceId=self.iid, UserId=self.uid),
            "DescribeUser": lambda: e.describe_user(InstanceId=self.iid, UserId=self.uid),
            "ListUsers": lambda: e.list_users(InstanceId=self.iid),
            "ListSecurityProfiles": lambda: e.list_security_profiles(InstanceId=self.iid),
            "ListAgentStatuses": lambda: e.list_agent_statuses(InstanceId=self.iid),
            "DescribeAgentStatus": lambda: e.describe_agent_status(InstanceId=self.iid, AgentStatusId=self.asid),
            "DescribeTrafficDistributionGroup": lambda: e.describe_traffic_distribution_group(TrafficDistributionGroupId=self.gid),
            "ListTrafficDistributionGroups": lambda: e.list_traffic_distribution_groups(InstanceId=self.iid),
            "ListTrafficDistributionGroupUsers": lambda: e.list_traffic_distribution_group_users(TrafficDistributionGroupId=self.gid),
            "GetTrafficDistribution": lambda: e.get_traffic_distribution(Id=self.garn),
            "DescribePhoneNumber": lambda: e.describe_phone_number(PhoneNumberId=self.pid),
            "DescribeContact": lambda: e.describe_contact(InstanceId=self.iid, ContactId=self.cid),
            "DescribeQuickConnect": lambda: e.describe_quick_connect(InstanceId=self.iid, QuickConnectId=self.kid),
            "ListQuickConnects": lambda: e.list_quick_connects(InstanceId=self.iid),
            "DescribePrompt": lambda: e.describe_prompt(InstanceId=self.iid, PromptId=self.prid),
            "ListPrompts": lambda: e.list_prompts(InstanceId=self.iid),
            "SearchPrompts": lambda: e.search_prompts(InstanceId=self.iid),
            "GetPromptFile": lambda: e.get_prompt_file(InstanceId=self.iid, PromptId=self.prid),
            "DescribeContactFlow": lambda: e.describe_contact_flow(InstanceId=self.iid, ContactFlowId=self.fid),
            "ListContactFlows": lambda: e.list_contact_flows(InstanceId=self.iid),
            "SearchContactFlows": lambda: e.search_contact_flows(InstanceId=self.iid),
            "ListContactFlowVersions": lambda: e.list_contact_flow_versions(InstanceId=self.iid, ContactFlowId=self.cfid),
            "DescribeContactFlow version": lambda: e.describe_contact_flow(InstanceId=self.iid, ContactFlowId=self.cfid + ":1"),
            # Flow modules (issue 14, modules part)
            "DescribeContactFlowModule": lambda: e.describe_contact_flow_module(InstanceId=self.iid, ContactFlowModuleId=self.mid),
            "DescribeContactFlowModule version": lambda: e.describe_contact_flow_module(InstanceId=self.iid, ContactFlowModuleId=self.mid + ":1"),
            "ListContactFlowModules": lambda: e.list_contact_flow_modules(InstanceId=self.iid),
            "SearchContactFlowModules": lambda: e.search_contact_flow_modules(InstanceId=self.iid),
            "ListContactFlowModuleVersions": lambda: e.list_contact_flow_module_versions(InstanceId=self.iid, ContactFlowModuleId=self.mid),
            "ListContactFlowModuleAliases": lambda: e.list_contact_flow_module_aliases(InstanceId=self.iid, ContactFlowModuleId=self.mid),
            "DescribeContactFlowModuleAlias": lambda: e.describe_contact_flow_module_alias(
                InstanceId=self.iid, ContactFlowModuleId=self.mid, AliasId=self.aid),
            "ListQueueQuickConnects": lambda: e.list_queue_quick_connects(InstanceId=self.iid, QueueId=self.qid),
            "SearchQuickConnects": lambda: e.search_quick_connects(InstanceId=self.iid),
            "ListPhoneNumbersV2": lambda: e.list_phone_numbers_v2(),
            "DescribeUserHierarchyGroup": lambda: e.describe_user_hierarchy_group(InstanceId=self.iid, HierarchyGroupId=self.hgid),
            "ListUserHierarchyGroups": lambda: e.list_user_hierarchy_groups(InstanceId=self.iid),
            "SearchUserHierarchyGroups": lambda: e.search_user_hierarchy_groups(InstanceId=self.iid),
            "DescribeUserHierarchyStructure": lambda: e.describe_user_hierarchy_structure(InstanceId=self.iid),
            "SearchAvailablePhoneNumbers": lambda: e.search_available_phone_numbers(
                InstanceId=self.iid, PhoneNumberCountryCode="US", PhoneNumberType="DID", MaxResults=10),
            # email addresses (issue 15)
            "DescribeEmailAddress": lambda: e.describe_email_address(InstanceId=self.iid, EmailAddressId=self.eid),
            "SearchEmailAddresses": lambda: e.search_email_addresses(InstanceId=self.iid),
            "ListQueueEmailAddresses": lambda: e.list_queue_email_addresses(InstanceId=self.iid, QueueId=self.qid),
            "ListRoutingProfileManualAssignmentQueues": lambda: e.list_routing_profile_manual_assignment_queues(InstanceId=self.iid, RoutingProfileId=self.rpid),
            # hours overrides (issue 15)
            "ListHoursOfOperationOverrides": lambda: e.list_hours_of_operation_overrides(InstanceId=self.iid, HoursOfOperationId=self.hid),
            "DescribeHoursOfOperationOverride": lambda: e.describe_hours_of_operation_override(
                InstanceId=self.iid, HoursOfOperationId=self.hid, HoursOfOperationOverrideId=self.oid),
            "ListChildHoursOfOperations": lambda: e.list_child_hours_of_operations(InstanceId=self.iid, HoursOfOperationId=self.hid),
            "DescribeHoursOfOperation child": lambda: e.describe_hours_of_operation(InstanceId=self.iid, HoursOfOperationId=self.chid),
            "GetEffectiveHoursOfOperations": lambda: e.get_effective_hours_of_operations(
                InstanceId=self.iid, HoursOfOperationId=self.chid, FromDate="2026-03-01", ToDate="2026-03-07"),
        }
        calls.update({  # flow references and associations (flow-refs)
            "GetFlowAssociation": lambda: e.get_flow_association(InstanceId=self.iid, ResourceId=self.smsarn, ResourceType="SMS_PHONE_NUMBER"),
            "ListFlowAssociations": lambda: e.list_flow_associations(InstanceId=self.iid),
            "BatchGetFlowAssociation": lambda: e.batch_get_flow_association(InstanceId=self.iid, ResourceIds=[self.smsarn, self.parn]),
            "ListPhoneNumbers": lambda: e.list_phone_numbers(InstanceId=self.iid),
        })
        calls.update({  # integrations
            "ListLambdaFunctions": lambda: e.list_lambda_functions(InstanceId=self.iid),
            "ListApprovedOrigins": lambda: e.list_approved_origins(InstanceId=self.iid),
            "ListBots": lambda: e.list_bots(InstanceId=self.iid, LexVersion="V2"),
            "ListLexBots": lambda: e.list_lex_bots(InstanceId=self.iid),
            "ListSecurityKeys": lambda: e.list_security_keys(InstanceId=self.iid),
            "DescribeInstanceStorageConfig": lambda: e.describe_instance_storage_config(
                InstanceId=self.iid, AssociationId=self.scid, ResourceType="CHAT_TRANSCRIPTS"),
            "ListInstanceStorageConfigs": lambda: e.list_instance_storage_configs(InstanceId=self.iid, ResourceType="CHAT_TRANSCRIPTS"),
            "ListIntegrationAssociations": lambda: e.list_integration_associations(InstanceId=self.iid),
            "ListUseCases": lambda: e.list_use_cases(InstanceId=self.iid, IntegrationAssociationId=self.iaid),
            "ListTagsForResource integration association": lambda: e.list_tags_for_resource(resourceArn=self.iaarn),
            "ListTagsForResource use case": lambda: e.list_tags_for_resource(resourceArn=self.ucarn),
        })
        calls.update({  # security profiles and agent statuses (issue 15)
            "DescribeSecurityProfile": lambda: e.describe_security_profile(InstanceId=self.iid, SecurityProfileId=self.cspid),
            "SearchSecurityProfiles": lambda: e.search_security_profiles(InstanceId=self.iid),
            "ListSecurityProfilePermissions": lambda: e.list_security_profile_permissions(InstanceId=self.iid, SecurityProfileId=self.cspid),
            "ListSecurityProfileApplications": lambda: e.list_security_profile_applications(InstanceId=self.iid, SecurityProfileId=self.cspid),
            "ListSecurityProfileFlowModules": lambda: e.list_security_profile_flow_modules(InstanceId=self.iid, SecurityProfileId=self.cspid),
            "ListEntitySecurityProfiles": lambda: e.list_entity_security_profiles(InstanceId=self.iid, EntityType="AI_AGENT", EntityArn=self.ai_agent),
            "DescribeAgentStatus custom": lambda: e.describe_agent_status(InstanceId=self.iid, AgentStatusId=self.casid),
            "SearchAgentStatuses": lambda: e.search_agent_statuses(InstanceId=self.iid),
        })
        calls.update({  # vocabularies (issue 15, iac branch)
            "DescribeVocabulary": lambda: e.describe_vocabulary(InstanceId=self.iid, VocabularyId=self.vid),
            "SearchVocabularies": lambda: e.search_vocabularies(InstanceId=self.iid),
            "ListDefaultVocabularies": lambda: e.list_default_vocabularies(InstanceId=self.iid),
            "ListTagsForResource vocabulary": lambda: e.list_tags_for_resource(resourceArn=self.varn),
        })
        calls.update({  # task templates and views (templates-views)
            "GetTaskTemplate": lambda: e.get_task_template(InstanceId=self.iid, TaskTemplateId=self.ttid),
            "ListTaskTemplates": lambda: e.list_task_templates(InstanceId=self.iid),
            "DescribeView": lambda: e.describe_view(InstanceId=self.iid, ViewId=self.viewid),
            "DescribeView $SAVED": lambda: e.describe_view(InstanceId=self.iid, ViewId=self.viewid + ":$SAVED"),
            "DescribeView 1": lambda: e.describe_view(InstanceId=self.iid, ViewId=self.viewid + ":1"),
            "ListViews": lambda: e.list_views(InstanceId=self.iid),
            "ListViewVersions": lambda: e.list_view_versions(InstanceId=self.iid, ViewId=self.viewid),
            "ListTagsForResource task template": lambda: e.list_tags_for_resource(resourceArn=self.ttarn),
            "ListTagsForResource view": lambda: e.list_tags_for_resource(resourceArn=self.viewarn),
        })
        calls.update({  # rules and evaluation forms (rules-evals)
            "DescribeRule": lambda: e.describe_rule(InstanceId=self.iid, RuleId=self.rlid),
            "ListRules": lambda: e.list_rules(InstanceId=self.iid),
            "DescribeEvaluationForm": lambda: e.describe_evaluation_form(InstanceId=self.iid, EvaluationFormId=self.efid),
            "ListEvaluationForms": lambda: e.list_evaluation_forms(InstanceId=self.iid),
            "SearchEvaluationForms": lambda: e.search_evaluation_forms(InstanceId=self.iid),
            "ListEvaluationFormVersions": lambda: e.list_evaluation_form_versions(InstanceId=self.iid, EvaluationFormId=self.efid),
            "ListTagsForResource rule": lambda: e.list_tags_for_resource(resourceArn=self.rlarn),
            "ListTagsForResource evaluation form": lambda: e.list_tags_for_resource(resourceArn=self.efarn),
        })
        calls.update({  # workspaces (issue 15, workspaces)
            "DescribeWorkspace": lambda: e.describe_workspace(InstanceId=self.iid, WorkspaceId=self.wsid),
            "ListWorkspaces": lambda: e.list_workspaces(InstanceId=self.iid),
            "SearchWorkspaces": lambda: e.search_workspaces(InstanceId=self.iid),
            "ListWorkspacePages": lambda: e.list_workspace_pages(InstanceId=self.iid, WorkspaceId=self.wsid),
            "ListWorkspaceMedia": lambda: e.list_workspace_media(InstanceId=self.iid, WorkspaceId=self.wsid),
            "SearchWorkspaceAssociations": lambda: e.search_workspace_associations(InstanceId=self.iid),
            "ListTagsForResource workspace": lambda: e.list_tags_for_resource(resourceArn=self.wsarn),
        })
        calls.update({  # authentication profiles (config-rest)
            "DescribeAuthenticationProfile": lambda: e.describe_authentication_profile(InstanceId=self.iid, AuthenticationProfileId=self.apid),
            "ListAuthenticationProfiles": lambda: e.list_authentication_profiles(InstanceId=self.iid),
        })
        calls.update({  # data tables (datatables)
            "DescribeDataTable": lambda: e.describe_data_table(InstanceId=self.iid, DataTableId=self.dtid),
            "ListDataTables": lambda: e.list_data_tables(InstanceId=self.iid),
            "SearchDataTables": lambda: e.search_data_tables(InstanceId=self.iid),
            "ListDataTableAttributes": lambda: e.list_data_table_attributes(InstanceId=self.iid, DataTableId=self.dtid),
            "ListDataTableValues": lambda: e.list_data_table_values(InstanceId=self.iid, DataTableId=self.dtid),
            "ListDataTablePrimaryValues": lambda: e.list_data_table_primary_values(InstanceId=self.iid, DataTableId=self.dtid),
            "ListTagsForResource data table": lambda: e.list_tags_for_resource(resourceArn=self.dtarn),
        })
        calls.update({  # test cases (resource-families)
            "DescribeTestCase": lambda: e.describe_test_case(InstanceId=self.iid, TestCaseId=self.tcid),
            "ListTestCases": lambda: e.list_test_cases(InstanceId=self.iid),
            "SearchTestCases": lambda: e.search_test_cases(InstanceId=self.iid),
            "ListTagsForResource test case": lambda: e.list_tags_for_resource(resourceArn=self.tcarn),
        })
        calls.update({  # notifications (resource-families)
            "DescribeNotification": lambda: e.describe_notification(InstanceId=self.iid, NotificationId=self.ntid),
            "ListNotifications": lambda: e.list_notifications(InstanceId=self.iid),
            "SearchNotifications": lambda: e.search_notifications(InstanceId=self.iid),
            "ListUserNotifications": lambda: e.list_user_notifications(InstanceId=self.iid, UserId=self.uid),
            "ListTagsForResource notification": lambda: e.list_tags_for_resource(resourceArn=self.ntarn),
        })
        for name, arn in (("instance", self.iarn), ("hours", self.harn), ("queue", self.qarn), ("profile", self.rparn),
                          ("user", self.uarn), ("tdg", self.garn), ("number", self.parn), ("quick connect", self.karn), ("prompt", self.prarn),
                          ("flow", self.farn), ("module", self.marn), ("email address", self.earn),
                          ("hierarchy group", self.hgarn)):
            calls[f"ListTagsForResource {name}"] = lambda arn=arn: e.list_tags_for_resource(resourceArn=arn)
        return {name: outcome(call) for name, call in calls.items()}


def refs_of(world):
    return {k: getattr(world, k) for k in ("iid", "iarn", "hid", "harn", "qid", "qarn", "rpid", "rparn", "uid", "uarn",
                                          "spid", "sparn", "asid", "asarn", "gid", "garn", "pid", "parn", "number", "cid", "kid", "karn", "prid", "prarn", "fid", "farn", "cfid", "cfarn",
                                          "mid", "marn", "aid", "eid", "earn", "aliasid", "oid", "chid",
                                          "skid", "scid", "iaid", "iaarn", "ucid", "ucarn", "hgid", "hgarn", "cspid", "csparn", "casid", "casarn",
                                          "smsid", "smsarn", "inflow", "qtflow", "atflow", "vid", "varn",
                                          "ttid", "ttarn", "viewid", "viewarn", "rlid", "rlarn", "efid", "efarn",
                                          "wsid", "wsarn", "apid", "aparn", "dtid", "dtarn", "tcid", "tcarn", "ntid", "ntarn", "taskid", "taskarn", "afid")}


def missing_like(refs):
    """The same references with every id replaced by one that exists nowhere (ARNs keep the account and shape)."""
    fake = {}
    ids = {refs[k]: str(uuid.uuid4()) for k in ("iid", "hid", "qid", "rpid", "uid", "spid", "asid", "gid", "pid", "cid", "kid", "prid", "fid", "cfid",
                                                "mid", "aid", "eid", "aliasid", "oid", "chid", "skid", "scid", "iaid", "ucid", "hgid", "cspid", "casid",
                                                "smsid", "inflow", "qtflow", "atflow", "vid", "ttid", "viewid", "rlid", "efid",
                                                "wsid", "apid", "dtid", "tcid", "taskid", "afid")}
    for key, value in refs.items():
        for old, new in ids.items():
            value = value.replace(old, new)
        fake[key] = value
    fake["number"] = refs["number"]
    return fake


class AccountIsolationTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        support.require_server()
        cls.a_account, cls.b_account = account(), account()
        while cls.b_account == cls.a_account:
            cls.b_account = account()
        cls.a = World(cls.a_account, "a")
        cls.b = World(cls.b_account, "b")
        cls.exercised = set()

    def attacks(self):
        """(operation, label, call(refs)) for every implemented operation; refs are A's resources or missing ones."""
        b, bw, mine = self.b.east, self.b.west, self.b
        qref = lambda r: [{"QueueId": r["qid"], "Channel": "VOICE"}]  # noqa: E731
        qconf = lambda r: [{"QueueReference": {"QueueId": r["qid"], "Channel": "VOICE"}, "Priority": 1, "Delay": 0}]  # noqa: E731
        phone_qc = {"QuickConnectType": "PHONE_NUMBER", "PhoneConfig": {"PhoneNumber": "+12065550123"}}
        queue_qc = lambda q, f=mine.qtflow: {"QuickConnectType": "QUEUE", "QueueConfig": {"QueueId": q, "ContactFlowId": f}}  # noqa: E731
        user_qc = lambda u, f=mine.atflow: {"QuickConnectType": "USER", "UserConfig": {"UserId": u, "ContactFlowId": f}}  # noqa: E731
        dist = {"Distributions": [{"Region": EAST, "Percentage": 100}, {"Region": WEST, "Percentage": 0}]}
        attacks = [
            # instances
            ("DescribeInstance", "by id", lambda r: b.describe_instance(InstanceId=r["iid"])),
            ("DescribeInstance", "by ARN", lambda r: b.describe_instance(InstanceId=r["iarn"])),
            ("DescribeInstance", "in the replica Region", lambda r: bw.describe_instance(InstanceId=r["iarn"])),
            ("ReplicateInstance", "", lambda r: b.replicate_instance(InstanceId=r["iid"], ReplicaRegion="eu-west-2", ReplicaAlias=unique("x"))),
            ("DescribeInstanceAttribute", "", lambda r: b.describe_instance_attribute(InstanceId=r["iid"], AttributeType="CONTACTFLOW_LOGS")),
            ("UpdateInstanceAttribute", "", lambda r: b.update_instance_attribute(InstanceId=r["iid"], AttributeType="CONTACTFLOW_LOGS", Value="false")),
            ("ListInstanceAttributes", "", lambda r: b.list_instance_attributes(InstanceId=r["iid"])),
            # hours of operation
            ("DescribeHoursOfOperation", "", lambda r: b.describe_hours_of_operation(InstanceId=r["iid"], HoursOfOperationId=r["hid"])),
            ("DescribeHoursOfOperation", "from B's instance", lambda r: b.describe_hours_of_operation(InstanceId=mine.iid, HoursOfOperationId=r["hid"])),
            ("UpdateHoursOfOperation", "", lambda r: b.update_hours_of_operation(InstanceId=r["iid"], HoursOfOperationId=r["hid"], Name="taken")),
            ("ListHoursOfOperations", "", lambda r: b.list_hours_of_operations(InstanceId=r["iid"])),
            ("CreateHoursOfOperation", "in A's instance", lambda r: b.create_hours_of_operation(InstanceId=r["iid"], Name=unique("h"), TimeZone="UTC", Config=[])),
            ("CreateHoursOfOperation", "with A's hours as parent", lambda r: b.create_hours_of_operation(
                InstanceId=mine.iid, Name=unique("h"), TimeZone="UTC", Config=[], ParentHoursOfOperationConfigs=[{"HoursOfOperationId": r["hid"]}])),
            # queues
            ("DescribeQueue", "", lambda r: b.describe_queue(InstanceId=r["iid"], QueueId=r["qid"])),
            ("DescribeQueue", "from B's instance by ARN", lambda r: b.describe_queue(InstanceId=mine.iid, QueueId=r["qarn"])),
            ("DescribeQueue", "with A's instance ARN", lambda r: b.describe_queue(InstanceId=r["iarn"], QueueId=r["qid"])),
            ("ListQueues", "", lambda r: b.list_queues(InstanceId=r["iid"])),
            ("CreateQueue", "in A's instance", lambda r: b.create_queue(InstanceId=r["iid"], Name=unique("q"), HoursOfOperationId=r["hid"])),
            ("CreateQueue", "with A's hours", lambda r: b.create_queue(InstanceId=mine.iid, Name=unique("q"), HoursOfOperationId=r["hid"])),
            ("UpdateQueueHoursOfOperation", "", lambda r: b.update_queue_hours_of_operation(InstanceId=r["iid"], QueueId=r["qid"], HoursOfOperationId=r["hid"])),
            ("UpdateQueueHoursOfOperation", "B's queue to A's hours", lambda r: b.update_queue_hours_of_operation(
                InstanceId=mine.iid, QueueId=mine.qid, HoursOfOperationId=r["hid"])),
            ("UpdateQueueMaxContacts", "", lambda r: b.update_queue_max_contacts(InstanceId=r["iid"], QueueId=r["qid"], MaxContacts=1)),
            ("UpdateQueueName", "", lambda r: b.update_queue_name(InstanceId=r["iid"], QueueId=r["qid"], Name="taken")),
            ("UpdateQueueOutboundCallerConfig", "", lambda r: b.update_queue_outbound_caller_config(
                InstanceId=r["iid"], QueueId=r["qid"], OutboundCallerConfig={"OutboundCallerIdName": "x"})),
            ("UpdateQueueStatus", "", lambda r: b.update_queue_status(InstanceId=r["iid"], QueueId=r["qid"], Status="DISABLED")),
            # routing profiles
            ("DescribeRoutingProfile", "", lambda r: b.describe_routing_profile(InstanceId=r["iid"], RoutingProfileId=r["rpid"])),
            ("DescribeRoutingProfile", "from B's instance", lambda r: b.describe_routing_profile(InstanceId=mine.iid, RoutingProfileId=r["rpid"])),
            ("ListRoutingProfiles", "", lambda r: b.list_routing_profiles(InstanceId=r["iid"])),
            ("ListRoutingProfileQueues", "", lambda r: b.list_routing_profile_queues(InstanceId=r["iid"], RoutingProfileId=r["rpid"])),
            ("SearchRoutingProfiles", "", lambda r: b.search_routing_profiles(InstanceId=r["iid"])),
            ("CreateRoutingProfile", "in A's instance", lambda r: b.create_routing_profile(
                InstanceId=r["iid"], Name=unique("p"), Description="d", DefaultOutboundQueueId=r["qid"], MediaConcurrencies=[{"Channel": "VOICE", "Concurrency": 1}])),
            ("CreateRoutingProfile", "with A's queue as default", lambda r: b.create_routing_profile(
                InstanceId=mine.iid, Name=unique("p"), Description="d", DefaultOutboundQueueId=r["qid"], MediaConcurrencies=[{"Channel": "VOICE", "Concurrency": 1}])),
            ("CreateRoutingProfile", "with A's queue configured", lambda r: b.create_routing_profile(
                InstanceId=mine.iid, Name=unique("p"), Description="d", DefaultOutboundQueueId=mine.qid,
                MediaConcurrencies=[{"Channel": "VOICE", "Concurrency": 1}], QueueConfigs=qconf(r))),
            ("AssociateRoutingProfileQueues", "", lambda r: b.associate_routing_profile_queues(InstanceId=r["iid"], RoutingProfileId=r["rpid"], QueueConfigs=qconf(r))),
            ("AssociateRoutingProfileQueues", "A's queue to B's profile", lambda r: b.associate_routing_profile_queues(
                InstanceId=mine.iid, RoutingProfileId=mine.rpid, QueueConfigs=qconf(r))),
            ("DisassociateRoutingProfileQueues", "", lambda r: b.disassociate_routing_profile_queues(InstanceId=r["iid"], RoutingProfileId=r["rpid"], QueueReferences=qref(r))),
            ("DisassociateRoutingProfileQueues", "A's queue from B's profile", lambda r: b.disassociate_routing_profile_queues(
                InstanceId=mine.iid, RoutingProfileId=mine.rpid, QueueReferences=qref(r))),
            ("UpdateRoutingProfileQueues", "", lambda r: b.update_routing_profile_queues(InstanceId=r["iid"], RoutingProfileId=r["rpid"], QueueConfigs=qconf(r))),
            ("UpdateRoutingProfileQueues", "A's queue in B's profile", lambda r: b.update_routing_profile_queues(
                InstanceId=mine.iid, RoutingProfileId=mine.rpid, QueueConfigs=qconf(r))),
            ("UpdateRoutingProfileConcurrency", "", lambda r: b.update_routing_profile_concurrency(
                InstanceId=r["iid"], RoutingProfileId=r["rpid"], MediaConcurrencies=[{"Channel": "VOICE", "Concurrency": 1}])),
            ("UpdateRoutingProfileDefaultOutboundQueue", "", lambda r: b.update_routing_profile_default_outbound_queue(
                InstanceId=r["iid"], RoutingProfileId=r["rpid"], DefaultOutboundQueueId=r["qid"])),
            ("UpdateRoutingProfileDefaultOutboundQueue", "B's profile to A's queue", lambda r: b.update_routing_profile_default_outbound_queue(
                InstanceId=mine.iid, RoutingProfileId=mine.rpid, DefaultOutboundQueueId=r["qid"])),
            ("UpdateRoutingProfileName", "", lambda r: b.update_routing_profile_name(InstanceId=r["iid"], RoutingProfileId=r["rpid"], Name="taken")),
            ("UpdateRoutingProfileAgentAvailabilityTimer", "", lambda r: b.update_routing_profile_agent_availability_timer(
                InstanceId=r["iid"], RoutingProfileId=r["rpid"], AgentAvailabilityTimer="TIME_SINCE_LAST_INBOUND")),
            # users, security profiles, agent statuses
            ("DescribeUser", "", lambda r: b.describe_user(InstanceId=r["iid"], UserId=r["uid"])),
            ("DescribeUser", "from B's instance", lambda r: b.describe_user(InstanceId=mine.iid, UserId=r["uid"])),
            ("ListUsers", "", lambda r: b.list_users(InstanceId=r["iid"])),
            ("CreateUser", "in A's instance", lambda r: b.create_user(
                Username=unique("u"), InstanceId=r["iid"], PhoneConfig={"PhoneType": "SOFT_PHONE"},
                SecurityProfileIds=[r["spid"]], RoutingProfileId=r["rpid"])),
            ("CreateUser", "with A's security profile", lambda r: b.create_user(
                Username=unique("u"), InstanceId=mine.iid, PhoneConfig={"PhoneType": "SOFT_PHONE"},
                IdentityInfo={"FirstName": "Eve", "LastName": "B"}, SecurityProfileIds=[r["spid"]], RoutingProfileId=mine.rpid)),
            ("CreateUser", "with A's routing profile", lambda r: b.create_user(
                Username=unique("u"), InstanceId=mine.iid, PhoneConfig={"PhoneType": "SOFT_PHONE"},
                IdentityInfo={"FirstName": "Eve", "LastName": "B"}, SecurityProfileIds=[mine.spid], RoutingProfileId=r["rpid"])),
            ("UpdateUserIdentityInfo", "", lambda r: b.update_user_identity_info(InstanceId=r["iid"], UserId=r["uid"], IdentityInfo={"FirstName": "Eve"})),
            ("UpdateUserPhoneConfig", "", lambda r: b.update_user_phone_config(InstanceId=r["iid"], UserId=r["uid"], PhoneConfig={"PhoneType": "DESK_PHONE", "DeskPhoneNumber": "+15555550100"})),
            ("UpdateUserRoutingProfile", "", lambda r: b.update_user_routing_profile(InstanceId=r["iid"], UserId=r["uid"], RoutingProfileId=r["rpid"])),
            ("UpdateUserRoutingProfile", "B's user to A's profile", lambda r: b.update_user_routing_profile(
                InstanceId=mine.iid, UserId=mine.uid, RoutingProfileId=r["rpid"])),
            ("UpdateUserSecurityProfiles", "", lambda r: b.update_user_security_profiles(InstanceId=r["iid"], UserId=r["uid"], SecurityProfileIds=[r["spid"]])),
            ("UpdateUserSecurityProfiles", "B's user to A's profile", lambda r: b.update_user_security_profiles(
                InstanceId=mine.iid, UserId=mine.uid, SecurityProfileIds=[r["spid"]])),
            ("PutUserStatus", "", lambda r: b.put_user_status(InstanceId=r["iid"], UserId=r["uid"], AgentStatusId=r["asid"])),
            ("PutUserStatus", "B's user to A's status", lambda r: b.put_user_status(InstanceId=mine.iid, UserId=mine.uid, AgentStatusId=r["asid"])),
            ("PutUserStatus", "B's user to A's status by ARN", lambda r: b.put_user_status(InstanceId=mine.iid, UserId=mine.uid, AgentStatusId=r["asarn"])),
            ("ListSecurityProfiles", "", lambda r: b.list_security_profiles(InstanceId=r["iid"])),
            ("ListAgentStatuses", "", lambda r: b.list_agent_statuses(InstanceId=r["iid"])),
            ("DescribeAgentStatus", "", lambda r: b.describe_agent_status(InstanceId=r["iid"], AgentStatusId=r["asid"])),
            ("DescribeAgentStatus", "from B's instance", lambda r: b.describe_agent_status(InstanceId=mine.iid, AgentStatusId=r["asid"])),
            # quick connects
            ("DescribeQuickConnect", "", lambda r: b.describe_quick_connect(InstanceId=r["iid"], QuickConnectId=r["kid"])),
            ("DescribeQuickConnect", "from B's instance", lambda r: b.describe_quick_connect(InstanceId=mine.iid, QuickConnectId=r["kid"])),
            ("DescribeQuickConnect", "by ARN from B's instance", lambda r: b.describe_quick_connect(InstanceId=mine.iid, QuickConnectId=r["karn"])),
            ("ListQuickConnects", "", lambda r: b.list_quick_connects(InstanceId=r["iid"])),
            ("SearchQuickConnects", "", lambda r: b.search_quick_connects(InstanceId=r["iid"])),
            ("CreateQuickConnect", "in A's instance", lambda r: b.create_quick_connect(InstanceId=r["iid"], Name=unique("k"), QuickConnectConfig=phone_qc)),
            ("CreateQuickConnect", "to A's queue", lambda r: b.create_quick_connect(InstanceId=mine.iid, Name=unique("k"), QuickConnectConfig=queue_qc(r["qid"]))),
            ("CreateQuickConnect", "to A's user", lambda r: b.create_quick_connect(InstanceId=mine.iid, Name=unique("k"), QuickConnectConfig=user_qc(r["uid"]))),
            ("UpdateQuickConnectName", "", lambda r: b.update_quick_connect_name(InstanceId=r["iid"], QuickConnectId=r["kid"], Name="taken")),
            ("UpdateQuickConnectName", "in B's instance", lambda r: b.update_quick_connect_name(InstanceId=mine.iid, QuickConnectId=r["kid"], Name="taken")),
            ("UpdateQuickConnectConfig", "", lambda r: b.update_quick_connect_config(InstanceId=r["iid"], QuickConnectId=r["kid"], QuickConnectConfig=phone_qc)),
            ("UpdateQuickConnectConfig", "B's to A's queue", lambda r: b.update_quick_connect_config(
                InstanceId=mine.iid, QuickConnectId=mine.kid, QuickConnectConfig=queue_qc(r["qid"]))),
            ("UpdateQuickConnectConfig", "B's to A's user by ARN", lambda r: b.update_quick_connect_config(
                InstanceId=mine.iid, QuickConnectId=mine.kid, QuickConnectConfig=user_qc(r["uarn"]))),
            ("ListQueueQuickConnects", "", lambda r: b.list_queue_quick_connects(InstanceId=r["iid"], QueueId=r["qid"])),
            ("ListQueueQuickConnects", "from B's instance", lambda r: b.list_queue_quick_connects(InstanceId=mine.iid, QueueId=r["qid"])),
            ("AssociateQueueQuickConnects", "", lambda r: b.associate_queue_quick_connects(InstanceId=r["iid"], QueueId=r["qid"], QuickConnectIds=[r["kid"]])),
            ("AssociateQueueQuickConnects", "A's quick connect to B's queue", lambda r: b.associate_queue_quick_connects(
                InstanceId=mine.iid, QueueId=mine.qid, QuickConnectIds=[r["kid"]])),
            ("AssociateQueueQuickConnects", "B's quick connect to A's queue", lambda r: b.associate_queue_quick_connects(
                InstanceId=mine.iid, QueueId=r["qid"], QuickConnectIds=[mine.kid])),
            ("DisassociateQueueQuickConnects", "", lambda r: b.disassociate_queue_quick_connects(InstanceId=r["iid"], QueueId=r["qid"], QuickConnectIds=[r["kid"]])),
            ("DisassociateQueueQuickConnects", "A's quick connect from B's queue", lambda r: b.disassociate_queue_quick_connects(
                InstanceId=mine.iid, QueueId=mine.qid, QuickConnectIds=[r["kid"]])),
            # contact flows
            ("DescribeContactFlow", "", lambda r: b.describe_contact_flow(InstanceId=r["iid"], ContactFlowId=r["fid"])),
            ("DescribeContactFlow", "from B's instance by ARN", lambda r: b.describe_contact_flow(InstanceId=mine.iid, ContactFlowId=r["farn"])),
            ("ListContactFlows", "", lambda r: b.list_contact_flows(InstanceId=r["iid"])),
            ("SearchContactFlows", "", lambda r: b.search_contact_flows(InstanceId=r["iid"])),
            ("CreateContactFlow", "in A's instance", lambda r: b.create_contact_flow(
                InstanceId=r["iid"], Name=unique("f"), Type="CONTACT_FLOW", Content=FLOW_CONTENT)),
            ("UpdateContactFlowName", "", lambda r: b.update_contact_flow_name(InstanceId=r["iid"], ContactFlowId=r["fid"], Name="taken")),
            ("UpdateContactFlowName", "in B's instance", lambda r: b.update_contact_flow_name(InstanceId=mine.iid, ContactFlowId=r["fid"], Name="taken")),
            ("UpdateContactFlowMetadata", "", lambda r: b.update_contact_flow_metadata(
                InstanceId=r["iid"], ContactFlowId=r["fid"], ContactFlowState="ARCHIVED")),
            ("UpdateContactFlowMetadata", "in B's instance by ARN", lambda r: b.update_contact_flow_metadata(
                InstanceId=mine.iid, ContactFlowId=r["farn"], Description="mine")),
            ("DescribeContactFlow", "a version", lambda r: b.describe_contact_flow(InstanceId=r["iid"], ContactFlowId=r["cfid"] + ":1")),
            ("DescribeContactFlow", "a version by ARN from B's instance", lambda r: b.describe_contact_flow(InstanceId=mine.iid, ContactFlowId=r["cfarn"] + ":1")),
            ("CreateContactFlowVersion", "", lambda r: b.create_contact_flow_version(InstanceId=r["iid"], ContactFlowId=r["cfid"])),
            ("CreateContactFlowVersion", "by ARN in B's instance", lambda r: b.create_contact_flow_version(InstanceId=mine.iid, ContactFlowId=r["cfarn"])),
            ("ListContactFlowVersions", "", lambda r: b.list_contact_flow_versions(InstanceId=r["iid"], ContactFlowId=r["cfid"])),
            ("ListContactFlowVersions", "by ARN from B's instance", lambda r: b.list_contact_flow_versions(InstanceId=mine.iid, ContactFlowId=r["farn"])),
            ("UpdateContactFlowContent", "", lambda r: b.update_contact_flow_content(InstanceId=r["iid"], ContactFlowId=r["fid"], Content=FLOW_CONTENT)),
            ("UpdateContactFlowContent", "in B's instance", lambda r: b.update_contact_flow_content(
                InstanceId=mine.iid, ContactFlowId=r["fid"], Content=FLOW_CONTENT)),
            # flow modules (issue 14, modules part)
            ("DescribeContactFlowModule", "", lambda r: b.describe_contact_flow_module(InstanceId=r["iid"], ContactFlowModuleId=r["mid"])),
            ("DescribeContactFlowModule", "from B's instance by ARN", lambda r: b.describe_contact_flow_module(
                InstanceId=mine.iid, ContactFlowModuleId=r["marn"])),
            ("DescribeContactFlowModule", "a version by ARN from B's instance", lambda r: b.describe_contact_flow_module(
                InstanceId=mine.iid, ContactFlowModuleId=r["marn"] + ":1")),
            ("ListContactFlowModules", "", lambda r: b.list_contact_flow_modules(InstanceId=r["iid"])),
            ("SearchContactFlowModules", "", lambda r: b.search_contact_flow_modules(InstanceId=r["iid"])),
            ("CreateContactFlowModule", "in A's instance", lambda r: b.create_contact_flow_module(
                InstanceId=r["iid"], Name=unique("m"), Content=MODULE_CONTENT)),
            ("UpdateContactFlowModuleMetadata", "", lambda r: b.update_contact_flow_module_metadata(
                InstanceId=r["iid"], ContactFlowModuleId=r["mid"], State="ARCHIVED")),
            ("UpdateContactFlowModuleMetadata", "in B's instance by ARN", lambda r: b.update_contact_flow_module_metadata(
                InstanceId=mine.iid, ContactFlowModuleId=r["marn"], Description="mine")),
            ("UpdateContactFlowModuleContent", "", lambda r: b.update_contact_flow_module_content(
                InstanceId=r["iid"], ContactFlowModuleId=r["mid"], Content=MODULE_CONTENT)),
            ("UpdateContactFlowModuleContent", "in B's instance", lambda r: b.update_contact_flow_module_content(
                InstanceId=mine.iid, ContactFlowModuleId=r["mid"], Content=MODULE_CONTENT)),
            ("CreateContactFlowModuleVersion", "", lambda r: b.create_contact_flow_module_version(InstanceId=r["iid"], ContactFlowModuleId=r["mid"])),
            ("CreateContactFlowModuleVersion", "by ARN in B's instance", lambda r: b.create_contact_flow_module_version(
                InstanceId=mine.iid, ContactFlowModuleId=r["marn"])),
            ("ListContactFlowModuleVersions", "", lambda r: b.list_contact_flow_module_versions(InstanceId=r["iid"], ContactFlowModuleId=r["mid"])),
            ("ListContactFlowModuleVersions", "by ARN from B's instance", lambda r: b.list_contact_flow_module_versions(
                InstanceId=mine.iid, ContactFlowModuleId=r["marn"])),
            ("CreateContactFlowModuleAlias", "", lambda r: b.create_contact_flow_module_alias(
                InstanceId=r["iid"], ContactFlowModuleId=r["mid"], ContactFlowModuleVersion=1, AliasName="b")),
            ("CreateContactFlowModuleAlias", "in B's instance", lambda r: b.create_contact_flow_module_alias(
                InstanceId=mine.iid, ContactFlowModuleId=r["mid"], ContactFlowModuleVersion=1, AliasName="b")),
            ("DescribeContactFlowModuleAlias", "", lambda r: b.describe_contact_flow_module_alias(
                InstanceId=r["iid"], ContactFlowModuleId=r["mid"], AliasId=r["aid"])),
            ("DescribeContactFlowModuleAlias", "A's alias of B's module", lambda r: b.describe_contact_flow_module_alias(
                InstanceId=mine.iid, ContactFlowModuleId=mine.mid, AliasId=r["aid"])),
            ("ListContactFlowModuleAliases", "", lambda r: b.list_contact_flow_module_aliases(InstanceId=r["iid"], ContactFlowModuleId=r["mid"])),
            ("ListContactFlowModuleAliases", "by ARN from B's instance", lambda r: b.list_contact_flow_module_aliases(
                InstanceId=mine.iid, ContactFlowModuleId=r["marn"])),
            ("UpdateContactFlowModuleAlias", "", lambda r: b.update_contact_flow_module_alias(
                InstanceId=r["iid"], ContactFlowModuleId=r["mid"], AliasId=r["aid"], Description="b")),
            ("UpdateContactFlowModuleAlias", "A's alias of B's module", lambda r: b.update_contact_flow_module_alias(
                InstanceId=mine.iid, ContactFlowModuleId=mine.mid, AliasId=r["aid"], Description="b")),
            # prompts
            ("DescribePrompt", "", lambda r: b.describe_prompt(InstanceId=r["iid"], PromptId=r["prid"])),
            ("DescribePrompt", "from B's instance by ARN", lambda r: b.describe_prompt(InstanceId=mine.iid, PromptId=r["prarn"])),
            ("ListPrompts", "", lambda r: b.list_prompts(InstanceId=r["iid"])),
            ("SearchPrompts", "", lambda r: b.search_prompts(InstanceId=r["iid"])),
            ("GetPromptFile", "", lambda r: b.get_prompt_file(InstanceId=r["iid"], PromptId=r["prid"])),
            ("GetPromptFile", "from B's instance", lambda r: b.get_prompt_file(InstanceId=mine.iid, PromptId=r["prid"])),
            ("CreatePrompt", "in A's instance", lambda r: b.create_prompt(InstanceId=r["iid"], Name=unique("p"), S3Uri="s3://b/k.wav")),
            ("UpdatePrompt", "", lambda r: b.update_prompt(InstanceId=r["iid"], PromptId=r["prid"], Name="taken")),
            ("UpdatePrompt", "in B's instance", lambda r: b.update_prompt(InstanceId=mine.iid, PromptId=r["prid"], Name="taken")),
            # traffic distribution groups
            ("CreateTrafficDistributionGroup", "for A's instance", lambda r: b.create_traffic_distribution_group(Name=unique("g"), InstanceId=r["iid"])),
            ("CreateTrafficDistributionGroup", "for A's instance ARN", lambda r: b.create_traffic_distribution_group(Name=unique("g"), InstanceId=r["iarn"])),
            ("DescribeTrafficDistributionGroup", "", lambda r: b.describe_traffic_distribution_group(TrafficDistributionGroupId=r["gid"])),
            ("DescribeTrafficDistributionGroup", "by ARN in the other Region", lambda r: bw.describe_traffic_distribution_group(TrafficDistributionGroupId=r["garn"])),
            ("ListTrafficDistributionGroups", "of A's instance", lambda r: b.list_traffic_distribution_groups(InstanceId=r["iid"])),
            ("ListTrafficDistributionGroupUsers", "", lambda r: b.list_traffic_distribution_group_users(TrafficDistributionGroupId=r["gid"])),
            ("AssociateTrafficDistributionGroupUser", "", lambda r: b.associate_traffic_distribution_group_user(
                TrafficDistributionGroupId=r["gid"], UserId=r["uid"], InstanceId=r["iid"])),
            ("AssociateTrafficDistributionGroupUser", "A's user to B's group", lambda r: b.associate_traffic_distribution_group_user(
                TrafficDistributionGroupId=mine.gid, UserId=r["uid"], InstanceId=mine.iid)),
            ("AssociateTrafficDistributionGroupUser", "B's user to A's group", lambda r: b.associate_traffic_distribution_group_user(
                TrafficDistributionGroupId=r["gid"], UserId=mine.uid, InstanceId=mine.iid)),
            ("DisassociateTrafficDistributionGroupUser", "", lambda r: b.disassociate_traffic_distribution_group_user(
                TrafficDistributionGroupId=r["gid"], UserId=r["uid"], InstanceId=r["iid"])),
            ("DisassociateTrafficDistributionGroupUser", "A's user from B's group", lambda r: b.disassociate_traffic_distribution_group_user(
                TrafficDistributionGroupId=mine.gid, UserId=r["uid"], InstanceId=mine.iid)),
            ("GetTrafficDistribution", "", lambda r: b.get_traffic_distribution(Id=r["gid"])),
            ("GetTrafficDistribution", "by ARN in the other Region", lambda r: bw.get_traffic_distribution(Id=r["garn"])),
            ("UpdateTrafficDistribution", "", lambda r: b.update_traffic_distribution(Id=r["garn"], TelephonyConfig=dist)),
            # phone numbers
            ("DescribePhoneNumber", "by id", lambda r: b.describe_phone_number(PhoneNumberId=r["pid"])),
            ("DescribePhoneNumber", "by ARN", lambda r: b.describe_phone_number(PhoneNumberId=r["parn"])),
            ("UpdatePhoneNumber", "A's number to B's instance", lambda r: b.update_phone_number(PhoneNumberId=r["pid"], InstanceId=mine.iid)),
            ("UpdatePhoneNumber", "B's number to A's instance", lambda r: b.update_phone_number(PhoneNumberId=mine.pid, TargetArn=r["iarn"])),
            ("UpdatePhoneNumber", "B's number to A's group", lambda r: b.update_phone_number(PhoneNumberId=mine.pid, TargetArn=r["garn"])),
            ("ClaimPhoneNumber", "for A's instance", lambda r: b.claim_phone_number(TargetArn=r["iarn"], PhoneNumber="+12065550150")),
            ("ClaimPhoneNumber", "for A's instance id", lambda r: b.claim_phone_number(InstanceId=r["iid"], PhoneNumber="+12065550150")),
            ("ClaimPhoneNumber", "for A's group", lambda r: b.claim_phone_number(TargetArn=r["garn"], PhoneNumber="+12065550150")),
            ("SearchAvailablePhoneNumbers", "for A's group", lambda r: b.search_available_phone_numbers(
                TargetArn=r["garn"], PhoneNumberCountryCode="US", PhoneNumberType="DID")),
            ("SearchAvailablePhoneNumbers", "for A's instance", lambda r: b.search_available_phone_numbers(
                InstanceId=r["iid"], PhoneNumberCountryCode="US", PhoneNumberType="DID")),
            ("ListPhoneNumbersV2", "of A's instance", lambda r: b.list_phone_numbers_v2(TargetArn=r["iarn"])),
            ("ListPhoneNumbersV2", "of A's instance id", lambda r: b.list_phone_numbers_v2(InstanceId=r["iid"])),
            ("ListPhoneNumbersV2", "of A's group", lambda r: b.list_phone_numbers_v2(TargetArn=r["garn"])),
        ]
        # A's resources named inside B's own instance, so that each handler's own lookup is tried, not only the instance's
        own = lambda r: [{"QueueReference": {"QueueId": mine.qid, "Channel": "VOICE"}, "Priority": 1, "Delay": 0}]  # noqa: E731
        attacks += [
            ("UpdateHoursOfOperation", "in B's instance", lambda r: b.update_hours_of_operation(InstanceId=mine.iid, HoursOfOperationId=r["hid"], Name="taken")),
            ("UpdateQueueHoursOfOperation", "in B's instance", lambda r: b.update_queue_hours_of_operation(InstanceId=mine.iid, QueueId=r["qid"], HoursOfOperationId=mine.hid)),
            ("UpdateQueueMaxContacts", "in B's instance", lambda r: b.update_queue_max_contacts(InstanceId=mine.iid, QueueId=r["qid"], MaxContacts=1)),
            ("UpdateQueueName", "in B's instance", lambda r: b.update_queue_name(InstanceId=mine.iid, QueueId=r["qid"], Name="taken")),
            ("UpdateQueueName", "by ARN in B's instance", lambda r: b.update_queue_name(InstanceId=mine.iid, QueueId=r["qarn"], Name="taken")),
            ("UpdateQueueOutboundCallerConfig", "in B's instance", lambda r: b.update_queue_outbound_caller_config(
                InstanceId=mine.iid, QueueId=r["qid"], OutboundCallerConfig={"OutboundCallerIdName": "x"})),
            ("UpdateQueueStatus", "in B's instance", lambda r: b.update_queue_status(InstanceId=mine.iid, QueueId=r["qid"], Status="DISABLED")),
            ("ListRoutingProfileQueues", "in B's instance", lambda r: b.list_routing_profile_queues(InstanceId=mine.iid, RoutingProfileId=r["rpid"])),
            ("UpdateRoutingProfileConcurrency", "in B's instance", lambda r: b.update_routing_profile_concurrency(
                InstanceId=mine.iid, RoutingProfileId=r["rpid"], MediaConcurrencies=[{"Channel": "VOICE", "Concurrency": 1}])),
            ("UpdateRoutingProfileDefaultOutboundQueue", "in B's instance", lambda r: b.update_routing_profile_default_outbound_queue(
                InstanceId=mine.iid, RoutingProfileId=r["rpid"], DefaultOutboundQueueId=mine.qid)),
            ("UpdateRoutingProfileName", "in B's instance", lambda r: b.update_routing_profile_name(InstanceId=mine.iid, RoutingProfileId=r["rpid"], Name="taken")),
            ("UpdateRoutingProfileAgentAvailabilityTimer", "in B's instance", lambda r: b.update_routing_profile_agent_availability_timer(
                InstanceId=mine.iid, RoutingProfileId=r["rpid"], AgentAvailabilityTimer="TIME_SINCE_LAST_INBOUND")),
            ("AssociateRoutingProfileQueues", "in B's instance", lambda r: b.associate_routing_profile_queues(
                InstanceId=mine.iid, RoutingProfileId=r["rpid"], QueueConfigs=own(r))),
            ("DisassociateRoutingProfileQueues", "in B's instance", lambda r: b.disassociate_routing_profile_queues(
                InstanceId=mine.iid, RoutingProfileId=r["rpid"], QueueReferences=[{"QueueId": mine.qid, "Channel": "VOICE"}])),
            ("UpdateRoutingProfileQueues", "in B's instance", lambda r: b.update_routing_profile_queues(
                InstanceId=mine.iid, RoutingProfileId=r["rpid"], QueueConfigs=own(r))),
            ("UpdateUserIdentityInfo", "in B's instance", lambda r: b.update_user_identity_info(InstanceId=mine.iid, UserId=r["uid"], IdentityInfo={"FirstName": "Eve"})),
            ("UpdateUserIdentityInfo", "by ARN in B's instance", lambda r: b.update_user_identity_info(InstanceId=mine.iid, UserId=r["uarn"], IdentityInfo={"FirstName": "Eve"})),
            ("UpdateUserPhoneConfig", "in B's instance", lambda r: b.update_user_phone_config(InstanceId=mine.iid, UserId=r["uid"], PhoneConfig={"PhoneType": "SOFT_PHONE"})),
            ("UpdateUserRoutingProfile", "in B's instance", lambda r: b.update_user_routing_profile(InstanceId=mine.iid, UserId=r["uid"], RoutingProfileId=mine.rpid)),
            ("UpdateUserSecurityProfiles", "in B's instance", lambda r: b.update_user_security_profiles(InstanceId=mine.iid, UserId=r["uid"], SecurityProfileIds=[mine.spid])),
            ("PutUserStatus", "in B's instance", lambda r: b.put_user_status(InstanceId=mine.iid, UserId=r["uid"], AgentStatusId=mine.asid)),
            # the data plane: A's instance is as missing to B as any other
            ("StartChatContact", "", lambda r: b.start_chat_contact(InstanceId=r["iid"], ContactFlowId=r["inflow"],
                                                                    ParticipantDetails={"DisplayName": "b"})),
            ("StartTaskContact", "", lambda r: b.start_task_contact(InstanceId=r["iid"], ContactFlowId=r["inflow"], Name="b")),
            ("StartOutboundVoiceContact", "", lambda r: b.start_outbound_voice_contact(
                InstanceId=r["iid"], ContactFlowId=r["inflow"], DestinationPhoneNumber="+12065550100", QueueId=r["qid"])),
            ("DescribeContact", "", lambda r: b.describe_contact(InstanceId=r["iid"], ContactId=CONTACT_ID)),
            ("StopContact", "", lambda r: b.stop_contact(InstanceId=r["iid"], ContactId=CONTACT_ID)),
            ("UpdateContactRoutingData", "", lambda r: b.update_contact_routing_data(InstanceId=r["iid"], ContactId=CONTACT_ID, QueuePriority=1)),
            ("GetCurrentUserData", "", lambda r: b.get_current_user_data(InstanceId=r["iid"], Filters={"Queues": [r["qid"]]})),
            ("SearchContacts", "", lambda r: b.search_contacts(InstanceId=r["iid"], TimeRange=search_range())),
            ("ListAssociatedContacts", "", lambda r: b.list_associated_contacts(InstanceId=r["iid"], ContactId=r["cid"])),
            ("ListAssociatedContacts", "A's contact from B's instance", lambda r: b.list_associated_contacts(InstanceId=mine.iid, ContactId=r["cid"])),
            ("DismissUserContact", "", lambda r: b.dismiss_user_contact(InstanceId=r["iid"], UserId=r["uid"], ContactId=r["cid"])),
            ("DismissUserContact", "A's contact from B's instance", lambda r: b.dismiss_user_contact(InstanceId=mine.iid, UserId=mine.uid, ContactId=r["cid"])),
            ("SearchContacts", "by instance ARN", lambda r: b.search_contacts(InstanceId=r["iarn"], TimeRange=search_range())),
            ("GetCurrentMetricData", "", lambda r: b.get_current_metric_data(
                InstanceId=r["iid"], Filters={"Queues": [r["qid"]], "Channels": ["VOICE"]},
                CurrentMetrics=[{"Name": "AGENTS_ONLINE", "Unit": "COUNT"}])),
            # with A's real contact, and A's resources from B's own instance
            ("StartChatContact", "by instance ARN", lambda r: b.start_chat_contact(InstanceId=r["iarn"], ContactFlowId=r["inflow"], ParticipantDetails={"DisplayName": "Eve"})),
            ("StartChatContact", "A's flow from B's instance", lambda r: b.start_chat_contact(
                InstanceId=mine.iid, ContactFlowId=r["inflow"], ParticipantDetails={"DisplayName": "Eve"})),
            ("StartTaskContact", "A's flow by ARN from B's instance", lambda r: b.start_task_contact(InstanceId=mine.iid, ContactFlowId=r["farn"], Name="b")),
            ("StartOutboundVoiceContact", "to A's queue from B's instance", lambda r: b.start_outbound_voice_contact(
                InstanceId=mine.iid, ContactFlowId=mine.inflow, DestinationPhoneNumber="+12065550199", QueueId=r["qid"])),
            ("DescribeContact", "", lambda r: b.describe_contact(InstanceId=r["iid"], ContactId=r["cid"])),
            ("DescribeContact", "from B's instance", lambda r: b.describe_contact(InstanceId=mine.iid, ContactId=r["cid"])),
            ("DescribeContact", "from B's instance in the replica Region", lambda r: bw.describe_contact(InstanceId=mine.iid, ContactId=r["cid"])),
            ("GetCurrentMetricData", "A's queue in B's instance", lambda r: b.get_current_metric_data(
                InstanceId=mine.iid, Filters={"Queues": [r["qid"]]}, CurrentMetrics=[{"Name": "CONTACTS_IN_QUEUE", "Unit": "COUNT"}])),
            # email addresses and queue email addresses (issue 15)
            ("DescribeEmailAddress", "", lambda r: b.describe_email_address(InstanceId=r["iid"], EmailAddressId=r["eid"])),
            ("DescribeEmailAddress", "from B's instance", lambda r: b.describe_email_address(InstanceId=mine.iid, EmailAddressId=r["eid"])),
            ("DescribeEmailAddress", "by ARN from B's instance", lambda r: b.describe_email_address(InstanceId=mine.iid, EmailAddressId=r["earn"])),
            ("SearchEmailAddresses", "", lambda r: b.search_email_addresses(InstanceId=r["iid"])),
            ("CreateEmailAddress", "in A's instance", lambda r: b.create_email_address(InstanceId=r["iid"], EmailAddress=f"{unique('b')}@example.com")),
            ("UpdateEmailAddressMetadata", "", lambda r: b.update_email_address_metadata(InstanceId=r["iid"], EmailAddressId=r["eid"], DisplayName="b")),
            ("UpdateEmailAddressMetadata", "in B's instance", lambda r: b.update_email_address_metadata(InstanceId=mine.iid, EmailAddressId=r["earn"], DisplayName="b")),
            ("AssociateEmailAddressAlias", "", lambda r: b.associate_email_address_alias(
                InstanceId=r["iid"], EmailAddressId=r["aliasid"], AliasConfiguration={"EmailAddressId": r["eid"]})),
            ("AssociateEmailAddressAlias", "A's address as alias of B's", lambda r: b.associate_email_address_alias(
                InstanceId=mine.iid, EmailAddressId=mine.eid, AliasConfiguration={"EmailAddressId": r["earn"]})),
            ("DisassociateEmailAddressAlias", "", lambda r: b.disassociate_email_address_alias(
                InstanceId=r["iid"], EmailAddressId=r["eid"], AliasConfiguration={"EmailAddressId": r["aliasid"]})),
            ("DisassociateEmailAddressAlias", "in B's instance", lambda r: b.disassociate_email_address_alias(
                InstanceId=mine.iid, EmailAddressId=r["eid"], AliasConfiguration={"EmailAddressId": r["aliasid"]})),
            ("ListQueueEmailAddresses", "", lambda r: b.list_queue_email_addresses(InstanceId=r["iid"], QueueId=r["qid"])),
            ("ListQueueEmailAddresses", "from B's instance", lambda r: b.list_queue_email_addresses(InstanceId=mine.iid, QueueId=r["qid"])),
            ("AssociateQueueEmailAddresses", "", lambda r: b.associate_queue_email_addresses(
                InstanceId=r["iid"], QueueId=r["qid"], EmailAddressesConfig=[{"EmailAddressId": r["eid"]}])),
            ("AssociateQueueEmailAddresses", "A's address to B's queue", lambda r: b.associate_queue_email_addresses(
                InstanceId=mine.iid, QueueId=mine.qid, EmailAddressesConfig=[{"EmailAddressId": r["earn"]}])),
            ("DisassociateQueueEmailAddresses", "", lambda r: b.disassociate_queue_email_addresses(
                InstanceId=r["iid"], QueueId=r["qid"], EmailAddressesId=[r["eid"]])),
            ("DisassociateQueueEmailAddresses", "A's address from B's queue", lambda r: b.disassociate_queue_email_addresses(
                InstanceId=mine.iid, QueueId=mine.qid, EmailAddressesId=[r["eid"]])),
            ("UpdateQueueOutboundEmailConfig", "", lambda r: b.update_queue_outbound_email_config(
                InstanceId=r["iid"], QueueId=r["qid"], OutboundEmailConfig={"OutboundEmailAddressId": r["eid"]})),
            ("UpdateQueueOutboundEmailConfig", "B's queue to A's address", lambda r: b.update_queue_outbound_email_config(
                InstanceId=mine.iid, QueueId=mine.qid, OutboundEmailConfig={"OutboundEmailAddressId": r["earn"]})),
            # hours overrides and parent/child hours (issue 15)
            ("CreateHoursOfOperationOverride", "", lambda r: b.create_hours_of_operation_override(
                InstanceId=r["iid"], HoursOfOperationId=r["hid"], Name=unique("o"), EffectiveFrom="2026-03-02", EffectiveTill="2026-03-02", Config=[])),
            ("CreateHoursOfOperationOverride", "on A's hours in B's instance", lambda r: b.create_hours_of_operation_override(
                InstanceId=mine.iid, HoursOfOperationId=r["harn"], Name=unique("o"), EffectiveFrom="2026-03-02", EffectiveTill="2026-03-02", Config=[])),
            ("DescribeHoursOfOperationOverride", "", lambda r: b.describe_hours_of_operation_override(
                InstanceId=r["iid"], HoursOfOperationId=r["hid"], HoursOfOperationOverrideId=r["oid"])),
            ("DescribeHoursOfOperationOverride", "under B's hours", lambda r: b.describe_hours_of_operation_override(
                InstanceId=mine.iid, HoursOfOperationId=mine.hid, HoursOfOperationOverrideId=r["oid"])),
            ("ListHoursOfOperationOverrides", "", lambda r: b.list_hours_of_operation_overrides(InstanceId=r["iid"], HoursOfOperationId=r["hid"])),
            ("ListHoursOfOperationOverrides", "from B's instance", lambda r: b.list_hours_of_operation_overrides(InstanceId=mine.iid, HoursOfOperationId=r["harn"])),
            ("UpdateHoursOfOperationOverride", "", lambda r: b.update_hours_of_operation_override(
                InstanceId=r["iid"], HoursOfOperationId=r["hid"], HoursOfOperationOverrideId=r["oid"], Name="b")),
            ("UpdateHoursOfOperationOverride", "under B's hours", lambda r: b.update_hours_of_operation_override(
                InstanceId=mine.iid, HoursOfOperationId=mine.hid, HoursOfOperationOverrideId=r["oid"], Name="b")),
            ("GetEffectiveHoursOfOperations", "", lambda r: b.get_effective_hours_of_operations(
                InstanceId=r["iid"], HoursOfOperationId=r["hid"], FromDate="2026-03-01", ToDate="2026-03-02")),
            ("GetEffectiveHoursOfOperations", "from B's instance", lambda r: b.get_effective_hours_of_operations(
                InstanceId=mine.iid, HoursOfOperationId=r["harn"], FromDate="2026-03-01", ToDate="2026-03-02")),
            ("AssociateHoursOfOperations", "", lambda r: b.associate_hours_of_operations(
                InstanceId=r["iid"], HoursOfOperationId=r["chid"], ParentHoursOfOperationConfigs=[{"HoursOfOperationId": r["hid"]}])),
            ("AssociateHoursOfOperations", "A's hours as parent of B's", lambda r: b.associate_hours_of_operations(
                InstanceId=mine.iid, HoursOfOperationId=mine.hid, ParentHoursOfOperationConfigs=[{"HoursOfOperationId": r["harn"]}])),
            ("DisassociateHoursOfOperations", "", lambda r: b.disassociate_hours_of_operations(
                InstanceId=r["iid"], HoursOfOperationId=r["chid"], ParentHoursOfOperationIds=[r["hid"]])),
            ("DisassociateHoursOfOperations", "A's hours from B's", lambda r: b.disassociate_hours_of_operations(
                InstanceId=mine.iid, HoursOfOperationId=mine.hid, ParentHoursOfOperationIds=[r["harn"]])),
            ("ListChildHoursOfOperations", "", lambda r: b.list_child_hours_of_operations(InstanceId=r["iid"], HoursOfOperationId=r["hid"])),
            ("ListChildHoursOfOperations", "from B's instance", lambda r: b.list_child_hours_of_operations(InstanceId=mine.iid, HoursOfOperationId=r["hid"])),
            # manual-assignment queues of routing profiles (issue 15)
            ("ListRoutingProfileManualAssignmentQueues", "", lambda r: b.list_routing_profile_manual_assignment_queues(InstanceId=r["iid"], RoutingProfileId=r["rpid"])),
            ("ListRoutingProfileManualAssignmentQueues", "from B's instance", lambda r: b.list_routing_profile_manual_assignment_queues(
                InstanceId=mine.iid, RoutingProfileId=r["rparn"])),
            ("AssociateRoutingProfileQueues", "A's queue as manual queue of B's profile", lambda r: b.associate_routing_profile_queues(
                InstanceId=mine.iid, RoutingProfileId=mine.rpid, ManualAssignmentQueueConfigs=[{"QueueReference": {"QueueId": r["qarn"], "Channel": "CHAT"}}])),
            ("CreateRoutingProfile", "with A's queue as manual queue", lambda r: b.create_routing_profile(
                InstanceId=mine.iid, Name=unique("rp"), Description="d", DefaultOutboundQueueId=mine.qid,
                MediaConcurrencies=[{"Channel": "CHAT", "Concurrency": 1}],
                ManualAssignmentQueueConfigs=[{"QueueReference": {"QueueId": r["qid"], "Channel": "CHAT"}}])),
        ]
        # integrations (docs/integrations.md)
        s3 = {"StorageType": "S3", "S3Config": {"BucketName": "b-bucket", "BucketPrefix": "p"}}
        lam = f"arn:aws:lambda:us-east-1:{self.a_account}:function:a"
        alias = f"arn:aws:lex:us-east-1:{self.a_account}:bot-alias/Ba/Aa"
        attacks += [
            ("AssociateLambdaFunction", "", lambda r: b.associate_lambda_function(InstanceId=r["iid"], FunctionArn=lam)),
            ("DisassociateLambdaFunction", "", lambda r: b.disassociate_lambda_function(InstanceId=r["iid"], FunctionArn=lam)),
            ("DisassociateLambdaFunction", "A's function from B's instance", lambda r: b.disassociate_lambda_function(InstanceId=mine.iid, FunctionArn=lam)),
            ("ListLambdaFunctions", "", lambda r: b.list_lambda_functions(InstanceId=r["iid"])),
            ("AssociateApprovedOrigin", "", lambda r: b.associate_approved_origin(InstanceId=r["iid"], Origin="https://b.example.com")),
            ("DisassociateApprovedOrigin", "", lambda r: b.disassociate_approved_origin(InstanceId=r["iid"], Origin="https://a.example.com")),
            ("DisassociateApprovedOrigin", "A's origin from B's instance", lambda r: b.disassociate_approved_origin(
                InstanceId=mine.iid, Origin="https://a.example.com")),
            ("ListApprovedOrigins", "", lambda r: b.list_approved_origins(InstanceId=r["iid"])),
            ("AssociateBot", "", lambda r: b.associate_bot(InstanceId=r["iid"], LexV2Bot={"AliasArn": alias + "x"})),
            ("DisassociateBot", "", lambda r: b.disassociate_bot(InstanceId=r["iid"], LexV2Bot={"AliasArn": alias})),
            ("DisassociateBot", "A's bot from B's instance", lambda r: b.disassociate_bot(InstanceId=mine.iid, LexV2Bot={"AliasArn": alias})),
            ("ListBots", "", lambda r: b.list_bots(InstanceId=r["iid"], LexVersion="V2")),
            ("AssociateLexBot", "", lambda r: b.associate_lex_bot(InstanceId=r["iid"], LexBot={"Name": "botx", "LexRegion": "us-east-1"})),
            ("DisassociateLexBot", "", lambda r: b.disassociate_lex_bot(InstanceId=r["iid"], BotName="bota", LexRegion="us-east-1")),
            ("ListLexBots", "", lambda r: b.list_lex_bots(InstanceId=r["iid"])),
            ("AssociateSecurityKey", "", lambda r: b.associate_security_key(InstanceId=r["iid"], Key="-----BEGIN PUBLIC KEY-----x")),
            ("DisassociateSecurityKey", "", lambda r: b.disassociate_security_key(InstanceId=r["iid"], AssociationId=r["skid"])),
            ("DisassociateSecurityKey", "from B's instance", lambda r: b.disassociate_security_key(InstanceId=mine.iid, AssociationId=r["skid"])),
            ("ListSecurityKeys", "", lambda r: b.list_security_keys(InstanceId=r["iid"])),
            ("AssociateInstanceStorageConfig", "", lambda r: b.associate_instance_storage_config(
                InstanceId=r["iid"], ResourceType="CALL_RECORDINGS", StorageConfig=s3)),
            ("DescribeInstanceStorageConfig", "", lambda r: b.describe_instance_storage_config(
                InstanceId=r["iid"], AssociationId=r["scid"], ResourceType="CHAT_TRANSCRIPTS")),
            ("DescribeInstanceStorageConfig", "from B's instance", lambda r: b.describe_instance_storage_config(
                InstanceId=mine.iid, AssociationId=r["scid"], ResourceType="CHAT_TRANSCRIPTS")),
            ("UpdateInstanceStorageConfig", "", lambda r: b.update_instance_storage_config(
                InstanceId=r["iid"], AssociationId=r["scid"], ResourceType="CHAT_TRANSCRIPTS", StorageConfig=s3)),
            ("UpdateInstanceStorageConfig", "in B's instance", lambda r: b.update_instance_storage_config(
                InstanceId=mine.iid, AssociationId=r["scid"], ResourceType="CHAT_TRANSCRIPTS", StorageConfig=s3)),
            ("ListInstanceStorageConfigs", "", lambda r: b.list_instance_storage_configs(InstanceId=r["iid"], ResourceType="CHAT_TRANSCRIPTS")),
            ("CreateIntegrationAssociation", "", lambda r: b.create_integration_association(
                InstanceId=r["iid"], IntegrationType="VOICE_ID", IntegrationArn=f"arn:aws:voiceid:us-east-1:{self.b_account}:domain/x")),
            ("ListIntegrationAssociations", "", lambda r: b.list_integration_associations(InstanceId=r["iid"])),
            ("CreateUseCase", "", lambda r: b.create_use_case(InstanceId=r["iid"], IntegrationAssociationId=r["iaid"], UseCaseType="CONNECT_CAMPAIGNS")),
            ("CreateUseCase", "under A's association in B's instance", lambda r: b.create_use_case(
                InstanceId=mine.iid, IntegrationAssociationId=r["iaid"], UseCaseType="CONNECT_CAMPAIGNS")),
            ("ListUseCases", "", lambda r: b.list_use_cases(InstanceId=r["iid"], IntegrationAssociationId=r["iaid"])),
            ("ListUseCases", "from B's instance", lambda r: b.list_use_cases(InstanceId=mine.iid, IntegrationAssociationId=r["iaid"])),
            ("DisassociateInstanceStorageConfig", "", lambda r: b.disassociate_instance_storage_config(
                InstanceId=r["iid"], AssociationId=r["scid"], ResourceType="CHAT_TRANSCRIPTS")),
            ("DisassociateInstanceStorageConfig", "from B's instance", lambda r: b.disassociate_instance_storage_config(
                InstanceId=mine.iid, AssociationId=r["scid"], ResourceType="CHAT_TRANSCRIPTS")),
            ("DeleteUseCase", "", lambda r: b.delete_use_case(InstanceId=r["iid"], IntegrationAssociationId=r["iaid"], UseCaseId=r["ucid"])),
            ("DeleteUseCase", "under B's association", lambda r: b.delete_use_case(
                InstanceId=mine.iid, IntegrationAssociationId=mine.iaid, UseCaseId=r["ucid"])),
            ("DeleteIntegrationAssociation", "", lambda r: b.delete_integration_association(InstanceId=r["iid"], IntegrationAssociationId=r["iaid"])),
            ("DeleteIntegrationAssociation", "in B's instance", lambda r: b.delete_integration_association(
                InstanceId=mine.iid, IntegrationAssociationId=r["iaid"])),
        ]
        # Vocabularies (issue 15, iac branch).
        table = "Phrase\nConnect-Local\n"
        attacks += [
            ("CreateVocabulary", "in A's instance", lambda r: b.create_vocabulary(InstanceId=r["iid"], VocabularyName=unique("v"), LanguageCode="en-US", Content=table)),
            ("DescribeVocabulary", "", lambda r: b.describe_vocabulary(InstanceId=r["iid"], VocabularyId=r["vid"])),
            ("DescribeVocabulary", "from B's instance", lambda r: b.describe_vocabulary(InstanceId=mine.iid, VocabularyId=r["vid"])),
            ("DescribeVocabulary", "by ARN from B's instance", lambda r: b.describe_vocabulary(InstanceId=mine.iid, VocabularyId=r["varn"])),
            ("SearchVocabularies", "", lambda r: b.search_vocabularies(InstanceId=r["iid"])),
            ("ListDefaultVocabularies", "", lambda r: b.list_default_vocabularies(InstanceId=r["iid"])),
            ("AssociateDefaultVocabulary", "", lambda r: b.associate_default_vocabulary(InstanceId=r["iid"], LanguageCode="en-US", VocabularyId=r["vid"])),
            ("AssociateDefaultVocabulary", "clearing A's default", lambda r: b.associate_default_vocabulary(InstanceId=r["iid"], LanguageCode="en-US")),
            ("AssociateDefaultVocabulary", "A's vocabulary as B's default", lambda r: b.associate_default_vocabulary(
                InstanceId=mine.iid, LanguageCode="en-US", VocabularyId=r["vid"])),
            ("AssociateDefaultVocabulary", "A's vocabulary by ARN as B's default", lambda r: b.associate_default_vocabulary(
                InstanceId=mine.iid, LanguageCode="en-US", VocabularyId=r["varn"])),
        ]
        for kind in ("iaarn", "ucarn", "varn"):
            attacks += [
                ("ListTagsForResource", kind, lambda r, k=kind: b.list_tags_for_resource(resourceArn=r[k])),
                ("TagResource", kind, lambda r, k=kind: b.tag_resource(resourceArn=r[k], tags={"owner": "b"})),
                ("UntagResource", kind, lambda r, k=kind: b.untag_resource(resourceArn=r[k], tagKeys=["owner"])),
            ]
        for kind in ("iarn", "harn", "qarn", "rparn", "uarn", "sparn", "asarn", "garn", "parn", "karn", "prarn", "farn", "earn", "marn", "hgarn"):
            attacks += [
                ("ListTagsForResource", kind, lambda r, k=kind: b.list_tags_for_resource(resourceArn=r[k])),
                ("TagResource", kind, lambda r, k=kind: b.tag_resource(resourceArn=r[k], tags={"owner": "b"})),
                ("UntagResource", kind, lambda r, k=kind: b.untag_resource(resourceArn=r[k], tagKeys=["owner"])),
            ]
        # Flow references and associations (flow-refs): A's flows named from B's resources, A's associations and numbers.
        sms_b = f"arn:aws:sms-voice:us-east-1:{self.b_account}:phone-number/phone-b"
        attacks += [
            ("CreateQuickConnect", "to A's queue-transfer flow", lambda r: b.create_quick_connect(
                InstanceId=mine.iid, Name=unique("k"), QuickConnectConfig=queue_qc(mine.qid, r["qtflow"]))),
            ("UpdateQuickConnectConfig", "to A's agent-transfer flow", lambda r: b.update_quick_connect_config(
                InstanceId=mine.iid, QuickConnectId=mine.kid, QuickConnectConfig=user_qc(mine.uid, r["atflow"]))),
            ("CreateQueue", "with A's flow as outbound flow", lambda r: b.create_queue(
                InstanceId=mine.iid, Name=unique("q"), HoursOfOperationId=mine.hid, OutboundCallerConfig={"OutboundFlowId": r["farn"]})),
            ("UpdateQueueOutboundCallerConfig", "to A's flow", lambda r: b.update_queue_outbound_caller_config(
                InstanceId=mine.iid, QueueId=mine.qid, OutboundCallerConfig={"OutboundFlowId": r["fid"]})),
            ("AssociateFlow", "", lambda r: b.associate_flow(InstanceId=r["iid"], ResourceId=sms_b, FlowId=r["fid"], ResourceType="SMS_PHONE_NUMBER")),
            ("AssociateFlow", "A's flow in B's instance", lambda r: b.associate_flow(
                InstanceId=mine.iid, ResourceId=sms_b, FlowId=r["farn"], ResourceType="SMS_PHONE_NUMBER")),
            ("AssociateFlow", "A's resource in B's instance", lambda r: b.associate_flow(
                InstanceId=mine.iid, ResourceId=r["smsarn"], FlowId=mine.inflow, ResourceType="SMS_PHONE_NUMBER")),
            ("AssociateFlow", "A's email address in B's instance", lambda r: b.associate_flow(
                InstanceId=mine.iid, ResourceId=r["earn"], FlowId=mine.inflow, ResourceType="INBOUND_EMAIL")),
            ("GetFlowAssociation", "", lambda r: b.get_flow_association(InstanceId=r["iid"], ResourceId=r["smsarn"], ResourceType="SMS_PHONE_NUMBER")),
            ("GetFlowAssociation", "from B's instance", lambda r: b.get_flow_association(
                InstanceId=mine.iid, ResourceId=r["smsarn"], ResourceType="SMS_PHONE_NUMBER")),
            ("ListFlowAssociations", "", lambda r: b.list_flow_associations(InstanceId=r["iid"])),
            ("ListFlowAssociations", "by instance ARN", lambda r: b.list_flow_associations(InstanceId=r["iarn"], ResourceType="VOICE_PHONE_NUMBER")),
            ("BatchGetFlowAssociation", "", lambda r: b.batch_get_flow_association(InstanceId=r["iid"], ResourceIds=[r["smsarn"], r["parn"]])),
            ("AssociatePhoneNumberContactFlow", "", lambda r: b.associate_phone_number_contact_flow(
                PhoneNumberId=r["pid"], InstanceId=r["iid"], ContactFlowId=r["fid"])),
            ("AssociatePhoneNumberContactFlow", "A's number to B's instance", lambda r: b.associate_phone_number_contact_flow(
                PhoneNumberId=r["parn"], InstanceId=mine.iid, ContactFlowId=mine.inflow)),
            ("AssociatePhoneNumberContactFlow", "B's number to A's flow", lambda r: b.associate_phone_number_contact_flow(
                PhoneNumberId=mine.pid, InstanceId=mine.iid, ContactFlowId=r["farn"])),
            ("UpdatePhoneNumberMetadata", "", lambda r: b.update_phone_number_metadata(PhoneNumberId=r["pid"], PhoneNumberDescription="b")),
            ("UpdatePhoneNumberMetadata", "by ARN", lambda r: b.update_phone_number_metadata(PhoneNumberId=r["parn"], PhoneNumberDescription="b")),
            ("ListPhoneNumbers", "", lambda r: b.list_phone_numbers(InstanceId=r["iid"])),
            ("ListPhoneNumbers", "by instance ARN", lambda r: b.list_phone_numbers(InstanceId=r["iarn"])),
            ("DisassociatePhoneNumberContactFlow", "", lambda r: b.disassociate_phone_number_contact_flow(PhoneNumberId=r["pid"], InstanceId=r["iid"])),
            ("DisassociatePhoneNumberContactFlow", "A's number from B's instance", lambda r: b.disassociate_phone_number_contact_flow(
                PhoneNumberId=r["parn"], InstanceId=mine.iid)),
            ("DisassociateFlow", "", lambda r: b.disassociate_flow(InstanceId=r["iid"], ResourceId=r["smsarn"], ResourceType="SMS_PHONE_NUMBER")),
            ("DisassociateFlow", "from B's instance", lambda r: b.disassociate_flow(
                InstanceId=mine.iid, ResourceId=r["smsarn"], ResourceType="SMS_PHONE_NUMBER")),
        ]
        # User hierarchy (hierarchy-users).
        attacks += [
            ("CreateUserHierarchyGroup", "in A's instance", lambda r: b.create_user_hierarchy_group(InstanceId=r["iid"], Name=unique("hg"))),
            ("CreateUserHierarchyGroup", "under A's group", lambda r: b.create_user_hierarchy_group(InstanceId=mine.iid, Name=unique("hg"), ParentGroupId=r["hgid"])),
            ("CreateUserHierarchyGroup", "under A's group by ARN", lambda r: b.create_user_hierarchy_group(InstanceId=mine.iid, Name=unique("hg"), ParentGroupId=r["hgarn"])),
            ("DescribeUserHierarchyGroup", "", lambda r: b.describe_user_hierarchy_group(InstanceId=r["iid"], HierarchyGroupId=r["hgid"])),
            ("DescribeUserHierarchyGroup", "from B's instance", lambda r: b.describe_user_hierarchy_group(InstanceId=mine.iid, HierarchyGroupId=r["hgid"])),
            ("DescribeUserHierarchyGroup", "by ARN from B's instance", lambda r: b.describe_user_hierarchy_group(InstanceId=mine.iid, HierarchyGroupId=r["hgarn"])),
            ("ListUserHierarchyGroups", "", lambda r: b.list_user_hierarchy_groups(InstanceId=r["iid"])),
            ("SearchUserHierarchyGroups", "", lambda r: b.search_user_hierarchy_groups(InstanceId=r["iid"])),
            ("UpdateUserHierarchyGroupName", "", lambda r: b.update_user_hierarchy_group_name(InstanceId=r["iid"], HierarchyGroupId=r["hgid"], Name=unique("hg"))),
            ("UpdateUserHierarchyGroupName", "in B's instance", lambda r: b.update_user_hierarchy_group_name(InstanceId=mine.iid, HierarchyGroupId=r["hgarn"], Name=unique("hg"))),
            ("DescribeUserHierarchyStructure", "", lambda r: b.describe_user_hierarchy_structure(InstanceId=r["iid"])),
            ("UpdateUserHierarchyStructure", "", lambda r: b.update_user_hierarchy_structure(InstanceId=r["iid"], HierarchyStructure={})),
            ("UpdateUserHierarchy", "", lambda r: b.update_user_hierarchy(InstanceId=r["iid"], UserId=r["uid"])),
            ("UpdateUserHierarchy", "B's user to A's group", lambda r: b.update_user_hierarchy(InstanceId=mine.iid, UserId=mine.uid, HierarchyGroupId=r["hgarn"])),
            ("UpdateUserHierarchy", "A's user in B's instance", lambda r: b.update_user_hierarchy(InstanceId=mine.iid, UserId=r["uarn"], HierarchyGroupId=mine.hgid)),
            ("CreateUser", "in A's hierarchy group", lambda r: b.create_user(
                Username=unique("u"), InstanceId=mine.iid, PhoneConfig={"PhoneType": "SOFT_PHONE"},
                IdentityInfo={"FirstName": "Eve", "LastName": "B"}, SecurityProfileIds=[mine.spid], RoutingProfileId=mine.rpid, HierarchyGroupId=r["hgid"])),
        ]
        # Security profiles and agent statuses (issue 15); B's own AI agent, since another account's ARN is refused unread.
        b_agent = f"arn:aws:wisdom:us-east-1:{mine.account}:ai-agent/{uuid.uuid4()}/{uuid.uuid4()}"
        attacks += [
            ("CreateSecurityProfile", "in A's instance", lambda r: b.create_security_profile(InstanceId=r["iid"], SecurityProfileName=unique("sp"))),
            ("CreateSecurityProfile", "restricted to A's hierarchy group", lambda r: b.create_security_profile(
                InstanceId=mine.iid, SecurityProfileName=unique("sp"), AllowedAccessControlHierarchyGroupId=r["hgid"])),
            ("DescribeSecurityProfile", "", lambda r: b.describe_security_profile(InstanceId=r["iid"], SecurityProfileId=r["cspid"])),
            ("DescribeSecurityProfile", "from B's instance", lambda r: b.describe_security_profile(InstanceId=mine.iid, SecurityProfileId=r["cspid"])),
            ("DescribeSecurityProfile", "by ARN from B's instance", lambda r: b.describe_security_profile(InstanceId=mine.iid, SecurityProfileId=r["csparn"])),
            ("SearchSecurityProfiles", "", lambda r: b.search_security_profiles(InstanceId=r["iid"])),
            ("UpdateSecurityProfile", "", lambda r: b.update_security_profile(InstanceId=r["iid"], SecurityProfileId=r["cspid"], Permissions=["Queues.View"])),
            ("UpdateSecurityProfile", "by ARN in B's instance", lambda r: b.update_security_profile(
                InstanceId=mine.iid, SecurityProfileId=r["csparn"], Description="taken")),
            ("UpdateSecurityProfile", "B's profile to A's hierarchy group", lambda r: b.update_security_profile(
                InstanceId=mine.iid, SecurityProfileId=mine.cspid, AllowedAccessControlHierarchyGroupId=r["hgarn"])),
            ("ListSecurityProfilePermissions", "", lambda r: b.list_security_profile_permissions(InstanceId=r["iid"], SecurityProfileId=r["cspid"])),
            ("ListSecurityProfilePermissions", "from B's instance", lambda r: b.list_security_profile_permissions(InstanceId=mine.iid, SecurityProfileId=r["csparn"])),
            ("ListSecurityProfileApplications", "", lambda r: b.list_security_profile_applications(InstanceId=r["iid"], SecurityProfileId=r["cspid"])),
            ("ListSecurityProfileApplications", "from B's instance", lambda r: b.list_security_profile_applications(InstanceId=mine.iid, SecurityProfileId=r["cspid"])),
            ("ListSecurityProfileFlowModules", "", lambda r: b.list_security_profile_flow_modules(InstanceId=r["iid"], SecurityProfileId=r["cspid"])),
            ("ListSecurityProfileFlowModules", "from B's instance", lambda r: b.list_security_profile_flow_modules(InstanceId=mine.iid, SecurityProfileId=r["csparn"])),
            ("AssociateSecurityProfiles", "in A's instance", lambda r: b.associate_security_profiles(
                InstanceId=r["iid"], EntityType="AI_AGENT", EntityArn=b_agent, SecurityProfiles=[{"Id": r["cspid"]}])),
            ("AssociateSecurityProfiles", "A's profile to B's AI agent", lambda r: b.associate_security_profiles(
                InstanceId=mine.iid, EntityType="AI_AGENT", EntityArn=b_agent, SecurityProfiles=[{"Id": mine.cspid}, {"Id": r["cspid"]}])),
            ("DisassociateSecurityProfiles", "in A's instance", lambda r: b.disassociate_security_profiles(
                InstanceId=r["iid"], EntityType="AI_AGENT", EntityArn=b_agent, SecurityProfiles=[{"Id": r["cspid"]}])),
            ("DisassociateSecurityProfiles", "A's profile from B's AI agent", lambda r: b.disassociate_security_profiles(
                InstanceId=mine.iid, EntityType="AI_AGENT", EntityArn=mine.ai_agent, SecurityProfiles=[{"Id": r["csparn"]}])),
            ("ListEntitySecurityProfiles", "", lambda r: b.list_entity_security_profiles(InstanceId=r["iid"], EntityType="AI_AGENT", EntityArn=b_agent)),
            ("CreateAgentStatus", "in A's instance", lambda r: b.create_agent_status(InstanceId=r["iid"], Name=unique("s"), State="ENABLED")),
            ("DescribeAgentStatus", "A's custom status", lambda r: b.describe_agent_status(InstanceId=r["iid"], AgentStatusId=r["casid"])),
            ("DescribeAgentStatus", "A's custom status by ARN from B's instance", lambda r: b.describe_agent_status(InstanceId=mine.iid, AgentStatusId=r["casarn"])),
            ("UpdateAgentStatus", "", lambda r: b.update_agent_status(InstanceId=r["iid"], AgentStatusId=r["casid"], State="DISABLED")),
            ("UpdateAgentStatus", "by ARN in B's instance", lambda r: b.update_agent_status(InstanceId=mine.iid, AgentStatusId=r["casarn"], Name=unique("s"))),
            ("UpdateAgentStatus", "A's system status", lambda r: b.update_agent_status(InstanceId=r["iid"], AgentStatusId=r["asid"], Name=unique("s"))),
            ("SearchAgentStatuses", "", lambda r: b.search_agent_statuses(InstanceId=r["iid"])),
        ]
        # Searches, user config, predefined attributes and proficiencies (users-search).
        attacks += [
            ("SearchQueues", "", lambda r: b.search_queues(InstanceId=r["iid"])),
            ("SearchQueues", "by A's instance ARN", lambda r: b.search_queues(InstanceId=r["iarn"])),
            ("SearchHoursOfOperations", "", lambda r: b.search_hours_of_operations(InstanceId=r["iid"])),
            ("SearchUsers", "", lambda r: b.search_users(InstanceId=r["iid"])),
            ("UpdateUserConfig", "", lambda r: b.update_user_config(InstanceId=r["iid"], UserId=r["uid"], AutoAcceptConfigs=[{"Channel": "CHAT", "AutoAccept": True}])),
            ("UpdateUserConfig", "A's user in B's instance", lambda r: b.update_user_config(
                InstanceId=mine.iid, UserId=r["uarn"], AutoAcceptConfigs=[{"Channel": "CHAT", "AutoAccept": True}])),
            ("CreatePredefinedAttribute", "in A's instance", lambda r: b.create_predefined_attribute(InstanceId=r["iid"], Name=unique("pa"))),
            ("DescribePredefinedAttribute", "", lambda r: b.describe_predefined_attribute(InstanceId=r["iid"], Name=self.a.paname)),
            ("DescribePredefinedAttribute", "from B's instance", lambda r: b.describe_predefined_attribute(InstanceId=mine.iid, Name=self.a.paname)),
            ("ListPredefinedAttributes", "", lambda r: b.list_predefined_attributes(InstanceId=r["iid"])),
            ("SearchPredefinedAttributes", "", lambda r: b.search_predefined_attributes(InstanceId=r["iid"])),
            ("UpdatePredefinedAttribute", "", lambda r: b.update_predefined_attribute(InstanceId=r["iid"], Name=self.a.paname, Values={"StringList": ["x"]})),
            ("UpdatePredefinedAttribute", "in B's instance", lambda r: b.update_predefined_attribute(InstanceId=mine.iid, Name=self.a.paname, Values={"StringList": ["x"]})),
            ("AssociateUserProficiencies", "", lambda r: b.associate_user_proficiencies(InstanceId=r["iid"], UserId=r["uid"], UserProficiencies=[
                {"AttributeName": self.a.paname, "AttributeValue": "basic", "Level": 1}])),
            ("AssociateUserProficiencies", "A's user in B's instance", lambda r: b.associate_user_proficiencies(InstanceId=mine.iid, UserId=r["uarn"], UserProficiencies=[
                {"AttributeName": self.a.paname, "AttributeValue": "basic", "Level": 1}])),
            ("AssociateUserProficiencies", "B's user, A's attribute", lambda r: b.associate_user_proficiencies(InstanceId=mine.iid, UserId=mine.uid, UserProficiencies=[
                {"AttributeName": self.a.paname, "AttributeValue": "basic", "Level": 1}])),
            ("UpdateUserProficiencies", "", lambda r: b.update_user_proficiencies(InstanceId=r["iid"], UserId=r["uid"], UserProficiencies=[
                {"AttributeName": self.a.paname, "AttributeValue": "expert", "Level": 5}])),
            ("DisassociateUserProficiencies", "", lambda r: b.disassociate_user_proficiencies(InstanceId=r["iid"], UserId=r["uid"], UserProficiencies=[
                {"AttributeName": self.a.paname, "AttributeValue": "expert"}])),
            ("DisassociateUserProficiencies", "A's user in B's instance", lambda r: b.disassociate_user_proficiencies(InstanceId=mine.iid, UserId=r["uid"], UserProficiencies=[
                {"AttributeName": self.a.paname, "AttributeValue": "expert"}])),
            ("ListUserProficiencies", "", lambda r: b.list_user_proficiencies(InstanceId=r["iid"], UserId=r["uid"])),
            ("ListUserProficiencies", "A's user in B's instance", lambda r: b.list_user_proficiencies(InstanceId=mine.iid, UserId=r["uarn"])),
            ("DeletePredefinedAttribute", "", lambda r: b.delete_predefined_attribute(InstanceId=r["iid"], Name=self.a.paname)),
            ("DeletePredefinedAttribute", "in B's instance", lambda r: b.delete_predefined_attribute(InstanceId=mine.iid, Name=self.a.paname)),
        ]
        # Task templates and views (templates-views): A's templates, views and flows from A's and B's instances.
        tt_fields = {"Constraints": {"RequiredFields": [{"Id": {"Name": "Title"}}]}, "Fields": [{"Id": {"Name": "Title"}, "Type": "NAME"}]}
        view_content = {"Template": "{}", "Actions": []}
        attacks += [
            ("CreateTaskTemplate", "in A's instance", lambda r: b.create_task_template(InstanceId=r["iid"], Name=unique("t"), ContactFlowId=mine.inflow, **tt_fields)),
            ("CreateTaskTemplate", "A's flow in B's instance", lambda r: b.create_task_template(InstanceId=mine.iid, Name=unique("t"), ContactFlowId=r["inflow"], **tt_fields)),
            ("CreateTaskTemplate", "A's flow by ARN in B's instance", lambda r: b.create_task_template(
                InstanceId=mine.iid, Name=unique("t"), ContactFlowId=mine.inflow, SelfAssignFlowId=r["farn"], **tt_fields)),
            ("GetTaskTemplate", "", lambda r: b.get_task_template(InstanceId=r["iid"], TaskTemplateId=r["ttid"])),
            ("GetTaskTemplate", "from B's instance", lambda r: b.get_task_template(InstanceId=mine.iid, TaskTemplateId=r["ttid"])),
            ("GetTaskTemplate", "by ARN from B's instance", lambda r: b.get_task_template(InstanceId=mine.iid, TaskTemplateId=r["ttarn"])),
            ("ListTaskTemplates", "", lambda r: b.list_task_templates(InstanceId=r["iid"])),
            ("UpdateTaskTemplate", "", lambda r: b.update_task_template(InstanceId=r["iid"], TaskTemplateId=r["ttid"], Status="INACTIVE", ContactFlowId=mine.inflow, **tt_fields)),
            ("UpdateTaskTemplate", "in B's instance", lambda r: b.update_task_template(
                InstanceId=mine.iid, TaskTemplateId=r["ttarn"], Status="INACTIVE", ContactFlowId=mine.inflow, **tt_fields)),
            ("UpdateTaskTemplate", "B's template onto A's flow", lambda r: b.update_task_template(
                InstanceId=mine.iid, TaskTemplateId=mine.ttid, Status="ACTIVE", ContactFlowId=r["inflow"], **tt_fields)),
            ("CreateView", "in A's instance", lambda r: b.create_view(InstanceId=r["iid"], Name=unique("v"), Status="SAVED", Content=view_content)),
            ("DescribeView", "", lambda r: b.describe_view(InstanceId=r["iid"], ViewId=r["viewid"])),
            ("DescribeView", "from B's instance", lambda r: b.describe_view(InstanceId=mine.iid, ViewId=r["viewid"])),
            ("DescribeView", "by ARN from B's instance", lambda r: b.describe_view(InstanceId=mine.iid, ViewId=r["viewarn"])),
            ("DescribeView", "$SAVED by ARN from B's instance", lambda r: b.describe_view(InstanceId=mine.iid, ViewId=r["viewarn"] + ":$SAVED")),
            ("DescribeView", "version 1 from B's instance", lambda r: b.describe_view(InstanceId=mine.iid, ViewId=r["viewid"] + ":1")),
            ("ListViews", "", lambda r: b.list_views(InstanceId=r["iid"])),
            ("UpdateViewContent", "", lambda r: b.update_view_content(InstanceId=r["iid"], ViewId=r["viewid"], Status="SAVED", Content=view_content)),
            ("UpdateViewContent", "by ARN in B's instance", lambda r: b.update_view_content(InstanceId=mine.iid, ViewId=r["viewarn"], Status="PUBLISHED", Content=view_content)),
            ("UpdateViewMetadata", "", lambda r: b.update_view_metadata(InstanceId=r["iid"], ViewId=r["viewid"], Description="x")),
            ("UpdateViewMetadata", "in B's instance", lambda r: b.update_view_metadata(InstanceId=mine.iid, ViewId=r["viewid"], Name=unique("v"))),
            ("CreateViewVersion", "", lambda r: b.create_view_version(InstanceId=r["iid"], ViewId=r["viewid"])),
            ("CreateViewVersion", "by ARN in B's instance", lambda r: b.create_view_version(InstanceId=mine.iid, ViewId=r["viewarn"])),
            ("ListViewVersions", "", lambda r: b.list_view_versions(InstanceId=r["iid"], ViewId=r["viewid"])),
            ("ListViewVersions", "by ARN from B's instance", lambda r: b.list_view_versions(InstanceId=mine.iid, ViewId=r["viewarn"])),
        ]
        # config-rest (issue 15): the searches of views, overrides and rules, evaluation form validation, CreateUser's lists
        # and hierarchy group; operations newer than the installed boto3 go through the pinned model's client.
        pb = pinned_client(account=mine.account)
        attacks += [
            ("SearchViews", "", lambda r: b.search_views(InstanceId=r["iid"])),
            ("SearchViews", "by ARN", lambda r: b.search_views(InstanceId=r["iarn"])),
            ("SearchHoursOfOperationOverrides", "", lambda r: b.search_hours_of_operation_overrides(InstanceId=r["iid"])),
            ("SearchRules", "", lambda r: pb.search_rules(InstanceId=r["iid"])),
            ("StartEvaluationFormValidation", "", lambda r: pb.start_evaluation_form_validation(
                InstanceId=r["iid"], EvaluationFormId=r["efid"], EvaluationFormVersion=1)),
            ("StartEvaluationFormValidation", "by ARN in B's instance", lambda r: pb.start_evaluation_form_validation(
                InstanceId=mine.iid, EvaluationFormId=r["efarn"], EvaluationFormVersion=1)),
            ("GetEvaluationFormValidation", "", lambda r: pb.get_evaluation_form_validation(InstanceId=r["iid"], EvaluationFormId=r["efid"])),
            ("GetEvaluationFormValidation", "from B's instance", lambda r: pb.get_evaluation_form_validation(
                InstanceId=mine.iid, EvaluationFormId=r["efid"], EvaluationFormVersion=1)),
            ("CreateUser", "with A's hierarchy group", lambda r: b.create_user(
                Username=unique("u"), InstanceId=mine.iid, PhoneConfig={"PhoneType": "SOFT_PHONE"}, HierarchyGroupId=r["hgarn"],
                IdentityInfo={"FirstName": "Eve", "LastName": "B"}, SecurityProfileIds=[mine.spid], RoutingProfileId=mine.rpid)),
            ("DescribeAuthenticationProfile", "", lambda r: b.describe_authentication_profile(InstanceId=r["iid"], AuthenticationProfileId=r["apid"])),
            ("DescribeAuthenticationProfile", "from B's instance", lambda r: b.describe_authentication_profile(
                InstanceId=mine.iid, AuthenticationProfileId=r["apid"])),
            ("ListAuthenticationProfiles", "", lambda r: b.list_authentication_profiles(InstanceId=r["iid"])),
            ("UpdateAuthenticationProfile", "", lambda r: b.update_authentication_profile(InstanceId=r["iid"], AuthenticationProfileId=r["apid"], Description="x")),
            ("UpdateAuthenticationProfile", "in B's instance", lambda r: b.update_authentication_profile(
                InstanceId=mine.iid, AuthenticationProfileId=r["apid"], SessionInactivityHandlingEnabled=True)),
            ("UpdateContactTaskTemplate", "", lambda r: pb.update_contact_task_template(InstanceId=r["iid"], ContactId=r["cid"], TaskTemplateId=r["ttid"])),
            ("UpdateContactTaskTemplate", "A's template in B's instance", lambda r: pb.update_contact_task_template(
                InstanceId=mine.iid, ContactId=mine.cid, TaskTemplateId=r["ttarn"])),
            ("UpdateContactTaskTemplate", "A's contact in B's instance", lambda r: pb.update_contact_task_template(
                InstanceId=mine.iid, ContactId=r["cid"], TaskTemplateId=mine.ttid)),
            ("CreateUser", "with per-channel lists in A's instance", lambda r: b.create_user(
                Username=unique("u"), InstanceId=r["iid"], PhoneNumberConfigs=[{"Channel": "VOICE", "PhoneType": "SOFT_PHONE"}],
                IdentityInfo={"FirstName": "Eve", "LastName": "B"}, SecurityProfileIds=[r["spid"]], RoutingProfileId=r["rpid"])),
        ]
        # attached files (docs/attached-files.md): A's instance, and A's file and contact named from B's instance
        mine_task = lambda r: f"{mine.iarn}/contact/{r['tcid']}"  # noqa: E731
        attacks += [
            ("StartAttachedFileUpload", "in A's instance", lambda r: b.start_attached_file_upload(
                InstanceId=r["iid"], FileName="a.txt", FileSizeInBytes=2, FileUseCaseType="ATTACHMENT", AssociatedResourceArn=r["taskarn"])),
            ("StartAttachedFileUpload", "to A's contact from B's instance", lambda r: b.start_attached_file_upload(
                InstanceId=mine.iid, FileName="a.txt", FileSizeInBytes=2, FileUseCaseType="ATTACHMENT", AssociatedResourceArn=mine_task(r))),
            ("CompleteAttachedFileUpload", "", lambda r: b.complete_attached_file_upload(InstanceId=r["iid"], FileId=r["afid"], AssociatedResourceArn=r["taskarn"])),
            ("CompleteAttachedFileUpload", "in B's instance", lambda r: b.complete_attached_file_upload(
                InstanceId=mine.iid, FileId=r["afid"], AssociatedResourceArn=mine.taskarn)),
            ("GetAttachedFile", "", lambda r: b.get_attached_file(InstanceId=r["iid"], FileId=r["afid"], AssociatedResourceArn=r["taskarn"])),
            ("GetAttachedFile", "in B's instance", lambda r: b.get_attached_file(InstanceId=mine.iid, FileId=r["afid"], AssociatedResourceArn=mine.taskarn)),
            ("BatchGetAttachedFileMetadata", "", lambda r: b.batch_get_attached_file_metadata(
                InstanceId=r["iid"], FileIds=[r["afid"]], AssociatedResourceArn=r["taskarn"])),
            ("DescribeAttachedFilesConfiguration", "", lambda r: b.describe_attached_files_configuration(InstanceId=r["iid"], AttachmentScope="EMAIL")),
            ("ListAttachedFilesConfigurations", "", lambda r: b.list_attached_files_configurations(InstanceId=r["iid"])),
            ("UpdateAttachedFilesConfiguration", "", lambda r: b.update_attached_files_configuration(
                InstanceId=r["iid"], AttachmentScope="EMAIL", MaximumSizeLimitInBytes=5)),
        ]
        # deletions last, so that a wrongly successful one cannot hide the attempts above
        attacks += [
            ("DeleteAttachedFile", "", lambda r: b.delete_attached_file(InstanceId=r["iid"], FileId=r["afid"], AssociatedResourceArn=r["taskarn"])),
            ("DeleteAttachedFile", "in B's instance", lambda r: b.delete_attached_file(InstanceId=mine.iid, FileId=r["afid"], AssociatedResourceArn=mine.taskarn)),
            # task templates and views (templates-views)
            ("DeleteTaskTemplate", "", lambda r: b.delete_task_template(InstanceId=r["iid"], TaskTemplateId=r["ttid"])),
            ("DeleteTaskTemplate", "by ARN in B's instance", lambda r: b.delete_task_template(InstanceId=mine.iid, TaskTemplateId=r["ttarn"])),
            ("DeleteViewVersion", "", lambda r: b.delete_view_version(InstanceId=r["iid"], ViewId=r["viewid"], ViewVersion=1)),
            ("DeleteViewVersion", "by ARN in B's instance", lambda r: b.delete_view_version(InstanceId=mine.iid, ViewId=r["viewarn"], ViewVersion=1)),
            ("DeleteView", "", lambda r: b.delete_view(InstanceId=r["iid"], ViewId=r["viewid"])),
            ("DeleteView", "by ARN in B's instance", lambda r: b.delete_view(InstanceId=mine.iid, ViewId=r["viewarn"])),
        ]
        # Rules and evaluation forms (rules-evals).
        event = {"EventSourceName": "OnPostCallAnalysisAvailable"}
        bridge = [{"ActionType": "GENERATE_EVENTBRIDGE_EVENT", "EventBridgeAction": {"Name": "x"}}]
        section = [{"Section": {"Title": "s", "RefId": "s1", "Items": [{"Question": {"Title": "q", "RefId": "q1", "QuestionType": "TEXT"}}]}}]
        attacks += [
            ("CreateRule", "in A's instance", lambda r: b.create_rule(InstanceId=r["iid"], Name=unique("r"), TriggerEventSource=event, Function="true",
                                                                        Actions=bridge, PublishStatus="DRAFT")),
            ("CreateRule", "with A's flow in a task", lambda r: b.create_rule(InstanceId=mine.iid, Name=unique("r"), TriggerEventSource=event, Function="true",
                                                                                PublishStatus="DRAFT", Actions=[{"ActionType": "CREATE_TASK", "TaskAction": {"Name": "t", "ContactFlowId": r["inflow"]}}])),
            ("CreateRule", "with A's evaluation form", lambda r: b.create_rule(InstanceId=mine.iid, Name=unique("r"), TriggerEventSource=event, Function="true",
                                                                                 PublishStatus="DRAFT", Actions=[{"ActionType": "SUBMIT_AUTO_EVALUATION",
                                                                                                                  "SubmitAutoEvaluationAction": {"EvaluationFormId": r["efid"]}}])),
            ("CreateRule", "with A's integration association", lambda r: b.create_rule(
                InstanceId=mine.iid, Name=unique("r"), Function="true", PublishStatus="DRAFT",
                TriggerEventSource={"EventSourceName": "OnSalesforceCaseCreate", "IntegrationAssociationId": r["iaid"]},
                Actions=[{"ActionType": "ASSIGN_CONTACT_CATEGORY", "AssignContactCategoryAction": {}}])),
            ("DescribeRule", "", lambda r: b.describe_rule(InstanceId=r["iid"], RuleId=r["rlid"])),
            ("DescribeRule", "from B's instance", lambda r: b.describe_rule(InstanceId=mine.iid, RuleId=r["rlid"])),
            ("DescribeRule", "by ARN from B's instance", lambda r: b.describe_rule(InstanceId=mine.iid, RuleId=r["rlarn"])),
            ("ListRules", "", lambda r: b.list_rules(InstanceId=r["iid"])),
            ("UpdateRule", "", lambda r: b.update_rule(InstanceId=r["iid"], RuleId=r["rlid"], Name="x", Function="true", Actions=bridge, PublishStatus="DRAFT")),
            ("UpdateRule", "in B's instance", lambda r: b.update_rule(InstanceId=mine.iid, RuleId=r["rlid"], Name="x", Function="true", Actions=bridge, PublishStatus="DRAFT")),
            ("CreateEvaluationForm", "in A's instance", lambda r: b.create_evaluation_form(InstanceId=r["iid"], Title="f", Items=section)),
            ("DescribeEvaluationForm", "", lambda r: b.describe_evaluation_form(InstanceId=r["iid"], EvaluationFormId=r["efid"])),
            ("DescribeEvaluationForm", "from B's instance", lambda r: b.describe_evaluation_form(InstanceId=mine.iid, EvaluationFormId=r["efid"])),
            ("ListEvaluationForms", "", lambda r: b.list_evaluation_forms(InstanceId=r["iid"])),
            ("SearchEvaluationForms", "", lambda r: b.search_evaluation_forms(InstanceId=r["iid"])),
            ("ListEvaluationFormVersions", "", lambda r: b.list_evaluation_form_versions(InstanceId=r["iid"], EvaluationFormId=r["efid"])),
            ("ListEvaluationFormVersions", "from B's instance", lambda r: b.list_evaluation_form_versions(InstanceId=mine.iid, EvaluationFormId=r["efid"])),
            ("UpdateEvaluationForm", "", lambda r: b.update_evaluation_form(InstanceId=r["iid"], EvaluationFormId=r["efid"], EvaluationFormVersion=1,
                                                                              CreateNewVersion=True, Title="x", Items=section)),
            ("UpdateEvaluationForm", "in B's instance", lambda r: b.update_evaluation_form(InstanceId=mine.iid, EvaluationFormId=r["efid"], EvaluationFormVersion=1,
                                                                                             CreateNewVersion=True, Title="x", Items=section)),
            ("ActivateEvaluationForm", "", lambda r: b.activate_evaluation_form(InstanceId=r["iid"], EvaluationFormId=r["efid"], EvaluationFormVersion=1)),
            ("ActivateEvaluationForm", "in B's instance", lambda r: b.activate_evaluation_form(InstanceId=mine.iid, EvaluationFormId=r["efid"], EvaluationFormVersion=1)),
            ("DeactivateEvaluationForm", "", lambda r: b.deactivate_evaluation_form(InstanceId=r["iid"], EvaluationFormId=r["efid"], EvaluationFormVersion=1)),
            ("DeactivateEvaluationForm", "in B's instance", lambda r: b.deactivate_evaluation_form(InstanceId=mine.iid, EvaluationFormId=r["efid"], EvaluationFormVersion=1)),
        ]
        # deletions last, so that a wrongly successful one cannot hide the attempts above
        attacks += [
            # rules and evaluation forms (rules-evals)
            ("DeleteRule", "", lambda r: b.delete_rule(InstanceId=r["iid"], RuleId=r["rlid"])),
            ("DeleteRule", "in B's instance", lambda r: b.delete_rule(InstanceId=mine.iid, RuleId=r["rlarn"])),
            ("DeleteEvaluationForm", "", lambda r: b.delete_evaluation_form(InstanceId=r["iid"], EvaluationFormId=r["efid"])),
            ("DeleteEvaluationForm", "a version in B's instance", lambda r: b.delete_evaluation_form(InstanceId=mine.iid, EvaluationFormId=r["efid"], EvaluationFormVersion=1)),
            ("DeleteSecurityProfile", "", lambda r: b.delete_security_profile(InstanceId=r["iid"], SecurityProfileId=r["cspid"])),
            ("DeleteSecurityProfile", "by ARN in B's instance", lambda r: b.delete_security_profile(InstanceId=mine.iid, SecurityProfileId=r["csparn"])),
            ("DeleteVocabulary", "", lambda r: b.delete_vocabulary(InstanceId=r["iid"], VocabularyId=r["vid"])),
            ("DeleteVocabulary", "in B's instance", lambda r: b.delete_vocabulary(InstanceId=mine.iid, VocabularyId=r["varn"])),
            ("DeleteUserHierarchyGroup", "", lambda r: b.delete_user_hierarchy_group(InstanceId=r["iid"], HierarchyGroupId=r["hgid"])),
            ("DeleteUserHierarchyGroup", "in B's instance", lambda r: b.delete_user_hierarchy_group(InstanceId=mine.iid, HierarchyGroupId=r["hgarn"])),
            ("UpdateContactRoutingData", "", lambda r: b.update_contact_routing_data(InstanceId=r["iid"], ContactId=r["cid"], QueuePriority=1)),
            ("UpdateContactRoutingData", "from B's instance", lambda r: b.update_contact_routing_data(InstanceId=mine.iid, ContactId=r["cid"], QueuePriority=1)),
            # changing a contact after it began (contact-updates)
            ("GetContactAttributes", "", lambda r: b.get_contact_attributes(InstanceId=r["iid"], InitialContactId=r["cid"])),
            ("GetContactAttributes", "from B's instance", lambda r: b.get_contact_attributes(InstanceId=mine.iid, InitialContactId=r["cid"])),
            ("UpdateContactAttributes", "", lambda r: b.update_contact_attributes(InstanceId=r["iid"], InitialContactId=r["cid"], Attributes={"b": "1"})),
            ("UpdateContactAttributes", "from B's instance", lambda r: b.update_contact_attributes(
                InstanceId=mine.iid, InitialContactId=r["cid"], Attributes={"b": "1"})),
            ("TagContact", "", lambda r: b.tag_contact(InstanceId=r["iid"], ContactId=r["cid"], Tags={"b": "1"})),
            ("TagContact", "from B's instance", lambda r: b.tag_contact(InstanceId=mine.iid, ContactId=r["cid"], Tags={"b": "1"})),
            ("UntagContact", "", lambda r: b.untag_contact(InstanceId=r["iid"], ContactId=r["cid"], TagKeys=["b"])),
            ("UntagContact", "from B's instance", lambda r: b.untag_contact(InstanceId=mine.iid, ContactId=r["cid"], TagKeys=["b"])),
            ("UpdateContact", "", lambda r: b.update_contact(InstanceId=r["iid"], ContactId=r["cid"], Name="b")),
            ("UpdateContact", "from B's instance", lambda r: b.update_contact(InstanceId=mine.iid, ContactId=r["cid"], Name="b")),
            ("ListContactReferences", "", lambda r: b.list_contact_references(InstanceId=r["iid"], ContactId=r["cid"], ReferenceTypes=["URL"])),
            ("ListContactReferences", "from B's instance", lambda r: b.list_contact_references(
                InstanceId=mine.iid, ContactId=r["cid"], ReferenceTypes=["URL"])),
            ("UpdateContactSchedule", "", lambda r: b.update_contact_schedule(
                InstanceId=r["iid"], ContactId=r["cid"], ScheduledTime=datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1))),
            ("PauseContact", "", lambda r: b.pause_contact(InstanceId=r["iid"], ContactId=r["cid"])),
            ("PauseContact", "from B's instance", lambda r: b.pause_contact(InstanceId=mine.iid, ContactId=r["cid"])),
            ("ResumeContact", "", lambda r: b.resume_contact(InstanceId=r["iid"], ContactId=r["cid"])),
            ("ResumeContact", "from B's instance", lambda r: b.resume_contact(InstanceId=mine.iid, ContactId=r["cid"])),
            ("UpdateContactSchedule", "from B's instance", lambda r: b.update_contact_schedule(
                InstanceId=mine.iid, ContactId=r["cid"], ScheduledTime=datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1))),
            ("StopContact", "", lambda r: b.stop_contact(InstanceId=r["iid"], ContactId=r["cid"])),
            ("StopContact", "from B's instance", lambda r: b.stop_contact(InstanceId=mine.iid, ContactId=r["cid"])),
            ("DeleteTrafficDistributionGroup", "", lambda r: b.delete_traffic_distribution_group(TrafficDistributionGroupId=r["gid"])),
            ("ReleasePhoneNumber", "", lambda r: b.release_phone_number(PhoneNumberId=r["pid"])),
            # flow modules (issue 14, modules part)
            ("DeleteContactFlowModuleAlias", "", lambda r: b.delete_contact_flow_module_alias(
                InstanceId=r["iid"], ContactFlowModuleId=r["mid"], AliasId=r["aid"])),
            ("DeleteContactFlowModuleAlias", "A's alias of B's module", lambda r: b.delete_contact_flow_module_alias(
                InstanceId=mine.iid, ContactFlowModuleId=mine.mid, AliasId=r["aid"])),
            ("DeleteContactFlowModuleVersion", "", lambda r: b.delete_contact_flow_module_version(
                InstanceId=r["iid"], ContactFlowModuleId=r["mid"], ContactFlowModuleVersion=1)),
            ("DeleteContactFlowModuleVersion", "by ARN in B's instance", lambda r: b.delete_contact_flow_module_version(
                InstanceId=mine.iid, ContactFlowModuleId=r["marn"], ContactFlowModuleVersion=1)),
            # backup-restore (issue 15): ImportPhoneNumber and DeleteContactFlowVersion
            ("ImportPhoneNumber", "to A's instance", lambda r: b.import_phone_number(
                InstanceId=r["iid"], SourcePhoneNumberArn=f"arn:aws:sms-voice:{EAST}:{mine.account}:phone-number/phone-{'ab' * 16}")),
            ("ImportPhoneNumber", "A's source number", lambda r: b.import_phone_number(
                InstanceId=mine.iid, SourcePhoneNumberArn=f"arn:aws:sms-voice:{EAST}:{r['iarn'].split(':')[4]}:phone-number/phone-{'cd' * 16}")),
            ("DeleteContactFlowVersion", "", lambda r: b.delete_contact_flow_version(
                InstanceId=r["iid"], ContactFlowId=r["fid"], ContactFlowVersion=1)),
            ("DeleteContactFlowVersion", "by ARN in B's instance", lambda r: b.delete_contact_flow_version(
                InstanceId=mine.iid, ContactFlowId=r["farn"], ContactFlowVersion=1)),
            ("DeleteContactFlowModule", "", lambda r: b.delete_contact_flow_module(InstanceId=r["iid"], ContactFlowModuleId=r["mid"])),
            ("DeleteContactFlowModule", "in B's instance", lambda r: b.delete_contact_flow_module(InstanceId=mine.iid, ContactFlowModuleId=r["mid"])),
            ("DeleteContactFlow", "", lambda r: b.delete_contact_flow(InstanceId=r["iid"], ContactFlowId=r["fid"])),
            ("DeleteContactFlow", "in B's instance", lambda r: b.delete_contact_flow(InstanceId=mine.iid, ContactFlowId=r["fid"])),
            ("DeletePrompt", "", lambda r: b.delete_prompt(InstanceId=r["iid"], PromptId=r["prid"])),
            ("DeletePrompt", "in B's instance", lambda r: b.delete_prompt(InstanceId=mine.iid, PromptId=r["prid"])),
            ("DeleteQuickConnect", "", lambda r: b.delete_quick_connect(InstanceId=r["iid"], QuickConnectId=r["kid"])),
            ("DeleteQuickConnect", "in B's instance", lambda r: b.delete_quick_connect(InstanceId=mine.iid, QuickConnectId=r["kid"])),
            ("DeleteEmailAddress", "", lambda r: b.delete_email_address(InstanceId=r["iid"], EmailAddressId=r["eid"])),
            ("DeleteHoursOfOperationOverride", "", lambda r: b.delete_hours_of_operation_override(
                InstanceId=r["iid"], HoursOfOperationId=r["hid"], HoursOfOperationOverrideId=r["oid"])),
            ("DeleteHoursOfOperationOverride", "under B's hours", lambda r: b.delete_hours_of_operation_override(
                InstanceId=mine.iid, HoursOfOperationId=mine.hid, HoursOfOperationOverrideId=r["oid"])),
            ("DeleteEmailAddress", "in B's instance", lambda r: b.delete_email_address(InstanceId=mine.iid, EmailAddressId=r["earn"])),
            ("DeleteUser", "", lambda r: b.delete_user(InstanceId=r["iid"], UserId=r["uid"])),
            ("DeleteUser", "in B's instance", lambda r: b.delete_user(InstanceId=mine.iid, UserId=r["uid"])),
            ("DeleteRoutingProfile", "in B's instance", lambda r: b.delete_routing_profile(InstanceId=mine.iid, RoutingProfileId=r["rpid"])),
            ("DeleteQueue", "in B's instance", lambda r: b.delete_queue(InstanceId=mine.iid, QueueId=r["qid"])),
            ("DeleteHoursOfOperation", "in B's instance", lambda r: b.delete_hours_of_operation(InstanceId=mine.iid, HoursOfOperationId=r["hid"])),
            ("DeleteRoutingProfile", "", lambda r: b.delete_routing_profile(InstanceId=r["iid"], RoutingProfileId=r["rpid"])),
            ("DeleteQueue", "", lambda r: b.delete_queue(InstanceId=r["iid"], QueueId=r["qid"])),
            ("DeleteHoursOfOperation", "", lambda r: b.delete_hours_of_operation(InstanceId=r["iid"], HoursOfOperationId=r["hid"])),
            # data tables (datatables): every operation in A's instance, and with A's table (id or ARN) in B's instance
            ("CreateDataTable", "in A's instance", lambda r: b.create_data_table(InstanceId=r["iid"], Name=unique("t"), TimeZone="UTC",
                                                                                 ValueLockLevel="NONE", Status="PUBLISHED")),
            ("ListDataTables", "", lambda r: b.list_data_tables(InstanceId=r["iid"])),
            ("SearchDataTables", "", lambda r: b.search_data_tables(InstanceId=r["iid"])),
            ("DescribeDataTable", "", lambda r: b.describe_data_table(InstanceId=r["iid"], DataTableId=r["dtid"])),
            ("DescribeDataTable", "by ARN from B's instance", lambda r: b.describe_data_table(InstanceId=mine.iid, DataTableId=r["dtarn"])),
            ("DescribeDataTable", "with an alias from B's instance", lambda r: b.describe_data_table(InstanceId=mine.iid, DataTableId=r["dtid"] + ":$LATEST")),
            ("UpdateDataTableMetadata", "", lambda r: b.update_data_table_metadata(InstanceId=r["iid"], DataTableId=r["dtid"], Name="x",
                                                                                     ValueLockLevel="VALUE", TimeZone="UTC")),
            ("UpdateDataTableMetadata", "by ARN from B's instance", lambda r: b.update_data_table_metadata(
                InstanceId=mine.iid, DataTableId=r["dtarn"], Name="x", ValueLockLevel="VALUE", TimeZone="UTC")),
            ("CreateDataTableAttribute", "", lambda r: b.create_data_table_attribute(InstanceId=r["iid"], DataTableId=r["dtid"], Name="n", ValueType="TEXT")),
            ("CreateDataTableAttribute", "in B's instance", lambda r: b.create_data_table_attribute(InstanceId=mine.iid, DataTableId=r["dtid"], Name="n", ValueType="TEXT")),
            ("DescribeDataTableAttribute", "", lambda r: b.describe_data_table_attribute(InstanceId=r["iid"], DataTableId=r["dtid"], AttributeName="v")),
            ("DescribeDataTableAttribute", "by ARN from B's instance", lambda r: b.describe_data_table_attribute(InstanceId=mine.iid, DataTableId=r["dtarn"], AttributeName="v")),
            ("ListDataTableAttributes", "", lambda r: b.list_data_table_attributes(InstanceId=r["iid"], DataTableId=r["dtid"])),
            ("ListDataTableAttributes", "in B's instance", lambda r: b.list_data_table_attributes(InstanceId=mine.iid, DataTableId=r["dtid"])),
            ("UpdateDataTableAttribute", "", lambda r: b.update_data_table_attribute(InstanceId=r["iid"], DataTableId=r["dtid"], AttributeName="v", Name="w", ValueType="TEXT")),
            ("UpdateDataTableAttribute", "in B's instance", lambda r: b.update_data_table_attribute(
                InstanceId=mine.iid, DataTableId=r["dtarn"], AttributeName="v", Name="w", ValueType="TEXT")),
            ("BatchCreateDataTableValue", "", lambda r: b.batch_create_data_table_value(InstanceId=r["iid"], DataTableId=r["dtid"], Values=[
                {"PrimaryValues": [{"AttributeName": "code", "Value": "a"}], "AttributeName": "v", "Value": "x"}])),
            ("BatchCreateDataTableValue", "in B's instance", lambda r: b.batch_create_data_table_value(InstanceId=mine.iid, DataTableId=r["dtarn"], Values=[
                {"PrimaryValues": [{"AttributeName": "code", "Value": "a"}], "AttributeName": "v", "Value": "x"}])),
            ("BatchDescribeDataTableValue", "", lambda r: b.batch_describe_data_table_value(InstanceId=r["iid"], DataTableId=r["dtid"], Values=[{"AttributeName": "v"}])),
            ("BatchDescribeDataTableValue", "in B's instance", lambda r: b.batch_describe_data_table_value(InstanceId=mine.iid, DataTableId=r["dtid"], Values=[{"AttributeName": "v"}])),
            ("BatchUpdateDataTableValue", "", lambda r: b.batch_update_data_table_value(InstanceId=r["iid"], DataTableId=r["dtid"], Values=[
                {"AttributeName": "v", "Value": "x"}])),
            ("BatchUpdateDataTableValue", "in B's instance", lambda r: b.batch_update_data_table_value(InstanceId=mine.iid, DataTableId=r["dtarn"], Values=[
                {"AttributeName": "v", "Value": "x"}])),
            ("BatchDeleteDataTableValue", "", lambda r: b.batch_delete_data_table_value(InstanceId=r["iid"], DataTableId=r["dtid"], Values=[
                {"AttributeName": "v", "LockVersion": {"Value": "1"}}])),
            ("BatchDeleteDataTableValue", "in B's instance", lambda r: b.batch_delete_data_table_value(InstanceId=mine.iid, DataTableId=r["dtid"], Values=[
                {"AttributeName": "v", "LockVersion": {"Value": "1"}}])),
            ("ListDataTableValues", "", lambda r: b.list_data_table_values(InstanceId=r["iid"], DataTableId=r["dtid"])),
            ("ListDataTableValues", "in B's instance", lambda r: b.list_data_table_values(InstanceId=mine.iid, DataTableId=r["dtarn"])),
            ("ListDataTablePrimaryValues", "", lambda r: b.list_data_table_primary_values(InstanceId=r["iid"], DataTableId=r["dtid"])),
            ("ListDataTablePrimaryValues", "in B's instance", lambda r: b.list_data_table_primary_values(InstanceId=mine.iid, DataTableId=r["dtid"])),
            ("UpdateDataTablePrimaryValues", "", lambda r: b.update_data_table_primary_values(
                InstanceId=r["iid"], DataTableId=r["dtid"], PrimaryValues=[{"AttributeName": "code", "Value": "a"}], NewPrimaryValues=[{"AttributeName": "code", "Value": "a"}], LockVersion={})),
            ("UpdateDataTablePrimaryValues", "in B's instance", lambda r: b.update_data_table_primary_values(
                InstanceId=mine.iid, DataTableId=r["dtarn"], PrimaryValues=[{"AttributeName": "code", "Value": "a"}], NewPrimaryValues=[{"AttributeName": "code", "Value": "a"}], LockVersion={})),
            ("EvaluateDataTableValues", "", lambda r: b.evaluate_data_table_values(InstanceId=r["iid"], DataTableId=r["dtid"], Values=[{"AttributeNames": ["v"]}])),
            ("EvaluateDataTableValues", "in B's instance", lambda r: b.evaluate_data_table_values(InstanceId=mine.iid, DataTableId=r["dtarn"], Values=[{"AttributeNames": ["v"]}])),
            ("DeleteDataTableAttribute", "", lambda r: b.delete_data_table_attribute(InstanceId=r["iid"], DataTableId=r["dtid"], AttributeName="v")),
            ("DeleteDataTableAttribute", "in B's instance", lambda r: b.delete_data_table_attribute(InstanceId=mine.iid, DataTableId=r["dtid"], AttributeName="v")),
            ("DeleteDataTable", "", lambda r: b.delete_data_table(InstanceId=r["iid"], DataTableId=r["dtid"])),
            ("DeleteDataTable", "by ARN from B's instance", lambda r: b.delete_data_table(InstanceId=mine.iid, DataTableId=r["dtarn"])),
            ("ListTagsForResource", "A's data table", lambda r: b.list_tags_for_resource(resourceArn=r["dtarn"])),
            ("TagResource", "A's data table", lambda r: b.tag_resource(resourceArn=r["dtarn"], tags={"owner": "b"})),
            ("UntagResource", "A's data table", lambda r: b.untag_resource(resourceArn=r["dtarn"], tagKeys=["owner"])),
            # test cases (resource-families): A's test case in A's instance and by ARN from B's; a test of A's flow from B's instance
            ("CreateTestCase", "in A's instance", lambda r: b.create_test_case(InstanceId=r["iid"], Name=unique("t"), Content="{}", Status="SAVED")),
            ("CreateTestCase", "of A's flow", lambda r: b.create_test_case(InstanceId=mine.iid, Name=unique("t"), Content="{}", Status="SAVED",
                                                                            EntryPoint={"Type": "CHAT", "ChatEntryPointParameters": {"FlowId": r["inflow"]}})),
            ("DescribeTestCase", "", lambda r: b.describe_test_case(InstanceId=r["iid"], TestCaseId=r["tcid"])),
            ("DescribeTestCase", "by ARN from B's instance", lambda r: b.describe_test_case(InstanceId=mine.iid, TestCaseId=r["tcarn"])),
            ("ListTestCases", "", lambda r: b.list_test_cases(InstanceId=r["iid"])),
            ("SearchTestCases", "", lambda r: b.search_test_cases(InstanceId=r["iid"])),
            ("UpdateTestCase", "", lambda r: b.update_test_case(InstanceId=r["iid"], TestCaseId=r["tcid"], Name="x")),
            ("UpdateTestCase", "by ARN from B's instance", lambda r: b.update_test_case(InstanceId=mine.iid, TestCaseId=r["tcarn"], Name="x")),
            ("DeleteTestCase", "", lambda r: b.delete_test_case(InstanceId=r["iid"], TestCaseId=r["tcid"])),
            ("DeleteTestCase", "by ARN from B's instance", lambda r: b.delete_test_case(InstanceId=mine.iid, TestCaseId=r["tcarn"])),
            ("ListTagsForResource", "A's test case", lambda r: b.list_tags_for_resource(resourceArn=r["tcarn"])),
            ("TagResource", "A's test case", lambda r: b.tag_resource(resourceArn=r["tcarn"], tags={"owner": "b"})),
            ("UntagResource", "A's test case", lambda r: b.untag_resource(resourceArn=r["tcarn"], tagKeys=["owner"])),
            # notifications (resource-families): A's notification and user in A's instance, by ARN from B's; A's user as B's recipient
            ("CreateNotification", "in A's instance", lambda r: b.create_notification(InstanceId=r["iid"], Recipients=[r["iarn"]], Content={"en_US": "x"})),
            ("CreateNotification", "to A's user", lambda r: b.create_notification(InstanceId=mine.iid, Recipients=[r["uarn"]], Content={"en_US": "x"})),
            ("CreateNotification", "to A's instance", lambda r: b.create_notification(InstanceId=mine.iid, Recipients=[r["iarn"]], Content={"en_US": "x"})),
            ("DescribeNotification", "", lambda r: b.describe_notification(InstanceId=r["iid"], NotificationId=r["ntid"])),
            ("DescribeNotification", "by ARN from B's instance", lambda r: b.describe_notification(InstanceId=mine.iid, NotificationId=r["ntarn"])),
            ("ListNotifications", "", lambda r: b.list_notifications(InstanceId=r["iid"])),
            ("SearchNotifications", "", lambda r: b.search_notifications(InstanceId=r["iid"])),
            ("UpdateNotificationContent", "", lambda r: b.update_notification_content(InstanceId=r["iid"], NotificationId=r["ntid"], Content={"en_US": "b"})),
            ("UpdateNotificationContent", "by ARN from B's instance", lambda r: b.update_notification_content(
                InstanceId=mine.iid, NotificationId=r["ntarn"], Content={"en_US": "b"})),
            ("ListUserNotifications", "", lambda r: b.list_user_notifications(InstanceId=r["iid"], UserId=r["uid"])),
            ("ListUserNotifications", "A's user in B's instance", lambda r: b.list_user_notifications(InstanceId=mine.iid, UserId=r["uarn"])),
            ("UpdateUserNotificationStatus", "", lambda r: b.update_user_notification_status(
                InstanceId=r["iid"], UserId=r["uid"], NotificationId=r["ntid"], Status="READ")),
            ("UpdateUserNotificationStatus", "A's notification in B's instance", lambda r: b.update_user_notification_status(
                InstanceId=mine.iid, UserId=mine.uid, NotificationId=r["ntarn"], Status="READ")),
            ("DeleteNotification", "", lambda r: b.delete_notification(InstanceId=r["iid"], NotificationId=r["ntid"])),
            ("DeleteNotification", "by ARN from B's instance", lambda r: b.delete_notification(InstanceId=mine.iid, NotificationId=r["ntarn"])),
            ("ListTagsForResource", "A's notification", lambda r: b.list_tags_for_resource(resourceArn=r["ntarn"])),
            ("TagResource", "A's notification", lambda r: b.tag_resource(resourceArn=r["ntarn"], tags={"owner": "b"})),
            ("UntagResource", "A's notification", lambda r: b.untag_resource(resourceArn=r["ntarn"], tagKeys=["owner"])),
            ("DeleteInstance", "", lambda r: b.delete_instance(InstanceId=r["iid"])),
            ("DeleteInstance", "in the replica Region", lambda r: bw.delete_instance(InstanceId=r["iarn"])),
        ]
        # Workspaces (issue 15, workspaces): A's workspace in A's instance and by ARN from B's; A's view and user from B's workspace.
        theme = {"Light": {"Palette": {"Primary": {"Default": "#112233"}}}}
        attacks += [
            ("CreateWorkspace", "in A's instance", lambda r: b.create_workspace(InstanceId=r["iid"], Name=unique("ws"))),
            ("DescribeWorkspace", "", lambda r: b.describe_workspace(InstanceId=r["iid"], WorkspaceId=r["wsid"])),
            ("DescribeWorkspace", "by ARN from B's instance", lambda r: b.describe_workspace(InstanceId=mine.iid, WorkspaceId=r["wsarn"])),
            ("ListWorkspaces", "", lambda r: b.list_workspaces(InstanceId=r["iid"])),
            ("SearchWorkspaces", "", lambda r: b.search_workspaces(InstanceId=r["iid"])),
            ("UpdateWorkspaceMetadata", "", lambda r: b.update_workspace_metadata(InstanceId=r["iid"], WorkspaceId=r["wsid"], Title="x")),
            ("UpdateWorkspaceMetadata", "by ARN in B's instance", lambda r: b.update_workspace_metadata(InstanceId=mine.iid, WorkspaceId=r["wsarn"], Name=unique("ws"))),
            ("UpdateWorkspaceTheme", "", lambda r: b.update_workspace_theme(InstanceId=r["iid"], WorkspaceId=r["wsid"], Theme=theme)),
            ("UpdateWorkspaceTheme", "by ARN in B's instance", lambda r: b.update_workspace_theme(InstanceId=mine.iid, WorkspaceId=r["wsarn"], Theme=theme)),
            ("UpdateWorkspaceVisibility", "", lambda r: b.update_workspace_visibility(InstanceId=r["iid"], WorkspaceId=r["wsid"], Visibility="NONE")),
            ("UpdateWorkspaceVisibility", "by ARN in B's instance", lambda r: b.update_workspace_visibility(InstanceId=mine.iid, WorkspaceId=r["wsarn"], Visibility="ALL")),
            ("AssociateWorkspace", "", lambda r: b.associate_workspace(InstanceId=r["iid"], WorkspaceId=r["wsid"], ResourceArns=[r["uarn"]])),
            ("AssociateWorkspace", "by ARN in B's instance", lambda r: b.associate_workspace(InstanceId=mine.iid, WorkspaceId=r["wsarn"], ResourceArns=[mine.uarn])),
            ("DisassociateWorkspace", "", lambda r: b.disassociate_workspace(InstanceId=r["iid"], WorkspaceId=r["wsid"], ResourceArns=[r["uarn"]])),
            ("DisassociateWorkspace", "by ARN in B's instance", lambda r: b.disassociate_workspace(InstanceId=mine.iid, WorkspaceId=r["wsarn"], ResourceArns=[mine.uarn])),
            ("SearchWorkspaceAssociations", "", lambda r: b.search_workspace_associations(InstanceId=r["iid"])),
            ("CreateWorkspacePage", "", lambda r: b.create_workspace_page(InstanceId=r["iid"], WorkspaceId=r["wsid"], ResourceArn=r["viewarn"], Page="custom")),
            ("CreateWorkspacePage", "A's view on B's workspace", lambda r: b.create_workspace_page(
                InstanceId=mine.iid, WorkspaceId=mine.wsid, ResourceArn=r["viewarn"], Page="AGENT_EXPERIENCE")),
            ("UpdateWorkspacePage", "", lambda r: b.update_workspace_page(InstanceId=r["iid"], WorkspaceId=r["wsid"], Page="HOME", InputData="{}")),
            ("UpdateWorkspacePage", "by ARN in B's instance", lambda r: b.update_workspace_page(InstanceId=mine.iid, WorkspaceId=r["wsarn"], Page="HOME", Slug="xyz")),
            ("UpdateWorkspacePage", "A's view on B's page", lambda r: b.update_workspace_page(
                InstanceId=mine.iid, WorkspaceId=mine.wsid, Page="HOME", ResourceArn=r["viewarn"])),
            ("ListWorkspacePages", "", lambda r: b.list_workspace_pages(InstanceId=r["iid"], WorkspaceId=r["wsid"])),
            ("ListWorkspacePages", "by ARN from B's instance", lambda r: b.list_workspace_pages(InstanceId=mine.iid, WorkspaceId=r["wsarn"])),
            ("ImportWorkspaceMedia", "", lambda r: b.import_workspace_media(
                InstanceId=r["iid"], WorkspaceId=r["wsid"], MediaType="IMAGE_LOGO_DARK_FAVICON", MediaSource="aGVsbG8=")),
            ("ImportWorkspaceMedia", "by ARN in B's instance", lambda r: b.import_workspace_media(
                InstanceId=mine.iid, WorkspaceId=r["wsarn"], MediaType="IMAGE_LOGO_LIGHT_FAVICON", MediaSource="https://example.com/logo.png")),
            ("ListWorkspaceMedia", "", lambda r: b.list_workspace_media(InstanceId=r["iid"], WorkspaceId=r["wsid"])),
            ("ListWorkspaceMedia", "by ARN from B's instance", lambda r: b.list_workspace_media(InstanceId=mine.iid, WorkspaceId=r["wsarn"])),
            ("DeleteWorkspaceMedia", "", lambda r: b.delete_workspace_media(InstanceId=r["iid"], WorkspaceId=r["wsid"], MediaType="IMAGE_LOGO_LIGHT_FAVICON")),
            ("DeleteWorkspaceMedia", "by ARN in B's instance", lambda r: b.delete_workspace_media(
                InstanceId=mine.iid, WorkspaceId=r["wsarn"], MediaType="IMAGE_LOGO_LIGHT_FAVICON")),
            ("DeleteWorkspacePage", "", lambda r: b.delete_workspace_page(InstanceId=r["iid"], WorkspaceId=r["wsid"], Page="HOME")),
            ("DeleteWorkspacePage", "by ARN in B's instance", lambda r: b.delete_workspace_page(InstanceId=mine.iid, WorkspaceId=r["wsarn"], Page="HOME")),
            ("DeleteWorkspace", "", lambda r: b.delete_workspace(InstanceId=r["iid"], WorkspaceId=r["wsid"])),
            ("DeleteWorkspace", "by ARN in B's instance", lambda r: b.delete_workspace(InstanceId=mine.iid, WorkspaceId=r["wsarn"])),
        ]
        # Global routing (issue 16, cross-region-routing): newer than the installed boto3, through the pinned model's client.
        pbw = pinned_client(WEST, account=mine.account)
        attacks += [
            ("GetCrossRegionRouting", "", lambda r: pb.get_cross_region_routing(InstanceId=r["iid"])),
            ("GetCrossRegionRouting", "by ARN in the replica Region", lambda r: pbw.get_cross_region_routing(InstanceId=r["iarn"])),
            ("UpdateCrossRegionRouting", "", lambda r: pb.update_cross_region_routing(InstanceId=r["iid"], IsolatedAll=True)),
            ("UpdateCrossRegionRouting", "by ARN in the replica Region", lambda r: pbw.update_cross_region_routing(InstanceId=r["iarn"], IsolatedAll=True)),
        ]
        return attacks

    def assert_no_leak(self, label, result):
        text = json.dumps(result, default=str)
        for secret in self.a.secrets():
            self.assertNotIn(secret, text, f"{label}: account B's answer shows account A's {secret}")

    def test_account_b_sees_account_a_s_resources_exactly_as_missing_ones_and_changes_nothing(self):
        before = self.a.snapshot()
        real, missing = refs_of(self.a), missing_like(refs_of(self.a))
        for operation, label, call in self.attacks():
            self.exercised.add(operation)
            with self.subTest(operation=operation, case=label):
                against_missing = outcome(lambda: call(missing))
                against_a = outcome(lambda: call(real))
                self.assertEqual("error", against_a[0], f"{operation} {label}: account B was answered {against_a}")
                self.assertEqual(against_missing, against_a, f"{operation} {label}: A's resource is told apart from a missing one")
                self.assertLess(against_a[1], 500, against_a)
                # the request got as far as looking the resource up (a validation error would prove nothing)
                self.assertRegex(against_a[3], r"not found|is not associated", f"{operation} {label}: {against_a}")
        after = self.a.snapshot()
        for name in before:
            self.assertEqual(before[name], after[name], f"{name} of account A changed")

    def test_account_b_s_lists_and_searches_show_nothing_of_account_a(self):
        b, bw, mine = self.b.east, self.b.west, self.b
        calls = {
            "ListInstances": lambda: b.list_instances(),
            "ListInstances west": lambda: bw.list_instances(),
            "ListTrafficDistributionGroups": lambda: b.list_traffic_distribution_groups(),
            "ListTrafficDistributionGroups of B's instance": lambda: b.list_traffic_distribution_groups(InstanceId=mine.iid),
            "ListPhoneNumbersV2": lambda: b.list_phone_numbers_v2(),
            "ListPhoneNumbersV2 prefix": lambda: b.list_phone_numbers_v2(PhoneNumberPrefix=self.a.number[:6]),
            "SearchRoutingProfiles by A's name": lambda: b.search_routing_profiles(
                InstanceId=mine.iid, SearchCriteria={"StringCondition": {"FieldName": "name", "Value": self.a.profile_name, "ComparisonType": "EXACT"}}),
            "ListQueues": lambda: b.list_queues(InstanceId=mine.iid),
            "ListUsers": lambda: b.list_users(InstanceId=mine.iid),
            "ListRoutingProfiles": lambda: b.list_routing_profiles(InstanceId=mine.iid),
            "ListHoursOfOperations": lambda: b.list_hours_of_operations(InstanceId=mine.iid),
            "ListTrafficDistributionGroupUsers": lambda: b.list_traffic_distribution_group_users(TrafficDistributionGroupId=mine.gid),
            "ListContactFlowModules": lambda: b.list_contact_flow_modules(InstanceId=mine.iid),
            "SearchContactFlowModules": lambda: b.search_contact_flow_modules(InstanceId=mine.iid),
            # flow references and associations (flow-refs)
            "ListFlowAssociations": lambda: b.list_flow_associations(InstanceId=mine.iid),
            "BatchGetFlowAssociation of A's resources": lambda: b.batch_get_flow_association(InstanceId=mine.iid, ResourceIds=[self.a.smsarn, self.a.parn]),
            "ListPhoneNumbers": lambda: b.list_phone_numbers(InstanceId=mine.iid),
            # users-search
            "SearchQueues": lambda: b.search_queues(InstanceId=mine.iid),
            "SearchHoursOfOperations": lambda: b.search_hours_of_operations(InstanceId=mine.iid),
            "SearchUsers": lambda: b.search_users(InstanceId=mine.iid),
            "ListPredefinedAttributes": lambda: b.list_predefined_attributes(InstanceId=mine.iid),
            "SearchPredefinedAttributes": lambda: b.search_predefined_attributes(InstanceId=mine.iid),
            # task templates and views (templates-views)
            "ListTaskTemplates": lambda: b.list_task_templates(InstanceId=mine.iid),
            "ListTaskTemplates by A's name": lambda: b.list_task_templates(InstanceId=mine.iid, Name=self.a.ttname),
            "ListViews": lambda: b.list_views(InstanceId=mine.iid),
            # rules and evaluation forms (rules-evals)
            "ListRules": lambda: b.list_rules(InstanceId=mine.iid),
            "ListEvaluationForms": lambda: b.list_evaluation_forms(InstanceId=mine.iid),
            "SearchEvaluationForms": lambda: b.search_evaluation_forms(InstanceId=mine.iid),
            # workspaces (issue 15, workspaces)
            "ListWorkspaces": lambda: b.list_workspaces(InstanceId=mine.iid),
            "SearchWorkspaces": lambda: b.search_workspaces(InstanceId=mine.iid),
            "SearchWorkspaceAssociations": lambda: b.search_workspace_associations(InstanceId=mine.iid),
            # config-rest (issue 15)
            "SearchViews": lambda: b.search_views(InstanceId=mine.iid),
            "SearchHoursOfOperationOverrides": lambda: b.search_hours_of_operation_overrides(InstanceId=mine.iid),
            "SearchRules": lambda: pinned_client(account=mine.account).search_rules(InstanceId=mine.iid),
            "ListAuthenticationProfiles": lambda: b.list_authentication_profiles(InstanceId=mine.iid),
            # data tables (datatables)
            "ListDataTables": lambda: b.list_data_tables(InstanceId=mine.iid),
            "SearchDataTables": lambda: b.search_data_tables(InstanceId=mine.iid),
            "SearchContacts": lambda: b.search_contacts(InstanceId=mine.iid, TimeRange=search_range()),
            "SearchContacts west": lambda: bw.search_contacts(InstanceId=mine.iid, TimeRange=search_range()),
            "SearchUsers in A's group": lambda: b.search_users(InstanceId=mine.iid, SearchCriteria={"HierarchyGroupCondition": {
                "Value": self.a.hgid, "HierarchyGroupMatchType": "WITH_CHILD_GROUPS"}}),
        }
        for label, call in calls.items():
            with self.subTest(call=label):
                result = outcome(call)
                self.assertEqual("ok", result[0], result)
                self.assert_no_leak(label, result)
        matches = b.search_routing_profiles(InstanceId=mine.iid, SearchCriteria={"StringCondition": {
            "FieldName": "name", "Value": self.a.profile_name, "ComparisonType": "EXACT"}})["RoutingProfiles"]
        self.assertEqual([], matches)

    def test_another_account_may_reuse_account_a_s_names_and_numbers(self):
        # instance aliases, user names and claimed numbers are per account here, so C is not told A took them;
        # C rather than B, whose lists must stay free of A's names
        c = connect_client(account())
        created = c.create_instance(IdentityManagementType="CONNECT_MANAGED", InstanceAlias=self.a.alias,
                                    InboundCallsEnabled=True, OutboundCallsEnabled=True)
        self.assertNotEqual(self.a.iid, created["Id"])
        profiles = c.list_routing_profiles(InstanceId=created["Id"])["RoutingProfileSummaryList"]
        security = c.list_security_profiles(InstanceId=created["Id"])["SecurityProfileSummaryList"]
        c.create_user(Username=self.a.username, Password=PASSWORD, InstanceId=created["Id"], PhoneConfig={"PhoneType": "SOFT_PHONE"},
                      IdentityInfo={"FirstName": "C", "LastName": "C"}, SecurityProfileIds=[security[0]["Id"]],
                      RoutingProfileId=profiles[0]["Id"])
        offered = [n["PhoneNumber"] for n in c.search_available_phone_numbers(
            InstanceId=created["Id"], PhoneNumberCountryCode="US", PhoneNumberType="DID", MaxResults=10)["AvailableNumbersList"]]
        self.assertIn(self.a.number, offered)

    def test_a_client_token_of_account_a_returns_nothing_of_account_a(self):
        b = self.b.east
        again = b.create_instance(IdentityManagementType="CONNECT_MANAGED", InstanceAlias=unique("iso-token"),
                                  InboundCallsEnabled=True, OutboundCallsEnabled=True, ClientToken=self.a.token)
        self.assertNotEqual(self.a.iid, again["Id"])
        self.assert_no_leak("CreateInstance with A's ClientToken", again)

    def test_a_page_token_of_account_a_shows_nothing_of_account_a(self):
        token = self.a.east.list_queues(InstanceId=self.a.iid, MaxResults=1)["NextToken"]
        result = outcome(lambda: self.b.east.list_queues(InstanceId=self.b.iid, MaxResults=1, NextToken=token))
        if result[0] == "ok":
            self.assert_no_leak("ListQueues with A's NextToken", result)
        else:
            self.assertLess(result[1], 500, result)

    def test_every_implemented_operation_is_attempted(self):
        attempted = {operation for operation, _, _ in self.attacks()} | {"CreateInstance", "ListInstances"}
        missing = implemented_operations() - attempted
        self.assertEqual(set(), missing, "implemented operations that the isolation test does not try across accounts")
        self.assertGreaterEqual(len(implemented_operations()), 65)


if __name__ == "__main__":
    unittest.main()
