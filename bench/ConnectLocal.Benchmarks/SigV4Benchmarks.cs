using BenchmarkDotNet.Attributes;
using ConnectLocal.Load.Http;
using ConnectLocal.Protocol;

namespace ConnectLocal.Benchmarks;

/// <summary>
/// SigV4 on the server side. <c>Parse</c> is what the server does today for every request (Credential, region,
/// signed headers). The server does not verify signatures yet; <c>Recompute_*</c> measure the work a verifier has
/// to repeat per request — canonical request, string to sign, HMAC — with the signing key derived each time (four
/// more HMACs) or cached per date and Region, which is what a verifier should do.
/// </summary>
[MemoryDiagnoser]
public class SigV4Benchmarks
{
    private const string Header =
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261121/us-east-1/connect/aws4_request, "
        + "SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-user-agent, "
        + "Signature=377af2fa8b1e46a2d5b1fd6b5d2c0e6b4b5b8f9c0a1b2c3d4e5f60718293a4b5";

    private static readonly (string, string)[] SignedHeaders =
    [
        ("amz-sdk-invocation-id", "4087a8d8-59da-4c4d-9aa6-5d4988b79893"),
        ("amz-sdk-request", "attempt=1; max=3"),
        ("content-length", "163"),
        ("content-type", "application/json"),
        ("host", "127.0.0.1:4570"),
        ("x-amz-content-sha256", "5d6f2c1b2a7f0e3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4"),
        ("x-amz-date", "20261121T120000Z"),
        ("x-amz-user-agent", "aws-sdk-js/3.1136.0"),
    ];

    private readonly SigV4Signer _cached = new("secret");

    [Benchmark(Baseline = true)]
    public bool Parse() => SigV4.TryParse(Header, out _, out _);

    [Benchmark]
    public string Recompute_with_cached_key() => Recompute(_cached);

    [Benchmark]
    public string Recompute_deriving_the_key() => Recompute(new SigV4Signer("secret"));

    private static string Recompute(SigV4Signer signer) => signer.Authorization(
        "POST",
        "/routing-profiles/11111111-2222-3333-4444-555555555555/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/concurrency",
        null,
        SignedHeaders,
        SignedHeaders[5].Item2,
        "AKIDEXAMPLE",
        "us-east-1",
        "20261121T120000Z");
}
