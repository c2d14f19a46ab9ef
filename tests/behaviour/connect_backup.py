"""Back up an Amazon Connect instance into one JSON document and restore it into another instance, by names.

Works the way open-source Connect backup/copy tools do (facts read from them, no code taken):
- every list is paged with MaxResults 60 (25 for Lambda functions and bots) to the end, then each item is described;
- a restore matches what the target already has by name (an instance's default resources), creates the rest in
  dependency order, and remaps every id and ARN of the source to the target's by plain text replacement, flow
  content included;
- flows and flow modules are first created with placeholder content (the target's own flow of the same type), so that
  flows that refer to one another resolve, and get their real content once everything exists;
- routing profiles are created without queues; their queues are associated afterwards in batches of 10.

What a backup cannot carry is made up on restore: users get a generated password; a phone number is claimed anew
(same country and type; the same number is still the source's); prompts keep their S3 location when the backup
recorded one (DescribePrompt does not return it), otherwise they point at a placeholder object.

Run as a script:  python3 connect_backup.py backup INSTANCE_ID > backup.json
                  python3 connect_backup.py restore backup.json [--instance-id TARGET]
                  python3 connect_backup.py compare backup.json other.json   (normalised; exit 1 on a difference)
(endpoint from CONNECTLOCAL_ENDPOINT or the usual AWS configuration).
"""
import json
import os
import re
import secrets
import sys
import time

import botocore.session

_PAGINATORS = botocore.session.get_session().get_paginator_model("connect")

FLOW_VERSION_RE = re.compile(r":(\d+)$")
TIMESTAMP_KEYS = {"LastModifiedTime", "LastModifiedRegion", "CreatedTime", "CreationTime", "ClaimedTime",
                  "CreateTime", "LastUpdateTime", "LastModifiedTimestamp", "ExpiryDateTime", "CreateTimestamp",
                  "ModifiedTimestamp",
                  # hashes of content that holds ids: the content itself is compared normalised
                  "FlowContentSha256", "FlowModuleContentSha256", "ViewContentSha256",
                  "LastUpdatedTime", "LastActivatedTime",
                  # a data table's lock versions come from a counter per table, its record ids are generated: records
                  # are compared by their primary values
                  "LockVersion", "RecordId"}
STORAGE_TYPES = ["CHAT_TRANSCRIPTS", "CALL_RECORDINGS", "SCHEDULED_REPORTS", "MEDIA_STREAMS", "CONTACT_TRACE_RECORDS",
                 "AGENT_EVENTS", "REAL_TIME_CONTACT_ANALYSIS_SEGMENTS", "ATTACHMENTS", "CONTACT_EVALUATIONS",
                 "SCREEN_RECORDINGS", "REAL_TIME_CONTACT_ANALYSIS_CHAT_SEGMENTS",
                 "REAL_TIME_CONTACT_ANALYSIS_VOICE_SEGMENTS", "EMAIL_MESSAGES"]
MODULE_PLACEHOLDER = json.dumps({
    "Version": "2019-10-30", "StartAction": "done", "Settings": {"InputParameters": []},
    "Actions": [{"Identifier": "done", "Type": "EndFlowModuleExecution", "Parameters": {}, "Transitions": {}}]})


class NextTokenLoop(Exception):
    pass


def pages(call, operation, *, page_size=60, **kwargs):
    """Every item of a list or search, paged to the end with MaxResults page_size; refuses a NextToken that repeats."""
    key = _PAGINATORS.get_paginator(operation)["result_key"] if operation in _PAGINATORS._paginator_config else None
    limit = call.__self__.meta.service_model.operation_model(operation).input_shape.members["MaxResults"].metadata.get("max")
    page_size = min(page_size, limit) if limit else page_size
    items, seen, token = [], set(), None
    while True:
        out = call(**kwargs, MaxResults=page_size, **({"NextToken": token} if token else {}))
        if key is None:
            key = next(k for k, v in out.items() if isinstance(v, list))
        items.extend(out.get(key, []))
        token = out.get("NextToken")
        if not token:
            return items
        if token in seen:
            raise NextTokenLoop(f"{operation} answered a NextToken twice")
        seen.add(token)


def _strip(d, *keys):
    return {k: v for k, v in d.items() if k not in keys and k != "ResponseMetadata"}


def backup(connect, instance_id):
    """The whole configuration of an instance, as one JSON-serialisable document."""
    c, iid = connect, instance_id
    doc = {"InstanceId": iid}
    doc["Instance"] = c.describe_instance(InstanceId=iid)["Instance"]
    doc["Attributes"] = pages(c.list_instance_attributes, "ListInstanceAttributes", InstanceId=iid)
    doc["StorageConfigs"] = {t: pages(c.list_instance_storage_configs, "ListInstanceStorageConfigs", InstanceId=iid,
                                      ResourceType=t) for t in STORAGE_TYPES}
    doc["ApprovedOrigins"] = pages(c.list_approved_origins, "ListApprovedOrigins", InstanceId=iid)
    doc["LambdaFunctions"] = pages(c.list_lambda_functions, "ListLambdaFunctions", page_size=25, InstanceId=iid)
    doc["LexBots"] = pages(c.list_lex_bots, "ListLexBots", page_size=25, InstanceId=iid)
    doc["BotsV2"] = pages(c.list_bots, "ListBots", page_size=25, InstanceId=iid, LexVersion="V2")
    doc["SecurityKeys"] = pages(c.list_security_keys, "ListSecurityKeys", InstanceId=iid)
    # Integration associations and use cases have no describe: their tags are read by ARN.
    tags = lambda arn: c.list_tags_for_resource(resourceArn=arn).get("tags") or {}  # noqa: E731
    doc["IntegrationAssociations"] = [
        dict(a, Tags=tags(a["IntegrationAssociationArn"]), UseCases=[
            dict(u, Tags=tags(u["UseCaseArn"]))
            for u in pages(c.list_use_cases, "ListUseCases", InstanceId=iid,
                           IntegrationAssociationId=a["IntegrationAssociationId"])])
        for a in pages(c.list_integration_associations, "ListIntegrationAssociations", InstanceId=iid)]
    doc["HierarchyStructure"] = c.describe_user_hierarchy_structure(InstanceId=iid)["HierarchyStructure"]

    doc["HoursOfOperations"] = [
        dict(c.describe_hours_of_operation(InstanceId=iid, HoursOfOperationId=h["Id"])["HoursOfOperation"],
             Overrides=pages(c.list_hours_of_operation_overrides, "ListHoursOfOperationOverrides", InstanceId=iid,
                             HoursOfOperationId=h["Id"]))
        for h in pages(c.list_hours_of_operations, "ListHoursOfOperations", InstanceId=iid)]
    doc["AgentStatuses"] = [
        c.describe_agent_status(InstanceId=iid, AgentStatusId=s["Id"])["AgentStatus"]
        for s in pages(c.list_agent_statuses, "ListAgentStatuses", InstanceId=iid)]
    doc["Prompts"] = [c.describe_prompt(InstanceId=iid, PromptId=p["Id"])["Prompt"]
                      for p in pages(c.list_prompts, "ListPrompts", InstanceId=iid)]
    doc["EmailAddresses"] = [
        _strip(c.describe_email_address(InstanceId=iid, EmailAddressId=e["EmailAddressId"]))
        for e in pages(c.search_email_addresses, "SearchEmailAddresses", page_size=100, InstanceId=iid)]
    doc["Queues"] = [
        dict(c.describe_queue(InstanceId=iid, QueueId=q["Id"])["Queue"],
             QuickConnects=pages(c.list_queue_quick_connects, "ListQueueQuickConnects", InstanceId=iid, QueueId=q["Id"]),
             EmailAddresses=pages(c.list_queue_email_addresses, "ListQueueEmailAddresses", InstanceId=iid,
                                  QueueId=q["Id"]))
        for q in pages(c.list_queues, "ListQueues", InstanceId=iid, QueueTypes=["STANDARD"])]
    doc["QuickConnects"] = [c.describe_quick_connect(InstanceId=iid, QuickConnectId=q["Id"])["QuickConnect"]
                            for q in pages(c.list_quick_connects, "ListQuickConnects", InstanceId=iid)]
    doc["RoutingProfiles"] = [
        dict(c.describe_routing_profile(InstanceId=iid, RoutingProfileId=r["Id"])["RoutingProfile"],
             Queues=pages(c.list_routing_profile_queues, "ListRoutingProfileQueues", InstanceId=iid,
                          RoutingProfileId=r["Id"]),
             ManualAssignmentQueues=pages(c.list_routing_profile_manual_assignment_queues,
                                          "ListRoutingProfileManualAssignmentQueues", InstanceId=iid,
                                          RoutingProfileId=r["Id"]))
        for r in pages(c.list_routing_profiles, "ListRoutingProfiles", InstanceId=iid)]
    doc["SecurityProfiles"] = [
        dict(c.describe_security_profile(InstanceId=iid, SecurityProfileId=s["Id"])["SecurityProfile"],
             Permissions=sorted(pages(c.list_security_profile_permissions, "ListSecurityProfilePermissions",
                                      InstanceId=iid, SecurityProfileId=s["Id"])),
             Applications=pages(c.list_security_profile_applications, "ListSecurityProfileApplications",
                                InstanceId=iid, SecurityProfileId=s["Id"]),
             AllowedFlowModules=pages(c.list_security_profile_flow_modules, "ListSecurityProfileFlowModules",
                                      InstanceId=iid, SecurityProfileId=s["Id"]))
        for s in pages(c.list_security_profiles, "ListSecurityProfiles", InstanceId=iid)]
    doc["HierarchyGroups"] = [
        c.describe_user_hierarchy_group(InstanceId=iid, HierarchyGroupId=g["Id"])["HierarchyGroup"]
        for g in pages(c.list_user_hierarchy_groups, "ListUserHierarchyGroups", InstanceId=iid)]
    doc["PredefinedAttributes"] = [
        c.describe_predefined_attribute(InstanceId=iid, Name=a["Name"])["PredefinedAttribute"]
        for a in pages(c.list_predefined_attributes, "ListPredefinedAttributes", InstanceId=iid)]
    doc["Users"] = [
        dict(c.describe_user(InstanceId=iid, UserId=u["Id"])["User"],
             Proficiencies=pages(c.list_user_proficiencies, "ListUserProficiencies", InstanceId=iid, UserId=u["Id"]))
        for u in pages(c.list_users, "ListUsers", InstanceId=iid)]
    doc["ContactFlows"] = []
    for f in pages(c.list_contact_flows, "ListContactFlows", InstanceId=iid):
        flow = c.describe_contact_flow(InstanceId=iid, ContactFlowId=f["Id"])["ContactFlow"]
        flow["Versions"] = [
            c.describe_contact_flow(InstanceId=iid, ContactFlowId=f"{f['Id']}:{v['Version']}")["ContactFlow"]
            for v in pages(c.list_contact_flow_versions, "ListContactFlowVersions", InstanceId=iid,
                           ContactFlowId=f["Id"])]
        doc["ContactFlows"].append(flow)
    doc["ContactFlowModules"] = []
    for m in pages(c.list_contact_flow_modules, "ListContactFlowModules", InstanceId=iid):
        module = c.describe_contact_flow_module(InstanceId=iid, ContactFlowModuleId=m["Id"])["ContactFlowModule"]
        module["Versions"] = [
            c.describe_contact_flow_module(InstanceId=iid, ContactFlowModuleId=f"{m['Id']}:{v['Version']}")[
                "ContactFlowModule"]
            for v in pages(c.list_contact_flow_module_versions, "ListContactFlowModuleVersions", InstanceId=iid,
                           ContactFlowModuleId=m["Id"])]
        module["Aliases"] = [
            c.describe_contact_flow_module_alias(InstanceId=iid, ContactFlowModuleId=m["Id"], AliasId=a["AliasId"])[
                "ContactFlowModuleAlias"]
            for a in pages(c.list_contact_flow_module_aliases, "ListContactFlowModuleAliases", InstanceId=iid,
                           ContactFlowModuleId=m["Id"])]
        doc["ContactFlowModules"].append(module)
    doc["Vocabularies"] = [
        c.describe_vocabulary(InstanceId=iid, VocabularyId=v["Id"])["Vocabulary"]
        for v in pages(c.search_vocabularies, "SearchVocabularies", page_size=100, InstanceId=iid)]
    doc["DefaultVocabularies"] = pages(c.list_default_vocabularies, "ListDefaultVocabularies", page_size=60,
                                       InstanceId=iid)
    doc["PhoneNumbers"] = [
        c.describe_phone_number(PhoneNumberId=n["PhoneNumberId"])["ClaimedPhoneNumberSummary"]
        for n in pages(c.list_phone_numbers_v2, "ListPhoneNumbersV2", InstanceId=iid)]
    doc["FlowAssociations"] = [
        a for t in c.meta.service_model.operation_model("ListFlowAssociations").input_shape.members["ResourceType"].enum
        for a in pages(c.list_flow_associations, "ListFlowAssociations", InstanceId=iid, ResourceType=t)]
    _backup_issue15(c, iid, doc)
    return doc


def _backup_issue15(c, iid, doc):
    """Task templates, views, rules, evaluation forms, workspaces, data tables and authentication profiles."""
    doc["TaskTemplates"] = [
        _strip(c.get_task_template(InstanceId=iid, TaskTemplateId=t["Id"]), "InstanceId")
        for t in pages(c.list_task_templates, "ListTaskTemplates", InstanceId=iid)]
    doc["Views"] = []
    for v in pages(c.list_views, "ListViews", InstanceId=iid):
        view = c.describe_view(InstanceId=iid, ViewId=f"{v['Id']}:$SAVED")["View"]
        try:  # a view never published has no $LATEST
            view["Latest"] = c.describe_view(InstanceId=iid, ViewId=f"{v['Id']}:$LATEST")["View"]["Content"]
        except c.exceptions.ResourceNotFoundException:
            view["Latest"] = None
        view["Versions"] = sorted(
            (c.describe_view(InstanceId=iid, ViewId=x["Id"] if ":" in x["Id"] else f"{v['Id']}:{x['Version']}")["View"]
             for x in pages(c.list_view_versions, "ListViewVersions", InstanceId=iid, ViewId=v["Id"])),
            key=lambda x: x["Version"])
        doc["Views"].append(view)
    doc["Rules"] = [c.describe_rule(InstanceId=iid, RuleId=r["RuleId"])["Rule"]
                    for r in pages(c.list_rules, "ListRules", InstanceId=iid)]
    doc["EvaluationForms"] = [
        sorted((c.describe_evaluation_form(InstanceId=iid, EvaluationFormId=f["EvaluationFormId"],
                                           EvaluationFormVersion=v["EvaluationFormVersion"])["EvaluationForm"]
                for v in pages(c.list_evaluation_form_versions, "ListEvaluationFormVersions", InstanceId=iid,
                               EvaluationFormId=f["EvaluationFormId"])),
               key=lambda v: v["EvaluationFormVersion"])
        for f in pages(c.list_evaluation_forms, "ListEvaluationForms", InstanceId=iid)]
    doc["Workspaces"] = []
    for w in pages(c.list_workspaces, "ListWorkspaces", InstanceId=iid):
        workspace = c.describe_workspace(InstanceId=iid, WorkspaceId=w["Id"])["Workspace"]
        workspace["Pages"] = pages(c.list_workspace_pages, "ListWorkspacePages", InstanceId=iid, WorkspaceId=w["Id"])
        workspace["Media"] = c.list_workspace_media(InstanceId=iid, WorkspaceId=w["Id"])["Media"]  # not paged
        workspace["Associations"] = [
            _strip(a, "WorkspaceId", "WorkspaceArn")
            for a in pages(c.search_workspace_associations, "SearchWorkspaceAssociations", page_size=100,
                           InstanceId=iid, SearchCriteria={"StringCondition": {
                               "FieldName": "workspaceId", "Value": w["Id"], "ComparisonType": "EXACT"}})]
        doc["Workspaces"].append(workspace)
    doc["DataTables"] = []
    for t in pages(c.list_data_tables, "ListDataTables", InstanceId=iid):
        table = c.describe_data_table(InstanceId=iid, DataTableId=t["Id"])["DataTable"]
        table["Attributes"] = pages(c.list_data_table_attributes, "ListDataTableAttributes", InstanceId=iid,
                                    DataTableId=t["Id"])
        table["Values"] = pages(c.list_data_table_values, "ListDataTableValues", InstanceId=iid, DataTableId=t["Id"])
        table["PrimaryValues"] = pages(c.list_data_table_primary_values, "ListDataTablePrimaryValues", InstanceId=iid,
                                       DataTableId=t["Id"])
        doc["DataTables"].append(table)
    doc["AuthenticationProfiles"] = [
        c.describe_authentication_profile(InstanceId=iid, AuthenticationProfileId=a["Id"])["AuthenticationProfile"]
        for a in pages(c.list_authentication_profiles, "ListAuthenticationProfiles", InstanceId=iid)]


# --------------------------------------------------------------------------------------------------------- restore

class Remap:
    """Source ids and ARNs → target ones, applied by text replacement (as the tools' sed scripts do)."""

    def __init__(self):
        self.pairs = {}

    def add(self, old, new):
        if old and new and old != new:
            self.pairs[old] = new

    def __call__(self, value):
        text = json.dumps(value)
        for old in sorted(self.pairs, key=len, reverse=True):
            text = text.replace(old, self.pairs[old])
        return json.loads(text)


def _by_name(items, key="Name"):
    return {i[key]: i for i in items if key in i}


def _tags(resource):
    return {"Tags": resource["Tags"]} if resource.get("Tags") else {}


def restore(connect, doc, target_instance_id=None, password=None):
    """Recreates the document's configuration in the target instance (a new one when none is given); returns its id."""
    c = connect
    src = doc["Instance"]
    if target_instance_id is None:
        target_instance_id = c.create_instance(
            IdentityManagementType=src["IdentityManagementType"], InstanceAlias=src["InstanceAlias"] + "-restored",
            InboundCallsEnabled=src["InboundCallsEnabled"], OutboundCallsEnabled=src["OutboundCallsEnabled"])["Id"]
    iid = target_instance_id
    password = password or ("Aa1!" + secrets.token_hex(8))
    existing = backup(c, iid)
    remap = Remap()
    remap.add(doc["Instance"]["Arn"], existing["Instance"]["Arn"])
    remap.add(doc["InstanceId"], iid)

    # Instance settings and integrations.
    have = {a["AttributeType"]: a["Value"] for a in existing["Attributes"]}
    for a in doc["Attributes"]:
        if have.get(a["AttributeType"]) != a["Value"]:
            c.update_instance_attribute(InstanceId=iid, AttributeType=a["AttributeType"], Value=a["Value"])
    for rtype, configs in doc["StorageConfigs"].items():
        for config in configs:
            body = _strip(config, "AssociationId")
            c.associate_instance_storage_config(InstanceId=iid, ResourceType=rtype, StorageConfig=remap(body))
    for origin in set(doc["ApprovedOrigins"]) - set(existing["ApprovedOrigins"]):
        c.associate_approved_origin(InstanceId=iid, Origin=origin)
    for arn in set(doc["LambdaFunctions"]) - set(existing["LambdaFunctions"]):
        c.associate_lambda_function(InstanceId=iid, FunctionArn=arn)
    for bot in doc["LexBots"]:
        if bot not in existing["LexBots"]:
            c.associate_lex_bot(InstanceId=iid, LexBot=bot)
    for bot in doc["BotsV2"]:
        if bot not in existing["BotsV2"]:
            c.associate_bot(InstanceId=iid, LexV2Bot=bot["LexV2Bot"])
    have_keys = {k["Key"] for k in existing["SecurityKeys"]}
    for key in doc["SecurityKeys"]:
        if key["Key"] not in have_keys:
            c.associate_security_key(InstanceId=iid, Key=key["Key"])
    for assoc in doc["IntegrationAssociations"]:
        kwargs = {k: assoc[k] for k in ("IntegrationType", "IntegrationArn", "SourceApplicationUrl",
                                        "SourceApplicationName", "SourceType") if assoc.get(k)}
        new = c.create_integration_association(InstanceId=iid, **kwargs, **_tags(assoc))
        remap.add(assoc["IntegrationAssociationId"], new["IntegrationAssociationId"])
        remap.add(assoc["IntegrationAssociationArn"], new["IntegrationAssociationArn"])
        for use_case in assoc["UseCases"]:
            made = c.create_use_case(InstanceId=iid, IntegrationAssociationId=new["IntegrationAssociationId"],
                                     UseCaseType=use_case["UseCaseType"], **_tags(use_case))
            remap.add(use_case["UseCaseId"], made["UseCaseId"])
            remap.add(use_case["UseCaseArn"], made["UseCaseArn"])
    structure = {level: {"Name": v["Name"]} for level, v in doc["HierarchyStructure"].items() if v}
    if structure:
        c.update_user_hierarchy_structure(InstanceId=iid, HierarchyStructure=structure)

    def match(kind, items, target_items, key="Id", arn="Arn", name="Name"):
        """Pairs source and target resources that share a name; returns the target's by name."""
        target = _by_name(target_items, name)
        for item in items:
            if item.get(name) in target:
                remap.add(item[key], target[item[name]][key])
                if arn in item:
                    remap.add(item[arn], target[item[name]][arn])
        return target

    # Hours of operation, then their overrides and parents.
    target_hours = match("hours", doc["HoursOfOperations"], existing["HoursOfOperations"], "HoursOfOperationId",
                         "HoursOfOperationArn")
    for h in doc["HoursOfOperations"]:
        body = {k: h[k] for k in ("Name", "Description", "TimeZone", "Config") if k in h}
        if h["Name"] in target_hours:
            c.update_hours_of_operation(InstanceId=iid, HoursOfOperationId=remap(h["HoursOfOperationId"]), **body)
        else:
            made = c.create_hours_of_operation(InstanceId=iid, **body, **_tags(h))
            remap.add(h["HoursOfOperationId"], made["HoursOfOperationId"])
            remap.add(h["HoursOfOperationArn"], made["HoursOfOperationArn"])
    for h in doc["HoursOfOperations"]:
        for o in h["Overrides"]:
            body = {k: o[k] for k in ("Name", "Description", "Config", "EffectiveFrom", "EffectiveTill",
                                      "OverrideType", "RecurrenceConfig") if o.get(k) is not None}
            made = c.create_hours_of_operation_override(
                InstanceId=iid, HoursOfOperationId=remap(h["HoursOfOperationId"]), **body)
            remap.add(o["HoursOfOperationOverrideId"], made["HoursOfOperationOverrideId"])
        parents = [{"HoursOfOperationId": remap(p["Id"])} for p in h.get("ParentHoursOfOperations", [])]
        if parents:
            c.associate_hours_of_operations(InstanceId=iid, HoursOfOperationId=remap(h["HoursOfOperationId"]),
                                            ParentHoursOfOperationConfigs=parents)

    # Agent statuses: the system ones exist already and are read-only.
    target_statuses = match("status", doc["AgentStatuses"], existing["AgentStatuses"], "AgentStatusId",
                            "AgentStatusARN")
    for s in doc["AgentStatuses"]:
        body = {k: s[k] for k in ("Name", "Description", "State", "DisplayOrder") if s.get(k) is not None}
        if s["Name"] in target_statuses:
            if s["Type"] == "CUSTOM":
                c.update_agent_status(InstanceId=iid, AgentStatusId=remap(s["AgentStatusId"]), **body)
        else:
            made = c.create_agent_status(InstanceId=iid, **body, **_tags(s))
            remap.add(s["AgentStatusId"], made["AgentStatusId"])
            remap.add(s["AgentStatusARN"], made["AgentStatusARN"])

    # Prompts.
    target_prompts = match("prompt", doc["Prompts"], existing["Prompts"], "PromptId", "PromptARN")
    for p in doc["Prompts"]:
        if p["Name"] in target_prompts:
            continue
        s3 = doc.get("PromptS3Uris", {}).get(p["Name"], "s3://connect-backup/prompts/placeholder.wav")
        made = c.create_prompt(InstanceId=iid, Name=p["Name"], S3Uri=s3,
                               **({"Description": p["Description"]} if p.get("Description") else {}), **_tags(p))
        remap.add(p["PromptId"], made["PromptId"])
        remap.add(p["PromptARN"], made["PromptARN"])

    # Flows and modules: placeholders first, so that every reference to them can be remapped.
    target_flows = match("flow", doc["ContactFlows"], existing["ContactFlows"])
    # a type the target has no flow of (CAMPAIGN: a new instance has none) starts as a flow that only ends, which every
    # flow type allows
    ends = json.dumps({"Version": "2019-10-30", "StartAction": "end",
                       "Actions": [{"Identifier": "end", "Type": "EndFlowExecution", "Parameters": {}, "Transitions": {}}]})
    placeholder = {}
    for f in existing["ContactFlows"]:
        placeholder.setdefault(f["Type"], f["Content"])
    for f in doc["ContactFlows"]:
        if f["Name"] in target_flows:
            continue
        made = c.create_contact_flow(InstanceId=iid, Name=f["Name"], Type=f["Type"], Content=placeholder.get(f["Type"], ends),
                                     **({"Status": "SAVED"} if f.get("Status") == "SAVED" else {}), **_tags(f))
        remap.add(f["Id"], made["ContactFlowId"])
        remap.add(f["Arn"], made["ContactFlowArn"])
    target_modules = match("module", doc["ContactFlowModules"], existing["ContactFlowModules"])
    for m in doc["ContactFlowModules"]:
        if m["Name"] in target_modules:
            continue
        made = c.create_contact_flow_module(InstanceId=iid, Name=m["Name"], Content=MODULE_PLACEHOLDER, **_tags(m))
        remap.add(m["Id"], made["Id"])
        remap.add(m["Arn"], made["Arn"])

    # Phone numbers: a new number of the same country and type for each.
    for n in doc["PhoneNumbers"]:
        available = c.search_available_phone_numbers(
            TargetArn=existing["Instance"]["Arn"], PhoneNumberCountryCode=n["PhoneNumberCountryCode"],
            PhoneNumberType=n["PhoneNumberType"], MaxResults=10)["AvailableNumbersList"]
        made = c.claim_phone_number(
            InstanceId=iid, PhoneNumber=available[0]["PhoneNumber"],
            **({"PhoneNumberDescription": n["PhoneNumberDescription"]} if n.get("PhoneNumberDescription") else {}),
            **_tags(n))
        remap.add(n["PhoneNumberId"], made["PhoneNumberId"])
        remap.add(n["PhoneNumberArn"], made["PhoneNumberArn"])

    # Email addresses.
    target_emails = match("email", doc["EmailAddresses"], existing["EmailAddresses"], "EmailAddressId",
                          "EmailAddressArn", "EmailAddress")
    for e in doc["EmailAddresses"]:
        if e["EmailAddress"] in target_emails:
            continue
        body = {k: e[k] for k in ("Description", "DisplayName") if e.get(k)}
        made = c.create_email_address(InstanceId=iid, EmailAddress=e["EmailAddress"], **body, **_tags(e))
        remap.add(e["EmailAddressId"], made["EmailAddressId"])
        remap.add(e["EmailAddressArn"], made["EmailAddressArn"])

    # Queues (their quick connects come once the quick connects exist).
    target_queues = match("queue", doc["Queues"], existing["Queues"], "QueueId", "QueueArn")
    for q in doc["Queues"]:
        caller = remap(q.get("OutboundCallerConfig") or {})
        email = remap(q.get("OutboundEmailConfig") or {})
        if q["Name"] in target_queues:
            qid = remap(q["QueueId"])
            c.update_queue_name(InstanceId=iid, QueueId=qid, Name=q["Name"],
                                **({"Description": q["Description"]} if q.get("Description") else {}))
            c.update_queue_hours_of_operation(InstanceId=iid, QueueId=qid,
                                              HoursOfOperationId=remap(q["HoursOfOperationId"]))
            if "MaxContacts" in q:
                c.update_queue_max_contacts(InstanceId=iid, QueueId=qid, MaxContacts=q["MaxContacts"])
            if caller:
                c.update_queue_outbound_caller_config(InstanceId=iid, QueueId=qid, OutboundCallerConfig=caller)
        else:
            body = {k: q[k] for k in ("Description", "MaxContacts") if q.get(k) is not None}
            if caller:
                body["OutboundCallerConfig"] = caller
            if email:
                body["OutboundEmailConfig"] = email
            made = c.create_queue(InstanceId=iid, Name=q["Name"], HoursOfOperationId=remap(q["HoursOfOperationId"]),
                                  **body, **_tags(q))
            remap.add(q["QueueId"], made["QueueId"])
            remap.add(q["QueueArn"], made["QueueArn"])
            qid = made["QueueId"]
        extra = [{"EmailAddressId": remap(e["Id"])} for e in q["EmailAddresses"] if not e.get("IsDefaultOutboundEmail")]
        if extra:
            c.associate_queue_email_addresses(InstanceId=iid, QueueId=qid, EmailAddressesConfig=extra)
        if q.get("Status") == "DISABLED":
            c.update_queue_status(InstanceId=iid, QueueId=qid, Status="DISABLED")

    # Routing profiles: created without queues, queues associated in batches of 10.
    target_profiles = match("routing", doc["RoutingProfiles"], existing["RoutingProfiles"], "RoutingProfileId",
                            "RoutingProfileArn")
    for r in doc["RoutingProfiles"]:
        concurrencies = [m for m in r["MediaConcurrencies"] if m.get("Concurrency")]
        if r["Name"] in target_profiles:
            rid = remap(r["RoutingProfileId"])
            c.update_routing_profile_name(InstanceId=iid, RoutingProfileId=rid, Name=r["Name"],
                                          Description=r["Description"])
            c.update_routing_profile_concurrency(InstanceId=iid, RoutingProfileId=rid,
                                                 MediaConcurrencies=concurrencies)
            c.update_routing_profile_default_outbound_queue(InstanceId=iid, RoutingProfileId=rid,
                                                            DefaultOutboundQueueId=remap(r["DefaultOutboundQueueId"]))
            have = {(x["QueueId"], x["Channel"]) for x in
                    next(p for p in existing["RoutingProfiles"] if p["Name"] == r["Name"])["Queues"]}
        else:
            body = {}
            if r.get("AgentAvailabilityTimer"):
                body["AgentAvailabilityTimer"] = r["AgentAvailabilityTimer"]
            made = c.create_routing_profile(InstanceId=iid, Name=r["Name"], Description=r["Description"],
                                            DefaultOutboundQueueId=remap(r["DefaultOutboundQueueId"]),
                                            MediaConcurrencies=concurrencies, **body, **_tags(r))
            remap.add(r["RoutingProfileId"], made["RoutingProfileId"])
            remap.add(r["RoutingProfileArn"], made["RoutingProfileArn"])
            rid, have = made["RoutingProfileId"], set()
        configs = [{"QueueReference": {"QueueId": remap(x["QueueId"]), "Channel": x["Channel"]},
                    "Priority": x["Priority"], "Delay": x["Delay"]}
                   for x in r["Queues"] if (remap(x["QueueId"]), x["Channel"]) not in have]
        for i in range(0, len(configs), 10):
            c.associate_routing_profile_queues(InstanceId=iid, RoutingProfileId=rid, QueueConfigs=configs[i:i + 10])
        manual = [{"QueueReference": {"QueueId": remap(x["QueueId"]), "Channel": x["Channel"]}}
                  for x in r["ManualAssignmentQueues"]]
        for i in range(0, len(manual), 10):
            c.associate_routing_profile_queues(InstanceId=iid, RoutingProfileId=rid,
                                               ManualAssignmentQueueConfigs=manual[i:i + 10])

    # Security profiles.
    target_security = match("security", doc["SecurityProfiles"], existing["SecurityProfiles"], "Id", "Arn",
                            "SecurityProfileName")
    for s in doc["SecurityProfiles"]:
        body = {k: remap(s[k]) for k in ("Description", "AllowedAccessControlTags", "TagRestrictedResources",
                                         "HierarchyRestrictedResources", "AllowedAccessControlHierarchyGroupId")
                if s.get(k)}
        body["Permissions"] = s["Permissions"]
        if s["Applications"]:
            body["Applications"] = s["Applications"]
        if s["AllowedFlowModules"]:
            body["AllowedFlowModules"] = remap(s["AllowedFlowModules"])
        if s["SecurityProfileName"] in target_security:
            target = target_security[s["SecurityProfileName"]]
            if (sorted(target["Permissions"]) != s["Permissions"] or target.get("Description") != s.get("Description")
                    or target["Applications"] != s["Applications"]):
                c.update_security_profile(InstanceId=iid, SecurityProfileId=target["Id"], **body)
        else:
            made = c.create_security_profile(InstanceId=iid, SecurityProfileName=s["SecurityProfileName"], **body,
                                             **_tags(s))
            remap.add(s["Id"], made["SecurityProfileId"])
            remap.add(s["Arn"], made["SecurityProfileArn"])

    # Hierarchy groups, parents first.
    for g in sorted(doc["HierarchyGroups"], key=lambda g: int(g["LevelId"])):
        parent = g["HierarchyPath"].get(f"Level{['One', 'Two', 'Three', 'Four'][int(g['LevelId']) - 2]}") \
            if int(g["LevelId"]) > 1 else None
        made = c.create_user_hierarchy_group(InstanceId=iid, Name=g["Name"],
                                             **({"ParentGroupId": remap(parent["Id"])} if parent else {}), **_tags(g))
        remap.add(g["Id"], made["HierarchyGroupId"])
        remap.add(g["Arn"], made["HierarchyGroupArn"])

    # Predefined attributes.
    for a in doc["PredefinedAttributes"]:
        c.create_predefined_attribute(InstanceId=iid, Name=a["Name"], Values=a["Values"],
                                      **{k: a[k] for k in ("Purposes", "AttributeConfiguration") if a.get(k)})

    # Users.
    for u in doc["Users"]:
        body = {"Username": u["Username"], "SecurityProfileIds": remap(u["SecurityProfileIds"]),
                "RoutingProfileId": remap(u["RoutingProfileId"]), "PhoneConfig": u["PhoneConfig"]}
        if doc["Instance"]["IdentityManagementType"] == "CONNECT_MANAGED":
            body["Password"] = password
        if u.get("IdentityInfo"):
            body["IdentityInfo"] = u["IdentityInfo"]
        if u.get("HierarchyGroupId"):
            body["HierarchyGroupId"] = remap(u["HierarchyGroupId"])
        made = c.create_user(InstanceId=iid, **body, **_tags(u))
        remap.add(u["Id"], made["UserId"])
        remap.add(u["Arn"], made["UserArn"])
        config = {k: u[k] for k in ("AutoAcceptConfigs", "AfterContactWorkConfigs", "PhoneNumberConfigs",
                                    "PersistentConnectionConfigs", "VoiceEnhancementConfigs") if u.get(k)}
        if config:
            c.update_user_config(InstanceId=iid, UserId=made["UserId"], **config)
        if u["Proficiencies"]:
            c.associate_user_proficiencies(InstanceId=iid, UserId=made["UserId"], UserProficiencies=u["Proficiencies"])

    # Quick connects, then the queues that offer them.
    for q in doc["QuickConnects"]:
        made = c.create_quick_connect(InstanceId=iid, Name=q["Name"], QuickConnectConfig=remap(q["QuickConnectConfig"]),
                                      **({"Description": q["Description"]} if q.get("Description") else {}),
                                      **_tags(q))
        remap.add(q["QuickConnectId"], made["QuickConnectId"])
        remap.add(q["QuickConnectARN"], made["QuickConnectARN"])
    for q in doc["Queues"]:
        ids = [remap(x["Id"]) for x in q["QuickConnects"]]
        if ids:
            c.associate_queue_quick_connects(InstanceId=iid, QueueId=remap(q["QueueId"]), QuickConnectIds=ids)

    # Real content of modules and flows, their versions and aliases; then their state.
    for m in doc["ContactFlowModules"]:
        mid = remap(m["Id"])
        if m["Name"] in target_modules and not m["Versions"] and m["Content"] == \
                target_modules[m["Name"]]["Content"]:
            continue
        for v in m["Versions"]:
            c.update_contact_flow_module_content(InstanceId=iid, ContactFlowModuleId=mid, Content=remap(v["Content"]))
            c.create_contact_flow_module_version(InstanceId=iid, ContactFlowModuleId=mid,
                                                 **({"Description": v["VersionDescription"]}
                                                    if v.get("VersionDescription") else {}))
        c.update_contact_flow_module_content(InstanceId=iid, ContactFlowModuleId=mid, Content=remap(m["Content"]))
        c.update_contact_flow_module_metadata(InstanceId=iid, ContactFlowModuleId=mid,
                                              **({"Description": m["Description"]} if m.get("Description") else {}))
        for a in m["Aliases"]:
            c.create_contact_flow_module_alias(InstanceId=iid, ContactFlowModuleId=mid, AliasName=a["Name"],
                                               ContactFlowModuleVersion=a["Version"],
                                               **({"Description": a["Description"]} if a.get("Description") else {}))
    for f in doc["ContactFlows"]:
        fid = remap(f["Id"])
        if f["Name"] in target_flows and not f["Versions"] and f["Content"] == target_flows[f["Name"]]["Content"]:
            continue
        for v in f["Versions"]:
            c.update_contact_flow_content(InstanceId=iid, ContactFlowId=fid, Content=remap(v["Content"]))
            c.create_contact_flow_version(InstanceId=iid, ContactFlowId=fid,
                                          **({"Description": v["VersionDescription"]}
                                             if v.get("VersionDescription") else {}))
        c.update_contact_flow_content(InstanceId=iid, ContactFlowId=fid, Content=remap(f["Content"]))
        if f.get("Description"):
            c.update_contact_flow_metadata(InstanceId=iid, ContactFlowId=fid, Description=f["Description"])
    for m in doc["ContactFlowModules"]:
        if m.get("State", "active").upper() != "ACTIVE":
            c.update_contact_flow_module_metadata(InstanceId=iid, ContactFlowModuleId=remap(m["Id"]),
                                                  State=m["State"].upper())
    for f in doc["ContactFlows"]:
        if f.get("State", "ACTIVE") != "ACTIVE":
            c.update_contact_flow_metadata(InstanceId=iid, ContactFlowId=remap(f["Id"]), ContactFlowState=f["State"])

    # Queue outbound flows and phone-number flows now that flows have content.
    for a in doc["FlowAssociations"]:
        if a["ResourceType"] == "VOICE_PHONE_NUMBER":  # a voice number's flow has an operation of its own
            c.associate_phone_number_contact_flow(PhoneNumberId=remap(a["ResourceId"]), InstanceId=iid,
                                                  ContactFlowId=remap(a["FlowId"]))
            continue
        c.associate_flow(InstanceId=iid, ResourceId=remap(a["ResourceId"]), FlowId=remap(a["FlowId"]),
                         ResourceType=a["ResourceType"])

    # Vocabularies and the default ones.
    for v in doc["Vocabularies"]:
        made = c.create_vocabulary(InstanceId=iid, VocabularyName=v["Name"], LanguageCode=v["LanguageCode"],
                                   Content=v["Content"], **_tags(v))
        remap.add(v["Id"], made["VocabularyId"])
        remap.add(v["Arn"], made["VocabularyArn"])
    for v in doc["Vocabularies"]:  # creation is asynchronous: wait for the state the source had
        for _ in range(120):
            if c.describe_vocabulary(InstanceId=iid, VocabularyId=remap(v["Id"]))["Vocabulary"]["State"] != \
                    "CREATION_IN_PROGRESS":
                break
            time.sleep(0.5)
    for d in doc["DefaultVocabularies"]:
        c.associate_default_vocabulary(InstanceId=iid, LanguageCode=d["LanguageCode"], VocabularyId=remap(d["VocabularyId"]))
    _restore_issue15(c, iid, doc, existing, remap)
    return iid, remap


def _some(d, *keys):
    return {k: d[k] for k in keys if d.get(k) not in (None, "", [], {})}


def _restore_issue15(c, iid, doc, existing, remap):
    """Restores the families of _backup_issue15, after the flows, queues, users and routing profiles they name."""
    # Authentication profiles: each instance has its default one (no create operation); matched by name.
    have = _by_name(existing.get("AuthenticationProfiles", []))
    for a in doc.get("AuthenticationProfiles", []):
        target = have.get(a["Name"]) or next((p for p in have.values() if p["IsDefault"] and a["IsDefault"]), None)
        if target is None:
            continue  # AWS has no operation that creates an authentication profile
        remap.add(a["Id"], target["Id"])
        remap.add(a["Arn"], target["Arn"])
        c.update_authentication_profile(InstanceId=iid, AuthenticationProfileId=target["Id"], Name=a["Name"],
                                        AllowedIps=a.get("AllowedIps", []), BlockedIps=a.get("BlockedIps", []),
                                        **_some(a, "Description", "PeriodicSessionDuration",
                                                "SessionInactivityDuration"),
                                        **({"SessionInactivityHandlingEnabled": a["SessionInactivityHandlingEnabled"]}
                                           if "SessionInactivityHandlingEnabled" in a else {}))

    # Views: each version's content published then snapshotted, in order; then $LATEST, then $SAVED.
    for v in doc.get("Views", []):
        if v.get("Type") == "AWS_MANAGED":
            continue
        first = v["Versions"][0]["Content"] if v["Versions"] else (v["Latest"] or v["Content"])
        status = "PUBLISHED" if v["Versions"] or v["Latest"] else v["Status"]
        made = c.create_view(InstanceId=iid, Name=v["Name"], Status=status, Content=_view_content(remap(first)),
                             **_some(v, "Description"), **_tags(v))["View"]
        remap.add(v["Id"], made["Id"])
        remap.add(v["Arn"], made["Arn"])
        for i, version in enumerate(v["Versions"]):
            if i:
                c.update_view_content(InstanceId=iid, ViewId=made["Id"], Status="PUBLISHED",
                                      Content=_view_content(remap(version["Content"])))
            c.create_view_version(InstanceId=iid, ViewId=made["Id"], **(
                {"VersionDescription": version["VersionDescription"]} if version.get("VersionDescription") else {}))
        if v["Latest"] is not None:
            c.update_view_content(InstanceId=iid, ViewId=made["Id"], Status="PUBLISHED",
                                  Content=_view_content(remap(v["Latest"])))
        if v["Status"] == "SAVED" or v["Content"] != v["Latest"]:
            c.update_view_content(InstanceId=iid, ViewId=made["Id"], Status=v["Status"],
                                  Content=_view_content(remap(v["Content"])))

    # Evaluation forms: version 1 created, each later one a new version; activated as the source's were (an
    # activated version stays locked), then the versions not active at the end deactivated.
    for versions in doc.get("EvaluationForms", []):
        fid = None
        for v in versions:
            body = dict(_some(v, "Description", "ScoringStrategy", "AutoEvaluationConfiguration",
                              "TargetConfiguration", "LanguageConfiguration", "ReviewConfiguration"),
                        Title=v["Title"], Items=remap(v["Items"]))
            body = remap(body)
            if not v.get("Locked"):  # a version never activated may have been saved incomplete (AsDraft)
                body["AsDraft"] = True
            if fid is None:
                made = c.create_evaluation_form(InstanceId=iid, **body, **_tags(v))
                fid = made["EvaluationFormId"]
                remap.add(v["EvaluationFormId"], fid)
                remap.add(v["EvaluationFormArn"], made["EvaluationFormArn"])
                number = 1
            else:
                number = c.update_evaluation_form(InstanceId=iid, EvaluationFormId=fid, EvaluationFormVersion=number,
                                                  CreateNewVersion=True, **body)["EvaluationFormVersion"]
            if v.get("Locked"):
                c.activate_evaluation_form(InstanceId=iid, EvaluationFormId=fid, EvaluationFormVersion=number)
        active = [v["EvaluationFormVersion"] for v in versions if v["Status"] == "ACTIVE"]
        last_locked = max([v["EvaluationFormVersion"] for v in versions if v.get("Locked")], default=None)
        if last_locked is not None and last_locked not in active:
            c.deactivate_evaluation_form(InstanceId=iid, EvaluationFormId=fid, EvaluationFormVersion=last_locked)
        for number in active:
            if number != last_locked:
                c.activate_evaluation_form(InstanceId=iid, EvaluationFormId=fid, EvaluationFormVersion=number)

    # Task templates (their flows exist and have their content by now).
    for t in doc.get("TaskTemplates", []):
        body = remap(_some(t, "Description", "ContactFlowId", "SelfAssignFlowId", "Defaults", "Fields", "Status"))
        made = c.create_task_template(InstanceId=iid, Name=t["Name"], Constraints=remap(t.get("Constraints") or {}),
                                      **body)
        remap.add(t["Id"], made["Id"])
        remap.add(t["Arn"], made["Arn"])
        if t.get("Tags"):  # CreateTaskTemplate takes no tags
            c.tag_resource(resourceArn=made["Arn"], tags=t["Tags"])

    # Rules: their actions name flows, users, evaluation forms; their trigger an integration association.
    for r in doc.get("Rules", []):
        made = c.create_rule(InstanceId=iid, Name=r["Name"], TriggerEventSource=remap(r["TriggerEventSource"]),
                             Function=r["Function"], Actions=remap(r["Actions"]), PublishStatus=r["PublishStatus"])
        remap.add(r["RuleId"], made["RuleId"])
        remap.add(r["RuleArn"], made["RuleArn"])
        if r.get("Tags"):  # CreateRule takes no tags
            c.tag_resource(resourceArn=made["RuleArn"], tags=r["Tags"])

    # Workspaces: theme, visibility, pages (a view each), media, then the users and routing profiles assigned.
    for w in doc.get("Workspaces", []):
        made = c.create_workspace(InstanceId=iid, Name=w["Name"], **_some(w, "Description", "Title", "Theme"),
                                  **_tags(w))
        wid = made["WorkspaceId"]
        remap.add(w["Id"], wid)
        remap.add(w["Arn"], made["WorkspaceArn"])
        if w.get("Visibility"):
            c.update_workspace_visibility(InstanceId=iid, WorkspaceId=wid, Visibility=w["Visibility"])
        for page in w["Pages"]:
            c.create_workspace_page(InstanceId=iid, WorkspaceId=wid, ResourceArn=remap(page["ResourceArn"]),
                                    Page=page["Page"], **_some(page, "Slug", "InputData"))
        for media in w["Media"]:
            c.import_workspace_media(InstanceId=iid, WorkspaceId=wid, MediaType=media["Type"],
                                     MediaSource=media["Source"])
        arns = [remap(a["ResourceArn"]) for a in w["Associations"]]
        for i in range(0, len(arns), 25):
            out = c.associate_workspace(InstanceId=iid, WorkspaceId=wid, ResourceArns=arns[i:i + 25])
            if out.get("FailedList"):
                raise RuntimeError(f"workspace {w['Name']}: {out['FailedList']}")

    # Data tables: the table, its attributes (primary ones included), then every value by its record's primary values.
    for t in doc.get("DataTables", []):
        made = c.create_data_table(InstanceId=iid, Name=t["Name"], TimeZone=t["TimeZone"],
                                   ValueLockLevel=t["ValueLockLevel"], Status=t["Status"],
                                   **_some(t, "Description"), **_tags(t))
        remap.add(t["Id"], made["Id"])
        remap.add(t["Arn"], made["Arn"])
        for a in t["Attributes"]:
            attribute = c.create_data_table_attribute(
                InstanceId=iid, DataTableId=made["Id"], Name=a["Name"], ValueType=a["ValueType"],
                **_some(a, "Description", "Validation"), **({"Primary": True} if a.get("Primary") else {}))
            remap.add(a["AttributeId"], attribute["AttributeId"])
        values = [{"PrimaryValues": [{"AttributeName": p["AttributeName"], "Value": p["Value"]}
                                     for p in v.get("PrimaryValues", [])],
                   "AttributeName": v["AttributeName"], "Value": v["Value"]} for v in t["Values"]]
        for i in range(0, len(values), 25):
            out = c.batch_create_data_table_value(InstanceId=iid, DataTableId=made["Id"], Values=values[i:i + 25])
            if out.get("Failed"):
                raise RuntimeError(f"data table {t['Name']}: {out['Failed']}")


def _view_content(content):
    """A view's content as CreateView/UpdateViewContent take it (InputSchema is derived, never sent)."""
    return {k: content[k] for k in ("Template", "Actions") if k in content}


# ------------------------------------------------------------------------------------------------------ comparison

def normalise(doc):
    """The document with every resource id and ARN replaced by a name-based token and timestamps dropped."""
    tokens = {doc["InstanceId"]: "<instance>"}

    def token(kind, resource, id_key, arn_key, name_key="Name"):
        name = resource.get(name_key)
        if resource.get(id_key):
            tokens[resource[id_key]] = f"<{kind}:{name}>"
        if resource.get(arn_key):
            tokens[resource[arn_key]] = f"<{kind}-arn:{name}>"

    for h in doc["HoursOfOperations"]:
        token("hours", h, "HoursOfOperationId", "HoursOfOperationArn")
        for o in h["Overrides"]:
            token("override", o, "HoursOfOperationOverrideId", "")
    for s in doc["AgentStatuses"]:
        token("status", s, "AgentStatusId", "AgentStatusARN")
    for p in doc["Prompts"]:
        token("prompt", p, "PromptId", "PromptARN")
    for e in doc["EmailAddresses"]:
        token("email", e, "EmailAddressId", "EmailAddressArn", "EmailAddress")
    for q in doc["Queues"]:
        token("queue", q, "QueueId", "QueueArn")
    for q in doc["QuickConnects"]:
        token("qc", q, "QuickConnectId", "QuickConnectARN")
    for r in doc["RoutingProfiles"]:
        token("routing", r, "RoutingProfileId", "RoutingProfileArn")
    for s in doc["SecurityProfiles"]:
        token("security", s, "Id", "Arn", "SecurityProfileName")
    for g in doc["HierarchyGroups"]:
        token("group", g, "Id", "Arn")
    for level, v in doc["HierarchyStructure"].items():
        if v:
            token("level", v, "Id", "Arn")
    for u in doc["Users"]:
        token("user", u, "Id", "Arn", "Username")
    for f in doc["ContactFlows"]:
        token("flow", f, "Id", "Arn")
    for m in doc["ContactFlowModules"]:
        token("module", m, "Id", "Arn")
        for a in m["Aliases"]:
            token(f"alias:{m['Name']}", a, "AliasId", "")
    for v in doc["Vocabularies"]:
        token("vocabulary", v, "Id", "Arn")
    for a in doc["IntegrationAssociations"]:
        token("integration", a, "IntegrationAssociationId", "IntegrationAssociationArn", "IntegrationArn")
        for u in a["UseCases"]:
            token("usecase", dict(u, Name=f"{a['IntegrationArn']}/{u['UseCaseType']}"), "UseCaseId", "UseCaseArn")
    for n in doc["PhoneNumbers"]:
        name = f"{n['PhoneNumberCountryCode']}/{n['PhoneNumberType']}/{n.get('PhoneNumberDescription')}"
        token("number", dict(n, Name=name), "PhoneNumberId", "PhoneNumberArn")
        tokens[n["PhoneNumber"]] = f"<number-e164:{name}>"
    for t in doc.get("TaskTemplates", []):
        token("template", t, "Id", "Arn")
    for v in doc.get("Views", []):
        token("view", v, "Id", "Arn")
    for r in doc.get("Rules", []):
        token("rule", r, "RuleId", "RuleArn")
    for versions in doc.get("EvaluationForms", []):
        for v in versions[:1]:
            token("form", v, "EvaluationFormId", "EvaluationFormArn", "Title")
    for w in doc.get("Workspaces", []):
        token("workspace", w, "Id", "Arn")
    for t in doc.get("DataTables", []):
        token("table", t, "Id", "Arn")
        for a in t["Attributes"]:
            token(f"attribute:{t['Name']}", a, "AttributeId", "")
    for a in doc.get("AuthenticationProfiles", []):
        token("authentication", a, "Id", "Arn")
    tokens[doc["Instance"]["Arn"]] = "<instance-arn>"

    text = json.dumps(doc, default=str)
    for old in sorted(tokens, key=len, reverse=True):
        text = text.replace(old, tokens[old])
    value = json.loads(text)
    value["Instance"] = {k: v for k, v in value["Instance"].items()
                         if k in ("IdentityManagementType", "InboundCallsEnabled", "OutboundCallsEnabled")}
    value.pop("InstanceId")
    for key in ("SecurityKeys",):
        value[key] = sorted(k["Key"] for k in value[key])
    for configs in value["StorageConfigs"].values():
        for config in configs:
            config.pop("AssociationId", None)
    return _drop_volatile(value)


def _drop_volatile(value):
    if isinstance(value, dict):
        return {k: _drop_volatile(v) for k, v in value.items() if k not in TIMESTAMP_KEYS}
    if isinstance(value, list):
        items = [_drop_volatile(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True))
    return value


def main(argv):
    import boto3
    endpoint = os.environ.get("CONNECTLOCAL_ENDPOINT")
    connect = boto3.client("connect", endpoint_url=endpoint) if endpoint else boto3.client("connect")
    if len(argv) >= 2 and argv[0] == "backup":
        json.dump(backup(connect, argv[1]), sys.stdout, indent=2, default=str)
        return 0
    if len(argv) >= 2 and argv[0] == "restore":
        with open(argv[1], encoding="utf-8") as f:
            doc = json.load(f)
        target = argv[argv.index("--instance-id") + 1] if "--instance-id" in argv else None
        print(restore(connect, doc, target)[0])
        return 0
    if len(argv) >= 3 and argv[0] == "compare":
        docs = []
        for path in argv[1:3]:
            with open(path, encoding="utf-8") as f:
                docs.append(normalise(json.load(f)))
        differing = [family for family in docs[0] if docs[0][family] != docs[1].get(family)]
        for family in differing:
            print(f"{family} differs")
        return 1 if differing else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
