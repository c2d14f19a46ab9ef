using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ConnectLocal.Core.Ports;
using ConnectLocal.Core.Resources;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Security;

/// <summary>A server of its own for the import-memory test, so no other test's requests share its heap meanwhile.</summary>
public sealed class ImportMemoryServer() : ConnectLocalServer(options => options);

/// <summary>
/// issue 13: an import body was read whole into memory (300 MiB accepted: 117 → 933 MiB). It is now read as it
/// streams: a large import costs the server a few records' worth of memory and its fixed buffers, not the body
/// (measured: 3–6 MiB of live heap above the baseline for a 43 MiB body, flat from start to end). The heap counter
/// is the whole process's, so this runs alone (<see cref="AllocationMeasured"/>).
/// </summary>
[Collection(nameof(AllocationMeasured))]
public sealed class ImportMemoryTests(ImportMemoryServer server) : IClassFixture<ImportMemoryServer>
{
    private const string Account = "222222222222";

    [Fact]
    public async Task A_40_MiB_import_keeps_the_peak_live_heap_under_a_quarter_of_its_size()
    {
        var export = new GeneratedExport(Account, records: 16_000, padding: 2_400);
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = baseline;
        using var done = new CancellationTokenSource();
        // Live heap (each sample after a full collection), not allocations: garbage collected on the way is no cost.
        var sampler = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
                await Task.Delay(10);
            }
        });

        var response = await server.SendAsync("POST", "/_connectlocal/state", export);
        await done.CancelAsync();
        await sampler;

        Assert.True(response.Status == 200, response.ToString());
        Assert.Equal(16_000, JsonDocument.Parse(response.Body).RootElement.GetProperty("imported").GetInt32());
        Assert.True(export.Bytes > 40L * 1024 * 1024, $"{export.Bytes:N0} bytes sent");
        var grown = peak - baseline;
        Assert.True(grown < export.Bytes / 4, $"peak managed heap grew by {grown / (1024 * 1024)} MiB during an import of {export.Bytes / (1024 * 1024)} MiB");

        var stored = server.GetRequiredService<IStoreArchive>().Export(new RecordFilter(AccountId: Account), withSecrets: false).Records;
        Assert.Equal(16_000, stored.Count);
    }

    /// <summary>An account export of <c>records</c> instances, written as it is sent (chunked), never held whole.</summary>
    private sealed class GeneratedExport : HttpContent
    {
        private readonly string _account;
        private readonly int _records;
        private readonly string _padding;

        public GeneratedExport(string account, int records, int padding)
        {
            (_account, _records, _padding) = (account, records, new string('p', padding));
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        /// <summary>The bytes sent so far.</summary>
        public long Bytes { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await WriteAsync(stream, $$"""{"format": "connectlocal-state", "formatVersion": 1, "accounts": ["{{_account}}"], "resources": [""");
            var chunk = new StringBuilder();
            for (var i = 0; i < _records; i++)
            {
                var id = $"{i:D8}-0000-4000-8000-000000000000";
                var instance = new Instance
                {
                    Id = id, AccountId = _account, Region = "us-east-1", IdentityManagementType = "CONNECT_MANAGED",
                    CreatedTime = DateTimeOffset.UnixEpoch, Status = "ACTIVE", InboundCallsEnabled = true, OutboundCallsEnabled = true,
                    Tags = new Dictionary<string, string> { ["padding"] = _padding },
                };
                chunk.Append(i == 0 ? "" : ",\n")
                    .Append($$"""{"account": "{{_account}}", "region": "us-east-1", "kind": "instance", "parent": "", "id": "{{id}}", "name": null, "version": 1, "data": """)
                    .Append(JsonSerializer.Serialize(instance, ConnectLocal.Storage.ResourceSerializer.Options)).Append('}');
                if (chunk.Length > 64 * 1024)
                {
                    await WriteAsync(stream, chunk.ToString());
                    chunk.Clear();
                }
            }

            await WriteAsync(stream, chunk.Append("]}").ToString());
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        private async Task WriteAsync(Stream stream, string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            await stream.WriteAsync(bytes);
            Bytes += bytes.Length;
        }
    }
}
