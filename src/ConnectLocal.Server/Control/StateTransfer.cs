using System.Globalization;
using System.Text.Json;
using ConnectLocal.Core.Ports;
using ConnectLocal.Protocol;
using ConnectLocal.Server.Options;
using ConnectLocal.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConnectLocal.Server.Control;

/// <summary>
/// Export and import of stored state (docs/storage.md): the document, and the control API's
/// <c>GET /_connectlocal/state</c>
/// (query <c>account</c>, and for a partial debug read also <c>region</c>, <c>kind</c>, <c>parent</c>, <c>id</c>)
/// and <c>POST /_connectlocal/state</c> with an export as the body (the command line's <c>connectlocal export</c> and
/// <c>import</c> are <see cref="CommandLine.TransferCommands"/>).
/// The document holds every stored record with its key, version and JSON data, so an import into an empty store
/// answers every Describe*/List* exactly as the exported one did. [choice] A whole-store export also carries the
/// store's secrets (the page-token key), so NextToken values stay the same; an account export does not. [choice]
/// Import replaces: the whole store for a whole-store export, only the listed accounts for an account export.
/// </summary>
internal static class StateTransfer
{
    public const string Path = ControlApi.Prefix + "/state";
    public const string Format = "connectlocal-state";
    public const int FormatVersion = 1;

    public static RouteGroupBuilder MapStateTransfer(this RouteGroupBuilder control)
    {
        control.MapGet("/state", ExportAsync);
        control.MapPost("/state", ImportAsync);
        // Any other method on the same path: ordered after the two above, so that they win for GET and POST.
        control.Map("/state", http => ConnectEndpoint.WriteErrorAsync(http, 405, "InvalidRequestException", $"{Path} answers GET (export) and POST (import)."))
            .WithOrder(1);
        return control;
    }

    private static async Task ExportAsync(HttpContext http)
    {
        var archive = http.RequestServices.GetRequiredService<IStoreArchive>();
        var query = http.Request.Query;
        string? Q(string key) => query.TryGetValue(key, out var v) && !string.IsNullOrEmpty(v.ToString()) ? v.ToString() : null;
        var filter = new RecordFilter(Q("account"), Q("region"), Q("kind"), Q("parent"), Q("id"));
        var partial = filter with { AccountId = null } != RecordFilter.Everything;
        var snapshot = archive.Export(filter, withSecrets: filter == RecordFilter.Everything);
        http.Response.ContentType = "application/json";
        await WriteAsync(http.Response.Body, snapshot, filter.AccountId is { } a ? [a] : null, partial);
    }

    private static async Task ImportAsync(HttpContext http)
    {
        var archive = http.RequestServices.GetRequiredService<IStoreArchive>();
        var limit = http.RequestServices.GetRequiredService<ServerOptions>().Limits.ImportBytes;
        if (await ReadBoundedAsync(http.Request.Body, http.Request.ContentLength, limit, http.RequestAborted) is not { } body)
        {
            await ConnectEndpoint.WriteErrorAsync(http, 413, "RequestEntityTooLargeException",
                $"An import body may be at most {limit.ToString(CultureInfo.InvariantCulture)} bytes (--limits import-bytes=N).");
            return;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            await ConnectEndpoint.WriteErrorAsync(http, 400, "InvalidRequestException", $"The body is not a ConnectLocal export: {e.Message}");
            return;
        }

        using (document)
        {
            if (Parse(document.RootElement, out var accounts, out var error) is not { } snapshot)
            {
                await ConnectEndpoint.WriteErrorAsync(http, 400, "InvalidRequestException", error!);
                return;
            }

            archive.Import(snapshot, accounts);
            http.Response.ContentType = "application/json";
            await using var writer = new Utf8JsonWriter(http.Response.Body);
            writer.WriteStartObject();
            writer.WriteNumber("imported", snapshot.Records.Count);
            writer.WriteEndObject();
        }
    }

    /// <summary>
    /// The body, read as it streams and given up on as soon as it passes <paramref name="limit"/> (a declared length
    /// past it is refused before reading), so an oversized import costs at most the limit; null when too large.
    /// </summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadBoundedAsync(Stream body, long? declared, long limit, CancellationToken cancel)
    {
        if (declared > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancel)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public static async Task WriteAsync(Stream output, StoreSnapshot snapshot, IReadOnlyList<string>? accounts, bool partial)
    {
        await using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("format", Format);
        w.WriteNumber("formatVersion", FormatVersion);
        w.WriteString("exportedAt", DateTimeOffset.UtcNow);
        if (accounts is null)
        {
            w.WriteNull("accounts");
        }
        else
        {
            w.WriteStartArray("accounts");
            foreach (var account in accounts)
            {
                w.WriteStringValue(account);
            }

            w.WriteEndArray();
        }

        if (partial)
        {
            // [choice] A debug read of some records; importing it would replace whole accounts with a part of them.
            w.WriteBoolean("partial", true);
        }

        w.WriteStartObject("secrets");
        foreach (var (name, value) in snapshot.Secrets)
        {
            w.WriteBase64String(name, value);
        }

        w.WriteEndObject();
        w.WriteStartArray("resources");
        foreach (var r in snapshot.Records)
        {
            w.WriteStartObject();
            w.WriteString("account", r.AccountId);
            w.WriteString("region", r.Region);
            w.WriteString("kind", r.Kind);
            w.WriteString("parent", r.Parent);
            w.WriteString("id", r.Id);
            if (r.Name is null)
            {
                w.WriteNull("name");
            }
            else
            {
                w.WriteString("name", r.Name);
            }

            w.WriteNumber("version", r.Version);
            w.WritePropertyName("data");
            using (var data = JsonDocument.Parse(r.Data))
            {
                data.RootElement.WriteTo(w);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static bool IsAccountId(string account) => account.Length == 12 && account.All(char.IsAsciiDigit);

    private static string Compact(JsonElement element)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            element.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads an export; returns null and says what is wrong when it is not one that can be imported.</summary>
    public static StoreSnapshot? Parse(JsonElement root, out IReadOnlyList<string>? accounts, out string? error)
    {
        accounts = null;
        error = null;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != Format)
        {
            error = $"not a ConnectLocal export (\"format\": \"{Format}\" is missing)";
            return null;
        }

        if (!root.TryGetProperty("formatVersion", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v) || v is < 1 or > FormatVersion)
        {
            error = $"the export's formatVersion is missing or newer than {FormatVersion}; upgrade ConnectLocal";
            return null;
        }

        if (root.TryGetProperty("partial", out var partial) && partial.ValueKind == JsonValueKind.True)
        {
            error = "a partial export (filtered by region, kind, parent or id) cannot be imported; export a whole account or the whole store";
            return null;
        }

        if (root.TryGetProperty("accounts", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            var names = new List<string>();
            foreach (var a in list.EnumerateArray())
            {
                if (a.ValueKind != JsonValueKind.String)
                {
                    error = "\"accounts\" must be a list of account ids or null";
                    return null;
                }

                if (!IsAccountId(a.GetString()!))
                {
                    error = $"\"accounts\" lists '{a.GetString()}', which is not a 12-digit AWS account id";
                    return null;
                }

                names.Add(a.GetString()!);
            }

            accounts = names;
        }
        else if (!root.TryGetProperty("accounts", out var none) || none.ValueKind != JsonValueKind.Null)
        {
            error = "\"accounts\" must be a list of account ids, or null for a whole-store export";
            return null;
        }

        var secrets = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (root.TryGetProperty("secrets", out var secretsElement) && secretsElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var s in secretsElement.EnumerateObject())
            {
                if (s.Value.ValueKind != JsonValueKind.String || !s.Value.TryGetBytesFromBase64(out var bytes))
                {
                    error = $"secret '{s.Name}' is not base64";
                    return null;
                }

                secrets[s.Name] = bytes;
            }
        }

        if (!root.TryGetProperty("resources", out var resources) || resources.ValueKind != JsonValueKind.Array)
        {
            error = "\"resources\" must be a list";
            return null;
        }

        var records = new List<StoredRecord>();
        var index = 0;
        foreach (var r in resources.EnumerateArray())
        {
            string? Text(string name) =>
                r.ValueKind == JsonValueKind.Object && r.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

            var (account, region, kind, parent, id) = (Text("account"), Text("region"), Text("kind"), Text("parent"), Text("id"));
            if (account is null || region is null || kind is null || parent is null || id is null
                || !r.TryGetProperty("version", out var ver) || !ver.TryGetInt64(out var recordVersion) || recordVersion < 1
                || !r.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                error = $"resources[{index.ToString(CultureInfo.InvariantCulture)}] needs account, region, kind, parent and id (strings), version (1 or more) and data (an object)";
                return null;
            }

            if (accounts is not null && !accounts.Contains(account))
            {
                error = $"resources[{index.ToString(CultureInfo.InvariantCulture)}] belongs to account {account}, which the export's \"accounts\" does not list";
                return null;
            }

            records.Add(new StoredRecord(account, region, kind, parent, id, Text("name"), recordVersion, Compact(data)));
            index++;
        }

        var duplicate = records.GroupBy(r => (r.AccountId, r.Region, r.Kind, r.Parent, r.Id)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            error = $"the resource {duplicate.Key} appears more than once";
            return null;
        }

        // Every record is checked before any is written: the kind, that its data reads back as that kind's record, its
        // id, its account (12 digits; the store's own "~system" records only in a whole-store export) and its Region.
        if (ImportCheck.Problem(records, wholeStore: accounts is null) is { } problem)
        {
            error = problem;
            return null;
        }

        return new StoreSnapshot(records, secrets);
    }
}
