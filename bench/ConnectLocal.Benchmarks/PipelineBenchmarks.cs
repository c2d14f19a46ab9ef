using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ConnectLocal.Model;
using ConnectLocal.Model.Metadata;
using ConnectLocal.Protocol;
using Microsoft.AspNetCore.Http;

namespace ConnectLocal.Benchmarks;

/// <summary>
/// One request through the whole in-process front door (dispatch, SigV4 parsing, bind, validate, handle with
/// SQLite at default durability, serialize, write the answer), per operation. <c>HttpContext_only</c> is the cost
/// of building the in-memory request the others start from (Kestrel pools its contexts; this harness cannot), so
/// that it can be subtracted. BenchmarkDotNet generates a class deriving from each benchmark class: they cannot
/// be sealed.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private Pipeline _pipeline = null!;

    [GlobalSetup]
    public void Setup()
    {
        _pipeline = new Pipeline();
        foreach (var template in new[] { _pipeline.UpdateConcurrency, _pipeline.UpdateDistribution, _pipeline.DescribeProfile })
        {
            var status = _pipeline.SendAsync(template, Stream.Null).GetAwaiter().GetResult();
            if (status != 200)
            {
                throw new InvalidOperationException($"{template.Method} {template.RawTarget} answered {status}");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _pipeline.Dispose();

    [Benchmark(Baseline = true)]
    public HttpContext HttpContext_only() => Pipeline.Context(_pipeline.UpdateConcurrency, Stream.Null);

    [Benchmark]
    public Task<int> UpdateRoutingProfileConcurrency() => _pipeline.SendAsync(_pipeline.UpdateConcurrency, Stream.Null);

    [Benchmark]
    public Task<int> UpdateTrafficDistribution() => _pipeline.SendAsync(_pipeline.UpdateDistribution, Stream.Null);

    [Benchmark]
    public Task<int> DescribeRoutingProfile() => _pipeline.SendAsync(_pipeline.DescribeProfile, Stream.Null);
}

/// <summary>
/// The stages of <see cref="PipelineBenchmarks"/> one by one, for both seed operations: dispatch (route table),
/// bind (path, query, headers and body into one JSON document), validate (every model constraint), handle
/// (deserialize the input shape, the domain rules, the SQLite transaction, serialize the output).
/// </summary>
[MemoryDiagnoser]
public class StageBenchmarks
{
    private static readonly Func<string, string?> NoHeaders = _ => null;

    private Pipeline _pipeline = null!;
    private RouteTable _routes = null!;
    private Stage _concurrency = null!;
    private Stage _distribution = null!;
    private OperationContext _context = null!;

    [Params("UpdateRoutingProfileConcurrency", "UpdateTrafficDistribution")]
    public string Operation { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _pipeline = new Pipeline();
        _routes = new RouteTable(OperationTable.All);
        _concurrency = new Stage(_routes, _pipeline.UpdateConcurrency);
        _distribution = new Stage(_routes, _pipeline.UpdateDistribution);
        _context = new OperationContext(Operation, Pipeline.Account, Pipeline.Region, "bdn", Pipeline.Account, DateTimeOffset.UtcNow);
        if (RequestValidator.Validate(Current.Operation.Input, Current.Bound.RootElement).Count != 0)
        {
            throw new InvalidOperationException("the benchmark request is not valid");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _concurrency.Bound.Dispose();
        _distribution.Bound.Dispose();
        _pipeline.Dispose();
    }

    private Stage Current => Operation == "UpdateTrafficDistribution" ? _distribution : _concurrency;

    [Benchmark]
    public bool Dispatch() => _routes.TryMatch(Current.Template.Method, Current.Path, out _, out _);

    [Benchmark]
    public int Bind()
    {
        var stage = Current;
        using var document = RequestBinder.Bind(stage.Operation, stage.Labels, ReadOnlySpan<char>.Empty, NoHeaders, stage.Template.Body);
        return document.RootElement.MemberCount();
    }

    [Benchmark]
    public int Validate() => RequestValidator.Validate(Current.Operation.Input, Current.Bound.RootElement).Count;

    [Benchmark]
    public ValueTask<byte[]> Handle() => _pipeline.Api.InvokeAsync(Current.Operation, _context, Current.Bound.RootElement);

    [Benchmark]
    public bool SigV4_parse() => SigV4.TryParse(Current.Authorization, out _, out _);

    /// <summary>A request's route match, bound document and Authorization header, computed once.</summary>
    private sealed class Stage
    {
        public Stage(RouteTable routes, RequestTemplate template)
        {
            Template = template;
            Path = template.RawTarget;
            if (!routes.TryMatch(template.Method, Path, out var match, out _))
            {
                throw new InvalidOperationException($"no route for {template.Method} {Path}");
            }

            Operation = match.Operation;
            Labels = match.Labels;
            Bound = RequestBinder.Bind(Operation, Labels, ReadOnlySpan<char>.Empty, NoHeaders, template.Body);
            Authorization = template.Headers.First(h => h.Key == "Authorization").Value;
        }

        public RequestTemplate Template { get; }

        public string Path { get; }

        public OperationDescriptor Operation { get; }

        public KeyValuePair<string, string>[] Labels { get; }

        public JsonDocument Bound { get; }

        public string Authorization { get; }
    }
}

internal static class JsonElementExtensions
{
    /// <summary>Something cheap that depends on the document, so the work cannot be skipped.</summary>
    public static int MemberCount(this JsonElement element) => element.ValueKind == JsonValueKind.Object ? element.EnumerateObject().Count() : 0;
}
