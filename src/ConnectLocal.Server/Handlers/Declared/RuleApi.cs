using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectLocal.Core.Ports;
using ConnectLocal.Core.Rules;

namespace ConnectLocal.Server.Handlers.Declared;

/// <summary>
/// Rules (issue 15, rules-evals): the operations that are more than routine — CreateRule (ClientToken, created and
/// updated stamps), UpdateRule (a full replacement; names change only on some sources) and ListRules (its
/// PublishStatus and EventSourceName filters). Describe, search and delete are declared (DeclaredOperations).
/// The request and response JSON meet the records by member name, as for every declared type.
/// </summary>
internal sealed class RuleApi : IResourceApi
{
    public IEnumerable<(string Operation, DeclaredHandler Handler)> Handlers(IConnectStore store, ConnectSettings settings)
    {
        var rules = new RuleService(store, settings);
        yield return ("CreateRule", (context, op, input) =>
        {
            var fields = new JsonObject();
            foreach (var member in op.Input.Members.Where(m => m.Location == MemberLocation.Body && m.Name != "ClientToken" && input.TryGetProperty(m.Name, out _)))
            {
                fields[member.Name] = JsonNode.Parse(input.GetProperty(member.Name).GetRawText());
            }

            // The fingerprint of the request a ClientToken stands for: its members (tags too), token apart.
            var fingerprint = fields.ToJsonString();
            fields["Tags"] ??= new JsonObject();
            var rule = rules.Create(ConnectApi.CallerOf(context), Text(input, "InstanceId")!, ShapeJson.FromNode<Rule>(fields), Text(input, "ClientToken"), fingerprint);
            return ShapeJson.Write(op.Output, new JsonObject { ["RuleId"] = rule.Id, ["RuleArn"] = rule.Arn });
        });
        yield return ("UpdateRule", (context, op, input) =>
        {
            rules.Update(
                ConnectApi.CallerOf(context),
                Text(input, "InstanceId")!,
                Text(input, "RuleId")!,
                Text(input, "Name")!,
                Text(input, "Function")!,
                ShapeJson.FromElement<List<RuleAction>>(input.GetProperty("Actions"))!,
                Text(input, "PublishStatus")!);
            return ShapeJson.Write(op.Output, []);
        });
        yield return ("ListRules", (context, op, input) =>
        {
            var size = input.TryGetProperty("MaxResults", out var max) && max.ValueKind == JsonValueKind.Number
                ? max.GetInt32()
                : Math.Min(op.MaxPageSize ?? 100, 100);
            var page = rules.List(ConnectApi.CallerOf(context), Text(input, "InstanceId")!, Text(input, "PublishStatus"), Text(input, "EventSourceName"), Text(input, "NextToken"), size);
            var summary = op.Output!.Members.First(m => m.Name == "RuleSummaryList").Target.ListMember!;
            return ShapeJson.Write(op.Output, new JsonObject
            {
                ["RuleSummaryList"] = new JsonArray(page.Items.Select(r => (JsonNode)ShapeJson.Resource(r, summary)).ToArray()),
                ["NextToken"] = page.NextToken,
            });
        });
    }

    private static string? Text(JsonElement input, string name) =>
        input.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
