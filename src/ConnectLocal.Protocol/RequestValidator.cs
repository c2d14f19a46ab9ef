using System.Globalization;
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

    /// <returns>The violations, in model member order; empty when the request is valid.</returns>
    public static List<string> Validate(ShapeDescriptor input, JsonElement root)
    {
        var violations = new List<string>();
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

    private static void ValidateStructure(ShapeDescriptor shape, JsonElement value, string path, List<string> violations)
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
                && child.GetString()!.Length == 0 && member.Target.MinLength is null)
            {
                // restJson1 path labels are never empty, whether or not the shape sets a minimum length.
                violations.Add($"Value '' at '{memberPath}' failed to satisfy constraint: Member must have length greater than or equal to 1");
                continue;
            }

            ValidateValue(member.Target, child, memberPath, violations);
        }

        if (shape.IsUnion && set != 1)
        {
            violations.Add(Violation(shape, value, path, "Member must have exactly one member set"));
        }
    }

    private static void ValidateValue(ShapeDescriptor shape, JsonElement value, string path, List<string> violations)
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
                ValidateString(shape, value, value.GetString()!, path, violations);
                break;
            case ShapeKind.Integer:
                Expect(value, JsonValueKind.Number, "an integer", path);
                if (!value.TryGetInt32(out var i32))
                {
                    throw new SerializationFailure(ProtocolErrors.WrongType(path, "a 32-bit integer", value.GetRawText()));
                }

                CheckRange(shape, value, i32, path, violations);
                break;
            case ShapeKind.Long:
                Expect(value, JsonValueKind.Number, "an integer", path);
                if (!value.TryGetInt64(out var i64))
                {
                    throw new SerializationFailure(ProtocolErrors.WrongType(path, "a 64-bit integer", value.GetRawText()));
                }

                CheckRange(shape, value, i64, path, violations);
                break;
            case ShapeKind.Float or ShapeKind.Double:
                Expect(value, JsonValueKind.Number, "a number", path);
                if (!value.TryGetDouble(out var d) || !double.IsFinite(d)
                    || (shape.Kind == ShapeKind.Float && !float.IsFinite((float)d)))
                {
                    throw new SerializationFailure(ProtocolErrors.WrongType(path, "a finite number", value.GetRawText()));
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

    private static void ValidateMap(ShapeDescriptor shape, JsonElement value, string path, List<string> violations)
    {
        Expect(value, JsonValueKind.Object, "an object", path);
        var count = 0;
        var keyProblems = new List<string>();
        var valueProblems = new List<string>();
        foreach (var property in value.EnumerateObject())
        {
            count++;
            ConstraintsOf(shape.MapKey!, property.Name, keyProblems);
            var entry = property.Value;
            if (entry.ValueKind == JsonValueKind.Null)
            {
                valueProblems.Add("Member must not be null");
            }
            else if (shape.MapValue!.Kind == ShapeKind.String)
            {
                Expect(entry, JsonValueKind.String, "a string", $"{path}.{property.Name}");
                ConstraintsOf(shape.MapValue, entry.GetString()!, valueProblems);
            }
            else
            {
                ValidateValue(shape.MapValue, entry, $"{path}.{property.Name}", violations);
            }
        }

        CheckLength(shape, value, count, path, violations);
        if (keyProblems.Count > 0)
        {
            violations.Add(Violation(shape, value, path, $"Map keys must satisfy constraint: [{string.Join(", ", keyProblems.Distinct())}]"));
        }

        if (valueProblems.Count > 0)
        {
            violations.Add(Violation(shape, value, path, $"Map value must satisfy constraint: [{string.Join(", ", valueProblems.Distinct())}]"));
        }
    }

    private static void ValidateString(ShapeDescriptor shape, JsonElement value, string text, string path, List<string> violations)
    {
        var problems = new List<string>(1);
        ConstraintsOf(shape, text, problems);
        foreach (var problem in problems)
        {
            violations.Add(Violation(shape, value, path, problem));
        }
    }

    /// <summary>The constraint texts a string value fails: enum, length (in code points), pattern.</summary>
    private static void ConstraintsOf(ShapeDescriptor shape, string text, List<string> problems)
    {
        if (shape.EnumValues is { } values && !values.Contains(text))
        {
            problems.Add($"Member must satisfy enum value set: [{string.Join(", ", values)}]");
        }

        if (shape.MinLength is not null || shape.MaxLength is not null)
        {
            var length = CodePoints(text);
            if (length < shape.MinLength)
            {
                problems.Add($"Member must have length greater than or equal to {shape.MinLength}");
            }

            if (length > shape.MaxLength)
            {
                problems.Add($"Member must have length less than or equal to {shape.MaxLength}");
            }
        }

        if (shape.Pattern is { } pattern && !Matches(pattern, text))
        {
            problems.Add($"Member must satisfy regular expression pattern: {shape.PatternAsModelled}");
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
            if (!DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
            {
                throw new SerializationFailure(ProtocolErrors.WrongType(path, "an ISO 8601 timestamp", value.GetRawText()));
            }

            return;
        }

        Expect(value, JsonValueKind.Number, "a timestamp in epoch seconds", path);
        // DateTimeOffset covers years 1 to 9999; outside that no client sends a real timestamp.
        if (!value.TryGetDouble(out var seconds) || seconds is < -62135596800d or > 253402300799d)
        {
            throw new SerializationFailure(ProtocolErrors.WrongType(path, "a timestamp in epoch seconds", value.GetRawText()));
        }
    }

    private static void CheckLength(ShapeDescriptor shape, JsonElement value, int length, string path, List<string> violations)
    {
        if (length < shape.MinLength)
        {
            violations.Add(Violation(shape, value, path, $"Member must have length greater than or equal to {shape.MinLength}"));
        }

        if (length > shape.MaxLength)
        {
            violations.Add(Violation(shape, value, path, $"Member must have length less than or equal to {shape.MaxLength}"));
        }
    }

    private static void CheckRange(ShapeDescriptor shape, JsonElement value, double number, string path, List<string> violations)
    {
        if (number < shape.MinValue)
        {
            violations.Add(Violation(shape, value, path, $"Member must have value greater than or equal to {Format(shape.MinValue.Value)}"));
        }

        if (number > shape.MaxValue)
        {
            violations.Add(Violation(shape, value, path, $"Member must have value less than or equal to {Format(shape.MaxValue.Value)}"));
        }
    }

    private static void Expect(JsonElement value, JsonValueKind kind, string expected, string path)
    {
        if (value.ValueKind != kind)
        {
            throw new SerializationFailure(ProtocolErrors.WrongType(path, expected, Describe(value.ValueKind)));
        }
    }

    private static string Violation(ShapeDescriptor shape, JsonElement value, string path, string constraint) =>
        $"Value '{(shape.Sensitive ? Redacted : Render(value))}' at '{path}' failed to satisfy constraint: {constraint}";

    /// <summary>Values as the front end prints them: text as sent, lists as [a, b], objects as {k=v}.</summary>
    private static string Render(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString()!;
            case JsonValueKind.Array:
                return "[" + string.Join(", ", value.EnumerateArray().Select(Render)) + "]";
            case JsonValueKind.Object:
                var sb = new StringBuilder("{");
                foreach (var p in value.EnumerateObject())
                {
                    if (sb.Length > 1)
                    {
                        sb.Append(", ");
                    }

                    sb.Append(p.Name).Append('=').Append(Render(p.Value));
                }

                return sb.Append('}').ToString();
            default:
                return value.GetRawText();
        }
    }

    private static string Format(double bound) =>
        bound == Math.Floor(bound) && Math.Abs(bound) < 1e18
            ? ((long)bound).ToString(CultureInfo.InvariantCulture)
            : bound.ToString("R", CultureInfo.InvariantCulture);

    private static int CodePoints(string text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }

            count++;
        }

        return count;
    }

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
