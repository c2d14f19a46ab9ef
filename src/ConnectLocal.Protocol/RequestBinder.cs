using System.Buffers;
using System.Globalization;
using System.Text.Json;
using ConnectLocal.Model.Metadata;

namespace ConnectLocal.Protocol;

/// <summary>Thrown while binding or validating when the input cannot even be read as the model's types.</summary>
internal sealed class SerializationFailure(string message) : Exception(message);

/// <summary>
/// Gathers every input member into one JSON object named by member: path labels, query values and headers are
/// converted to their JSON types, body members are copied (the last of duplicate keys wins, as deserialization
/// would have it). Validation and deserialization then see one document.
/// </summary>
internal static class RequestBinder
{
    public static JsonDocument Bind(
        OperationDescriptor operation,
        KeyValuePair<string, string>[] labels,
        ReadOnlySpan<char> rawQuery,
        Func<string, string?> header,
        ReadOnlyMemory<byte> body,
        int maxDepth = 64)
    {
        var query = ParseQuery(rawQuery);
        var buffer = new ArrayBufferWriter<byte>(body.Length + 256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            var hasBody = false;
            foreach (var member in operation.Input.Members)
            {
                switch (member.Location)
                {
                    case MemberLocation.Uri:
                        foreach (var label in labels)
                        {
                            if (label.Key == member.LocationName)
                            {
                                WriteScalar(writer, member, label.Value, "the path");
                            }
                        }

                        break;
                    case MemberLocation.Query:
                        WriteQueryMember(writer, member, query);
                        break;
                    case MemberLocation.Header:
                        var value = header(member.LocationName!);
                        if (value is not null)
                        {
                            WriteScalar(writer, member, value, "header " + member.LocationName);
                        }

                        break;
                    default:
                        hasBody = true;
                        break;
                }
            }

            if (hasBody)
            {
                CopyBodyMembers(writer, operation.Input, body, maxDepth);
            }

            writer.WriteEndObject();
        }

        // The gathered document nests one level deeper than the body it copies.
        return JsonDocument.Parse(buffer.WrittenMemory, new JsonDocumentOptions { MaxDepth = maxDepth + 1 });
    }

    private static void CopyBodyMembers(Utf8JsonWriter writer, ShapeDescriptor input, ReadOnlyMemory<byte> body, int maxDepth)
    {
        if (IsBlank(body.Span))
        {
            return;
        }

        if (!System.Text.Unicode.Utf8.IsValid(body.Span))
        {
            // JsonDocument checks UTF-8 only where it looks; text inside strings would be patched with U+FFFD.
            throw new SerializationFailure(ProtocolErrors.NotJson("it is not valid UTF-8."));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = maxDepth });
        }
        catch (JsonException e)
        {
            throw new SerializationFailure(ProtocolErrors.NotJson(FirstSentence(e.Message)));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new SerializationFailure(ProtocolErrors.NotAnObject);
            }

            // Reading names and re-writing values unescapes them; an escaped lone surrogate fails there.
            try
            {
                var last = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    last[property.Name] = property.Value;
                }

                foreach (var member in input.Members)
                {
                    if (member.Location == MemberLocation.Body && last.TryGetValue(member.Name, out var value))
                    {
                        writer.WritePropertyName(member.Name);
                        value.WriteTo(writer);
                    }
                }
            }
            catch (InvalidOperationException)
            {
                throw new SerializationFailure(ProtocolErrors.NotJson(ProtocolErrors.LoneSurrogate));
            }
        }
    }

    private static void WriteQueryMember(Utf8JsonWriter writer, MemberDescriptor member, List<KeyValuePair<string, string>> query)
    {
        if (member.Target.Kind == ShapeKind.List)
        {
            var any = false;
            foreach (var (key, value) in query)
            {
                if (key != member.LocationName)
                {
                    continue;
                }

                if (!any)
                {
                    writer.WriteStartArray(member.Name);
                    any = true;
                }

                WriteScalarValue(writer, member.Target.ListMember!, value, "query parameter " + key);
            }

            if (any)
            {
                writer.WriteEndArray();
            }

            return;
        }

        foreach (var (key, value) in query)
        {
            if (key == member.LocationName)
            {
                WriteScalar(writer, member, value, "query parameter " + key);
                return;
            }
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, MemberDescriptor member, string value, string where)
    {
        writer.WritePropertyName(member.Name);
        WriteScalarValue(writer, member.Target, value, where);
    }

    private static void WriteScalarValue(Utf8JsonWriter writer, ShapeDescriptor shape, string value, string where)
    {
        switch (shape.Kind)
        {
            case ShapeKind.String:
                writer.WriteStringValue(value);
                break;
            case ShapeKind.Integer or ShapeKind.Long:
                if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                {
                    throw new SerializationFailure(ProtocolErrors.BadScalar(where, "an integer", value));
                }

                writer.WriteNumberValue(integer);
                break;
            case ShapeKind.Float or ShapeKind.Double:
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
                {
                    throw new SerializationFailure(ProtocolErrors.BadScalar(where, "a number", value));
                }

                writer.WriteNumberValue(number);
                break;
            case ShapeKind.Boolean:
                writer.WriteBooleanValue(value switch
                {
                    "true" => true,
                    "false" => false,
                    _ => throw new SerializationFailure(ProtocolErrors.BadScalar(where, "a boolean", value)),
                });
                break;
            case ShapeKind.Timestamp:
                // Headers carry HTTP dates by default; epoch seconds and ISO 8601 are accepted as well.
                if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var epoch) && double.IsFinite(epoch))
                {
                    writer.WriteNumberValue(epoch);
                }
                else if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
                {
                    writer.WriteNumberValue(date.ToUnixTimeMilliseconds() / 1000m);
                }
                else
                {
                    throw new SerializationFailure(ProtocolErrors.BadScalar(where, "a timestamp", value));
                }

                break;
            default:
                throw new SerializationFailure(ProtocolErrors.BadScalar(where, shape.Kind.ToString(), value));
        }
    }

    private static List<KeyValuePair<string, string>> ParseQuery(ReadOnlySpan<char> raw)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var range in raw.Split('&'))
        {
            var pair = raw[range];
            if (pair.IsEmpty)
            {
                continue;
            }

            var eq = pair.IndexOf('=');
            var rawKey = eq < 0 ? pair : pair[..eq];
            var rawValue = eq < 0 ? [] : pair[(eq + 1)..];
            if (!PercentDecoding.TryDecode(rawKey, out var key) || !PercentDecoding.TryDecode(rawValue, out var value))
            {
                throw new SerializationFailure(ProtocolErrors.BadEncoding("query string"));
            }

            result.Add(new(key, value));
        }

        return result;
    }

    private static bool IsBlank(ReadOnlySpan<byte> body)
    {
        foreach (var b in body)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }

    private static string FirstSentence(string message)
    {
        var dot = message.IndexOf(". ", StringComparison.Ordinal);
        return dot < 0 ? message : message[..(dot + 1)];
    }
}
