namespace ConnectLocal.Protocol;

/// <summary>
/// The SigV4 parameters of a presigned (query-string) request, as botocore's <c>generate_presigned_url</c> and the
/// JS v3 presigner write them: X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date, X-Amz-Expires, X-Amz-SignedHeaders,
/// X-Amz-Signature and, for temporary credentials, X-Amz-Security-Token. Every parameter but X-Amz-Signature is
/// part of the canonical query string.
/// </summary>
internal sealed class PresignedQuery
{
    public const string Algorithm = "X-Amz-Algorithm";
    public const string Credential = "X-Amz-Credential";
    public const string Date = "X-Amz-Date";
    public const string Expires = "X-Amz-Expires";
    public const string SignedHeaders = "X-Amz-SignedHeaders";
    public const string Signature = "X-Amz-Signature";
    public const string SecurityToken = "X-Amz-Security-Token";

    /// <summary>A presigned URL lives at most a week (AWS's limit for X-Amz-Expires).</summary>
    public const int MaxExpiresSeconds = 604_800;

    private static readonly string[] Names = [Algorithm, Credential, Date, Expires, SignedHeaders, Signature, SecurityToken];

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private bool _repeated;

    private PresignedQuery()
    {
    }

    public string DateValue => _values.GetValueOrDefault(Date, string.Empty);

    public string ExpiresValue => _values.GetValueOrDefault(Expires, string.Empty);

    public string? SecurityTokenValue => _values.GetValueOrDefault(SecurityToken);

    /// <summary>The parameters when the query carries any of X-Amz-Algorithm, X-Amz-Credential or X-Amz-Signature; else null (header authentication).</summary>
    public static PresignedQuery? TryRead(string rawQuery)
    {
        if (!rawQuery.Contains("X-Amz-", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var query = new PresignedQuery();
        foreach (var range in rawQuery.AsSpan().Split('&'))
        {
            var pair = rawQuery.AsSpan()[range];
            var eq = pair.IndexOf('=');
            if (!PercentDecoding.TryDecode(eq < 0 ? pair : pair[..eq], out var name) || Array.IndexOf(Names, name) < 0)
            {
                continue;
            }

            PercentDecoding.TryDecode(eq < 0 ? [] : pair[(eq + 1)..], out var value);
            query._repeated |= !query._values.TryAdd(name, value);
        }

        return query._values.ContainsKey(Algorithm) || query._values.ContainsKey(Credential) || query._values.ContainsKey(Signature) ? query : null;
    }

    /// <summary>The parameters as the Authorization header they stand for, to be read by <see cref="SigV4.TryParse"/>.</summary>
    public bool TryHeader(out string header, out string problem)
    {
        header = string.Empty;
        problem = string.Empty;
        if (_repeated || Names[..^1].Any(n => !_values.TryGetValue(n, out var v) || v.Length == 0 || v.Contains(',', StringComparison.Ordinal)))
        {
            problem = ProtocolErrors.PresignedParametersMissing;
            return false;
        }

        if (_values[Algorithm] != SigV4.Algorithm)
        {
            problem = ProtocolErrors.PresignedAlgorithm;
            return false;
        }

        header = $"{SigV4.Algorithm} Credential={_values[Credential]}, SignedHeaders={_values[SignedHeaders]}, Signature={_values[Signature]}";
        return true;
    }
}
