using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace ConnectLocal.Server.Handlers.Declared;

/// <summary>
/// Domain records and model shapes meet by member name: a record's properties are named as the model names the
/// members it stores (Name, Description, QuickConnectConfig, …), so one generic mapping serves every declared type.
/// Out: the record as JSON, projected onto the output shape (only the shape's members, timestamps as the shape
/// wants them). In: the request's members as JSON, read into the record.
/// </summary>
internal static class ShapeJson
{
    // Nulls left out, timestamps as epoch seconds; the JSON is generated at build time (DeclaredJsonContext), the same in
    // every build, the native executable's included.
    internal static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Converters = { new EpochSecondsConverter() },
        TypeInfoResolver = DeclaredJsonContext.Default,
    };

    public static JsonObject ToNode<T>(T value) => (JsonObject)JsonSerializer.SerializeToNode(value, TypeInfo<T>())!;

    /// <summary>
    /// A resource as the structure <paramref name="shape"/> shows it: its record, with the id and ARN also under the
    /// names the shape gives them ({Shape}Id, {Shape}Arn or {Shape}ARN, e.g. QuickConnectId, QuickConnectARN).
    /// </summary>
    public static JsonObject Resource<T>(T resource, ShapeDescriptor shape)
    {
        var node = ToNode(resource);
        foreach (var member in shape.Members)
        {
            if (node[member.Name] is null && member.Name.StartsWith(shape.Name, StringComparison.Ordinal))
            {
                var suffix = member.Name[shape.Name.Length..];
                node[member.Name] = suffix == "Id" ? node["Id"]?.DeepClone() : suffix is "Arn" or "ARN" ? node["Arn"]?.DeepClone() : null;
            }
        }

        return node;
    }

    public static T FromNode<T>(JsonNode node) => node.Deserialize(TypeInfo<T>()) ?? throw new JsonException($"{typeof(T).Name} is null");

    public static T? FromElement<T>(JsonElement element)
        where T : class => element.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? null : element.Deserialize(TypeInfo<T>());

    private static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    /// <summary>An output shape's JSON: <paramref name="members"/> written as the shape's members, nothing else.</summary>
    public static byte[] Write(ShapeDescriptor? shape, JsonObject members)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (shape is null)
            {
                writer.WriteStartObject();
                writer.WriteEndObject();
            }
            else
            {
                Write(writer, members, shape);
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, JsonNode node, ShapeDescriptor shape)
    {
        switch (shape.Kind)
        {
            case ShapeKind.Structure:
                writer.WriteStartObject();
                foreach (var member in shape.Members)
                {
                    if (node is JsonObject o && o[member.Name] is { } value && !IsEmptyMap(value, member.Target))
                    {
                        writer.WritePropertyName(member.Name);
                        Write(writer, value, member.Target);
                    }
                }

                writer.WriteEndObject();
                break;
            case ShapeKind.List:
                writer.WriteStartArray();
                foreach (var item in node.AsArray())
                {
                    if (item is not null)
                    {
                        Write(writer, item, shape.ListMember!);
                    }
                }

                writer.WriteEndArray();
                break;
            case ShapeKind.Map:
                writer.WriteStartObject();
                foreach (var (key, value) in node.AsObject())
                {
                    if (value is not null)
                    {
                        writer.WritePropertyName(key);
                        Write(writer, value, shape.MapValue!);
                    }
                }

                writer.WriteEndObject();
                break;
            case ShapeKind.Timestamp when shape.Iso8601:
                new Iso8601TimestampConverter().Write(writer, DateTimeOffset.FromUnixTimeMilliseconds((long)(node.GetValue<decimal>() * 1000)), Options);
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    // [choice] As every hand-written handler does, a resource without tags answers without a Tags member.
    private static bool IsEmptyMap(JsonNode value, ShapeDescriptor shape) => shape.Kind == ShapeKind.Map && value is JsonObject { Count: 0 };
}
