using System.Text.Json;

namespace ConnectLocal.CodeGen;

internal sealed record Member(
    string Name,
    string Target,
    bool Required,
    string? Location,
    string? LocationName,
    bool IdempotencyToken);

internal sealed record Shape(string Name, string Type)
{
    public List<Member> Members { get; } = [];

    public string? ListMember { get; set; }

    public string? MapKey { get; set; }

    public string? MapValue { get; set; }

    public decimal? Min { get; set; }

    public decimal? Max { get; set; }

    public string? Pattern { get; set; }

    public List<string>? Enum { get; set; }

    public bool Sensitive { get; set; }

    public bool Union { get; set; }

    public int? ErrorStatus { get; set; }

    public string? TimestampFormat { get; set; }
}

internal sealed record Operation(
    string Name,
    string Method,
    string RequestUri,
    string Input,
    string? Output,
    List<string> Errors);

/// <summary>The parts of a botocore service-2.json the generator uses (documentation keys are ignored).</summary>
internal sealed class ServiceModel
{
    public SortedDictionary<string, Shape> Shapes { get; } = new(StringComparer.Ordinal);

    public List<Operation> Operations { get; } = [];

    public static ServiceModel Read(JsonElement root, params JsonElement[] overlays)
    {
        var model = new ServiceModel();
        model.Add(root, overlay: false);
        foreach (var overlay in overlays)
        {
            model.Add(overlay, overlay: true);
        }

        model.Operations.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return model;
    }

    /// <summary>
    /// Adds the shapes and operations of a model, or of an overlay (model/overlays: operations newer than the pinned
    /// model). An overlay may only add: a name the model already has is an error, so a newer pinned model that
    /// includes the overlay's operations shows that the overlay is to be removed.
    /// </summary>
    private void Add(JsonElement root, bool overlay)
    {
        foreach (var property in root.GetProperty("shapes").EnumerateObject())
        {
            if (overlay && Shapes.ContainsKey(property.Name))
            {
                throw new InvalidOperationException($"The overlay's shape {property.Name} is already in the model: remove it from the overlay.");
            }

            Shapes[property.Name] = ReadShape(property.Name, property.Value);
        }

        foreach (var property in root.GetProperty("operations").EnumerateObject())
        {
            if (overlay && Operations.Exists(o => o.Name == property.Name))
            {
                throw new InvalidOperationException($"The overlay's operation {property.Name} is already in the model: remove the overlay.");
            }

            var op = property.Value;
            var http = op.GetProperty("http");
            var errors = op.TryGetProperty("errors", out var errs)
                ? errs.EnumerateArray().Select(e => e.GetProperty("shape").GetString()!).ToList()
                : [];
            Operations.Add(new Operation(
                property.Name,
                http.GetProperty("method").GetString()!,
                http.GetProperty("requestUri").GetString()!,
                op.GetProperty("input").GetProperty("shape").GetString()!,
                op.TryGetProperty("output", out var output) ? output.GetProperty("shape").GetString() : null,
                errors));
        }
    }

    private static Shape ReadShape(string name, JsonElement json)
    {
        var shape = new Shape(name, json.GetProperty("type").GetString()!);
        var required = json.TryGetProperty("required", out var req)
            ? req.EnumerateArray().Select(r => r.GetString()!).ToHashSet(StringComparer.Ordinal)
            : [];
        if (json.TryGetProperty("members", out var members))
        {
            foreach (var m in members.EnumerateObject())
            {
                shape.Members.Add(new Member(
                    m.Name,
                    m.Value.GetProperty("shape").GetString()!,
                    required.Contains(m.Name),
                    m.Value.TryGetProperty("location", out var loc) ? loc.GetString() : null,
                    m.Value.TryGetProperty("locationName", out var ln) ? ln.GetString() : null,
                    m.Value.TryGetProperty("idempotencyToken", out var it) && it.GetBoolean()));
            }
        }

        if (json.TryGetProperty("member", out var listMember))
        {
            shape.ListMember = listMember.GetProperty("shape").GetString();
        }

        if (json.TryGetProperty("key", out var key))
        {
            shape.MapKey = key.GetProperty("shape").GetString();
        }

        if (json.TryGetProperty("value", out var value))
        {
            shape.MapValue = value.GetProperty("shape").GetString();
        }

        if (json.TryGetProperty("min", out var min))
        {
            shape.Min = min.GetDecimal();
        }

        if (json.TryGetProperty("max", out var max))
        {
            shape.Max = max.GetDecimal();
        }

        if (json.TryGetProperty("pattern", out var pattern))
        {
            shape.Pattern = pattern.GetString();
        }

        if (json.TryGetProperty("enum", out var values))
        {
            shape.Enum = values.EnumerateArray().Select(v => v.GetString()!).ToList();
        }

        shape.Sensitive = json.TryGetProperty("sensitive", out var s) && s.GetBoolean();
        shape.Union = json.TryGetProperty("union", out var u) && u.GetBoolean();
        if (json.TryGetProperty("error", out var error) && error.TryGetProperty("httpStatusCode", out var status))
        {
            shape.ErrorStatus = status.GetInt32();
        }

        if (json.TryGetProperty("timestampFormat", out var tf))
        {
            shape.TimestampFormat = tf.GetString();
        }

        return shape;
    }
}
