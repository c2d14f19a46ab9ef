using System.Net.Http.Headers;
using System.Security.Cryptography;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Security;

/// <summary>
/// Strict mode and large bodies (issue 13: 24 × 10 MiB with a wrong signature cost +247 MiB): a stated body hash
/// lets the signature be refused before the body is read, and a body the operation does not bind is only hashed.
/// Measured as the bytes the process allocates while the server answers, not as time; that counter is the whole
/// process's, so these run alone (<see cref="AllocationMeasured"/>), not beside specs that allocate meanwhile.
/// </summary>
[Collection(nameof(AllocationMeasured))]
public sealed class StrictBodyTests(StrictServer server) : IClassFixture<StrictServer>
{
    private const int Requests = 24;
    private const int BodyBytes = (10 * 1024 * 1024) - 1024;
    private static readonly byte[] Body = RandomNumberGenerator.GetBytes(BodyBytes);

    /// <summary>Sends <see cref="Requests"/> copies of one large request (the same array each time, so the client allocates no bodies).</summary>
    private async Task<(long AllocatedBytes, int[] Statuses)> SendLargeAsync(string method, string target, bool stateHash)
    {
        // Signed once, with the wrong secret: each copy is refused.
        var template = await SignedTemplateAsync(method, target, stateHash);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var statuses = new List<int>();
        foreach (var batch in Enumerable.Range(0, Requests).Chunk(4))
        {
            statuses.AddRange(await Task.WhenAll(batch.Select(async _ =>
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(server.BaseAddress, target))
                {
                    Content = new ByteArrayContent(Body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
                };
                foreach (var (name, value) in template)
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }

                try
                {
                    return (await server.SendAsync(request)).Status;
                }
                catch (HttpRequestException)
                {
                    return 0; // the server answered before the body was sent and closed the connection
                }
            })));
        }

        return (GC.GetTotalAllocatedBytes(precise: true) - before, [.. statuses]);
    }

    private async Task<List<(string Name, string Value)>> SignedTemplateAsync(string method, string target, bool stateHash)
    {
        var headers = new List<(string, string)>();
        await server.SendSignedAsync(method, target, secret: "not-the-secret", tamper: request =>
        {
            foreach (var (name, values) in request.Headers)
            {
                if (stateHash || !name.Equals("x-amz-content-sha256", StringComparison.OrdinalIgnoreCase))
                {
                    headers.Add((name, name.Equals("x-amz-content-sha256", StringComparison.OrdinalIgnoreCase) ? Convert.ToHexStringLower(SHA256.HashData(Body)) : string.Join(",", values)));
                }
            }
        });
        return headers;
    }

    [Fact]
    public async Task A_wrong_signature_with_a_stated_body_hash_is_refused_before_the_body_is_read()
    {
        var (allocated, statuses) = await SendLargeAsync("PUT", "/instance", stateHash: true);

        Assert.All(statuses, s => Assert.True(s is 403 or 0, $"status {s}"));
        Assert.Contains(403, statuses);
        Assert.True(allocated < 48L * 1024 * 1024, $"{allocated / (1024 * 1024)} MiB allocated for {Requests} refused requests of {BodyBytes / (1024 * 1024)} MiB");
    }

    [Fact]
    public async Task A_body_the_operation_does_not_bind_is_hashed_as_it_streams_not_kept()
    {
        var (allocated, statuses) = await SendLargeAsync("GET", "/instance", stateHash: false);

        Assert.All(statuses, s => Assert.Equal(403, s));
        Assert.True(allocated < 48L * 1024 * 1024, $"{allocated / (1024 * 1024)} MiB allocated for {Requests} refused requests of {BodyBytes / (1024 * 1024)} MiB");
    }

    [Fact]
    public async Task A_correctly_signed_large_body_is_still_read_and_checked_against_its_stated_hash()
    {
        var body = new string('x', 1024 * 1024);
        var response = await server.SendSignedAsync("PUT", "/instance", $$"""{"InstanceAlias":"{{body}}"}""");

        Assert.Equal((400, "InvalidRequestException"), (response.Status, response.ErrorType));
    }
}

/// <summary>Tests that measure the process's allocations: run after every parallel test, one at a time.</summary>
[CollectionDefinition(nameof(AllocationMeasured), DisableParallelization = true)]
public sealed class AllocationMeasured;
