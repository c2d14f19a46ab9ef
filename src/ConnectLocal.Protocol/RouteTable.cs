using System.Collections.Frozen;
using ConnectLocal.Model.Metadata;

namespace ConnectLocal.Protocol;

/// <summary>The result of matching a request line: the operation and its decoded path labels.</summary>
internal readonly record struct RouteMatch(OperationDescriptor Operation, KeyValuePair<string, string>[] Labels);

/// <summary>
/// Dispatch by method and URI template. Labels are single, non-greedy segments (the model has no greedy label);
/// each segment is percent-decoded after the path is split, so an ARN sent as <c>arn%3A…%2F…</c> stays one label.
/// Where two templates match, literal segments beat labels, left to right.
/// </summary>
internal sealed class RouteTable
{
    private readonly FrozenDictionary<string, Template[]> _byKey;

    public RouteTable(IEnumerable<OperationDescriptor> operations)
    {
        var groups = new Dictionary<string, List<Template>>(StringComparer.Ordinal);
        foreach (var op in operations)
        {
            var template = new Template(op);
            var key = Key(op.Method, template.Segments.Length, template.Segments[0].Literal);
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
            }

            list.Add(template);
        }

        _byKey = groups.ToFrozenDictionary(
            g => g.Key,
            g => g.Value.OrderBy(t => t.Specificity, StringComparer.Ordinal).ToArray(),
            StringComparer.Ordinal);
    }

    /// <summary>Returns false when no operation has this method and path; <paramref name="badEncoding"/> when a segment cannot be decoded.</summary>
    public bool TryMatch(string method, ReadOnlySpan<char> rawPath, out RouteMatch match, out bool badEncoding)
    {
        match = default;
        badEncoding = false;
        if (rawPath.Length == 0 || rawPath[0] != '/')
        {
            return false;
        }

        var segments = new List<string>(6);
        foreach (var range in rawPath[1..].Split('/'))
        {
            if (!PercentDecoding.TryDecode(rawPath[1..][range], out var decoded))
            {
                badEncoding = true;
                return false;
            }

            segments.Add(decoded);
        }

        if (!_byKey.TryGetValue(Key(method, segments.Count, segments[0]), out var templates))
        {
            return false;
        }

        foreach (var template in templates)
        {
            if (template.TryMatch(segments, out var labels))
            {
                match = new RouteMatch(template.Operation, labels);
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when a segment of the path as sent is "." or "..". SigV4 signs the path with such segments removed
    /// (RFC 3986 §5.2.4, <see cref="SigV4Canonical.CanonicalUri"/>), so dispatching the path as sent would run
    /// another request than the one signed (docs/security.md: refused). Encoded dots (%2E) are not dot segments
    /// to the signers either: they stay a label's value.
    /// </summary>
    public static bool HasDotSegment(ReadOnlySpan<char> rawPath)
    {
        foreach (var range in rawPath.Split('/'))
        {
            if (rawPath[range] is "." or "..")
            {
                return true;
            }
        }

        return false;
    }

    private static string Key(string method, int count, string? first) => $"{method} {count} {first}";

    private sealed class Template
    {
        public Template(OperationDescriptor op)
        {
            Operation = op;
            Segments = op.RequestUri.TrimStart('/').Split('/')
                .Select(s => s.StartsWith('{') ? new Segment(null, s[1..^1]) : new Segment(s, null))
                .ToArray();
            if (Segments[0].Literal is null)
            {
                throw new InvalidOperationException($"{op.Name}: a URI starting with a label is not supported");
            }

            Specificity = string.Concat(Segments.Select(s => s.Literal is null ? '1' : '0'));
        }

        public OperationDescriptor Operation { get; }

        public Segment[] Segments { get; }

        public string Specificity { get; }

        public bool TryMatch(List<string> segments, out KeyValuePair<string, string>[] labels)
        {
            var found = new List<KeyValuePair<string, string>>(2);
            for (var i = 0; i < Segments.Length; i++)
            {
                var s = Segments[i];
                if (s.Literal is not null)
                {
                    if (!string.Equals(s.Literal, segments[i], StringComparison.Ordinal))
                    {
                        labels = [];
                        return false;
                    }
                }
                else
                {
                    found.Add(new(s.Label!, segments[i]));
                }
            }

            labels = [.. found];
            return true;
        }
    }

    private readonly record struct Segment(string? Literal, string? Label);
}
