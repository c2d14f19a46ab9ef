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
        await using var spool = CreateSpool();
        if (!await SpoolBoundedAsync(http.Request.Body, http.Request.ContentLength, limit, spool, http.RequestAborted))
        {
            await ConnectEndpoint.WriteErrorAsync(http, 413, "RequestEntityTooLargeException",
                $"An import body may be at most {limit.ToString(CultureInfo.InvariantCulture)} bytes (--limits import-bytes=N).");
            return;
        }

        if (Import(spool, archive, out var imported, out _) is { } error)
        {
            await ConnectEndpoint.WriteErrorAsync(http, 400, "InvalidRequestException", error);
            return;
        }

        http.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(http.Response.Body);
        writer.WriteStartObject();
        writer.WriteNumber("imported", imported);
        writer.WriteEndObject();
    }

    /// <summary>
    /// [choice] Where an import waits to be read: a temporary file (deleted when it is closed), so that the body costs
    /// disk, never memory, and the store's write transaction is held only while a local file is read, not while a
    /// slow client sends.
    /// </summary>
    public static FileStream CreateSpool() =>
        new(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"connectlocal-import-{Guid.NewGuid():N}.json"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    /// <summary>
    /// Copies the body into <paramref name="spool"/> as it streams and gives up as soon as it passes
    /// <paramref name="limit"/> (a declared length past it is refused before reading), so an oversized import costs
    /// at most the limit, on disk; false when too large.
    /// </summary>
    public static async Task<bool> SpoolBoundedAsync(Stream body, long? declared, long limit, Stream spool, CancellationToken cancel)
    {
        if (declared > limit)
        {
            return false;
        }

        var chunk = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(chunk, cancel)) > 0)
        {
            total += read;
            if (total > limit)
            {
                return false;
            }

            await spool.WriteAsync(chunk.AsMemory(0, read), cancel);
        }

        await spool.FlushAsync(cancel);
        return true;
    }

    /// <summary>
    /// Imports the export in <paramref name="export"/> (a seekable stream, read twice, one record at a time): a first
    /// pass checks every record and the document, and only when nothing is wrong a second pass stores the records
    /// in one transaction (checking them again; anything different rolls it back). Answers what is wrong, or null.
    /// </summary>
    public static string? Import(Stream export, IStoreArchive archive, out int imported, out IReadOnlyList<string>? accounts)
    {
        imported = 0;
        export.Position = 0;
        var check = new ExportScan();
        accounts = null;
        if (check.CheckAll(export) is { } error)
        {
            return error;
        }

        accounts = check.Accounts;
        export.Position = 0;
        imported = archive.Import(Again(new ExportScan(), export, check), check.Secrets, check.Accounts);
        return null;
    }

    /// <summary>The records of the second pass; throws (rolling the import back) when they are not what the first pass read.</summary>
    private static IEnumerable<StoredRecord> Again(ExportScan scan, Stream export, ExportScan first)
    {
        foreach (var record in scan.Records(export))
        {
            yield return record;
        }

        if (scan.Error is not null || scan.Count != first.Count
            || (scan.Accounts is null) != (first.Accounts is null) || !(scan.Accounts ?? []).SequenceEqual(first.Accounts ?? []))
        {
            throw new InvalidDataException($"the export changed while it was imported: {scan.Error ?? "its records differ"}");
        }
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
}
