// Operations newer than the installed boto3 (SearchRules, StartEvaluationFormValidation, GetEvaluationFormValidation,
// UpdateContactTaskTemplate) and newer than the pinned model (GetCrossRegionRouting, UpdateCrossRegionRouting, from
// model/overlays) through the JS v3 SDK, which has them: success and error cases end to end. The JS client's other
// commands newer than the model are not implemented: each is an explicit skip, by name.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { sdk, makeClient, NEWER_THAN_MODEL } from "./lib/harness.mjs";

const client = makeClient();
const send = (op, input) => client.send(new sdk[`${op}Command`](input));
const MISSING = "11111111-2222-4333-8444-555555555555";
let instanceId;
let inboundFlow;

async function refused(promise, name) {
  const error = await promise.then(() => assert.fail(`expected ${name}, the call succeeded`), (e) => e);
  assert.equal(error.name, name, `${error.name}: ${error.message}`);
  assert.ok(error instanceof sdk[name], `not an instance of ${name}`);
  assert.ok(error.$metadata.httpStatusCode >= 400 && error.$metadata.httpStatusCode < 500);
  return error;
}

before(async () => {
  const created = await send("CreateInstance", {
    IdentityManagementType: "CONNECT_MANAGED", InstanceAlias: `js-newer-${Date.now()}`, InboundCallsEnabled: true, OutboundCallsEnabled: true,
  });
  instanceId = created.Id;
  const flows = await send("ListContactFlows", { InstanceId: instanceId, ContactFlowTypes: ["CONTACT_FLOW"], MaxResults: 100 });
  inboundFlow = flows.ContactFlowSummaryList.find((f) => f.Name === "Sample inbound flow (first contact experience)").Id;
});

after(async () => {
  if (instanceId) await send("DeleteInstance", { InstanceId: instanceId });
});

test("SearchRules finds rules by name, status and tag, pages, and refuses an unknown field", async () => {
  const prefix = `js-${Date.now()}`;
  const rule = (name, status) => send("CreateRule", {
    InstanceId: instanceId, Name: name, TriggerEventSource: { EventSourceName: "OnPostCallAnalysisAvailable" },
    Function: "$.ContactLens.PostCall.Sentiment.Overall.Customer < 0",
    Actions: [{ ActionType: "GENERATE_EVENTBRIDGE_EVENT", EventBridgeAction: { Name: "negative" } }], PublishStatus: status,
  });
  const draft = await rule(`${prefix}-draft`, "DRAFT");
  const live = await rule(`${prefix}-live`, "PUBLISHED");
  await send("TagResource", { resourceArn: live.RuleArn, tags: { team: prefix } });

  const named = { StringCondition: { FieldName: "Name", Value: prefix, ComparisonType: "CONTAINS" } };
  const found = await send("SearchRules", { InstanceId: instanceId, SearchCriteria: named });
  assert.deepEqual(found.Rules.map((r) => r.RuleId).sort(), [draft.RuleId, live.RuleId].sort());
  assert.equal(found.ApproximateTotalCount, 2);

  const published = await send("SearchRules", { InstanceId: instanceId, SearchCriteria: { AndConditions: [named,
    { StringCondition: { FieldName: "PublishStatus", Value: "PUBLISHED", ComparisonType: "EXACT" } }] } });
  assert.deepEqual(published.Rules.map((r) => r.RuleId), [live.RuleId]);
  const tagged = await send("SearchRules", { InstanceId: instanceId,
    SearchFilter: { AttributeFilter: { AndCondition: { TagConditions: [{ TagKey: "team", TagValue: prefix }] } } } });
  assert.deepEqual(tagged.Rules.map((r) => r.RuleId), [live.RuleId]);

  const page = await send("SearchRules", { InstanceId: instanceId, SearchCriteria: named, MaxResults: 1 });
  const rest = await send("SearchRules", { InstanceId: instanceId, SearchCriteria: named, MaxResults: 1, NextToken: page.NextToken });
  assert.notEqual(page.Rules[0].RuleId, rest.Rules[0].RuleId);

  await refused(send("SearchRules", { InstanceId: instanceId,
    SearchCriteria: { StringCondition: { FieldName: "Function", Value: "x", ComparisonType: "EXACT" } } }), "InvalidParameterException");
  await refused(send("SearchRules", { InstanceId: MISSING }), "ResourceNotFoundException");
});

test("StartEvaluationFormValidation and GetEvaluationFormValidation report findings, and unknown versions are not found", async () => {
  const section = (ref, weight, ...items) => ({ Section: { Title: ref, RefId: ref, Weight: weight, Items: items } });
  const question = (ref) => ({ Question: { Title: ref, RefId: ref, QuestionType: "TEXT" } });
  const scoring = { Mode: "SECTION_ONLY", Status: "ENABLED" };
  // section weights that do not add up to 100: a structural error
  const bad = await send("CreateEvaluationForm", { InstanceId: instanceId, Title: "js bad", ScoringStrategy: scoring, AsDraft: true,
    Items: [section("a", 30, question("qa")), section("b", 20, question("qb"))] });
  const started = await send("StartEvaluationFormValidation", { InstanceId: instanceId, EvaluationFormId: bad.EvaluationFormId, EvaluationFormVersion: 1 });
  assert.equal(started.EvaluationFormId, bad.EvaluationFormId);
  const result = await send("GetEvaluationFormValidation", { InstanceId: instanceId, EvaluationFormId: bad.EvaluationFormId, EvaluationFormVersion: 1 });
  assert.equal(result.Status, "COMPLETED");
  assert.deepEqual(result.Findings.map((f) => [f.IssueCode, f.Severity]), [["STRUCTURAL_ERROR", "ERROR"]]);

  const good = await send("CreateEvaluationForm", { InstanceId: instanceId, Title: "js good", ScoringStrategy: scoring,
    Items: [section("a", 100, question("qa"))] });
  await send("StartEvaluationFormValidation", { InstanceId: instanceId, EvaluationFormId: good.EvaluationFormId, EvaluationFormVersion: 1 });
  const clean = await send("GetEvaluationFormValidation", { InstanceId: instanceId, EvaluationFormId: good.EvaluationFormId });
  assert.deepEqual(clean.Findings ?? [], []);

  await refused(send("StartEvaluationFormValidation", { InstanceId: instanceId, EvaluationFormId: bad.EvaluationFormId, EvaluationFormVersion: 7 }),
    "ResourceNotFoundException");
  const fresh = await send("CreateEvaluationForm", { InstanceId: instanceId, Title: "js fresh", Items: [section("s", undefined, question("q"))] });
  await refused(send("GetEvaluationFormValidation", { InstanceId: instanceId, EvaluationFormId: fresh.EvaluationFormId }), "ResourceNotFoundException");
});

test("UpdateContactTaskTemplate puts a waiting task on a template, checking its references", async () => {
  const field = (name, type) => ({ Id: { Name: name }, Type: type });
  const template = await send("CreateTaskTemplate", { InstanceId: instanceId, Name: `js-tt-${Date.now()}`, ContactFlowId: inboundFlow,
    Fields: [field("Title", "NAME"), field("Amount", "NUMBER")],
    Constraints: { RequiredFields: [{ Id: { Name: "Title" } }, { Id: { Name: "Amount" } }] } });
  const task = await send("StartTaskContact", { InstanceId: instanceId, ContactFlowId: inboundFlow, Name: "refund",
    References: { Amount: { Type: "NUMBER", Value: "12" } } });
  await send("UpdateContactTaskTemplate", { InstanceId: instanceId, ContactId: task.ContactId, TaskTemplateId: template.Arn });
  const described = await send("DescribeContact", { InstanceId: instanceId, ContactId: task.ContactId });
  assert.equal(described.Contact.TaskTemplateInfo.Arn, template.Arn);

  await refused(send("UpdateContactTaskTemplate", { InstanceId: instanceId, ContactId: task.ContactId, TaskTemplateId: template.Id }),
    "InvalidRequestException");
  const bare = await send("StartTaskContact", { InstanceId: instanceId, ContactFlowId: inboundFlow, Name: "bare" });
  await refused(send("UpdateContactTaskTemplate", { InstanceId: instanceId, ContactId: bare.ContactId, TaskTemplateId: template.Id }),
    "PropertyValidationException");
  await refused(send("UpdateContactTaskTemplate", { InstanceId: instanceId, ContactId: MISSING, TaskTemplateId: template.Id }),
    "ResourceNotFoundException");
});

test("GetCrossRegionRouting and UpdateCrossRegionRouting isolate and re-enable global routing from either Region", async () => {
  const west = makeClient({ region: "us-west-2" });
  const sendWest = (op, input) => west.send(new sdk[`${op}Command`](input));
  const created = await send("CreateInstance", {
    // replicated below, and Global Resiliency replicates only SAML instances
    IdentityManagementType: "SAML", InstanceAlias: `js-crr-${Date.now()}`, InboundCallsEnabled: true, OutboundCallsEnabled: true,
  });
  const id = created.Id;
  try {
    await refused(send("GetCrossRegionRouting", { InstanceId: id }), "InvalidRequestException"); // not replicated
    await send("ReplicateInstance", { InstanceId: id, ReplicaRegion: "us-west-2", ReplicaAlias: `js-crr-west-${Date.now()}` });

    const initial = await send("GetCrossRegionRouting", { InstanceId: id });
    assert.equal(initial.$metadata.httpStatusCode, 200);
    assert.deepEqual(initial.IsolatedRegions, []); // a new replica routes across Regions
    const isolated = await sendWest("UpdateCrossRegionRouting", { InstanceId: id, IsolatedAll: true });
    assert.equal(isolated.$metadata.httpStatusCode, 200);
    assert.deepEqual((await send("GetCrossRegionRouting", { InstanceId: created.Arn })).IsolatedRegions, ["us-east-1", "us-west-2"]);
    assert.deepEqual((await sendWest("GetCrossRegionRouting", { InstanceId: id })).IsolatedRegions, ["us-east-1", "us-west-2"]);
    await send("UpdateCrossRegionRouting", { InstanceId: id, IsolatedAll: false });
    assert.deepEqual((await sendWest("GetCrossRegionRouting", { InstanceId: id })).IsolatedRegions, []);

    await refused(send("GetCrossRegionRouting", { InstanceId: MISSING }), "ResourceNotFoundException");
    await refused(send("UpdateCrossRegionRouting", { InstanceId: MISSING, IsolatedAll: true }), "ResourceNotFoundException");
  } finally {
    await sendWest("DeleteInstance", { InstanceId: id }).catch(() => {});
    await send("DeleteInstance", { InstanceId: id }).catch(() => {});
  }
});

for (const op of NEWER_THAN_MODEL) {
  test(op, { skip: "newer than the pinned model and not in model/overlays: not implemented" }, () => {});
}
