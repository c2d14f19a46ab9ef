// End-to-end tests of the dashboard (/_connectlocal/ui, docs/dashboard.md) in headless Debian Chromium, driven by
// playwright-core; resources are made and read back with the AWS SDK for JavaScript v3, as a user would.
// Each run starts servers of its own from CONNECTLOCAL_SERVER_DLL (skipped without it): a permissive one, and a
// strict one with a control token. Screenshots go to CONNECTLOCAL_DASHBOARD_SCREENSHOTS (default: a temporary
// folder); docs/images/dashboard-*.png were made with CONNECTLOCAL_DASHBOARD_SCREENSHOTS=docs/images.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import {
  ConnectClient, CreateInstanceCommand, CreateQueueCommand, CreateRoutingProfileCommand, CreateUserCommand,
  CreateContactFlowCommand, ListHoursOfOperationsCommand, ListSecurityProfilesCommand, ListAgentStatusesCommand,
  ListQueuesCommand, ListContactFlowsCommand, PutUserStatusCommand, StartChatContactCommand, ReplicateInstanceCommand,
  ListTrafficDistributionGroupsCommand, GetTrafficDistributionCommand, SearchAvailablePhoneNumbersCommand,
  ClaimPhoneNumberCommand, GetCurrentUserDataCommand, GetCurrentMetricDataCommand,
} from "@aws-sdk/client-connect";

const DLL = process.env.CONNECTLOCAL_SERVER_DLL;
const skip = DLL ? false : "CONNECTLOCAL_SERVER_DLL is not set";
const CHROMIUM = process.env.CONNECTLOCAL_CHROMIUM ?? "/usr/bin/chromium";
const ACCOUNT = "123456789012";
const TOKEN = "dashboard-test-control-token";
const ALICE = { accessKeyId: "AKIADASHALICE", secretAccessKey: "dash/alice+secret", accountId: "444444444444" };

const work = mkdtempSync(join(tmpdir(), "connectlocal-dashboard-"));
const shots = process.env.CONNECTLOCAL_DASHBOARD_SCREENSHOTS ?? join(work, "screenshots");
mkdirSync(shots, { recursive: true });
const servers = [];
let browser; // a persistent context: Chromium started with a fresh --user-data-dir of this run's own

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Starts `connectlocal serve` on a free port; resolves to its endpoint and a function returning its log so far. */
async function startServer(...flags) {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const process_ = spawn("dotnet", [DLL, "serve", "--port", String(port), "--in-memory", ...flags], { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  process_.stdout.on("data", (d) => { log += d; });
  process_.stderr.on("data", (d) => { log += d; });
  servers.push(process_);
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${endpoint}/_connectlocal/health`)).ok) return { endpoint, log: () => log };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not start: ${log}`);
}

/**
 * Runs a few lines of Python with boto3 against the server (`c` is its connect client in `region`, `args` the JSON
 * given) and answers what the script printed, parsed as JSON: the resources of the flow-log and Global Resiliency
 * tests are made with boto3, as the dashboard's users make theirs.
 */
async function boto3(endpoint, script, args = {}, region = "us-east-1") {
  const prelude = "import boto3, json, sys\nargs = json.loads(sys.argv[1])\n"
    + `c = boto3.client("connect", endpoint_url=${JSON.stringify(endpoint)}, region_name=${JSON.stringify(region)}, aws_access_key_id=${JSON.stringify(ACCOUNT)}, aws_secret_access_key="x")\n`;
  const { stdout } = await promisify(execFile)("python3", ["-c", prelude + script, JSON.stringify(args)], { timeout: 60_000 });
  return JSON.parse(stdout);
}

/** A request to the control API (JSON in and out). */
async function control(endpoint, method, path, body) {
  const r = await fetch(`${endpoint}/_connectlocal${path}`, { method, headers: { "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  assert.ok(r.ok, `${method} ${path}: ${r.status} ${text}`);
  return text.length > 0 && r.headers.get("content-type")?.startsWith("application/json") ? JSON.parse(text) : text;
}

const unique = (prefix) => `${prefix}-${Math.random().toString(36).slice(2, 10)}`;

function client(endpoint, region = "us-east-1", credentials = { accessKeyId: ACCOUNT, secretAccessKey: "x" }) {
  return new ConnectClient({ region, endpoint, credentials, maxAttempts: 1 });
}

// Global Resiliency replicates only SAML instances, so the tests that replicate ask for "SAML".
async function newInstance(connect, identity = "CONNECT_MANAGED") {
  const { Id } = await connect.send(new CreateInstanceCommand({
    IdentityManagementType: identity, InboundCallsEnabled: true, OutboundCallsEnabled: true, InstanceAlias: unique("dash"),
  }));
  return Id;
}

async function named(connect, command, listKey, name) {
  const out = await connect.send(command);
  const found = out[listKey].find((x) => x.Name === name);
  assert.ok(found, `${name} in ${listKey}`);
  return found.Id;
}

/** An agent whose routing profile takes chats 3 at a time from BasicQueue, made Available. */
async function chatAgent(connect, instanceId, { saml = false } = {}) {
  const queue = await named(connect, new ListQueuesCommand({ InstanceId: instanceId, QueueTypes: ["STANDARD"] }), "QueueSummaryList", "BasicQueue");
  const { RoutingProfileId } = await connect.send(new CreateRoutingProfileCommand({
    InstanceId: instanceId, Name: "Chat three at a time", Description: "chats", DefaultOutboundQueueId: queue,
    MediaConcurrencies: [
      { Channel: "VOICE", Concurrency: 1 },
      { Channel: "CHAT", Concurrency: 3, CrossChannelBehavior: { BehaviorType: "ROUTE_ANY_CHANNEL" } },
    ],
    QueueConfigs: [
      { QueueReference: { QueueId: queue, Channel: "CHAT" }, Priority: 1, Delay: 0 },
      { QueueReference: { QueueId: queue, Channel: "VOICE" }, Priority: 2, Delay: 15 },
    ],
  }));
  const security = (await connect.send(new ListSecurityProfilesCommand({ InstanceId: instanceId }))).SecurityProfileSummaryList[0].Id;
  const { UserId } = await connect.send(new CreateUserCommand({
    InstanceId: instanceId, Username: unique("agent"), ...(saml ? {} : { Password: "Passw0rd!dash" }), IdentityInfo: { FirstName: "Dana", LastName: "Shore" },
    PhoneConfig: { PhoneType: "SOFT_PHONE" }, SecurityProfileIds: [security], RoutingProfileId,
  }));
  const available = await named(connect, new ListAgentStatusesCommand({ InstanceId: instanceId }), "AgentStatusSummaryList", "Available");
  await connect.send(new PutUserStatusCommand({ InstanceId: instanceId, UserId, AgentStatusId: available }));
  return { queue, routingProfile: RoutingProfileId, user: UserId };
}

async function page(url) {
  const p = await browser.newPage();
  const errors = [];
  p.on("pageerror", (e) => errors.push(e.message));
  const response = await p.goto(url);
  return { page: p, response, errors, close: () => p.close() };
}

before(async () => {
  if (skip) return;
  // Playwright passes the profile folder to Chromium as --user-data-dir (it refuses the flag among args).
  browser = await chromium.launchPersistentContext(mkdtempSync(join(work, "chromium-")), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
});

after(async () => {
  await browser?.close();
  servers.forEach((s) => s.kill());
  rmSync(work, { recursive: true, force: true });
});

describe("dashboard, permissive server", { skip }, () => {
  let server;
  let connect;
  before(async () => {
    server = await startServer();
    connect = client(server.endpoint);
  });

  test("a browser asking for / is sent to the dashboard; an SDK-style request is not", async () => {
    const browserStyle = await fetch(`${server.endpoint}/`, { headers: { Accept: "text/html,application/xhtml+xml" }, redirect: "manual" });
    assert.equal(browserStyle.status, 302);
    assert.equal(browserStyle.headers.get("location"), "/_connectlocal/ui");
    const sdkStyle = await fetch(`${server.endpoint}/`, { headers: { Accept: "application/json", Authorization: "AWS4-HMAC-SHA256 x" }, redirect: "manual" });
    assert.notEqual(sdkStyle.status, 302);
    assert.ok(sdkStyle.headers.get("x-amzn-errortype"), "an AWS-shaped answer");
  });

  test("resources made with the SDK appear on the page, flows as a graph, and search finds them by ARN", async () => {
    const instanceId = await newInstance(connect);
    const { queue, routingProfile, user } = await chatAgent(connect, instanceId);
    const hours = (await connect.send(new ListHoursOfOperationsCommand({ InstanceId: instanceId }))).HoursOfOperationSummaryList[0].Id;
    const { QueueArn, QueueId } = await connect.send(new CreateQueueCommand({
      InstanceId: instanceId, Name: "Billing", HoursOfOperationId: hours, MaxContacts: 25,
    }));
    const content = JSON.stringify({
      Version: "2019-10-30", StartAction: "greet",
      Actions: [
        { Identifier: "greet", Type: "MessageParticipant", Parameters: { Text: "Hello" }, Transitions: { NextAction: "queue", Errors: [{ NextAction: "bye", ErrorType: "NoMatchingError" }] } },
        { Identifier: "queue", Type: "UpdateContactTargetQueue", Parameters: { QueueId: QueueArn }, Transitions: { NextAction: "transfer", Errors: [{ NextAction: "bye", ErrorType: "NoMatchingError" }] } },
        { Identifier: "transfer", Type: "TransferContactToQueue", Parameters: {}, Transitions: { NextAction: "bye", Errors: [{ NextAction: "bye", ErrorType: "QueueAtCapacity" }, { NextAction: "bye", ErrorType: "NoMatchingError" }] } },
        { Identifier: "bye", Type: "DisconnectParticipant", Parameters: {}, Transitions: {} },
      ],
    });
    const { ContactFlowId } = await connect.send(new CreateContactFlowCommand({ InstanceId: instanceId, Name: "Billing inbound", Type: "CONTACT_FLOW", Content: content }));
    const available = (await connect.send(new SearchAvailablePhoneNumbersCommand({
      TargetArn: `arn:aws:connect:us-east-1:${ACCOUNT}:instance/${instanceId}`, PhoneNumberCountryCode: "US", PhoneNumberType: "DID", MaxResults: 1,
    }))).AvailableNumbersList[0].PhoneNumber;
    await connect.send(new ClaimPhoneNumberCommand({ TargetArn: `arn:aws:connect:us-east-1:${ACCOUNT}:instance/${instanceId}`, PhoneNumber: available }));

    const home = await page(`${server.endpoint}/`);
    try {
      await home.page.click(`tr#instance-${instanceId}-us-east-1 a`);
      const p = home.page;
      await p.waitForSelector("#routing-profiles");
      const profileRow = p.locator(`#routing-profile-${routingProfile}`);
      assert.match(await profileRow.innerText(), /CHAT 3 \(ROUTE_ANY_CHANNEL\)/);
      assert.match(await profileRow.innerText(), /BasicQueue CHAT, priority 1, delay 0 s/);
      assert.match(await profileRow.innerText(), /BasicQueue VOICE, priority 2, delay 15 s/);
      assert.match(await p.locator(`#queue-${QueueId}`).innerText(), /Billing[\s\S]*ENABLED[\s\S]*25/);
      assert.match(await p.locator(`#user-${user}`).innerText(), /Chat three at a time\s+Available/);
      assert.match(await p.locator("#phone-numbers").innerText(), new RegExp(available.replace("+", "\\+")));
      assert.ok(await p.locator(`#queue-${queue}`).count());
      await p.screenshot({ path: join(shots, "dashboard-instance.png"), fullPage: false });

      await p.click(`#contact-flow-${ContactFlowId} a`);
      await p.waitForSelector("svg.flow-graph");
      assert.deepEqual(await p.locator("svg.flow-graph g.action").evaluateAll((gs) => gs.map((g) => g.dataset.action)), ["greet", "queue", "transfer", "bye"]);
      // Arrows: greet→queue, queue→transfer, transfer→bye, and the error branches greet→bye, queue→bye and
      // transfer→bye (its two ErrorTypes on one arrow).
      assert.equal(await p.locator("svg.flow-graph path.edge").count(), 6);
      assert.equal(await p.locator("svg.flow-graph path.edge.error").count(), 3);
      assert.deepEqual(await p.locator("svg.flow-graph text.edge-label").allTextContents(), ["NoMatchingError", "NoMatchingError", "QueueAtCapacity, NoMatchingError"]);
      await p.screenshot({ path: join(shots, "dashboard-flow.png") });

      await p.fill("header input[name=q]", QueueArn);
      await p.click("header button[type=submit]");
      await p.waitForURL(new RegExp(`#queue-${QueueId}$`));
      assert.deepEqual(home.errors, []);
    } finally {
      await home.close();
    }
  });

  test("chats started with the SDK fill the agent's slots live, as GetCurrentUserData counts them", async () => {
    const instanceId = await newInstance(connect);
    const { user, queue } = await chatAgent(connect, instanceId);
    const flow = await named(connect, new ListContactFlowsCommand({ InstanceId: instanceId }), "ContactFlowSummaryList", "Sample inbound flow (first contact experience)");
    const view = await page(`${server.endpoint}/_connectlocal/ui/instances/${ACCOUNT}/us-east-1/${instanceId}`);
    try {
      const p = view.page;
      const chat = `#live-agents tr[data-agent="${user}"] td[data-channel="CHAT"] .slots`;
      await p.waitForSelector(`${chat}[data-active="0"][data-max="3"]`);
      for (let n = 1; n <= 4; n++) {
        await connect.send(new StartChatContactCommand({ InstanceId: instanceId, ContactFlowId: flow, ParticipantDetails: { DisplayName: `Customer ${n}` } }));
        // The page is not reloaded: the server pushes each change.
        await p.waitForSelector(`${chat}[data-active="${Math.min(n, 3)}"]`, { timeout: 5000 });
      }

      // The fourth chat waits; the queue's numbers are GetCurrentMetricData's for the same queue and channels.
      const cell = (metric) => p.locator(`table.live-queues[data-region="us-east-1"] tr[data-queue="${queue}"] td[data-metric="${metric}"]`);
      await p.waitForFunction((q) => document.querySelector(`table.live-queues tr[data-queue="${q}"] td[data-metric="CONTACTS_IN_QUEUE"]`)?.textContent === "1", queue);
      const metrics = await connect.send(new GetCurrentMetricDataCommand({
        InstanceId: instanceId, Filters: { Queues: [queue], Channels: ["VOICE", "CHAT", "TASK"] }, Groupings: ["QUEUE"],
        CurrentMetrics: ["CONTACTS_IN_QUEUE", "OLDEST_CONTACT_AGE", "AGENTS_AVAILABLE", "AGENTS_ON_CONTACT", "AGENTS_ONLINE"].map((Name) => ({ Name, Unit: Name === "OLDEST_CONTACT_AGE" ? "SECONDS" : "COUNT" })),
      }));
      for (const { Metric, Value } of metrics.MetricResults[0].Collections) {
        if (Metric.Name === "OLDEST_CONTACT_AGE") {
          assert.ok(Value > 0 && Number(await cell(Metric.Name).innerText()) > 0, "a contact is waiting, on both");
        } else {
          assert.equal(Number(await cell(Metric.Name).innerText()), Value, Metric.Name);
        }
      }
      const api = await connect.send(new GetCurrentUserDataCommand({ InstanceId: instanceId, Filters: { Agents: [user] } }));
      assert.equal(api.UserDataList[0].ActiveSlotsByChannel.CHAT, 3);
      assert.equal(await p.locator(chat).getAttribute("data-active"), String(api.UserDataList[0].ActiveSlotsByChannel.CHAT));
      await p.screenshot({ path: join(shots, "dashboard-live.png") });
      assert.deepEqual(view.errors, []);
    } finally {
      await view.close();
    }
  });

  test("the page's control shifts telephony 100 % to the other Region through UpdateTrafficDistribution", async () => {
    const instanceId = await newInstance(connect, "SAML");
    await connect.send(new ReplicateInstanceCommand({ InstanceId: instanceId, ReplicaRegion: "us-west-2", ReplicaAlias: unique("west") }));
    const group = (await connect.send(new ListTrafficDistributionGroupsCommand({ InstanceId: instanceId }))).TrafficDistributionGroupSummaryList.find((g) => g.IsDefault);
    const before_ = await connect.send(new GetTrafficDistributionCommand({ Id: group.Id }));
    assert.deepEqual(before_.TelephonyConfig.Distributions.map((d) => [d.Region, d.Percentage]), [["us-east-1", 100], ["us-west-2", 0]]);

    const view = await page(`${server.endpoint}/_connectlocal/ui/instances/${ACCOUNT}/us-east-1/${instanceId}#traffic`);
    try {
      const p = view.page;
      const box = p.locator(`#traffic-distribution-group-${group.Id}`);
      await box.locator('button.shift[data-region="us-west-2"]').click();
      await box.locator('.result[data-outcome="ok"]').waitFor();
      const requestId = (await box.locator(".result").innerText()).match(/request ([0-9a-f-]{36})/)[1];

      // Read back with a real client, in both Regions.
      for (const region of ["us-east-1", "us-west-2"]) {
        const after_ = await client(server.endpoint, region).send(new GetTrafficDistributionCommand({ Id: group.Arn }));
        assert.deepEqual(after_.TelephonyConfig.Distributions.map((d) => [d.Region, d.Percentage]).sort(), [["us-east-1", 0], ["us-west-2", 100]]);
      }

      // It was a request like any client's: in the request log with its id.
      await new Promise((r) => setTimeout(r, 300));
      assert.match(server.log(), new RegExp(`PUT UpdateTrafficDistribution 200 .*account=${ACCOUNT} region=us-east-1.*${requestId}`));

      await p.reload();
      assert.equal(await p.locator(`#traffic-distribution-group-${group.Id} .split[data-kind="telephony"] .share[data-region="us-west-2"]`).getAttribute("data-percentage"), "100");
      await p.locator(`#traffic-distribution-group-${group.Id}`).screenshot({ path: join(shots, "dashboard-traffic.png") });

      // The control's refusals are the API's: a split that does not add up to 100.
      await p.fill(`#traffic-distribution-group-${group.Id} input.percent`, "250");
      const refused = await p.evaluate(async (url) => {
        const r = await fetch(url, { method: "POST", headers: { "X-ConnectLocal-UI": "1", "Content-Type": "application/json" },
          body: JSON.stringify({ TelephonyConfig: { Distributions: [{ Region: "us-east-1", Percentage: 70 }, { Region: "us-west-2", Percentage: 70 }] } }) });
        return [r.status, r.headers.get("x-amzn-ErrorType")];
      }, await p.locator(`#traffic-distribution-group-${group.Id}`).getAttribute("data-control"));
      assert.equal(refused[0], 400);
      assert.match(refused[1], /InvalidRequestException|ValidationException|InvalidParameterException/);
      assert.deepEqual(view.errors, []);
    } finally {
      await view.close();
    }
  });

  test("an inbound call's flow log is on its contact's page, reached from the live contact list and by search", async () => {
    const instanceId = await newInstance(connect);
    // With boto3: the flow, a number claimed to the instance and associated with the flow.
    const made = await boto3(server.endpoint, `
iid = args["instanceId"]
queue = next(q for q in c.list_queues(InstanceId=iid, QueueTypes=["STANDARD"])["QueueSummaryList"] if q["Name"] == "BasicQueue")
def action(identifier, type_, parameters, next_=None, errors=None):
    transitions = {"NextAction": next_} if next_ else {}
    if errors:
        transitions["Errors"] = [{"NextAction": n, "ErrorType": t} for t, n in errors.items()]
    return {"Identifier": identifier, "Type": type_, "Parameters": parameters, "Transitions": transitions}
content = {"Version": "2019-10-30", "StartAction": "tag", "Actions": [
    action("tag", "UpdateContactAttributes", {"Attributes": {"entry": "phone"}}, "lookup"),
    action("lookup", "InvokeLambdaFunction", {"LambdaFunctionARN": args["function"], "InvocationTimeLimitSeconds": "3"}, "queue", {"NoMatchingError": "queue"}),
    action("queue", "UpdateContactTargetQueue", {"QueueId": queue["Arn"]}, "transfer", {"NoMatchingError": "bye"}),
    action("transfer", "TransferContactToQueue", {}, None, {"QueueAtCapacity": "bye", "NoMatchingError": "bye"}),
    action("bye", "DisconnectParticipant", {})]}
flow = c.create_contact_flow(InstanceId=iid, Name="Inbound with a CRM lookup", Type="CONTACT_FLOW", Content=json.dumps(content))["ContactFlowId"]
arn = c.describe_instance(InstanceId=iid)["Instance"]["Arn"]
number = c.search_available_phone_numbers(TargetArn=arn, PhoneNumberCountryCode="US", PhoneNumberType="DID", MaxResults=1)["AvailableNumbersList"][0]["PhoneNumber"]
number_id = c.claim_phone_number(TargetArn=arn, PhoneNumber=number)["PhoneNumberId"]
c.associate_phone_number_contact_flow(PhoneNumberId=number_id, InstanceId=iid, ContactFlowId=flow)
print(json.dumps({"flow": flow, "number": number, "queue": queue["Id"]}))
`, { instanceId, function: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${unique("crm")}` });

    const view = await page(`${server.endpoint}/_connectlocal/ui/instances/${ACCOUNT}/us-east-1/${instanceId}`);
    try {
      const p = view.page;
      await p.waitForSelector("#live-state.on");
      // A customer dials the number (the control API): the call runs the number's flow and waits in BasicQueue.
      const call = await control(server.endpoint, "POST", "/routing/calls", { phoneNumber: made.number, accountId: ACCOUNT });
      assert.equal(call.state, "QUEUED");
      const row = p.locator(`#live-contacts tr[data-contact="${call.contactId}"]`);
      await row.waitFor({ timeout: 5000 }); // pushed, not reloaded
      assert.match(await row.innerText(), /VOICE\s+QUEUED\s+us-east-1\s+BasicQueue/);
      await p.screenshot({ path: join(shots, "dashboard-contacts.png") });
      await row.locator("a", { hasText: "flow log" }).click();
      await p.waitForSelector("table.flow-log");

      // The page's rows are the control API's flow log, entry for entry.
      const api = (await control(server.endpoint, "GET", `/routing/contacts/${call.contactId}/flow-logs`)).trim().split("\n").map((l) => JSON.parse(l));
      const rows = await p.locator("table.flow-log tbody tr").evaluateAll((trs) => trs.map((tr) => ({
        action: tr.dataset.action, type: tr.dataset.type, next: tr.querySelector('[data-field="next"]').textContent, error: tr.querySelector('[data-field="error"]').textContent,
        time: tr.querySelector("td.time").textContent })));
      assert.deepEqual(rows.map((r) => [r.action, r.type]), [["tag", "UpdateContactAttributes"], ["lookup", "InvokeLambdaFunction"], ["queue", "UpdateContactTargetQueue"], ["transfer", "TransferContactToQueue"]]);
      assert.deepEqual(rows.map((r) => [r.action, r.type]), api.map((e) => [e.Identifier, e.ContactFlowModuleType]));
      assert.deepEqual(rows.map((r) => r.error), api.map((e) => e.Error ?? ""));
      assert.ok(rows[1].error.length > 0, "the Lambda with no response set fails");
      assert.equal(rows[1].next, "queue", "and takes its error branch");
      assert.deepEqual(rows.map((r) => r.time), api.map((e) => e.Timestamp.slice(11, 23)));
      assert.match(await p.locator('[data-field="state"]').first().innerText(), /QUEUED/);
      // The flow's graph, with the actions the contact went through marked.
      assert.deepEqual(await p.locator(`.graph[data-flow="${made.flow}"] g.action.visited`).evaluateAll((gs) => gs.map((g) => g.dataset.action)), ["tag", "lookup", "queue", "transfer"]);
      await p.screenshot({ path: join(shots, "dashboard-flow-log.png"), fullPage: true });

      // The contact's state is pushed too: the customer hangs up.
      await control(server.endpoint, "POST", `/routing/contacts/${call.contactId}/hang-up`, {});
      await p.waitForSelector('#contact [data-field="state"]:text("ENDED")', { timeout: 5000 });

      // Search by the contact's id lands on its page.
      await p.goto(`${server.endpoint}/_connectlocal/ui`);
      await p.fill("header input[name=q]", call.contactId);
      await p.click("header button[type=submit]");
      await p.waitForURL(new RegExp(`/contacts/${call.contactId}$`));
      assert.equal(await p.locator("table.flow-log tbody tr").count(), 4);
      assert.deepEqual(view.errors, []);
    } finally {
      await view.close();
    }
  });

  test("Global Resiliency moves live: a split and status changed with boto3, and the agent moving Region, without reload", async () => {
    const instanceId = await newInstance(connect, "SAML");
    await connect.send(new ReplicateInstanceCommand({ InstanceId: instanceId, ReplicaRegion: "us-west-2", ReplicaAlias: unique("west") }));
    const { user } = await chatAgent(connect, instanceId, { saml: true });
    const group = (await connect.send(new ListTrafficDistributionGroupsCommand({ InstanceId: instanceId }))).TrafficDistributionGroupSummaryList.find((g) => g.IsDefault);
    await boto3(server.endpoint, `
c.associate_traffic_distribution_group_user(TrafficDistributionGroupId=args["group"], UserId=args["user"], InstanceId=args["instanceId"])
print("{}")
`, { group: group.Id, user, instanceId });

    const view = await page(`${server.endpoint}/_connectlocal/ui/instances/${ACCOUNT}/us-east-1/${instanceId}#traffic`);
    // The group stays UPDATE_IN_PROGRESS until the tdg-update transition is released (control API).
    await control(server.endpoint, "POST", "/transitions/hold", { kind: "tdg-update" });
    try {
      const p = view.page;
      const box = p.locator(`#traffic-distribution-group-${group.Id}`);
      const agentRegion = p.locator(`#live-agents tr[data-agent="${user}"] td[data-field="region"]`);
      await p.waitForSelector("#live-state.on");
      await agentRegion.filter({ hasText: "us-east-1" }).waitFor({ timeout: 5000 });
      const loadedAt = await p.evaluate(() => performance.timeOrigin);

      // Fail over with boto3, from the replica's Region: telephony and agents 100 % to us-west-2.
      await boto3(server.endpoint, `
split = {"Distributions": [{"Region": "us-east-1", "Percentage": 0}, {"Region": "us-west-2", "Percentage": 100}]}
c.update_traffic_distribution(Id=args["group"], TelephonyConfig=split, AgentConfig=split)
print(json.dumps(c.get_traffic_distribution(Id=args["group"])["TelephonyConfig"]))
`, { group: group.Arn }, "us-west-2");
      await box.locator('.split[data-kind="telephony"] .share[data-region="us-west-2"][data-percentage="100"]').waitFor({ timeout: 5000 });
      await box.locator('.split[data-kind="agents"] .share[data-region="us-west-2"][data-percentage="100"]').waitFor({ timeout: 5000 });
      await p.waitForFunction((id) => document.querySelector(`#traffic-distribution-group-${id}`)?.dataset.status === "UPDATE_IN_PROGRESS", group.Id, { timeout: 5000 });
      assert.equal(await box.locator(".group-status").innerText(), "UPDATE_IN_PROGRESS");
      // The agent moves to us-west-2 (it has no contact in progress), on the page as in GetCurrentUserData.
      await agentRegion.filter({ hasText: "us-west-2" }).waitFor({ timeout: 5000 });
      const west = await client(server.endpoint, "us-west-2").send(new GetCurrentUserDataCommand({ InstanceId: instanceId, Filters: { Agents: [user] } }));
      assert.equal(west.UserDataList.length, 1, "GetCurrentUserData in us-west-2 has the agent");
      await box.screenshot({ path: join(shots, "dashboard-traffic-live.png") });

      await control(server.endpoint, "POST", "/transitions/release", { kind: "tdg-update" });
      await p.waitForFunction((id) => document.querySelector(`#traffic-distribution-group-${id}`)?.dataset.status === "ACTIVE", group.Id, { timeout: 5000 });
      const status = (await boto3(server.endpoint, `print(json.dumps(c.get_traffic_distribution(Id=args["group"])))`, { group: group.Id }));
      assert.deepEqual(status.TelephonyConfig.Distributions.map((d) => [d.Region, d.Percentage]).sort(), [["us-east-1", 0], ["us-west-2", 100]]);
      assert.equal(await p.evaluate(() => performance.timeOrigin), loadedAt, "the page was not reloaded");
      assert.deepEqual(view.errors, []);
    } finally {
      await control(server.endpoint, "POST", "/transitions/release", {});
      await view.close();
    }
  });

  test("a changing request without the page's header is refused", async () => {
    const r = await fetch(`${server.endpoint}/_connectlocal/ui/traffic/${ACCOUNT}/us-east-1/x`, { method: "POST", body: "{}" });
    assert.equal(r.status, 403);
    assert.equal(r.headers.get("x-amzn-errortype"), "AccessDeniedException");
  });

  test("a scenario from examples/ runs and shows its report and charts", async () => {
    const view = await page(`${server.endpoint}/_connectlocal/ui/simulations`);
    try {
      const p = view.page;
      await p.selectOption("form#simulate select[name=example]", "chat-concurrency.json");
      await p.click("form#simulate button[type=submit]");
      await p.waitForSelector("#report-title", { timeout: 120_000 });
      assert.equal(await p.locator("#report figure.chart svg").count(), 5);
      assert.match(await p.locator("#report .summary").innerText(), /[\d,]+ contacts, [\d,]+ routing decisions/);
      assert.match(await p.locator("#report pre.report").innerText(), /^# What-if:/);
      await p.screenshot({ path: join(shots, "dashboard-simulation.png") });

      // An uploaded scenario (a file the user picked; here the failover example under another name) runs the same way.
      await p.selectOption("form#simulate select[name=example]", "");
      await p.setInputFiles("form#simulate input[type=file]", {
        name: "my-failover.json", mimeType: "application/json", buffer: readFileSync(new URL("../../examples/failover-agents-move.json", import.meta.url)),
      });
      await p.evaluate(() => { document.getElementById("report").innerHTML = ""; });
      await p.click("form#simulate button[type=submit]");
      await p.waitForSelector("#report-title", { timeout: 120_000 });
      assert.ok(await p.locator("#report figure.chart svg").count() > 0);
      assert.match(await p.locator("#report pre.report").innerText(), /^# What-if:/);
      assert.equal(await p.locator("form#simulate .result").innerText(), "done");
      assert.deepEqual(view.errors, []);
    } finally {
      await view.close();
    }
  });
});

describe("dashboard, strict server with a control token", { skip }, () => {
  let server;
  before(async () => {
    const credentials = join(work, "credentials.json");
    writeFileSync(credentials, JSON.stringify({ credentials: [ALICE] }));
    server = await startServer("--auth", "strict", "--credentials", credentials, "--control-token", TOKEN);
  });

  test("the dashboard asks for the control token, then shows the instances of the strict accounts", async () => {
    const connect = client(server.endpoint, "us-east-1", { accessKeyId: ALICE.accessKeyId, secretAccessKey: ALICE.secretAccessKey });
    const instanceId = await newInstance(connect);
    const unsigned = await fetch(`${server.endpoint}/_connectlocal/ui`, { redirect: "manual" });
    assert.equal(unsigned.status, 302);
    assert.equal(unsigned.headers.get("location"), "/_connectlocal/ui/login");
    const live = await fetch(`${server.endpoint}/_connectlocal/ui/instances/${ALICE.accountId}/us-east-1/${instanceId}/live`, { redirect: "manual" });
    assert.equal(live.status, 302);

    const view = await page(`${server.endpoint}/_connectlocal/ui`);
    try {
      const p = view.page;
      await p.waitForURL(/\/login$/);
      await p.fill("input[name=token]", "not-the-token-at-all");
      await p.click("button[type=submit]");
      assert.match(await p.locator(".error").innerText(), /not this server's control token/);
      await p.fill("input[name=token]", TOKEN);
      await p.click("button[type=submit]");
      await p.waitForSelector(`tr#instance-${instanceId}-us-east-1`);
      assert.match(await p.locator(`#account-${ALICE.accountId}`).innerText(), /us-east-1/);
    } finally {
      await view.close();
    }

    // The control token still works as the control API's header, and the cookie is only the dashboard's.
    const header = await fetch(`${server.endpoint}/_connectlocal/ui`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    assert.equal(header.status, 200);
  });
});
