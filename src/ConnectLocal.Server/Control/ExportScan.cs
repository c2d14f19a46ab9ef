using System.Globalization;
using System.Text.Json;
using ConnectLocal.Core.Ports;
using ConnectLocal.Storage;

namespace ConnectLocal.Server.Control;

/// <summary>
/// Reads an export (the document of <see cref="StateTransfer"/>) record by record from a stream, checking each record
/// as it comes: memory holds one record at a time (and the keys seen, to find a record listed twice), never the
/// document. <see cref="Records"/> yields every checked record and stops at the first problem, setting
/// <see cref="Error"/>; <see cref="Accounts"/> and <see cref="Secrets"/> are known once the records have begun.
/// [choice] The header members (<c>format</c>, <c>formatVersion</c>, <c>accounts</c>, <c>partial</c>) must come
/// before <c>resources</c>, as an export writes them, so that each record can be checked when it is read.
/// </summary>
internal sealed class ExportScan
{
    // The keys seen, each as 128 bits of its SHA-256 (a record's key is five strings; keeping them would cost a few hundred
    // bytes a record). Two keys sharing 128 bits of SHA-256 do not occur by chance.
    private readonly HashSet<UInt128> _keys = [];
    private readonly Dictionary<string, byte[]> _secrets = new(StringComparer.Ordinal);
    private string? _format;
    private JsonValueKind _versionKind = JsonValueKind.Undefined;
    private int? _version;
    private bool _partial;
    private bool _accountsSeen;
    private string? _headerError;
    private bool _resourcesSeen;

    /// <summary>The accounts the export replaces; null for a whole-store export.</summary>
    public IReadOnlyList<string>? Accounts { get; private set; }

    /// <summary>The store's secrets (a whole-store export's page-token key), wherever in the document they are.</summary>
    public IReadOnlyDictionary<string, byte[]> Secrets => _secrets;

    /// <summary>What is wrong with the document, once <see cref="Records"/> has stopped early; null when nothing is.</summary>
    public string? Error { get; private set; }

    /// <summary>The records read and checked so far.</summary>
    public int Count { get; private set; }

    /// <summary>Reads the whole document and checks every record; the first problem, or null.</summary>
    public string? CheckAll(Stream input)
    {
        foreach (var _ in Records(input))
        {
        }

        return Error;
    }

    /// <summary>Each record of the document, checked; stops (with <see cref="Error"/> set) at the first problem.</summary>
    public IEnumerable<StoredRecord> Records(Stream input)
    {
        var reader = new JsonStreamReader(input);
        var root = Step(() => reader.Read() && reader.TokenType == JsonTokenType.StartObject);
        if (root != true)
        {
            Error ??= $"not a ConnectLocal export (\"format\": \"{StateTransfer.Format}\" is missing)";
            yield break;
        }

        while (true)
        {
            var more = Step(() => reader.Read() && reader.TokenType == JsonTokenType.PropertyName);
            if (more is null)
            {
                yield break;
            }

            if (more == false)
            {
                break;
            }

            var name = reader.Text!;
            if (name != "resources")
            {
                var value = Step(() => reader.ReadValue() is { } bytes && Header(name, bytes));
                if (value != true)
                {
                    Error ??= "the export ends early";
                    yield break;
                }

                continue;
            }

            if (_resourcesSeen)
            {
                Error = "\"resources\" appears more than once";
                yield break;
            }

            _resourcesSeen = true;
            if (HeaderProblem() is { } problem)
            {
                Error = problem;
                yield break;
            }

            if (Step(() => reader.Read() && reader.TokenType == JsonTokenType.StartArray) != true)
            {
                Error ??= "\"resources\" must be a list";
                yield break;
            }

            while (true)
            {
                StoredRecord? record = null;
                var next = Step(() =>
                {
                    if (reader.ReadValue() is not { } bytes)
                    {
                        Error = "the export ends early";
                        return false;
                    }

                    if (reader.TokenType == JsonTokenType.EndArray)
                    {
                        return false;
                    }

                    using var element = JsonDocument.Parse(bytes);
                    record = Record(element.RootElement, Count);
                    return record is not null;
                });
                if (next != true)
                {
                    if (Error is not null || next is null)
                    {
                        yield break;
                    }

                    break;
                }

                Count++;
                yield return record!;
            }
        }

        // Nothing may follow the document (the reader refuses anything but white space after it).
        if (Step(() => !reader.Read()) != true)
        {
            Error ??= "the export has more after its end";
            yield break;
        }

        if (!_resourcesSeen)
        {
            Error = HeaderProblem() ?? "\"resources\" must be a list";
        }
    }

    /// <summary>Runs one step of reading; a malformed document sets <see cref="Error"/> and answers null.</summary>
    private bool? Step(Func<bool> step)
    {
        try
        {
            return step();
        }
        catch (JsonException e)
        {
            Error = $"The body is not a ConnectLocal export: {e.Message}";
            return null;
        }
    }

    /// <summary>Takes one member of the document other than <c>resources</c>; false when its value is wrong.</summary>
    private bool Header(string name, ReadOnlyMemory<byte> bytes)
    {
        using var document = JsonDocument.Parse(bytes);
        var value = document.RootElement;
        switch (name)
        {
            case "format":
                _format = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                break;
            case "formatVersion":
                _versionKind = value.ValueKind;
                _version = value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var v) ? v : null;
                break;
            case "partial":
                _partial = value.ValueKind == JsonValueKind.True;
                break;
            case "accounts":
                _accountsSeen = true;
                Accounts = null;
                if (value.ValueKind == JsonValueKind.Array)
                {
                    var names = new List<string>();
                    foreach (var a in value.EnumerateArray())
                    {
                        if (a.ValueKind != JsonValueKind.String)
                        {
                            _headerError ??= "\"accounts\" must be a list of account ids or null";
                            return true;
                        }

                        if (!IsAccountId(a.GetString()!))
                        {
                            _headerError ??= $"\"accounts\" lists '{a.GetString()}', which is not a 12-digit AWS account id";
                            return true;
                        }

                        names.Add(a.GetString()!);
                    }

                    Accounts = names;
                }
                else if (value.ValueKind != JsonValueKind.Null)
                {
                    _headerError ??= "\"accounts\" must be a list of account ids, or null for a whole-store export";
                }

                break;
            case "secrets" when value.ValueKind == JsonValueKind.Object:
                foreach (var s in value.EnumerateObject())
                {
                    if (s.Value.ValueKind != JsonValueKind.String || !s.Value.TryGetBytesFromBase64(out var secret))
                    {
                        Error = $"secret '{s.Name}' is not base64";
                        return false;
                    }

                    _secrets[s.Name] = secret;
                }

                break;
        }

        return true;
    }

    /// <summary>What is wrong with the members read before <c>resources</c>, in the order they are checked.</summary>
    private string? HeaderProblem()
    {
        if (_format != StateTransfer.Format)
        {
            return $"not a ConnectLocal export (\"format\": \"{StateTransfer.Format}\" is missing, or comes after \"resources\")";
        }

        if (_versionKind != JsonValueKind.Number || _version is not { } v || v is < 1 or > StateTransfer.FormatVersion)
        {
            return $"the export's formatVersion is missing, not a number or newer than {StateTransfer.FormatVersion} (it must come before \"resources\"); upgrade ConnectLocal";
        }

        if (_partial)
        {
            return "a partial export (filtered by region, kind, parent or id) cannot be imported; export a whole account or the whole store";
        }

        if (_headerError is not null)
        {
            return _headerError;
        }

        return _accountsSeen ? null : "\"accounts\" must be a list of account ids, or null for a whole-store export, before \"resources\"";
    }

    /// <summary>One record, checked; null (with <see cref="Error"/> set) when it cannot be imported.</summary>
    private StoredRecord? Record(JsonElement r, int index)
    {
        string? Text(string name) =>
            r.ValueKind == JsonValueKind.Object && r.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

        var at = $"resources[{index.ToString(CultureInfo.InvariantCulture)}]";
        var (account, region, kind, parent, id) = (Text("account"), Text("region"), Text("kind"), Text("parent"), Text("id"));
        if (account is null || region is null || kind is null || parent is null || id is null
            || !r.TryGetProperty("version", out var ver) || !ver.TryGetInt64(out var recordVersion) || recordVersion < 1
            || !r.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            Error = $"{at} needs account, region, kind, parent and id (strings), version (1 or more) and data (an object)";
            return null;
        }

        if (Accounts is not null && !Accounts.Contains(account))
        {
            Error = $"{at} belongs to account {account}, which the export's \"accounts\" does not list";
            return null;
        }

        if (!_keys.Add(KeyHash(account, region, kind, parent, id)))
        {
            Error = $"the resource {(account, region, kind, parent, id)} appears more than once";
            return null;
        }

        var record = new StoredRecord(account, region, kind, parent, id, Text("name"), recordVersion, Compact(data));
        // The kind, that its data reads back as that kind's record, its id, its account (12 digits; the store's own
        // "~system" records only in a whole-store export) and its Region.
        if (ImportCheck.Problem(record, wholeStore: Accounts is null) is { } problem)
        {
            Error = $"{at} ({kind} {id}): {problem}";
            return null;
        }

        return record;
    }

    private static UInt128 KeyHash(params ReadOnlySpan<string> parts)
    {
        var text = string.Join('\0', parts.ToArray());
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text), hash);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(hash);
    }

    /// <summary>The data without the export's indentation, as the store keeps it.</summary>
    private static string Compact(JsonElement element)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            element.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static bool IsAccountId(string account) => account.Length == 12 && account.All(char.IsAsciiDigit);
}
