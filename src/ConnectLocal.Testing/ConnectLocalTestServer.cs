using System.Net.Http.Json;
using System.Text.Json;
using ConnectLocal.Server.Composition;
using ConnectLocal.Server.Options;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ConnectLocal.Testing;

/// <summary>
/// A ConnectLocal server running inside the test process: Kestrel on a free loopback port, state in memory unless
/// <see cref="ConnectLocalTestOptions.DataDirectory"/> is given. Point any AWS client at <see cref="Endpoint"/> with
/// <see cref="Credentials"/> (or <see cref="CredentialsFor"/> for another account), call <see cref="ResetAsync"/>
/// between tests, drive what AWS has no API for through the typed control methods, and dispose it at the end.
/// </summary>
public sealed class ConnectLocalTestServer : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly WebApplication _app;
    private readonly HttpClient _control;
    private readonly FakeTimeProvider? _time;
    private int _disposed;

    private ConnectLocalTestServer(WebApplication app, Uri endpoint, FakeTimeProvider? time, ConnectLocalTestOptions options)
    {
        _app = app;
        _time = time;
        Endpoint = endpoint;
        Region = options.Region;
        Credentials = CredentialsFor(options.AccountId);
        _control = new HttpClient { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The server's base URL (<c>http://127.0.0.1:PORT</c>): the endpoint of every AWS client.</summary>
    public Uri Endpoint { get; }

    /// <summary>The Region clients should use (the default of the options, <c>us-east-1</c>).</summary>
    public string Region { get; }

    /// <summary>Credentials of the default account (<see cref="ConnectLocalTestOptions.AccountId"/>).</summary>
    public ConnectLocalCredentials Credentials { get; }

    /// <summary>Whether the server runs on virtual time (<see cref="AdvanceTime"/>).</summary>
    public bool VirtualTime => _time is not null;

    /// <summary>
    /// Credentials that act as <paramref name="accountId"/>: the server runs in permissive mode, where an access key
    /// id of twelve digits is the account id and the secret is not checked (README, "Accounts and regions").
    /// </summary>
    public static ConnectLocalCredentials CredentialsFor(string accountId)
    {
        if (accountId.Length != 12 || !accountId.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("An AWS account id is twelve digits.", nameof(accountId));
        }

        return new ConnectLocalCredentials(accountId, "connectlocal-test-secret", accountId);
    }

    /// <summary>Starts a server; it accepts requests when the returned task completes.</summary>
    public static async Task<ConnectLocalTestServer> StartAsync(ConnectLocalTestOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ConnectLocalTestOptions();
        _ = CredentialsFor(options.AccountId); // checks the account id before anything starts
        var serverOptions = new ServerOptions
        {
            Host = "127.0.0.1",
            Port = 0,
            InMemory = options.DataDirectory is null,
            DataDirectory = options.DataDirectory ?? Path.Combine(Path.GetTempPath(), "connectlocal-testing-unused"),
            LogFormat = "text",
        };
        FakeTimeProvider? time = options.VirtualTime ? new FakeTimeProvider(options.VirtualTimeStart ?? DateTimeOffset.UtcNow) : null;
        var app = ConnectLocalApp.Build(serverOptions, services =>
        {
            if (time is not null)
            {
                services.AddSingleton<TimeProvider>(time);
            }
        }, quiet: !options.Log);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ConnectLocalTestServer(app, new Uri(address.TrimEnd('/') + "/"), time, options);
    }

    /// <summary>Removes every resource (or those of one account) and the contacts of what was removed; returns how many resources went.</summary>
    public async Task<int> ResetAsync(string? accountId = null, CancellationToken cancellationToken = default)
    {
        var answer = await SendAsync<JsonElement>(HttpMethod.Post, accountId is null ? "_connectlocal/reset" : $"_connectlocal/reset?account={Uri.EscapeDataString(accountId)}", null, cancellationToken);
        return answer.GetProperty("removed").GetInt32();
    }

    /// <summary>Moves virtual time forward; due status transitions and routing timers fire as they would after that long.</summary>
    public void AdvanceTime(TimeSpan by)
    {
        if (_time is null)
        {
            throw new InvalidOperationException("This server runs on real time: start it with ConnectLocalTestOptions.VirtualTime = true.");
        }

        _time.Advance(by);
    }

    /// <summary>The server's current time (virtual or real).</summary>
    public DateTimeOffset UtcNow => _time?.GetUtcNow() ?? DateTimeOffset.UtcNow;

    /// <summary>Holds the status transitions of one kind (<c>tdg-update</c>, <c>vocabulary-create</c>, …) until released.</summary>
    public Task<TransitionsState> HoldTransitionsAsync(string kind, CancellationToken cancellationToken = default) =>
        SendAsync<TransitionsState>(HttpMethod.Post, "_connectlocal/transitions/hold", new { kind }, cancellationToken);

    /// <summary>Releases one kind (or every kind) and applies at once what is due.</summary>
    public Task<TransitionsState> ReleaseTransitionsAsync(string? kind = null, CancellationToken cancellationToken = default) =>
        SendAsync<TransitionsState>(HttpMethod.Post, "_connectlocal/transitions/release", kind is null ? new { } : (object)new { kind }, cancellationToken);

    /// <summary>Sets the delay of transition kinds; null returns a kind to its configured delay.</summary>
    public Task<TransitionsState> SetTransitionDelaysAsync(IReadOnlyDictionary<string, TimeSpan?> delays, CancellationToken cancellationToken = default) =>
        SendAsync<TransitionsState>(HttpMethod.Put, "_connectlocal/transitions/delays",
            delays.ToDictionary(d => d.Key, d => d.Value is { } v ? (long?)v.TotalMilliseconds : null), cancellationToken);

    /// <summary>The holds, delays and pending transitions.</summary>
    public Task<TransitionsState> GetTransitionsAsync(CancellationToken cancellationToken = default) =>
        SendAsync<TransitionsState>(HttpMethod.Get, "_connectlocal/transitions", null, cancellationToken);

    /// <summary>A customer calls a claimed phone number (E.164); the contact is queued on the number's flow's queue.</summary>
    public Task<RoutedContact> PlaceCallAsync(string phoneNumber, string? accountId = null, TimeSpan? patience = null, CancellationToken cancellationToken = default) =>
        SendAsync<RoutedContact>(HttpMethod.Post, "_connectlocal/routing/calls", new CallRequest(phoneNumber, null, null, null, accountId, patience?.TotalSeconds), cancellationToken);

    /// <summary>A customer calls an instance directly, into <paramref name="queueId"/> (default: its flow's queue).</summary>
    public Task<RoutedContact> PlaceCallAsync(string instanceId, string region, string? queueId, string? accountId = null, TimeSpan? patience = null, CancellationToken cancellationToken = default) =>
        SendAsync<RoutedContact>(HttpMethod.Post, "_connectlocal/routing/calls", new CallRequest(null, instanceId, region, queueId, accountId, patience?.TotalSeconds), cancellationToken);

    /// <summary>The routing state of a contact.</summary>
    public Task<RoutedContact> GetContactAsync(string contactId, CancellationToken cancellationToken = default) =>
        SendAsync<RoutedContact>(HttpMethod.Get, $"_connectlocal/routing/contacts/{Uri.EscapeDataString(contactId)}", null, cancellationToken);

    /// <summary>The offered agent accepts the contact.</summary>
    public Task<RoutedContact> AcceptContactAsync(string contactId, CancellationToken cancellationToken = default) => ActAsync(contactId, "accept", null, cancellationToken);

    /// <summary>The offered agent rejects the contact; it goes back to its queue.</summary>
    public Task<RoutedContact> RejectContactAsync(string contactId, CancellationToken cancellationToken = default) => ActAsync(contactId, "reject", null, cancellationToken);

    /// <summary>The agent ends the call; after-contact work follows (the agent's limit unless given).</summary>
    public Task<RoutedContact> CompleteContactAsync(string contactId, TimeSpan? afterContactWork = null, CancellationToken cancellationToken = default) =>
        ActAsync(contactId, "complete", afterContactWork is { } acw ? new { afterContactWorkSeconds = acw.TotalSeconds } : null, cancellationToken);

    /// <summary>The agent finishes after-contact work.</summary>
    public Task<RoutedContact> FinishAfterContactWorkAsync(string contactId, CancellationToken cancellationToken = default) =>
        ActAsync(contactId, "finish-after-contact-work", null, cancellationToken);

    /// <summary>The customer hangs up.</summary>
    public Task<RoutedContact> HangUpAsync(string contactId, CancellationToken cancellationToken = default) => ActAsync(contactId, "hang-up", null, cancellationToken);

    /// <summary>
    /// The agents of an instance with their Regions (both Regions of a replicated one): where each works now and its
    /// pending or last Region change, as Amazon Connect Streams reports a Global Resiliency failover
    /// (docs/global-resiliency.md, "Agents changing Region"). <paramref name="region"/> is either Region of the instance.
    /// </summary>
    public async Task<IReadOnlyList<AgentRegion>> GetAgentRegionsAsync(string instanceId, string region, string? accountId = null, CancellationToken cancellationToken = default) =>
        (await SendAsync<AgentRegionList>(HttpMethod.Get, AgentsPath(null, instanceId, region, accountId), null, cancellationToken)).Agents;

    /// <summary>One agent's Region and its pending or last Region change (see <see cref="GetAgentRegionsAsync"/>).</summary>
    public Task<AgentRegion> GetAgentRegionAsync(string instanceId, string region, string userId, string? accountId = null, CancellationToken cancellationToken = default) =>
        SendAsync<AgentRegion>(HttpMethod.Get, AgentsPath(userId, instanceId, region, accountId), null, cancellationToken);

    /// <summary>Stops the server (in-flight requests get the server's shutdown timeout) and frees its port.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _control.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private Task<RoutedContact> ActAsync(string contactId, string action, object? body, CancellationToken cancellationToken) =>
        SendAsync<RoutedContact>(HttpMethod.Post, $"_connectlocal/routing/contacts/{Uri.EscapeDataString(contactId)}/{action}", body, cancellationToken);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }

        using var response = await _control.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var code = response.Headers.TryGetValues("x-amzn-ErrorType", out var types) ? types.First().Split(':')[0] : "Unknown";
            string? message = null;
            try
            {
                using var doc = JsonDocument.Parse(text);
                message = doc.RootElement.TryGetProperty("Message", out var m) || doc.RootElement.TryGetProperty("message", out m) ? m.GetString() : null;
            }
            catch (JsonException)
            {
                // the message stays the body's text
            }

            throw new ConnectLocalControlException((int)response.StatusCode, code, message ?? text);
        }

        return JsonSerializer.Deserialize<T>(text, Json)!;
    }

    private static string AgentsPath(string? userId, string instanceId, string region, string? accountId) =>
        "_connectlocal/routing/agents" + (userId is null ? string.Empty : "/" + Uri.EscapeDataString(userId))
        + $"?instanceId={Uri.EscapeDataString(instanceId)}&region={Uri.EscapeDataString(region)}"
        + (accountId is null ? string.Empty : $"&accountId={Uri.EscapeDataString(accountId)}");

    private sealed record AgentRegionList(string InstanceId, IReadOnlyList<AgentRegion> Agents);

    private sealed record CallRequest(string? PhoneNumber, string? InstanceId, string? Region, string? QueueId, string? AccountId, double? PatienceSeconds);
}
