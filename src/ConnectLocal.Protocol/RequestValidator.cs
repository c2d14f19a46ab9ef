using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ConnectLocal.Model.Metadata;

namespace ConnectLocal.Protocol;

/// <summary>
/// Enforces every constraint of the model on a bound request and reports all violations at once, in the AWS
/// front-end format: <c>Value '11' at 'mediaConcurrencies.1.member.concurrency' failed to satisfy constraint:
/// Member must have value less than or equal to 10</c>. A value of the wrong JSON type is not a constraint
/// violation but unreadable input (<see cref="SerializationFailure"/>).
/// </summary>
internal static class RequestValidator
{
    private const string Redacted = "*** Sensitive Data Redacted ***";

    /// <summary>
    /// [choice] Values are quoted up to this many code points, then cut with "..." (docs/wire-choices.md). Every
    /// value the model's own length rules can produce in a message of the conformance suites (up to 4,096) is quoted
    /// whole; a 10 MiB value is not echoed back.
    /// </summary>
    public const int QuotedLength = 4096;

    /// <returns>The violations, in model member order; empty when the request is valid.</returns>
    public static Violations Validate(ShapeDescriptor input, JsonElement root)
    {
        var violations = new Violations();
        try
        {
            ValidateStructure(input, root, string.Empty, violations);
        }
        catch (InvalidOperationException)
        {
            // JsonElement refuses to turn an escaped lone surrogate ("\ud800") into a string.
            throw new SerializationFailure(ProtocolErrors.NotJson(ProtocolErrors.LoneSurrogate));
        }

        return violations;
    }

    private static void ValidateStructure(ShapeDescriptor shape, JsonElement value, string path, Violations violations)
    {
        var set = 0;
        foreach (var member in shape.Members)
        {
            var memberPath = path.Length == 0 ? member.MessageName : path + "." + member.MessageName;
            if (!value.TryGetProperty(member.Name, out var child) || child.ValueKind == JsonValueKind.Null)
            {
                if (member.Required)
                {
                    violations.Add($"Value null at '{memberPath}' failed to satisfy constraint: Member must not be null");
                }

                continue;
            }

            set++;
            if (member.Location == MemberLocation.Uri && child.ValueKind == JsonValueKind.String
                && JsonText.Escaped(child).IsEmpty && member.Target.MinLength is null)
            {
                // restJson1 path labels are never empty, whether or not the shape sets a minimum length.
                violations.Add($"Value '' at '{memberPath}' failed to satisfy constraint: Member must have length greater than or equal to 1");
                continue;
            }

            ValidateValue(member.Target, child, memberPath, violations);
        }

        if (shape.IsUnion && set != 1)
        {
            violations.Add(shape, value, path, "Member must have exactly one member set");
        }
    }

    private static void ValidateValue(ShapeDescriptor shape, JsonElement value, string path, Violations violations)
    {
        switch (shape.Kind)
        {
            case ShapeKind.Structure:
                Expect(value, JsonValueKind.Object, "an object", path);
                ValidateStructure(shape, value, path, violations);
                break;
            case ShapeKind.List:
                Expect(value, JsonValueKind.Array, "an array", path);
                CheckLength(shape, value, value.GetArrayLength(), path, violations);
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    index++;
                    var itemPath = $"{path}.{index}.member";
                    if (item.ValueKind == JsonValueKind.Null)
                    {
                        violations.Add($"Value null at '{itemPath}' failed to satisfy constraint: Member must not be null");
                        continue;
                    }

                    ValidateValue(shape.ListMember!, item, itemPath, violations);
                }

                break;
            case ShapeKind.Map:
                ValidateMap(shape, value, path, violations);
                break;
            case ShapeKind.String:
                Expect(value, JsonValueKind.String, "a string", path);
                ValidateString(shape, value, path, violations);
                break;
            case ShapeKind.Integer:
                Expect(value, JsonValueKind.Number, "an integer", path);
                if (!value.TryGetInt32(out var i32))
                {
                    throw new SerializationFailure(ProtocolErrors.WrongType(path, "a 32-bit integer", RawPrefix(value)));
                }

                CheckRange(shape, value, i32, path, violations);
                break;
            case ShapeKind.Long:
                Expect(value, JsonValueKind.Number, "an integer", path);
                if (!value.TryGetInt64(out var i64))
                {
                    throw new SerializationFailure(ProtocolErrors.WrongType(path, "a 64-bit integer", RawPrefix(value)));
                }

                CheckRange(shape, value, i64, path, violations);
                break;
            case ShapeKind.Float or ShapeKind.Double:
                Expect(value, JsonValueKind.Number, "a number", path);
                if (!value.TryGetDouble(out var d) || !double.IsFinite(d)
                    || (shape.Kind == ShapeKind.Float && !float.IsFinite((float)d)))
                {
                    throw new SerializationFailure(ProtocolErrors.WrongType(path, "a finite number", RawPrefix(value)));
                }

                CheckRange(shape, value, d, path, violations);
                break;
            case ShapeKind.Boolean:
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    throw new SerializationFailure(ProtocolErrors.WrongType(path, "a boolean", Describe(value.ValueKind)));
                }

                break;
            case ShapeKind.Timestamp:
                ValidateTimestamp(shape, value, path);
                break;
            default:
                throw new InvalidOperationException($"unknown shape kind {shape.Kind}");
        }
    }

    private static void ValidateMap(ShapeDescriptor shape, JsonElement value, string path, Violations violations)
    {
        Expect(value, JsonValueKind.Object, "an object", path);
        var count = 0;
        var keyProblems = new List<string>();
        var valueProblems = new List<string>();
        foreach (var property in value.EnumerateObject())
        {
            count++;
            var key = JsonText.EscapedName(property);
            ConstraintsOf(shape.MapKey!, key, () => property.Name, keyProblems);
            var entry = property.Value;
            if (entry.ValueKind == JsonValueKind.Null)
            {
                AddOnce(valueProblems, "Member must not be null");
            }
            else if (shape.MapValue!.Kind == ShapeKind.String)
            {
                if (entry.ValueKind != JsonValueKind.String)
                {
                    Expect(entry, JsonValueKind.String, "a string", EntryPath(path, key));
                }

                ConstraintsOf(shape.MapValue, JsonText.Escaped(entry), () => entry.GetString()!, valueProblems);
            }
            else
            {
                ValidateValue(shape.MapValue, entry, EntryPath(path, key), violations);
            }
        }

        CheckLength(shape, value, count, path, violations);
        if (keyProblems.Count > 0)
        {
            violations.Add(shape, value, path, $"Map keys must satisfy constraint: [{string.Join(", ", keyProblems)}]");
        }

        if (valueProblems.Count > 0)
        {
            violations.Add(shape, value, path, $"Map value must satisfy constraint: [{string.Join(", ", valueProblems)}]");
        }
    }

    /// <summary>A map entry's path names its key; a long key is cut like a quoted value.</summary>
    private static string EntryPath(string path, ReadOnlySpan<byte> key)
    {
        var text = new StringBuilder(path).Append('.');
        var budget = QuotedLength;
        if (!JsonText.AppendBounded(text, key, ref budget))
        {
            text.Append(Cut);
        }

        return text.ToString();
    }

    private static void ValidateString(ShapeDescriptor shape, JsonElement value, string path, Violations violations)
    {
        var problems = new List<string>(1);
        ConstraintsOf(shape, JsonText.Escaped(value), () => value.GetString()!, problems);
        foreach (var problem in problems)
        {
            violations.Add(shape, value, path, problem);
        }
    }

    /// <summary>
    /// The constraint texts a string value fails: enum, length (in code points), pattern. The value is read as
    /// sent (<paramref name="escaped"/>); <paramref name="text"/> makes it a string only where a rule needs one.
    /// </summary>
    private static void ConstraintsOf(ShapeDescriptor shape, ReadOnlySpan<byte> escaped, Func<string> text, List<string> problems)
    {
        var length = JsonText.CodePoints(escaped);
        if (shape.EnumValues is { } values && !(length <= LongestOf(values) && values.Contains(text())))
        {
            AddOnce(problems, $"Member must satisfy enum value set: [{string.Join(", ", values)}]");
        }

        if (length < shape.MinLength)
        {
            AddOnce(problems, $"Member must have length greater than or equal to {shape.MinLength}");
        }

        var tooLong = length > shape.MaxLength;
        if (tooLong)
        {
            AddOnce(problems, $"Member must have length less than or equal to {shape.MaxLength}");
        }

        // [choice] A value both over its maximum length and too long to quote whole is reported for its length only:
        // matching the pattern would need a copy of it as large as the body (docs/wire-choices.md).
        if (shape.Pattern is { } pattern && !(tooLong && length > QuotedLength) && !Matches(pattern, text()))
        {
            AddOnce(problems, $"Member must satisfy regular expression pattern: {shape.PatternAsModelled}");
        }
    }

    private static int LongestOf(IReadOnlyList<string> values)
    {
        var longest = 0;
        foreach (var value in values)
        {
            longest = Math.Max(longest, value.Length);
        }

        return longest;
    }

    /// <summary>A map reports each distinct problem of its keys (or values) once, however many entries have it.</summary>
    private static void AddOnce(List<string> problems, string problem)
    {
        if (!problems.Contains(problem))
        {
            problems.Add(problem);
        }
    }

    private static bool Matches(Regex pattern, string text)
    {
        try
        {
            return pattern.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false; // a value that keeps the engine busy this long is no value the pattern was written for
        }
    }

    private static void ValidateTimestamp(ShapeDescriptor shape, JsonElement value, string path)
    {
        if (shape.Iso8601)
        {
            Expect(value, JsonValueKind.String, "an ISO 8601 timestamp", path);
            // No timestamp is longer than this; a longer value is refused without becoming a string.
            if (JsonText.Escaped(value).Length > 64
                || !DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
            {
                throw new SerializationFailure(ProtocolErrors.WrongType(path, "an ISO 8601 timestamp", RawPrefix(value)));
            }

            return;
        }

        Expect(value, JsonValueKind.Number, "a timestamp in epoch seconds", path);
        // DateTimeOffset covers years 1 to 9999; outside that no client sends a real timestamp.
        if (!value.TryGetDouble(out var seconds) || seconds is < -62135596800d or > 253402300799d)
        {
            throw new SerializationFailure(ProtocolErrors.WrongType(path, "a timestamp in epoch seconds", RawPrefix(value)));
        }
    }

    private static void CheckLength(ShapeDescriptor shape, JsonElement value, int length, string path, Violations violations)
    {
        if (length < shape.MinLength)
        {
            violations.Add(shape, value, path, $"Member must have length greater than or equal to {shape.MinLength}");
        }

        if (length > shape.MaxLength)
        {
            violations.Add(shape, value, path, $"Member must have length less than or equal to {shape.MaxLength}");
        }
    }

    private static void CheckRange(ShapeDescriptor shape, JsonElement value, double number, string path, Violations violations)
    {
        if (number < shape.MinValue)
        {
            violations.Add(shape, value, path, $"Member must have value greater than or equal to {Format(shape.MinValue.Value)}");
        }

        if (number > shape.MaxValue)
        {
            violations.Add(shape, value, path, $"Member must have value less than or equal to {Format(shape.MaxValue.Value)}");
        }
    }

    private static void Expect(JsonElement value, JsonValueKind kind, string expected, string path)
    {
        if (value.ValueKind != kind)
        {
            throw new SerializationFailure(ProtocolErrors.WrongType(path, expected, Describe(value.ValueKind)));
        }
    }

    internal static string Violation(ShapeDescriptor shape, JsonElement value, string path, string constraint) =>
        $"Value '{(shape.Sensitive ? Redacted : Render(value))}' at '{path}' failed to satisfy constraint: {constraint}";

    private const string Cut = "...";

    /// <summary>
    /// Values as the front end prints them: text as sent, lists as [a, b], objects as {k=v}; at most
    /// <see cref="QuotedLength"/> code points, then "...".
    /// </summary>
    private static string Render(JsonElement value)
    {
        var text = new StringBuilder();
        var budget = QuotedLength;
        if (!RenderInto(value, text, ref budget))
        {
            text.Append(Cut);
        }

        return text.ToString();
    }

    private static bool RenderInto(JsonElement value, StringBuilder text, ref int budget)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return JsonText.AppendBounded(text, JsonText.Escaped(value), ref budget);
            case JsonValueKind.Array:
                if (!JsonText.AppendAscii(text, "["u8, ref budget))
                {
                    return false;
                }

                var first = true;
                foreach (var item in value.EnumerateArray())
                {
                    if ((!first && !JsonText.AppendAscii(text, ", "u8, ref budget)) || !RenderInto(item, text, ref budget))
                    {
                        return false;
                    }

                    first = false;
                }

                return JsonText.AppendAscii(text, "]"u8, ref budget);
            case JsonValueKind.Object:
                if (!JsonText.AppendAscii(text, "{"u8, ref budget))
                {
                    return false;
                }

                var firstProperty = true;
                foreach (var p in value.EnumerateObject())
                {
                    if ((!firstProperty && !JsonText.AppendAscii(text, ", "u8, ref budget))
                        || !JsonText.AppendBounded(text, JsonText.EscapedName(p), ref budget)
                        || !JsonText.AppendAscii(text, "="u8, ref budget)
                        || !RenderInto(p.Value, text, ref budget))
                    {
                        return false;
                    }

                    firstProperty = false;
                }

                return JsonText.AppendAscii(text, "}"u8, ref budget);
            default:
                // numbers, true, false, null: ASCII as sent
                return JsonText.AppendAscii(text, JsonMarshal.GetRawUtf8Value(value), ref budget);
        }
    }

    /// <summary>A value's JSON as sent, cut like a quoted value (numbers of a million digits exist).</summary>
    private static string RawPrefix(JsonElement value)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value);
        return raw.Length <= QuotedLength ? Encoding.UTF8.GetString(raw) : Encoding.UTF8.GetString(raw[..QuotedLength]) + Cut;
    }

    private static string Format(double bound) =>
        bound == Math.Floor(bound) && Math.Abs(bound) < 1e18
            ? ((long)bound).ToString(CultureInfo.InvariantCulture)
            : bound.ToString("R", CultureInfo.InvariantCulture);

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
