using System.Text.Json;
using ConnectLocal.Core.Instances;
using ConnectLocal.Core.Ports;
using ConnectLocal.Core.Tagging;
using ConnectLocal.Model;
using ConnectLocal.Server.Handlers.Declared;

namespace ConnectLocal.Server.Handlers;

/// <summary>
/// The hand-written operation handlers: each translates the generated input shape into a domain call and the
/// domain's answer into the generated output shape. Each resource area lives in its own partial file and
/// overrides only the operations it supports; every other operation keeps the generated "not implemented".
/// </summary>
public sealed partial class ConnectApi(IConnectStore store, ConnectSettings settings) : ConnectApiBase
{
    private static readonly Dictionary<string, OperationDescriptor> OperationsByName =
        OperationTable.All.ToDictionary(o => o.Name, StringComparer.Ordinal);

    private readonly DeclaredHandler?[] _declared = DeclaredOperations.Table(store, settings);
    private readonly InstanceService _instances = new(store, settings);
    private readonly TagService _tags = new(store);

    private IConnectStore Store { get; } = store;

    private ConnectSettings Settings { get; } = settings;

    internal static Caller CallerOf(OperationContext context) =>
        new(context.AccountId, context.Region, context.ReceivedAt, context.RequestId);

    /// <summary>Operations a declaration answers (Handlers/Declared) instead of an override here.</summary>
    protected override Func<OperationContext, JsonElement, ValueTask<byte[]>>? Declared(OperationDescriptor operation) =>
        _declared[operation.Index] is { } handler ? (context, input) => ValueTask.FromResult(handler(context, operation, input)) : null;

    /// <summary>
    /// [choice] Page size when MaxResults is absent: the model's maximum for the operation (its MaxResults range), capped
    /// at 100.
    /// </summary>
    private static int PageSize(OperationContext context, int? maxResults) =>
        maxResults ?? Math.Min(OperationsByName[context.OperationName].MaxPageSize ?? 100, 100);

    private static Dictionary<string, string>? TagsOut(IReadOnlyDictionary<string, string> tags) =>
        tags.Count == 0 ? null : new Dictionary<string, string>(tags, StringComparer.Ordinal);

    private static IReadOnlyDictionary<string, string> TagsIn(Dictionary<string, string>? tags) =>
        tags ?? new Dictionary<string, string>();
}
