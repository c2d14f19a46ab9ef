using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ConnectLocal.Core.Common;
using ConnectLocal.Model.Metadata;
using ConnectLocal.Protocol;
using ConnectLocal.Server.Handlers;
using ConnectLocal.Storage.Sqlite;

namespace ConnectLocal.Tests.Support;

/// <summary>
/// Amazon Connect called the way the AWS SDK for .NET calls it — a request shape in, its response shape out, a model
/// error as <see cref="ServiceErrorException"/> (code and message) — without a running server, so that resource rules
/// can be specified in xunit (AWSSDK.Connect cannot be installed here). Each call crosses the wire format: the request
/// is written with the wire's JSON options, goes through <see cref="InProcessInvoker"/> (the model's validation, the
/// handler, the error translation the HTTP endpoint uses) and the output is read back from JSON, so timestamps come
/// back in whole seconds and unset members as null, as a real client sees them.
///
/// A client owns an in-memory SQLite store and a clock that stands still until a spec moves it. <see cref="InRegion"/>
/// and <see cref="AsAccount"/> give clients of other Regions and accounts over the same store and clock, for Global
/// Resiliency and isolation specs.
/// </summary>
internal sealed class ConnectClient : IDisposable
{
    public const string DefaultAccount = "111111111111";
    public const string DefaultRegion = "us-east-1";

    /// <summary>[choice] A fixed instant, on a whole second since the wire carries timestamps in epoch seconds.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);

    // Every operation's input shape is its own (all named {Operation}Request), so the request's type names the operation.
    private static readonly Dictionary<string, OperationDescriptor> OperationOfInput =
        OperationTable.All.ToDictionary(o => o.Input.Name, StringComparer.Ordinal);

    private readonly Backend _backend;
    private readonly bool _ownsBackend;

    public ConnectClient(ConnectSettings? settings = null)
        : this(new Backend(settings ?? new ConnectSettings()), DefaultAccount, DefaultRegion, ownsBackend: true)
    {
    }

    private ConnectClient(Backend backend, string accountId, string region, bool ownsBackend)
    {
        _backend = backend;
        AccountId = accountId;
        Region = region;
        _ownsBackend = ownsBackend;
    }

    public string AccountId { get; }

    public string Region { get; }

    /// <summary>The time every call is received at (OperationContext.ReceivedAt), shared by all clients of the store.</summary>
    public DateTimeOffset Now
    {
        get => _backend.Now;
        set => _backend.Now = value;
    }

    public void Advance(TimeSpan by) => _backend.Now += by;

    /// <summary>Applies the status transitions due at <see cref="Now"/>, as the server's background worker does; returns how many.</summary>
    public int ApplyDueTransitions() => _backend.ApplyDueTransitions();

    /// <summary>A client of the same account in another Region, over the same store and clock.</summary>
    public ConnectClient InRegion(string region) => new(_backend, AccountId, region, ownsBackend: false);

    /// <summary>A client of another account in the same Region, over the same store and clock.</summary>
    public ConnectClient AsAccount(string accountId) => new(_backend, accountId, Region, ownsBackend: false);

    /// <summary>Calls the operation of <paramref name="request"/> (a generated {Operation}Request) and returns its output shape.</summary>
    /// <exception cref="ServiceErrorException">The error an API client would get.</exception>
    /// <exception cref="ArgumentException"><typeparamref name="TResponse"/> is not the operation's output shape.</exception>
    public TResponse Invoke<TResponse>(object request)
        where TResponse : class
    {
        var operation = OperationOf(request);
        if (operation.Output?.Name != typeof(TResponse).Name)
        {
            throw new ArgumentException(
                $"{operation.Name} answers with {operation.Output?.Name ?? "no output shape"}, not {typeof(TResponse).Name}");
        }

        var output = Call(operation, request);
        return JsonSerializer.Deserialize(output, (JsonTypeInfo<TResponse>)TypeInfo(typeof(TResponse)))
            ?? throw new InvalidOperationException($"{operation.Name} answered null");
    }

    /// <summary>Calls the operation of <paramref name="request"/>, for operations with no output shape (or when the output does not matter).</summary>
    /// <exception cref="ServiceErrorException">The error an API client would get.</exception>
    public void Invoke(object request) => Call(OperationOf(request), request);

    /// <summary>Asserts that the call is refused with the AWS error <paramref name="code"/>, and returns the error for its message and fields.</summary>
    public ServiceErrorException Fails(object request, string code)
    {
        var error = Assert.Throws<ServiceErrorException>(() => Invoke(request));
        Assert.True(error.Code == code, $"expected {code}, got {error.Code}: {error.Message}");
        return error;
    }

    public void Dispose()
    {
        if (_ownsBackend)
        {
            _backend.Dispose();
        }
    }

    private byte[] Call(OperationDescriptor operation, object request)
    {
        var input = JsonSerializer.SerializeToElement(request, TypeInfo(request.GetType()));
        var context = new OperationContext(operation.Name, AccountId, Region, Guid.NewGuid().ToString(), "AKIDEXAMPLE", Now);
        return _backend.Invoker.Invoke(operation, context, input);
    }

    private static OperationDescriptor OperationOf(object request) =>
        OperationOfInput.GetValueOrDefault(request.GetType().Name)
        ?? throw new ArgumentException($"{request.GetType().Name} is not the input shape of an operation", nameof(request));

    private static JsonTypeInfo TypeInfo(Type shape) =>
        ConnectJsonContext.Wire.GetTypeInfo(shape) ?? throw new ArgumentException($"{shape.Name} is not a shape of the wire context", nameof(shape));

    /// <summary>What the clients of one world share: the store, the API over it, and the clock.</summary>
    private sealed class Backend : IDisposable
    {
        private readonly SqliteStore _store = SqliteStore.OpenInMemory();

        public Backend(ConnectSettings settings)
        {
            Invoker = new InProcessInvoker(new ConnectApi(_store, settings), new DomainErrorTranslator());
        }

        public InProcessInvoker Invoker { get; }

        public DateTimeOffset Now { get; set; } = DefaultStart;

        public int ApplyDueTransitions() => _store.Write(session => Core.GlobalResiliency.Transitions.ApplyDue(session, Now));

        public void Dispose() => _store.Dispose();
    }
}
