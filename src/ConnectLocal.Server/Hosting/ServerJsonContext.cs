using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConnectLocal.Server.Hosting;

/// <summary>
/// JSON the server writes of its own values, generated at build time (no reflection at run time, docs/install.md,
/// Native AOT): the simulator's operation inputs — dictionaries whose values are strings, numbers, flags, string
/// arrays, JSON taken from the scenario and further such dictionaries — and the dashboard's live feed text.
/// </summary>
[JsonSerializable(typeof(Dictionary<string, object?>))]
[JsonSerializable(typeof(List<Dictionary<string, object?>>))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(int))]
internal sealed partial class ServerJsonContext : JsonSerializerContext;
