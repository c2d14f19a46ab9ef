using System.Collections.Generic;

namespace ConnectLocal.Model.Metadata;

/// <summary>How an operation pages (the model's paginators file): token members, page-size member, result lists.</summary>
public sealed record Paginator(string? InputToken, string? OutputToken, string? LimitKey, IReadOnlyList<string> ResultKeys);
