using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectLocal.Model.Metadata;
using ConnectLocal.Protocol;
using FsCheck;
using FsCheck.Fluent;

namespace ConnectLocal.Tests.Security;

/// <summary>One request of the hostile-input suite, as it goes out, and the mutation that made it.</summary>
public sealed record HostileRequest(
    string Method,
    string Target,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[] Body,
    string Mutation,
    string Operation,
    bool MayBeAnswered)
{
    public override string ToString()
    {
        var body = Encoding.UTF8.GetString(Body);
        var headers = string.Join(" | ", Headers.Select(h => $"{h.Key}: {h.Value}"));
        return $"[{Mutation}] {Method} {Target} ({Operation}) {headers} body({Body.Length}) {(body.Length > 300 ? body[..300] + "…" : body)}";
    }
}

/// <summary>A valid request on a seeded resource: what the mutations start from.</summary>
public sealed record RequestTemplate(string Operation, string Method, string Path, string Query, string? Body)
{
    public OperationDescriptor Descriptor { get; } = OperationTable.All.Single(op => op.Name == Operation);

    /// <summary>Reads may be answered after a mutation that leaves them valid (extra headers, a body they ignore).</summary>
    public bool IsRead => Operation.StartsWith("Describe", StringComparison.Ordinal) || Operation.StartsWith("List", StringComparison.Ordinal)
        || Operation.StartsWith("Search", StringComparison.Ordinal) || Operation.StartsWith("Get", StringComparison.Ordinal);

    public IReadOnlyList<int> LabelIndexes { get; } = OperationTable.All.Single(op => op.Name == Operation).RequestUri
        .TrimStart('/').Split('/').Select((s, i) => (s, i)).Where(x => x.s.StartsWith('{')).Select(x => x.i).ToList();

    public bool HasRequiredBodyMember => Descriptor.Input.Members.Any(m => m.Location == MemberLocation.Body && m.Required);
}

/// <summary>
/// FsCheck generators of malformed requests. Every mutation is chosen so that the request must be refused
/// (a write that were answered would change the stored state, which the suite checks): no or a garbled
/// Authorization, a method no operation uses on the path, bad percent-encoding or hostile labels, bad query
/// escapes and values, oversized bodies, broken JSON, wrong types, numbers out of range, too deep nesting,
/// invalid UTF-8, lone surrogates, duplicate keys whose last value is wrong, bodies that are not objects.
/// Harmless noise (extra headers and query parameters, unknown members, no or odd Content-Type) rides along.
/// </summary>
internal static class HostileInput
{
    public const string Authorization = Support.ConnectLocalServer.Authorization;
    private static readonly RouteTable Routes = new(OperationTable.All);

    private static readonly string[] Methods = ["GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "TRACE", "HEAD", "CONNECT", "FOO", "get", "Post", "M-SEARCH"];

    private static readonly string[] BadAuthorizations =
    [
        "", " ", "Bearer abc", "Basic YWxhZGRpbjpvcGVuc2VzYW1l", "AWS4-HMAC-SHA256", "AWS4-HMAC-SHA256 ", "aws4-hmac-sha256 Credential=AKIDEXAMPLE/20261121/us-east-1/connect/aws4_request, SignedHeaders=host, Signature=00",
        "AWS4-HMAC-SHA1 Credential=AKIDEXAMPLE/20261121/us-east-1/connect/aws4_request, SignedHeaders=host, Signature=00",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261121/us-east-1/connect/aws4_request, SignedHeaders=host",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261121/us-east-1/connect/aws4_request, Signature=00",
        "AWS4-HMAC-SHA256 SignedHeaders=host, Signature=00",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/2026112/us-east-1/connect/aws4_request, SignedHeaders=host, Signature=00",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/2026112x/us-east-1/connect/aws4_request, SignedHeaders=host, Signature=00",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261121/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261121//connect/aws4_request, SignedHeaders=host, Signature=00",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261121/us-east-1/connect/aws4_request/extra, SignedHeaders=host, Signature=00",
        "AWS4-HMAC-SHA256 Credential=/20261121/us-east-1/connect/aws4_request, SignedHeaders=host, Signature=00",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261121/us-east-1/connect/aws4_request, SignedHeaders=, Signature=00",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261121/us-east-1/connect/aws4_request, SignedHeaders=host, Signature=",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261121/us-east-1/connect/aws4_request, SignedHeaders=host, Signature=zz",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261121/us-east-1/connect/aws4_request, SignedHeaders=host, Signature=0x12",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261121/us-east-1/connect/aws4_request SignedHeaders=host Signature=00",
        "AWS4-HMAC-SHA256 ,,,,,,,,",
        "AWS4-HMAC-SHA256 Credential==, SignedHeaders==, Signature==",
    ];

    private static readonly string[] BadEscapes = ["%", "%%", "%G1", "%F", "%1", "%FF", "%C3%28", "%ED%A0%80", "%E2%82", "%F4%90%80%80", "%C0%AF", "%80", "%zz", "a%", "%%41"];

    private static readonly string[] HostileLabels =
    [
        "..", ".", "%2E%2E", "%2e", "a%2Fb", "%2F", "%2F..%2F..%2Fetc%2Fpasswd", "..%2F..", "%00", "%0A", "%0D%0A", "%20", "%09", "%E2%98%83",
        "%F0%9F%92%A9", "arn%3Aaws%3Aconnect%3Aus-east-1%3A000000000000%3Ainstance%2F00000000-0000-4000-8000-000000000000",
        "arn%3Aaws%3Aconnect%3Aus-east-1%3A999999999999%3Ainstance%2F..", "*", "%2A", "'%20OR%201%3D1--", "%22%3B%20DROP%20TABLE%20resources%3B--",
        "%7B%7D", "%5B%5D", "null", "undefined", "-1", "0", "00000000-0000-0000-0000-000000000000", "~", "%7E", "+", "%2B", "a+b", "%EF%BF%BF",
    ];

    private static readonly string[] NotObjects = ["[]", "[{}]", "\"x\"", "1", "-0", "null", "true", "false", "[null]", "\"\\u0000\""];

    private static readonly string[] JunkHeaderNames = ["x-junk", "X-Amz-Target", "x-amz-date", "x-amz-security-token", "x-amzn-trace-id", "Accept", "Accept-Encoding", "Origin", "x-forwarded-for", "x-amz-user-agent", "Expect", "Cookie", "Range", "If-Match"];

    private static readonly string[] JunkHeaderValues = ["", "a", "junk", "1", "-1", "99999999999999999999", "%FF", "../../etc/passwd", "'; DROP TABLE resources; --", "\"", "\\", "{}", "[]", "null", "()", "*/*", "gzip, deflate", "bytes=0-1", "\t"];

    private static Gen<string> Junk(int maxLength) =>
        from length in Gen.Choose(0, maxLength)
        from chars in Gen.ArrayOf(Gen.Elements("abcXYZ019-_.~!$&'()*+,;=:@/%?[]{}\"\\ ".ToCharArray()), length)
        select new string(chars);

    /// <summary>Requests built from templates by one refusing mutation and some harmless noise.</summary>
    public static Gen<HostileRequest> Mutated(IReadOnlyList<RequestTemplate> templates) =>
        from template in Gen.Elements(templates.ToArray())
        from request in Mutate(template)
        select request;

    private static Gen<HostileRequest> Mutate(RequestTemplate template)
    {
        var mutations = new List<(int Weight, Gen<Draft> Draft)>
        {
            (3, Gen.Constant(0).Select(_ => Draft.Of(template, "no-authorization").Without("Authorization"))),
            (4, from auth in Gen.Elements(BadAuthorizations)
                from junk in Junk(20)
                // junk goes in front only: after a header whose signature is empty it could complete it ("Signature=" + "a0")
                select Draft.Of(template, "bad-authorization").With("Authorization", junk + auth)),
            (3, from method in Gen.Elements(WrongMethods(template))
                select Draft.Of(template, "wrong-method").WithMethod(method)),
            (4, from junk in Junk(30)
                select Draft.Of(template, "bad-query-escape").WithQuery(q => q + (q.Length > 0 ? "&" : string.Empty) + "x=" + junk.Replace("%", string.Empty, StringComparison.Ordinal) + "%zz")),
            (2, from size in Gen.Choose(65 * 1024, 90 * 1024)
                from fill in Gen.Elements('a', '{', '[', '"', '0')
                select Draft.Of(template, "oversized-body").WithBody(Encoding.ASCII.GetBytes(new string(fill, size)))),
        };

        if (template.LabelIndexes.Count > 0)
        {
            mutations.Add((5,
                from index in Gen.Elements(template.LabelIndexes.ToArray())
                from escape in Gen.Elements(BadEscapes)
                from prefix in Gen.Elements("", "abc", "arn%3A", "00000000-0000-4000-8000-")
                select Draft.Of(template, "bad-label-escape").WithSegment(index, prefix + escape)));
            mutations.Add((5,
                from index in Gen.Elements(template.LabelIndexes.ToArray())
                from label in Gen.Elements(HostileLabels)
                select Draft.Of(template, "hostile-label").WithSegment(index, label)));
            mutations.Add((1,
                from index in Gen.Elements(template.LabelIndexes.ToArray())
                from length in Gen.Choose(600, 7000)
                select Draft.Of(template, "long-label").WithSegment(index, new string('a', length))));
        }

        if (template.Descriptor.Input.Members.Any(m => m.Location == MemberLocation.Query && m.Target.Kind is ShapeKind.Integer))
        {
            var member = template.Descriptor.Input.Members.First(m => m.Location == MemberLocation.Query && m.Target.Kind is ShapeKind.Integer);
            mutations.Add((2,
                from value in Gen.Elements("abc", "-1", "0", "1.5", "1e3", "99999999999999999999", "%FF", "", "+-1", "0x10", "%2D1")
                select Draft.Of(template, "bad-query-integer").WithQuery(_ => member.LocationName + "=" + value)));
        }

        if (template.Body is not null && template.Descriptor.HasBodyMembers)
        {
            var body = template.Body;
            var slots = Slots(template);
            mutations.Add((5,
                from cut in Gen.Choose(1, body.Length - 1)
                select Draft.Of(template, "truncated-json").WithBody(Encoding.UTF8.GetBytes(body[..cut]))));
            mutations.Add((3,
                from text in Gen.Elements(NotObjects.Append("[" + body + "]").ToArray())
                select Draft.Of(template, "not-an-object").WithBody(Encoding.UTF8.GetBytes(text))));
            mutations.Add((4,
                from at in Gen.Choose(0, body.Length)
                from bad in Gen.Elements(new byte[] { 0xFF }, [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xC0, 0xAF], [0x80], [0xE2, 0x82])
                select Draft.Of(template, "invalid-utf8").WithBody([.. Encoding.UTF8.GetBytes(body[..at]), .. bad, .. Encoding.UTF8.GetBytes(body[at..])])));
            if (template.HasRequiredBodyMember)
            {
                mutations.Add((2,
                    from text in Gen.Elements("", "{}", "   ", "\n\t", "{\"Unknown\":1}")
                    select Draft.Of(template, "required-member-missing").WithBody(Encoding.UTF8.GetBytes(text))));
            }

            if (slots.Count > 0)
            {
                mutations.Add((6,
                    from slot in Gen.Elements(slots.ToArray())
                    from wrong in WrongType(slot.Shape)
                    select Draft.Of(template, "wrong-type").WithJson(slot.Path, wrong)));
                mutations.Add((3,
                    from slot in Gen.Elements(slots.ToArray())
                    from depth in Gen.Choose(65, 3000)
                    from open in Gen.Elements("[", "{\"a\":")
                    select Draft.Of(template, "deep-nesting").WithJsonText(slot.Path, Nest(open, depth))));
                mutations.Add((2,
                    from slot in Gen.Elements(slots.Where(s => s.Shape.Kind == ShapeKind.String).DefaultIfEmpty(slots[0]).ToArray())
                    from surrogate in Gen.Elements("\\ud800", "\\udfff", "x\\ud83d", "\\udc00\\ud800")
                    select Draft.Of(template, "lone-surrogate").WithJsonText(slot.Path, "\"" + surrogate + "\"")));
                var topLevel = slots.Where(s => s.Path.Count == 1).ToArray();
                if (topLevel.Length > 0)
                {
                    mutations.Add((3,
                        from slot in Gen.Elements(topLevel)
                        from wrong in WrongType(slot.Shape)
                        select Draft.Of(template, "duplicate-key-wrong-last").WithBody(Encoding.UTF8.GetBytes(
                            body[..body.LastIndexOf('}')] + ",\"" + slot.Path[0] + "\":" + wrong.ToJsonString() + "}"))));
                }
            }

            var outOfRange = slots.Where(s => OutOfRange(s.Shape).Length > 0).ToArray();
            if (outOfRange.Length > 0)
            {
                mutations.Add((4,
                    from slot in Gen.Elements(outOfRange)
                    from value in Gen.Elements(OutOfRange(slot.Shape))
                    select Draft.Of(template, "value-out-of-range").WithJsonText(slot.Path, value)));
            }
        }

        return from draft in Gen.Frequency(mutations.Select(m => (m.Weight, m.Draft)).ToArray())
               from noise in Noise(template)
               select noise(draft).Build();
    }

    /// <summary>0–2 harmless changes: extra headers, an unknown query parameter, no or odd Content-Type.</summary>
    private static Gen<Func<Draft, Draft>> Noise(RequestTemplate template)
    {
        var one = Gen.OneOf(
            from name in Gen.Elements(JunkHeaderNames)
            from value in Gen.Elements(JunkHeaderValues)
            select (Func<Draft, Draft>)(d => d.With(name + (name == "x-junk" ? "-" + value.Length : string.Empty), value, replace: false)),
            from key in Gen.Elements("foo", "x-id", "_", "maxresults", "MaxResults", "NextToken")
            from value in Gen.Elements("1", "bar", "", "%20", "%2F")
            select (Func<Draft, Draft>)(d => d.WithQuery(q => q + (q.Length > 0 ? "&" : string.Empty) + key + "=" + value)),
            from type in Gen.Elements<string?>(null, "text/plain", "application/x-amz-json-1.1", "application/json; charset=latin1", "multipart/form-data; boundary=x", "*/*")
            select (Func<Draft, Draft>)(d => type is null ? d.Without("Content-Type") : d.With("Content-Type", type)));
        _ = template;
        return from count in Gen.Choose(0, 2)
               from changes in Gen.ArrayOf(one, count)
               select (Func<Draft, Draft>)(d => changes.Aggregate(d, (current, change) => change(current)));
    }

    /// <summary>Requests made of junk: any method, a path of known and junk segments, any headers, any bytes.</summary>
    public static Gen<HostileRequest> Random()
    {
        var segment = Gen.Frequency(
            (4, Gen.Elements("instance", "queues", "queues-summary", "routing-profiles", "users", "tags", "hours-of-operations", "phone-number", "traffic-distribution-group", "agent-status", "search-routing-profiles", "contact", "")),
            (3, Gen.Elements(HostileLabels)),
            (2, Gen.Elements(BadEscapes)),
            (3, Junk(12).Select(j => Uri.EscapeDataString(j))));
        var bytes = from length in Gen.Choose(0, 200)
                    from data in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), length)
                    select data;
        var body = Gen.Frequency(
            (3, bytes),
            (3, Gen.Elements("{}", "{\"Name\":1}", "{\"InstanceId\":[]}", "{\"a\":{\"b\":{\"c\":[1,2,{\"d\":null}]}}}", "{\"Name\":\"x\",\"Name\":{}}", "[", "{\"", "{\"Tags\":{\"k\":1}}")
                .Select(Encoding.UTF8.GetBytes)),
            (1, Gen.Constant(Array.Empty<byte>())));
        return from method in Gen.Elements(Methods)
               from count in Gen.Choose(1, 6)
               from segments in Gen.ArrayOf(segment, count)
               from query in Gen.Elements("", "?maxResults=1", "?nextToken=%FF", "?a", "?=&&=", "?tagKeys=a&tagKeys=%", "?" + new string('x', 100))
               from withAuth in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
               from headerName in Gen.Elements(JunkHeaderNames)
               from headerValue in Gen.Elements(JunkHeaderValues)
               from payload in body
               let target = "/" + string.Join('/', segments) + query
               where !target.StartsWith("/_connectlocal", StringComparison.Ordinal)
               select new HostileRequest(
                   method,
                   target,
                   [
                       .. withAuth ? [new KeyValuePair<string, string>("Authorization", Authorization)] : Array.Empty<KeyValuePair<string, string>>(),
                       new("X-Amz-Date", "20261121T120000Z"),
                       new(headerName, headerValue),
                       new("Content-Type", "application/json"),
                   ],
                   payload,
                   "random",
                   "?",
                   MayBeAnswered: true);
    }

    private static string[] WrongMethods(RequestTemplate template) =>
        Methods.Where(m => !Routes.TryMatch(m, template.Path, out _, out _)).ToArray();

    private static string Nest(string open, int depth)
    {
        var close = open == "[" ? "]" : "}";
        return string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));
    }

    /// <summary>A JSON value of another kind than the shape takes (null is left out: it means "absent").</summary>
    private static Gen<JsonNode> WrongType(ShapeDescriptor shape)
    {
        var candidates = new List<Func<JsonNode>>();
        if (shape.Kind != ShapeKind.String)
        {
            candidates.Add(() => JsonValue.Create("text"));
            candidates.Add(() => JsonValue.Create(""));
        }

        if (shape.Kind is not (ShapeKind.Integer or ShapeKind.Long or ShapeKind.Float or ShapeKind.Double or ShapeKind.Timestamp))
        {
            candidates.Add(() => JsonValue.Create(1));
            candidates.Add(() => JsonValue.Create(-1.5));
        }

        if (shape.Kind != ShapeKind.Boolean)
        {
            candidates.Add(() => JsonValue.Create(true));
        }

        if (shape.Kind != ShapeKind.List)
        {
            candidates.Add(() => new JsonArray());
            candidates.Add(() => new JsonArray(JsonValue.Create("x")));
        }

        if (shape.Kind is not (ShapeKind.Structure or ShapeKind.Map))
        {
            candidates.Add(() => new JsonObject());
            candidates.Add(() => new JsonObject { ["a"] = 1 });
        }

        return Gen.Elements(candidates.ToArray()).Select(make => make());
    }

    /// <summary>Numbers and strings the shape's constraints refuse (empty when it has none to break).</summary>
    private static string[] OutOfRange(ShapeDescriptor shape)
    {
        var values = new List<string>();
        if (shape.Kind is ShapeKind.Integer or ShapeKind.Long)
        {
            values.AddRange(["1.5", "-0.5", "1e400", "-1e400", "9223372036854775808", "-9223372036854775809", "1" + new string('0', 300)]);
            if (shape.Kind == ShapeKind.Integer)
            {
                values.AddRange(["2147483648", "-2147483649"]);
            }

            if (shape.MinValue is { } min)
            {
                values.Add(((long)min - 1).ToString(CultureInfo.InvariantCulture));
            }

            if (shape.MaxValue is { } max)
            {
                values.Add(((long)max + 1).ToString(CultureInfo.InvariantCulture));
            }
        }
        else if (shape.Kind == ShapeKind.String)
        {
            if (shape.MaxLength is { } maxLength && maxLength < 20_000)
            {
                values.Add(JsonSerializer.Serialize(new string('x', (int)maxLength + 1)));
            }

            if (shape.MinLength is > 0)
            {
                values.Add("\"\"");
            }

            if (shape.EnumValues is { Count: > 0 })
            {
                values.AddRange(["\"NOT_AN_ENUM_VALUE\"", JsonSerializer.Serialize(shape.EnumValues[0].ToLowerInvariant() + "x")]);
            }
        }

        return [.. values];
    }

    /// <summary>Every value of the template's body with its path and shape.</summary>
    private static List<(IReadOnlyList<object> Path, ShapeDescriptor Shape)> Slots(RequestTemplate template)
    {
        var slots = new List<(IReadOnlyList<object>, ShapeDescriptor)>();
        var root = JsonNode.Parse(template.Body!)!.AsObject();
        foreach (var (name, value) in root)
        {
            var member = template.Descriptor.Input.Members.FirstOrDefault(m => m.Name == name && m.Location == MemberLocation.Body);
            if (member is not null && value is not null)
            {
                Walk(value, member.Target, [name], slots);
            }
        }

        return slots;
    }

    private static void Walk(JsonNode node, ShapeDescriptor shape, List<object> path, List<(IReadOnlyList<object>, ShapeDescriptor)> slots)
    {
        slots.Add((path.ToArray(), shape));
        switch (node)
        {
            case JsonObject obj when shape.Kind == ShapeKind.Structure:
                foreach (var (name, value) in obj)
                {
                    if (shape.Members.FirstOrDefault(m => m.Name == name) is { } member && value is not null)
                    {
                        Walk(value, member.Target, [.. path, name], slots);
                    }
                }

                break;
            case JsonObject map when shape.Kind == ShapeKind.Map && shape.MapValue is not null:
                foreach (var (name, value) in map)
                {
                    if (value is not null)
                    {
                        Walk(value, shape.MapValue, [.. path, name], slots);
                    }
                }

                break;
            case JsonArray array when shape.ListMember is not null:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } item)
                    {
                        Walk(item, shape.ListMember, [.. path, i], slots);
                    }
                }

                break;
            default:
                break;
        }
    }

    /// <summary>A request under construction; each change returns a new draft.</summary>
    private sealed record Draft(RequestTemplate Template, string Method, string[] Segments, string Query, KeyValuePair<string, string>[] Headers, byte[] Body, string Mutation)
    {
        public static Draft Of(RequestTemplate template, string mutation)
        {
            var headers = new List<KeyValuePair<string, string>>
            {
                new("Authorization", Authorization),
                new("X-Amz-Date", "20261121T120000Z"),
            };
            if (template.Body is not null)
            {
                headers.Add(new("Content-Type", "application/json"));
            }

            return new Draft(template, template.Method, template.Path.TrimStart('/').Split('/'), template.Query, [.. headers],
                template.Body is null ? [] : Encoding.UTF8.GetBytes(template.Body), mutation);
        }

        public Draft Without(string header) => this with { Headers = [.. Headers.Where(h => !h.Key.Equals(header, StringComparison.OrdinalIgnoreCase))] };

        public Draft With(string header, string value, bool replace = true) =>
            this with { Headers = [.. (replace ? Without(header).Headers : Headers), new(header, value)] };

        public Draft WithMethod(string method) => this with { Method = method };

        public Draft WithQuery(Func<string, string> change) => this with { Query = change(Query) };

        public Draft WithSegment(int index, string value)
        {
            var segments = Segments.ToArray();
            segments[index] = value;
            return this with { Segments = segments };
        }

        public Draft WithBody(byte[] body) => this with { Body = body };

        public Draft WithJson(IReadOnlyList<object> path, JsonNode value) => WithJsonText(path, value.ToJsonString());

        /// <summary>Replaces the value at <paramref name="path"/> with raw JSON text (which may be too deep for a parser).</summary>
        public Draft WithJsonText(IReadOnlyList<object> path, string json)
        {
            const string Marker = "\"__hostile_marker__\"";
            var root = JsonNode.Parse(Body)!;
            JsonNode parent = root;
            for (var i = 0; i < path.Count - 1; i++)
            {
                parent = path[i] is int index ? parent[index]! : parent[(string)path[i]]!;
            }

            if (path[^1] is int last)
            {
                parent[last] = JsonValue.Create("__hostile_marker__");
            }
            else
            {
                parent[(string)path[^1]] = JsonValue.Create("__hostile_marker__");
            }

            return WithBody(Encoding.UTF8.GetBytes(root.ToJsonString().Replace(Marker, json, StringComparison.Ordinal)));
        }

        public HostileRequest Build()
        {
            var target = "/" + string.Join('/', Segments) + (Query.Length > 0 ? "?" + Query : string.Empty);
            var headers = Headers.ToList();
            return new HostileRequest(Method, target, headers, Body, Mutation, Template.Operation, MayBeAnswered: false);
        }
    }
}
