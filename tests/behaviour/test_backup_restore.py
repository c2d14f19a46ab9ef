"""A backup → restore round trip with boto3, as open-source Connect backup/copy tools do it (connect_backup.py):
an instance that uses every implemented family is listed and described into one document, recreated in a new
instance by names (ids, ARNs and flow-content references remapped), backed up again, and both documents compared
with ids, ARNs and timestamps normalised."""
import json
import time
import unittest

import connect_backup
from support import ConnectTestCase, unique

ACCOUNT = "000000000000"


def slot(day, start, end):
    return {"Day": day, "StartTime": {"Hours": start[0], "Minutes": start[1]},
            "EndTime": {"Hours": end[0], "Minutes": end[1]}}


def action(identifier, type_, parameters=None, next_action=None, errors=()):
    transitions = {}
    if next_action:
        transitions["NextAction"] = next_action
    if errors:
        transitions["Errors"] = [{"NextAction": e, "ErrorType": "NoMatchingError"} for e in errors]
    return {"Identifier": identifier, "Type": type_, "Parameters": parameters or {}, "Transitions": transitions}


def flow(*actions):
    return json.dumps({"Version": "2019-10-30", "StartAction": actions[0]["Identifier"], "Metadata": {},
                       "Actions": list(actions)})


class BackupRestoreRoundTrip(ConnectTestCase):
    def build(self):
        """One of everything in self.instance_id; returns nothing (the backup is what the test reads)."""
        c, iid = self.connect, self.instance_id
        arn = c.describe_instance(InstanceId=iid)["Instance"]["Arn"]
        # instance settings and integrations
        c.update_instance_attribute(InstanceId=iid, AttributeType="CONTACTFLOW_LOGS", Value="true")
        c.associate_instance_storage_config(InstanceId=iid, ResourceType="CALL_RECORDINGS", StorageConfig={
            "StorageType": "S3", "S3Config": {"BucketName": "recordings-bucket", "BucketPrefix": "calls"}})
        c.associate_approved_origin(InstanceId=iid, Origin="https://agents.example.com")
        for i in range(27):  # more than a 25-item page
            c.associate_lambda_function(InstanceId=iid,
                                        FunctionArn=f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:backup-fn-{i:02d}")
        c.associate_lex_bot(InstanceId=iid, LexBot={"Name": "OrderBot", "LexRegion": "us-east-1"})
        c.associate_bot(InstanceId=iid, LexV2Bot={
            "AliasArn": f"arn:aws:lex:us-east-1:{ACCOUNT}:bot-alias/ABCDEFGHIJ/TSTALIASID"})
        event = f"arn:aws:app-integrations:us-east-1:{ACCOUNT}:event-integration/backup-events"
        association = c.create_integration_association(
            InstanceId=iid, IntegrationType="EVENT", IntegrationArn=event, SourceApplicationUrl="https://example.com",
            SourceApplicationName="Example app", SourceType="SALESFORCE", Tags={"team": "crm"})
        c.create_use_case(InstanceId=iid, IntegrationAssociationId=association["IntegrationAssociationId"],
                          UseCaseType="RULES_EVALUATION", Tags={"use": "rules"})
        c.update_user_hierarchy_structure(InstanceId=iid, HierarchyStructure={
            "LevelOne": {"Name": "Region"}, "LevelTwo": {"Name": "Site"}, "LevelThree": {"Name": "Team"}})

        # hours with an override and a parent
        parent = c.create_hours_of_operation(InstanceId=iid, Name="Holiday hours", TimeZone="Europe/Paris",
                                             Config=[slot("MONDAY", (10, 0), (12, 0))], Tags={"k": "v"})
        hours = c.create_hours_of_operation(InstanceId=iid, Name="Support hours", Description="weekdays",
                                            TimeZone="America/New_York",
                                            Config=[slot(d, (9, 0), (17, 30)) for d in ("MONDAY", "TUESDAY")])
        c.create_hours_of_operation_override(
            InstanceId=iid, HoursOfOperationId=hours["HoursOfOperationId"], Name="Lunch", Description="closed",
            EffectiveFrom="2026-12-24", EffectiveTill="2026-12-26", Config=[
                {"Day": "MONDAY", "StartTime": {"Hours": 12, "Minutes": 0}, "EndTime": {"Hours": 13, "Minutes": 0}}])
        c.associate_hours_of_operations(InstanceId=iid, HoursOfOperationId=hours["HoursOfOperationId"],
                                        ParentHoursOfOperationConfigs=[{"HoursOfOperationId": parent["HoursOfOperationArn"]}])
        c.create_agent_status(InstanceId=iid, Name="Training", Description="in class", State="ENABLED",
                              DisplayOrder=3, Tags={"k": "v"})
        prompt = c.create_prompt(InstanceId=iid, Name="Welcome", Description="hello",
                                 S3Uri="s3://prompts-bucket/welcome.wav", Tags={"k": "v"})

        # a phone number, email addresses
        number = c.search_available_phone_numbers(InstanceId=iid, PhoneNumberCountryCode="US",
                                                  PhoneNumberType="DID", MaxResults=1)["AvailableNumbersList"][0]
        claimed = c.claim_phone_number(InstanceId=iid, PhoneNumber=number["PhoneNumber"],
                                       PhoneNumberDescription="main line", Tags={"line": "main"})
        domain = unique("d") + ".example.com"
        support_email = c.create_email_address(InstanceId=iid, EmailAddress=f"support@{domain}",
                                               DisplayName="Support", Description="inbound", Tags={"k": "v"})
        sales_email = c.create_email_address(InstanceId=iid, EmailAddress=f"sales@{domain}")

        flows = {f["Name"]: f for f in connect_backup.pages(c.list_contact_flows, "ListContactFlows", InstanceId=iid)}
        outbound = flows["Default outbound"]

        # queues, 61 of them in all (more than a 60-item page)
        queue = c.create_queue(
            InstanceId=iid, Name="Support", Description="first line", HoursOfOperationId=hours["HoursOfOperationId"],
            MaxContacts=50, OutboundCallerConfig={"OutboundCallerIdName": "Support",
                                                  "OutboundCallerIdNumberId": claimed["PhoneNumberId"],
                                                  "OutboundFlowId": outbound["Arn"]},
            OutboundEmailConfig={"OutboundEmailAddressId": support_email["EmailAddressId"]}, Tags={"tier": "1"})
        c.associate_queue_email_addresses(InstanceId=iid, QueueId=queue["QueueId"],
                                          EmailAddressesConfig=[{"EmailAddressId": sales_email["EmailAddressId"]}])
        extra = [c.create_queue(InstanceId=iid, Name=f"Overflow {i:02d}", HoursOfOperationId=parent["HoursOfOperationId"])
                 for i in range(59)]
        c.update_queue_status(InstanceId=iid, QueueId=extra[0]["QueueId"], Status="DISABLED")

        # routing profile with queues and a manual-assignment queue
        profile = c.create_routing_profile(
            InstanceId=iid, Name="Support agents", Description="tier 1", DefaultOutboundQueueId=queue["QueueId"],
            MediaConcurrencies=[{"Channel": "VOICE", "Concurrency": 1}, {"Channel": "CHAT", "Concurrency": 3}],
            QueueConfigs=[{"QueueReference": {"QueueId": queue["QueueId"], "Channel": "VOICE"}, "Priority": 1, "Delay": 0},
                          {"QueueReference": {"QueueId": extra[1]["QueueId"], "Channel": "CHAT"}, "Priority": 2, "Delay": 5}],
            Tags={"k": "v"})
        c.associate_routing_profile_queues(InstanceId=iid, RoutingProfileId=profile["RoutingProfileId"],
                                           ManualAssignmentQueueConfigs=[{"QueueReference": {"QueueId": queue["QueueId"], "Channel": "CHAT"}}])

        # security profile, hierarchy, predefined attribute, users
        security = c.create_security_profile(InstanceId=iid, SecurityProfileName="Supervisors", Description="leads",
                                             Permissions=["BasicAgentAccess", "OutboundCallAccess"], Tags={"k": "v"})
        region = c.create_user_hierarchy_group(InstanceId=iid, Name="EMEA", Tags={"k": "v"})
        site = c.create_user_hierarchy_group(InstanceId=iid, Name="Paris", ParentGroupId=region["HierarchyGroupId"])
        c.create_predefined_attribute(InstanceId=iid, Name="Language", Values={"StringList": ["French", "German"]})
        lead = c.create_user(
            InstanceId=iid, Username="lead.agent", Password="Passw0rd-Example1",
            IdentityInfo={"FirstName": "Lea", "LastName": "Lead", "Email": "lea@example.com"},
            PhoneConfig={"PhoneType": "SOFT_PHONE", "AutoAccept": True, "AfterContactWorkTimeLimit": 30},
            SecurityProfileIds=[security["SecurityProfileId"]], RoutingProfileId=profile["RoutingProfileId"],
            HierarchyGroupId=site["HierarchyGroupId"], Tags={"k": "v"})
        c.associate_user_proficiencies(InstanceId=iid, UserId=lead["UserId"], UserProficiencies=[
            {"AttributeName": "Language", "AttributeValue": "French", "Level": 4.0}])

        # quick connects on the queue
        qc_queue = c.create_quick_connect(InstanceId=iid, Name="To support", Description="queue transfer",
                                          QuickConnectConfig={"QuickConnectType": "QUEUE", "QueueConfig": {
                                              "QueueId": queue["QueueId"], "ContactFlowId": flows["Default queue transfer"]["Id"]}},
                                          Tags={"k": "v"})
        qc_user = c.create_quick_connect(InstanceId=iid, Name="To lead", QuickConnectConfig={
            "QuickConnectType": "USER", "UserConfig": {"UserId": lead["UserId"],
                                                      "ContactFlowId": flows["Default agent transfer"]["Arn"]}})
        qc_phone = c.create_quick_connect(InstanceId=iid, Name="To desk", QuickConnectConfig={
            "QuickConnectType": "PHONE_NUMBER", "PhoneConfig": {"PhoneNumber": "+12065550123"}})
        c.associate_queue_quick_connects(InstanceId=iid, QueueId=queue["QueueId"], QuickConnectIds=[
            qc_queue["QuickConnectId"], qc_user["QuickConnectId"], qc_phone["QuickConnectId"]])

        # flow module with versions and an alias; flows that refer to queues, prompts, hours, the module and
        # each other, with versions
        module_content = lambda text: json.dumps({  # noqa: E731
            "Version": "2019-10-30", "StartAction": "hello", "Settings": {"InputParameters": []},
            "Actions": [action("hello", "MessageParticipant", {"Text": text}, "done", ["done"]),
                        action("done", "EndFlowModuleExecution")]})
        module = c.create_contact_flow_module(InstanceId=iid, Name="Greeting", Description="says hello",
                                              Content=module_content("v1"), Tags={"k": "v"})
        c.create_contact_flow_module_version(InstanceId=iid, ContactFlowModuleId=module["Id"], Description="first")
        c.update_contact_flow_module_content(InstanceId=iid, ContactFlowModuleId=module["Id"], Content=module_content("v2"))
        c.create_contact_flow_module_alias(InstanceId=iid, ContactFlowModuleId=module["Id"], AliasName="live",
                                           Description="production", ContactFlowModuleVersion=1)
        transfer = c.create_contact_flow(
            InstanceId=iid, Name="Route to support", Type="CONTACT_FLOW", Description="routes",
            Content=flow(action("hours", "CheckHoursOfOperation", {"HoursOfOperationId": hours["HoursOfOperationArn"]},
                                "greet", ["greet"]),
                         action("greet", "MessageParticipant", {"PromptId": prompt["PromptARN"]}, "queue", ["queue"]),
                         action("queue", "UpdateContactTargetQueue", {"QueueId": queue["QueueArn"]}, "go", ["bye"]),
                         action("go", "TransferContactToQueue", None, None, ["bye"]),
                         action("bye", "DisconnectParticipant")),
            Tags={"k": "v"})
        # versions: of a CAMPAIGN flow, the one type CreateContactFlowVersion versions
        dialer = c.create_contact_flow(
            InstanceId=iid, Name="Campaign dialer", Type="CAMPAIGN", Description="outbound",
            Content=flow(action("note", "UpdateContactAttributes", {"Attributes": {"run": "one"}}, "end", ["end"]),
                         action("end", "EndFlowExecution")))
        c.create_contact_flow_version(InstanceId=iid, ContactFlowId=dialer["ContactFlowId"], Description="v1")
        c.update_contact_flow_content(
            InstanceId=iid, ContactFlowId=dialer["ContactFlowId"],
            Content=flow(action("note", "UpdateContactAttributes", {"Attributes": {"run": "two"}}, "end", ["end"]),
                         action("end", "EndFlowExecution")))
        entry = c.create_contact_flow(
            InstanceId=iid, Name="Main entry", Type="CONTACT_FLOW",
            Content=flow(action("module", "InvokeFlowModule", {"FlowModuleId": module["Id"]}, "next", ["next"]),
                         action("next", "TransferToFlow", {"ContactFlowId": transfer["ContactFlowArn"]}, None, ["bye"]),
                         action("bye", "DisconnectParticipant")))
        c.create_contact_flow(InstanceId=iid, Name="Draft", Type="CONTACT_FLOW", Status="SAVED",
                              Content=json.dumps({"Version": "2019-10-30", "StartAction": "x", "Actions": []}))
        c.associate_phone_number_contact_flow(PhoneNumberId=claimed["PhoneNumberId"], InstanceId=iid,
                                              ContactFlowId=entry["ContactFlowId"])
        c.associate_flow(InstanceId=iid, ResourceId=support_email["EmailAddressArn"], FlowId=entry["ContactFlowArn"],
                         ResourceType="INBOUND_EMAIL")

        vocabulary = c.create_vocabulary(
            InstanceId=iid, VocabularyName="products", LanguageCode="en-US",
            Content="Phrase\tIPA\tSoundsLike\tDisplayAs\nConnectLocal\t\t\tConnectLocal\n", Tags={"k": "v"})
        for _ in range(120):  # creation is asynchronous
            if c.describe_vocabulary(InstanceId=iid, VocabularyId=vocabulary["VocabularyId"])["Vocabulary"]["State"] == "ACTIVE":
                break
            time.sleep(0.5)
        c.associate_default_vocabulary(InstanceId=iid, LanguageCode="en-US", VocabularyId=vocabulary["VocabularyId"])
        c.tag_resource(resourceArn=extra[2]["QueueArn"], tags={"late": "tag"})
        # default resources changed: the restore finds them by name and updates them
        defaults = {q["Name"]: q for q in c.list_queues(InstanceId=iid, QueueTypes=["STANDARD"], MaxResults=100)["QueueSummaryList"]}
        c.update_queue_max_contacts(InstanceId=iid, QueueId=defaults["BasicQueue"]["Id"], MaxContacts=7)
        c.update_queue_name(InstanceId=iid, QueueId=defaults["BasicQueue"]["Id"], Description="the default")
        basic_hours = next(h for h in c.list_hours_of_operations(InstanceId=iid)["HoursOfOperationSummaryList"]
                           if h["Name"] == "Basic Hours")
        c.update_hours_of_operation(InstanceId=iid, HoursOfOperationId=basic_hours["Id"], TimeZone="Europe/Berlin",
                                    Config=[slot("FRIDAY", (8, 0), (12, 0))])
        basic_profile = next(p for p in c.list_routing_profiles(InstanceId=iid)["RoutingProfileSummaryList"]
                             if p["Name"] == "Basic Routing Profile")
        c.update_routing_profile_concurrency(InstanceId=iid, RoutingProfileId=basic_profile["Id"], MediaConcurrencies=[
            {"Channel": "VOICE", "Concurrency": 1}, {"Channel": "TASK", "Concurrency": 5}])
        agent_profile = next(p for p in c.list_security_profiles(InstanceId=iid)["SecurityProfileSummaryList"]
                             if p["Name"] == "Agent")
        c.update_security_profile(InstanceId=iid, SecurityProfileId=agent_profile["Id"], Description="agents",
                                  Permissions=["BasicAgentAccess"])
        # states other than the defaults
        c.update_agent_status(InstanceId=iid, AgentStatusId=c.create_agent_status(
            InstanceId=iid, Name="Lunch", State="ENABLED")["AgentStatusId"], State="DISABLED")
        archived = c.create_contact_flow(InstanceId=iid, Name="Old entry", Type="CONTACT_FLOW",
                                         Content=flow(action("bye", "DisconnectParticipant")))
        c.update_contact_flow_metadata(InstanceId=iid, ContactFlowId=archived["ContactFlowId"], ContactFlowState="ARCHIVED")
        team = c.create_user_hierarchy_group(InstanceId=iid, Name="Team A", ParentGroupId=site["HierarchyGroupId"])
        c.update_user_hierarchy(InstanceId=iid, UserId=lead["UserId"], HierarchyGroupId=team["HierarchyGroupId"])
        # the less common members
        c.create_security_profile(
            InstanceId=iid, SecurityProfileName="Restricted", Permissions=["BasicAgentAccess"],
            AllowedAccessControlTags={"team": "a"}, TagRestrictedResources=["User"],
            Applications=[{"Namespace": "Connect", "ApplicationPermissions": ["ACCESS"]}],
            AllowedFlowModules=[{"Type": "MCP", "FlowModuleId": module["Id"]}])
        c.create_predefined_attribute(InstanceId=iid, Name="Skill", Values={"StringList": ["Billing"]},
                                      Purposes=["Routing"])
        c.update_user_config(InstanceId=iid, UserId=lead["UserId"], AutoAcceptConfigs=[
            {"Channel": "CHAT", "AutoAccept": True}])
        # more than a 60-item page of flows and of users
        for i in range(45):
            c.create_contact_flow(InstanceId=iid, Name=f"Branch {i:02d}", Type="CONTACT_FLOW",
                                  Content=flow(action("bye", "DisconnectParticipant")))
        for i in range(60):
            c.create_user(InstanceId=iid, Username=f"agent.{i:02d}", Password="Passw0rd-Example1",
                          PhoneConfig={"PhoneType": "SOFT_PHONE"}, SecurityProfileIds=[agent_profile["Id"]],
                          IdentityInfo={"FirstName": "Agent", "LastName": f"{i:02d}"},
                          RoutingProfileId=basic_profile["Id"])
        parked = c.create_contact_flow_module(InstanceId=iid, Name="Parked", Content=module_content("parked"))
        c.update_contact_flow_module_metadata(InstanceId=iid, ContactFlowModuleId=parked["Id"], State="ARCHIVED")
        c.update_user_config(InstanceId=iid, UserId=lead["UserId"], AfterContactWorkConfigs=[
            {"Channel": "CHAT", "AfterContactWorkConfig": {"AfterContactWorkTimeLimit": 20}}])
        self.build_issue15(lead, profile, entry, transfer, association, qc_queue)

    def build_issue15(self, lead, profile, entry, transfer, association, qc_queue):
        """Task templates, views with versions, rules, evaluation forms with versions, workspaces, data tables and the
        authentication profile, each naming resources built above."""
        c, iid = self.connect, self.instance_id
        # the default authentication profile's settings
        auth = c.list_authentication_profiles(InstanceId=iid)["AuthenticationProfileSummaryList"][0]
        c.update_authentication_profile(InstanceId=iid, AuthenticationProfileId=auth["Id"], Description="office only",
                                        AllowedIps=["2001:db8::/32"], BlockedIps=["2001:db8:1::/48"],
                                        SessionInactivityDuration=30, SessionInactivityHandlingEnabled=True)
        # task templates naming flows and a quick connect
        fields = [{"Id": {"Name": "Title"}, "Type": "NAME"},
                  {"Id": {"Name": "Kind"}, "Type": "SINGLE_SELECT", "SingleSelectOptions": ["refund", "repair"]},
                  {"Id": {"Name": "Transfer"}, "Type": "QUICK_CONNECT"},
                  {"Id": {"Name": "Due"}, "Type": "DATE_TIME", "Description": "by when"},
                  {"Id": {"Name": "Amount"}, "Type": "NUMBER"}, {"Id": {"Name": "Link"}, "Type": "URL"}]
        refund = c.create_task_template(
            InstanceId=iid, Name="Refund", Description="money back", ContactFlowId=entry["ContactFlowArn"],
            SelfAssignFlowId=transfer["ContactFlowId"], Fields=fields,
            Constraints={"RequiredFields": [{"Id": {"Name": "Title"}}], "ReadOnlyFields": [{"Id": {"Name": "Kind"}}]},
            Defaults={"DefaultFieldValues": [{"Id": {"Name": "Kind"}, "DefaultValue": "refund"},
                                             {"Id": {"Name": "Transfer"}, "DefaultValue": qc_queue["QuickConnectId"]}]})
        c.tag_resource(resourceArn=refund["Arn"], tags={"k": "v"})
        c.create_task_template(InstanceId=iid, Name="Parked task", ContactFlowId=entry["ContactFlowId"],
                               Status="INACTIVE", Fields=fields[:1],
                               Constraints={"RequiredFields": [{"Id": {"Name": "Title"}}]})
        # views: one with two versions and newer saved content, one never published
        content = lambda title: {"Template": json.dumps({"Head": {"Title": title}, "Body": []}),  # noqa: E731
                                 "Actions": ["Submit"]}
        form_view = c.create_view(InstanceId=iid, Name="Agent form", Description="the form", Status="PUBLISHED",
                                  Content=content("v1"), Tags={"k": "v"})["View"]
        c.create_view_version(InstanceId=iid, ViewId=form_view["Id"], VersionDescription="first")
        c.update_view_content(InstanceId=iid, ViewId=form_view["Arn"], Status="PUBLISHED", Content=content("v2"))
        c.create_view_version(InstanceId=iid, ViewId=form_view["Id"])
        c.update_view_content(InstanceId=iid, ViewId=form_view["Id"], Status="PUBLISHED", Content=content("v3"))
        c.update_view_content(InstanceId=iid, ViewId=form_view["Id"], Status="SAVED", Content=content("draft"))
        home_view = c.create_view(InstanceId=iid, Name="Home", Status="PUBLISHED", Content=content("home"))["View"]
        c.create_view(InstanceId=iid, Name="Sketch", Status="SAVED", Content=content("sketch"))
        # an evaluation form: version 1 activated, version 2 active, version 3 a draft
        items = lambda title: [{"Section": {"Title": title, "RefId": "s1", "Weight": 100, "Items": [  # noqa: E731
            {"Question": {"Title": "Greeted?", "RefId": "q1", "QuestionType": "SINGLESELECT", "Weight": 100,
                          "QuestionTypeProperties": {"SingleSelect": {"Options": [
                              {"RefId": "y", "Text": "Yes", "Score": 10}, {"RefId": "n", "Text": "No", "Score": 0}]}}}},
            {"Question": {"Title": "Notes", "RefId": "q2", "QuestionType": "TEXT", "NotApplicableEnabled": True}},
            {"Question": {"Title": "Hold time", "RefId": "q3", "QuestionType": "NUMERIC", "QuestionTypeProperties": {
                "Numeric": {"MinValue": 0, "MaxValue": 10, "Options": [{"MinValue": 0, "MaxValue": 10, "Score": 5}]}}}},
            {"Question": {"Title": "Topics", "RefId": "q4", "QuestionType": "MULTISELECT", "QuestionTypeProperties": {
                "MultiSelect": {"Options": [{"RefId": "a", "Text": "Billing"}, {"RefId": "b", "Text": "Tech"}]}}}},
            {"Question": {"Title": "When", "RefId": "q5", "QuestionType": "DATETIME"}}]}}]
        scoring = {"Mode": "SECTION_ONLY", "Status": "ENABLED"}
        form = c.create_evaluation_form(InstanceId=iid, Title="Call quality", Description="calls", Items=items("v1"),
                                        ScoringStrategy=scoring, Tags={"team": "qa"})
        fid = form["EvaluationFormId"]
        c.activate_evaluation_form(InstanceId=iid, EvaluationFormId=fid, EvaluationFormVersion=1)
        c.update_evaluation_form(InstanceId=iid, EvaluationFormId=fid, EvaluationFormVersion=1, CreateNewVersion=True,
                                 Title="Call quality", Items=items("v2"), ScoringStrategy=scoring)
        c.activate_evaluation_form(InstanceId=iid, EvaluationFormId=fid, EvaluationFormVersion=2)
        c.update_evaluation_form(InstanceId=iid, EvaluationFormId=fid, EvaluationFormVersion=2, CreateNewVersion=True,
                                 Title="Call quality (next)", Items=items("v3"), ScoringStrategy=scoring)
        email = c.create_evaluation_form(InstanceId=iid, Title="Email quality", Items=items("email"),
                                         ScoringStrategy=scoring)["EvaluationFormId"]  # version 1 active again
        c.activate_evaluation_form(InstanceId=iid, EvaluationFormId=email, EvaluationFormVersion=1)
        c.update_evaluation_form(InstanceId=iid, EvaluationFormId=email, EvaluationFormVersion=1, CreateNewVersion=True,
                                 Title="Email quality", Items=items("email v2"), ScoringStrategy=scoring)
        c.activate_evaluation_form(InstanceId=iid, EvaluationFormId=email, EvaluationFormVersion=2)
        c.activate_evaluation_form(InstanceId=iid, EvaluationFormId=email, EvaluationFormVersion=1)
        incomplete = items("chat")  # weights that do not total 100: only a draft may be saved so
        incomplete[0]["Section"]["Weight"] = 40
        c.create_evaluation_form(InstanceId=iid, Title="Chat quality", Items=incomplete, ScoringStrategy=scoring,
                                 AsDraft=True)
        # rules naming a flow, a user, the evaluation form and an integration association
        c.create_rule(InstanceId=iid, Name="Negative calls", Function="$.ContactLens.PostCall.Sentiment.Overall.Customer < 0",
                      TriggerEventSource={"EventSourceName": "OnPostCallAnalysisAvailable"}, PublishStatus="PUBLISHED",
                      Actions=[{"ActionType": "CREATE_TASK", "TaskAction": {
                                   "Name": "Call back", "ContactFlowId": entry["ContactFlowArn"],
                                   "References": {"ticket": {"Value": "https://example.com/1", "Type": "URL"}}}},
                               {"ActionType": "SEND_NOTIFICATION", "SendNotificationAction": {
                                   "DeliveryMethod": "EMAIL", "Subject": "Alert", "Content": "Negative call",
                                   "ContentType": "PLAIN_TEXT", "Recipient": {"UserIds": [lead["UserArn"]]}}},
                               {"ActionType": "SUBMIT_AUTO_EVALUATION",
                                "SubmitAutoEvaluationAction": {"EvaluationFormId": fid}}])
        rule = c.create_rule(InstanceId=iid, Name="Case follow-up", Function="true", PublishStatus="DRAFT",
                             TriggerEventSource={"EventSourceName": "OnSalesforceCaseCreate",
                                                 "IntegrationAssociationId": association["IntegrationAssociationId"]},
                             Actions=[{"ActionType": "CREATE_TASK", "TaskAction": {
                                 "Name": "Follow up", "ContactFlowId": transfer["ContactFlowId"]}}])
        c.tag_resource(resourceArn=rule["RuleArn"], tags={"k": "v"})
        # a workspace with a theme, visibility, pages showing views, media and assignments
        ws = c.create_workspace(InstanceId=iid, Name="Agents", Description="for the floor", Title="Agent desktop",
                                Theme={"Light": {"Palette": {"Primary": {"Default": "#123456"},
                                                             "Header": {"Background": "#ffffff",
                                                                        "InvertActionsColors": False}},
                                                 "Images": {"Logo": {"Default": "https://example.com/logo.png"}},
                                                 "Typography": {"FontFamily": {"Default": "Verdana"}}},
                                       "Dark": {"Palette": {"Canvas": {"PageBackground": "#000000"}}}},
                                Tags={"team": "ops"})
        c.update_workspace_visibility(InstanceId=iid, WorkspaceId=ws["WorkspaceId"], Visibility="ALL")
        c.create_workspace_page(InstanceId=iid, WorkspaceId=ws["WorkspaceArn"], ResourceArn=home_view["Arn"],
                                Page="HOME", Slug="home", InputData=json.dumps({"greeting": "hello"}))
        c.create_workspace_page(InstanceId=iid, WorkspaceId=ws["WorkspaceId"], ResourceArn=form_view["Id"],
                                Page="refunds")
        c.import_workspace_media(InstanceId=iid, WorkspaceId=ws["WorkspaceId"], MediaType="IMAGE_LOGO_LIGHT_FAVICON",
                                 MediaSource="aGVsbG8=")
        c.import_workspace_media(InstanceId=iid, WorkspaceId=ws["WorkspaceId"], MediaType="IMAGE_LOGO_DARK_HORIZONTAL",
                                 MediaSource="https://example.com/dark.png")
        out = c.associate_workspace(InstanceId=iid, WorkspaceId=ws["WorkspaceId"],
                                    ResourceArns=[lead["UserArn"], profile["RoutingProfileArn"]])
        self.assertEqual([], out.get("FailedList", []))
        c.create_workspace(InstanceId=iid, Name="Empty")
        # data tables: primary attributes, validation, values of records and of the default record
        table = c.create_data_table(InstanceId=iid, Name="Holiday rates", Description="per country",
                                    TimeZone="Europe/Paris", ValueLockLevel="VALUE", Status="PUBLISHED",
                                    Tags={"team": "ops"})
        c.create_data_table_attribute(InstanceId=iid, DataTableId=table["Id"], Name="country", ValueType="TEXT",
                                      Primary=True, Validation={"IgnoreCase": True})
        c.create_data_table_attribute(InstanceId=iid, DataTableId=table["Id"], Name="rate", ValueType="NUMBER",
                                      Description="percent", Validation={"Minimum": 0, "Maximum": 100, "MultipleOf": 0.5})
        c.create_data_table_attribute(InstanceId=iid, DataTableId=table["Id"], Name="open", ValueType="BOOLEAN")
        values = [{"AttributeName": "rate", "Value": "10"}]
        for i, country in enumerate(["FR", "DE", "IT"]):
            primary = [{"AttributeName": "country", "Value": country}]
            values += [{"PrimaryValues": primary, "AttributeName": "rate", "Value": str(12.5 + i)},
                       {"PrimaryValues": primary, "AttributeName": "open", "Value": "true" if i else "false"}]
        made = c.batch_create_data_table_value(InstanceId=iid, DataTableId=table["Arn"], Values=values)
        self.assertEqual([], made["Failed"])
        empty = c.create_data_table(InstanceId=iid, Name="Limits", TimeZone="UTC", ValueLockLevel="NONE",
                                    Status="PUBLISHED")
        c.create_data_table_attribute(InstanceId=iid, DataTableId=empty["Id"], Name="queue", ValueType="TEXT")
        tiers = c.create_data_table(InstanceId=iid, Name="Tiers", TimeZone="UTC", ValueLockLevel="PRIMARY_VALUE",
                                    Status="PUBLISHED")
        c.create_data_table_attribute(InstanceId=iid, DataTableId=tiers["Id"], Name="tier", ValueType="NUMBER",
                                      Primary=True)
        c.create_data_table_attribute(InstanceId=iid, DataTableId=tiers["Id"], Name="labels", ValueType="TEXT_LIST",
                                      Validation={"Enum": {"Strict": True, "Values": ["gold", "silver"]}})
        c.create_data_table_attribute(InstanceId=iid, DataTableId=tiers["Id"], Name="limits", ValueType="NUMBER_LIST")
        rows = [{"PrimaryValues": [{"AttributeName": "tier", "Value": str(i)}], "AttributeName": "labels",
                 "Value": json.dumps(["gold"] if i % 2 else ["silver", "gold"])} for i in range(65)]  # > a page
        rows.append({"PrimaryValues": [{"AttributeName": "tier", "Value": "1"}], "AttributeName": "limits",
                     "Value": "[1, 2.5]"})
        self.assertEqual([], c.batch_create_data_table_value(InstanceId=iid, DataTableId=tiers["Id"], Values=rows)["Failed"])

    def test_a_backup_restores_into_a_new_instance_that_backs_up_the_same(self):
        self.build()
        source = connect_backup.backup(self.connect, self.instance_id)
        self.assertEqual(27, len(source["LambdaFunctions"]))
        self.assertEqual(61, len(source["Queues"]))
        self.assertEqual(61, len(source["Users"]))
        self.assertGreater(len(source["ContactFlows"]), 60)
        restored_id, _ = connect_backup.restore(self.connect, json.loads(json.dumps(source, default=str)))
        self.assertNotEqual(self.instance_id, restored_id)
        target = connect_backup.backup(self.connect, restored_id)
        expected, actual = connect_backup.normalise(source), connect_backup.normalise(target)
        # what the comparison covers: the things built above, under their names
        self.assertEqual(["<security:Supervisors>"], [u["SecurityProfileIds"] for u in expected["Users"]
                                                      if u["Username"] == "lead.agent"][0])
        self.assertIn("<queue-arn:Support>", json.dumps(expected["ContactFlows"]))
        self.assertEqual(({"team": "crm"}, {"use": "rules"}), (expected["IntegrationAssociations"][0]["Tags"],
                                                              expected["IntegrationAssociations"][0]["UseCases"][0]["Tags"]))
        self.assertIn("<number:US/DID/main line>", json.dumps(expected["Queues"]))
        restricted = next(p for p in expected["SecurityProfiles"] if p["SecurityProfileName"] == "Restricted")
        self.assertEqual(([{"FlowModuleId": "<module:Greeting>", "Type": "MCP"}], {"team": "a"}),
                         (restricted["AllowedFlowModules"], restricted["AllowedAccessControlTags"]))
        self.assertEqual(["archived"], [m["State"] for m in actual["ContactFlowModules"] if m["Name"] == "Parked"])
        self.assertEqual([1], [len(f["Versions"]) for f in actual["ContactFlows"] if f["Name"] == "Campaign dialer"])
        self.assertEqual([0], [len(f["Versions"]) for f in actual["ContactFlows"] if f["Name"] == "Route to support"])
        # the families of issue 15, with what they name
        self.assertEqual(([2], ["<flow-arn:Main entry>", "<flow:Route to support>"]),
                         (sorted(len(v["Versions"]) for v in actual["Views"] if v["Versions"]),
                          [t.get(k) for t in actual["TaskTemplates"] if t["Name"] == "Refund"
                           for k in ("ContactFlowId", "SelfAssignFlowId")]))
        self.assertEqual([("ACTIVE", True), ("DRAFT", False), ("DRAFT", True)],
                         sorted((v["Status"], v["Locked"]) for f in actual["EvaluationForms"] for v in f
                                if v["Title"].startswith("Call quality")))
        self.assertEqual([("ACTIVE", 1), ("DRAFT", 2)], sorted((v["Status"], v["EvaluationFormVersion"])
                                                              for f in actual["EvaluationForms"] for v in f
                                                              if v["Title"] == "Email quality"))
        rules = json.dumps(actual["Rules"])
        for name in ("<form:Call quality>", "<user-arn:lead.agent>", "<integration:", "<flow-arn:Main entry>"):
            self.assertIn(name, rules)
        workspace = next(w for w in actual["Workspaces"] if w["Name"] == "Agents")
        self.assertEqual((["<view-arn:Agent form>", "<view-arn:Home>"], ["<routing-arn:Support agents>",
                                                                       "<user-arn:lead.agent>"]),
                         (sorted(p["ResourceArn"] for p in workspace["Pages"]),
                          sorted(a["ResourceArn"] for a in workspace["Associations"])))
        self.assertEqual([7, 66], [len(next(t for t in actual["DataTables"] if t["Name"] == name)["Values"])
                                   for name in ("Holiday rates", "Tiers")])
        self.assertEqual(["office only"], [a.get("Description") for a in actual["AuthenticationProfiles"]])
        for family in expected:
            with self.subTest(family=family):
                self.assertEqual(expected[family], actual[family])


class ImportAndVersionDeletion(ConnectTestCase):
    """ImportPhoneNumber and DeleteContactFlowVersion through boto3 (docs/global-resiliency.md, docs/flows.md)."""

    def test_an_end_user_messaging_number_imports_as_a_claimed_toll_free_number(self):
        source = f"arn:aws:sms-voice:us-east-1:{ACCOUNT}:phone-number/phone-{unique('x')[-10:].rjust(32, '0')}"
        imported = self.connect.import_phone_number(InstanceId=self.instance_id, SourcePhoneNumberArn=source,
                                                    PhoneNumberDescription="imported", Tags={"k": "v"})
        summary = self.connect.describe_phone_number(PhoneNumberId=imported["PhoneNumberId"])["ClaimedPhoneNumberSummary"]
        self.assertEqual((source, "US", "TOLL_FREE", "CLAIMED", self.instance_id, "imported", {"k": "v"}),
                         (summary["SourcePhoneNumberArn"], summary["PhoneNumberCountryCode"], summary["PhoneNumberType"],
                          summary["PhoneNumberStatus"]["Status"], summary["InstanceId"], summary["PhoneNumberDescription"],
                          summary["Tags"]))
        self.assertRegex(summary["PhoneNumber"], r"^\+183355501[0-9]{2}$")
        listed = self.connect.list_phone_numbers_v2(InstanceId=self.instance_id)["ListPhoneNumbersSummaryList"]
        self.assertIn(source, [n.get("SourcePhoneNumberArn") for n in listed])
        self.assertError("InvalidParameterException", self.connect.import_phone_number, InstanceId=self.instance_id,
                         SourcePhoneNumberArn=source)
        self.assertError("InvalidParameterException", self.connect.import_phone_number, InstanceId=self.instance_id,
                         SourcePhoneNumberArn=f"arn:aws:connect:us-east-1:{ACCOUNT}:phone-number/x")
        self.assertError("ResourceNotFoundException", self.connect.import_phone_number, InstanceId=self.instance_id,
                         SourcePhoneNumberArn=source.replace("us-east-1", "eu-west-1"), status=404)
        self.connect.release_phone_number(PhoneNumberId=imported["PhoneNumberArn"])

    def test_a_flow_version_is_deleted_unless_a_flow_names_it(self):
        c, iid = self.connect, self.instance_id
        made = c.create_contact_flow(InstanceId=iid, Name=unique("versioned"), Type="CAMPAIGN",
                                     Content=flow(action("end", "EndFlowExecution")))
        for _ in range(2):
            c.create_contact_flow_version(InstanceId=iid, ContactFlowId=made["ContactFlowId"])
        user = c.create_contact_flow(InstanceId=iid, Name=unique("caller"), Type="CONTACT_FLOW", Content=flow(
            action("go", "TransferToFlow", {"ContactFlowId": made["ContactFlowArn"] + ":1"}, None, ["bye"]),
            action("bye", "DisconnectParticipant")))
        self.assertError("InvalidRequestException", c.delete_contact_flow_version, InstanceId=iid,
                         ContactFlowId=made["ContactFlowId"], ContactFlowVersion=1)
        c.delete_contact_flow_version(InstanceId=iid, ContactFlowId=made["ContactFlowArn"], ContactFlowVersion=2)
        self.assertError("ResourceNotFoundException", c.delete_contact_flow_version, InstanceId=iid,
                         ContactFlowId=made["ContactFlowId"], ContactFlowVersion=2, status=404)
        self.assertEqual(3, c.create_contact_flow_version(InstanceId=iid, ContactFlowId=made["ContactFlowId"])["Version"])
        c.delete_contact_flow(InstanceId=iid, ContactFlowId=user["ContactFlowId"])
        c.delete_contact_flow_version(InstanceId=iid, ContactFlowId=made["ContactFlowId"], ContactFlowVersion=1)
        versions = c.list_contact_flow_versions(InstanceId=iid, ContactFlowId=made["ContactFlowId"])
        self.assertEqual([3], [v["Version"] for v in versions["ContactFlowVersionSummaryList"]])


if __name__ == "__main__":
    unittest.main()
