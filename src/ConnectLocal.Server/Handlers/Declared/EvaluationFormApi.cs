using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectLocal.Core.Evaluations;
using ConnectLocal.Core.Ports;

namespace ConnectLocal.Server.Handlers.Declared;

/// <summary>
/// Evaluation forms (issue 15, rules-evals): the operations that work on versions. ListEvaluationForms is declared
/// (DeclaredOperations). The request and response JSON meet the records by member name, as for every declared type.
/// </summary>
internal sealed class EvaluationFormApi : IResourceApi
{
    /// <summary>The request members a version stores (the rest are identifiers, flags and the token).</summary>
    private static readonly string[] ContentMembers =
        ["Title", "Description", "Items", "ScoringStrategy", "AutoEvaluationConfiguration", "ReviewConfiguration", "TargetConfiguration", "LanguageConfiguration"];

    public IEnumerable<(string Operation, DeclaredHandler Handler)> Handlers(IConnectStore store, ConnectSettings settings)
    {
        var forms = new EvaluationFormService(store);

        // SearchEvaluationForms: the declared search over the StringCondition fields of the form's declaration; its
        // number, boolean and date-time conditions are refused (LIMITATIONS in docs/rules-evaluations.md).
        var search = new ResourceApi<EvaluationForm>(EvaluationFormService.Type) { Search = "SearchEvaluationForms" }.Handlers(store, settings).Single().Handler;
        yield return ("SearchEvaluationForms", (context, op, input) =>
        {
            if (input.TryGetProperty("SearchCriteria", out var criteria) && UnsupportedCondition(criteria) is { } member)
            {
                throw Core.Common.Errors.InvalidParameter(Core.Common.ErrorTexts.EvaluationSearchConditionUnsupported(member));
            }

            return search(context, op, input);
        });
        yield return ("CreateEvaluationForm", (context, op, input) =>
        {
            var tags = input.TryGetProperty("Tags", out var t) ? ShapeJson.FromElement<Dictionary<string, string>>(t)! : [];
            var form = forms.Create(ConnectApi.CallerOf(context), Text(input, "InstanceId")!, Content(input), Flag(input, "AsDraft"), tags, Text(input, "ClientToken"), Fingerprint(input));
            return ShapeJson.Write(op.Output, new JsonObject { ["EvaluationFormId"] = form.Id, ["EvaluationFormArn"] = form.Arn });
        });
        yield return ("DescribeEvaluationForm", (context, op, input) =>
        {
            var (form, version) = forms.Describe(ConnectApi.CallerOf(context), Text(input, "InstanceId")!, Text(input, "EvaluationFormId")!, Number(input, "EvaluationFormVersion"));
            var node = ShapeJson.ToNode(version);
            node["EvaluationFormId"] = form.Id;
            node["EvaluationFormArn"] = form.Arn;
            node["Tags"] = ShapeJson.ToNode(new Dictionary<string, string>(form.Tags));
            return ShapeJson.Write(op.Output, new JsonObject { ["EvaluationForm"] = node });
        });
        yield return ("UpdateEvaluationForm", (context, op, input) =>
        {
            var (form, written) = forms.Update(
                ConnectApi.CallerOf(context),
                Text(input, "InstanceId")!,
                Text(input, "EvaluationFormId")!,
                Number(input, "EvaluationFormVersion")!.Value,
                Flag(input, "CreateNewVersion"),
                Content(input),
                Flag(input, "AsDraft"),
                Text(input, "ClientToken"),
                Fingerprint(input));
            return Identified(op, form, written);
        });
        yield return ("ActivateEvaluationForm", (context, op, input) =>
        {
            var version = Number(input, "EvaluationFormVersion")!.Value;
            return Identified(op, forms.Activate(ConnectApi.CallerOf(context), Text(input, "InstanceId")!, Text(input, "EvaluationFormId")!, version), version);
        });
        yield return ("DeactivateEvaluationForm", (context, op, input) =>
        {
            var version = Number(input, "EvaluationFormVersion")!.Value;
            return Identified(op, forms.Deactivate(ConnectApi.CallerOf(context), Text(input, "InstanceId")!, Text(input, "EvaluationFormId")!, version), version);
        });
        yield return ("DeleteEvaluationForm", (context, op, input) =>
        {
            forms.Delete(ConnectApi.CallerOf(context), Text(input, "InstanceId")!, Text(input, "EvaluationFormId")!, Number(input, "EvaluationFormVersion"));
            return ShapeJson.Write(op.Output, []);
        });
        // Validation (config-rest): completes within the start (Core/Evaluations/EvaluationFormValidation.cs).
        var validations = new EvaluationFormValidations(store);
        yield return ("StartEvaluationFormValidation", (context, op, input) =>
        {
            var (form, version) = validations.Start(ConnectApi.CallerOf(context), Text(input, "InstanceId")!, Text(input, "EvaluationFormId")!, Number(input, "EvaluationFormVersion")!.Value);
            return Identified(op, form, version);
        });
        yield return ("GetEvaluationFormValidation", (context, op, input) =>
        {
            var (form, version, validation) = validations.Get(ConnectApi.CallerOf(context), Text(input, "InstanceId")!, Text(input, "EvaluationFormId")!, Number(input, "EvaluationFormVersion"));
            var node = ShapeJson.ToNode(validation);
            node["EvaluationFormId"] = form.Id;
            node["EvaluationFormVersion"] = version;
            return ShapeJson.Write(op.Output, node);
        });
        yield return ("ListEvaluationFormVersions", (context, op, input) =>
        {
            var size = Number(input, "MaxResults") ?? Math.Min(op.MaxPageSize ?? 100, 100);
            var caller = ConnectApi.CallerOf(context);
            var formId = Text(input, "EvaluationFormId")!;
            var (form, _) = forms.Describe(caller, Text(input, "InstanceId")!, formId, null);
            var page = forms.ListVersions(caller, Text(input, "InstanceId")!, formId, Text(input, "NextToken"), size);
            return ShapeJson.Write(op.Output, new JsonObject
            {
                ["EvaluationFormVersionSummaryList"] = new JsonArray(page.Items.Select(v =>
                {
                    var node = ShapeJson.ToNode(v);
                    node["EvaluationFormId"] = form.Id;
                    node["EvaluationFormArn"] = form.Arn;
                    return (JsonNode)node;
                }).ToArray()),
                ["NextToken"] = page.NextToken,
            });
        });
    }

    private static string? UnsupportedCondition(JsonElement criteria)
    {
        if (criteria.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var name in new[] { "NumberCondition", "BooleanCondition", "DateTimeCondition" })
        {
            if (criteria.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                return name;
            }
        }

        return new[] { "OrConditions", "AndConditions" }
            .Where(n => criteria.TryGetProperty(n, out var list) && list.ValueKind == JsonValueKind.Array)
            .SelectMany(n => criteria.GetProperty(n).EnumerateArray())
            .Select(UnsupportedCondition)
            .FirstOrDefault(m => m is not null);
    }

    private static FormVersion Content(JsonElement input)
    {
        var fields = new JsonObject();
        foreach (var name in ContentMembers.Where(n => input.TryGetProperty(n, out _)))
        {
            fields[name] = JsonNode.Parse(input.GetProperty(name).GetRawText());
        }

        return ShapeJson.FromNode<FormVersion>(fields);
    }

    /// <summary>What a ClientToken stands for: the request's members, the token apart.</summary>
    private static string Fingerprint(JsonElement input)
    {
        var node = JsonNode.Parse(input.GetRawText())!.AsObject();
        node.Remove("ClientToken");
        return node.ToJsonString();
    }

    private static byte[] Identified(OperationDescriptor op, EvaluationForm form, int version) =>
        ShapeJson.Write(op.Output, new JsonObject { ["EvaluationFormId"] = form.Id, ["EvaluationFormArn"] = form.Arn, ["EvaluationFormVersion"] = version });

    private static string? Text(JsonElement input, string name) =>
        input.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Number(JsonElement input, string name) =>
        input.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;

    private static bool Flag(JsonElement input, string name) =>
        input.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
