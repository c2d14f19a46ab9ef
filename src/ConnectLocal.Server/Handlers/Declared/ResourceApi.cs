using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectLocal.Core.Ports;
using ConnectLocal.Core.Registry;
using ConnectLocal.Core.Resources;

namespace ConnectLocal.Server.Handlers.Declared;

/// <summary>An operation answered from a declaration: the request's members as JSON in, the response's JSON out.</summary>
internal delegate byte[] DeclaredHandler(OperationContext context, OperationDescriptor operation, JsonElement input);

internal interface IResourceApi
{
    IEnumerable<(string Operation, DeclaredHandler Handler)> Handlers(IConnectStore store, ConnectSettings settings);
}

/// <summary>
/// Which operations of the model are a declared type's routine operations. Everything else comes from the model:
/// the identifier is the operation's path label other than InstanceId; a create stores the request's body members
/// (Tags apart) and answers the output's …Id and …Arn/…ARN members (an update too, where its output has them); a
/// describe answers its one output member; a list or
/// search answers the paginators file's result key with page sizes from the model's MaxResults range; a list's
/// query-string list members (QuickConnectTypes) keep the resources whose property of the singular name
/// (QuickConnectType) they contain; an update sets the body members it carries and keeps the others.
/// </summary>
internal sealed class ResourceApi<T>(ResourceType<T> type) : IResourceApi
    where T : InstanceResource, IResource<T>
{
    public string? Create { get; init; }

    public string? Describe { get; init; }

    public string? List { get; init; }

    public string? Search { get; init; }

    public IReadOnlyList<string> Updates { get; init; } = [];

    /// <summary>
    /// The updates of <see cref="Updates"/> whose documentation says "At least Name or Description must be provided"
    /// (UpdateQueueName, UpdateQuickConnectName): [choice] neither is InvalidParameterException, as UpdateRoutingProfileName answers it.
    /// </summary>
    public IReadOnlyList<string> NameOrDescription { get; init; } = [];

    public string? Delete { get; init; }

    /// <summary>A list filter whose property is not its member name less the plural s (AgentStatusTypes filters Type).</summary>
    public IReadOnlyDictionary<string, string> FilterProperties { get; init; } = new Dictionary<string, string>();

    public IEnumerable<(string Operation, DeclaredHandler Handler)> Handlers(IConnectStore store, ConnectSettings settings)
    {
        var resources = new ResourceOperations<T>(store, settings, type);
        (string?, DeclaredHandler)[] all =
        [
            (Create, (context, op, input) => Identified(op, resources.Create(ConnectApi.CallerOf(context), Instance(input), _ => New(op, input)))),
            (Describe, (context, op, input) => ShapeJson.Write(op.Output, new JsonObject
            {
                [op.Output!.Members[0].Name] = ShapeJson.Resource(resources.Describe(ConnectApi.CallerOf(context), Instance(input), Id(op, input)), op.Output.Members[0].Target),
            })),
            (List, (context, op, input) =>
            {
                var (listing, filter) = QueryFilter(op, input, FilterProperties);
                var page = resources.List(ConnectApi.CallerOf(context), Instance(input), listing, Token(input), PageSize(op, input), filter);
                return Paged(op, page, null);
            }),
            (Search, (context, op, input) =>
            {
                var result = resources.Search(
                    ConnectApi.CallerOf(context),
                    Instance(input),
                    op.Name,
                    SearchJson.Criteria(Member(input, "SearchCriteria")),
                    SearchJson.Filter(Member(input, "SearchFilter")),
                    Token(input),
                    PageSize(op, input));
                return Paged(op, result.Page, result.TotalCount);
            }),
            (Delete, (context, op, input) =>
            {
                resources.Delete(ConnectApi.CallerOf(context), Instance(input), Id(op, input));
                return ShapeJson.Write(op.Output, []);
            }),
            .. Updates.Select(name => ((string?)name, (DeclaredHandler)((context, op, input) =>
            {
                if (NameOrDescription.Contains(name) && !Given(input, "Name") && !Given(input, "Description"))
                {
                    throw Errors.InvalidParameter(ErrorTexts.NameOrDescriptionRequired);
                }

                var updated = resources.Update(ConnectApi.CallerOf(context), Instance(input), Id(op, input), (_, current) => Merged(op, input, current));
                return Identified(op, updated);
            }))),
        ];
        return all.Where(h => h.Item1 is not null).Select(h => (h.Item1!, h.Item2));
    }

    private static bool Given(JsonElement input, string member) => input.TryGetProperty(member, out var value) && value.ValueKind != JsonValueKind.Null;

    private static string Instance(JsonElement input) => input.GetProperty("InstanceId").GetString()!;

    /// <summary>The resource's identifier: the path label that is not the instance's.</summary>
    private static string Id(OperationDescriptor op, JsonElement input) =>
        input.GetProperty(op.Input.Members.First(m => m.Location == MemberLocation.Uri && m.Name != "InstanceId").Name).GetString()!;

    private static JsonElement Member(JsonElement element, string name) => SearchJson.Member(element, name);

    private static string? Token(JsonElement input) => Member(input, "NextToken") is { ValueKind: JsonValueKind.String } t ? t.GetString() : null;

    /// <summary>[choice] Without MaxResults a page holds the model's maximum, at most 100 (as every hand-written list does).</summary>
    private static int PageSize(OperationDescriptor op, JsonElement input) =>
        Member(input, op.Paginator?.LimitKey ?? "MaxResults") is { ValueKind: JsonValueKind.Number } n ? n.GetInt32() : Math.Min(op.MaxPageSize ?? 100, 100);

    private static IEnumerable<MemberDescriptor> BodyMembers(OperationDescriptor op, JsonElement input) =>
        op.Input.Members.Where(m => m.Location == MemberLocation.Body && !m.IdempotencyToken && input.TryGetProperty(m.Name, out _));

    private static T New(OperationDescriptor op, JsonElement input)
    {
        var fields = new JsonObject();
        foreach (var member in BodyMembers(op, input))
        {
            fields[member.Name] = JsonNode.Parse(input.GetProperty(member.Name).GetRawText());
        }

        fields["Tags"] ??= new JsonObject();
        return ShapeJson.FromNode<T>(fields);
    }

    /// <summary>A create's (or an update's, where the model has one) output: its …Id and …Arn/…ARN members.</summary>
    private static byte[] Identified(OperationDescriptor op, T resource)
    {
        var output = new JsonObject();
        foreach (var member in op.Output?.Members ?? [])
        {
            output[member.Name] = member.Name.EndsWith("Id", StringComparison.Ordinal) ? resource.Id
                : member.Name.EndsWith("Arn", StringComparison.OrdinalIgnoreCase) ? resource.Arn
                : null;
        }

        return ShapeJson.Write(op.Output, output);
    }

    private static T Merged(OperationDescriptor op, JsonElement input, T current)
    {
        var fields = ShapeJson.ToNode(current);
        foreach (var member in BodyMembers(op, input))
        {
            fields[member.Name] = JsonNode.Parse(input.GetProperty(member.Name).GetRawText());
        }

        return ShapeJson.FromNode<T>(fields);
    }

    /// <summary>A list's query-string filters (e.g. QuickConnectTypes over QuickConnectType), and the listing key they bind tokens to.</summary>
    private static (string Listing, Func<T, bool>? Filter) QueryFilter(OperationDescriptor op, JsonElement input, IReadOnlyDictionary<string, string> properties)
    {
        var filters = op.Input.Members
            .Where(m => m.Location == MemberLocation.Query && m.Target.Kind == ShapeKind.List && m.Name.EndsWith('s'))
            .Select(m => (Property: properties.GetValueOrDefault(m.Name) ?? m.Name[..^1], Values: Member(input, m.Name) is { ValueKind: JsonValueKind.Array } a
                ? a.EnumerateArray().Select(v => v.GetString()!).ToHashSet(StringComparer.Ordinal)
                : []))
            .Where(f => f.Values.Count > 0)
            .ToList();
        if (filters.Count == 0)
        {
            return (op.Name, null);
        }

        var listing = Paging.Listing(op.Name, filters.Select(f => f.Values.Order(StringComparer.Ordinal).Prepend(f.Property)).ToArray());
        return (listing, r =>
        {
            var node = ShapeJson.ToNode(r);
            return filters.All(f => node[f.Property]?.GetValue<string>() is { } v && f.Values.Contains(v));
        });
    }

    private static byte[] Paged(OperationDescriptor op, Page<T> page, int? total)
    {
        // An operation the paginators file leaves out (SearchEmailAddresses) answers in its one list member.
        var resultKey = op.Paginator?.ResultKeys[0] ?? op.Output!.Members.Single(m => m.Target.Kind == ShapeKind.List).Name;
        var element = op.Output!.Members.First(m => m.Name == resultKey).Target.ListMember!;
        var output = new JsonObject
        {
            [resultKey] = new JsonArray(page.Items.Select(r => (JsonNode)ShapeJson.Resource(r, element)).ToArray()),
            [op.Paginator?.OutputToken ?? "NextToken"] = page.NextToken,
        };
        if (total is { } count)
        {
            output["ApproximateTotalCount"] = count;
        }

        return ShapeJson.Write(op.Output, output);
    }
}
