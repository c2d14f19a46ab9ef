using ConnectLocal.Core.Common;
using ConnectLocal.Core.Instances;
using ConnectLocal.Core.Ports;
using ConnectLocal.Core.Tagging;
using ConnectLocal.Model;
using ConnectLocal.Model.Metadata;

namespace ConnectLocal.Server.Handlers;

/// <summary>
/// The hand-written operation handlers: each translates the generated input shape into a domain call and the
/// domain's answer into the generated output shape. Each resource area lives in its own partial file and
/// overrides only the operations it supports; every other operation keeps the generated "not implemented".
/// </summary>
public sealed partial class ConnectApi(IConnectStore store, ConnectSettings settings) : ConnectApiBase
{
    private readonly InstanceService _instances = new(store, settings);
    private readonly TagService _tags = new(store);

    private IConnectStore Store { get; } = store;

    private ConnectSettings Settings { get; } = settings;

    private static Caller CallerOf(OperationContext context) =>
        new(context.AccountId, context.Region, context.ReceivedAt, context.RequestId);

    /// <summary>[choice] Page size when MaxResults is absent: the model's maximum, capped at 100.</summary>
    private static int PageSize(int? maxResults, int modelMax) => maxResults ?? Math.Min(modelMax, 100);

    private static Dictionary<string, string>? TagsOut(IReadOnlyDictionary<string, string> tags) =>
        tags.Count == 0 ? null : new Dictionary<string, string>(tags, StringComparer.Ordinal);

    private static IReadOnlyDictionary<string, string> TagsIn(Dictionary<string, string>? tags) =>
        tags ?? new Dictionary<string, string>();
}
