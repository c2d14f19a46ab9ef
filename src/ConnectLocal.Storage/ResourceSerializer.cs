using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConnectLocal.Storage;

/// <summary>How resources are kept in a backend: one JSON document per resource, computed properties left out.</summary>
internal static class ResourceSerializer
{
    private static readonly JsonSerializerOptions Options = new()
    {
        IgnoreReadOnlyProperties = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize<T>(T resource) => JsonSerializer.Serialize(resource, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException($"stored {typeof(T).Name} is null");
}
