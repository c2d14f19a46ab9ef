namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A ConnectLocal server in a .NET Aspire application: the <c>connectlocal</c> command (the .NET tool, or the
/// single-file executable) run as an executable resource with <c>serve</c>. Referencing resources reach it through
/// <see cref="HttpEndpoint"/> as the account <see cref="AccountId"/> in <see cref="Region"/>.
/// </summary>
public sealed class ConnectLocalResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory)
{
    public const string HttpEndpointName = "http";

    /// <summary>The path the server answers <c>{"status":"ok",…}</c> on once it accepts requests.</summary>
    public const string HealthPath = "/_connectlocal/health";

    /// <summary>
    /// [choice] A twelve-digit access key id is the account in the server's permissive mode (README, "Accounts and
    /// regions"); this one, as in ConnectLocal.Testing, rather than the server's fallback 000000000000.
    /// </summary>
    public const string DefaultAccountId = "123456789012";

    public const string DefaultRegion = "us-east-1";

    /// <summary>The permissive server checks no secret; AWS clients still want one to sign with.</summary>
    public const string SecretAccessKey = "connectlocal";

    private EndpointReference? _httpEndpoint;

    /// <summary>The server's HTTP endpoint, the value of <c>AWS_ENDPOINT_URL_CONNECT</c> for referencing resources.</summary>
    public EndpointReference HttpEndpoint => _httpEndpoint ??= new EndpointReference(this, HttpEndpointName);

    /// <summary>The account referencing resources act as (their <c>AWS_ACCESS_KEY_ID</c>).</summary>
    public string AccountId { get; internal set; } = DefaultAccountId;

    /// <summary>The Region referencing resources sign for (<c>AWS_REGION</c>, <c>AWS_DEFAULT_REGION</c>).</summary>
    public string Region { get; internal set; } = DefaultRegion;

    /// <summary>Where the server keeps its state (SQLite); null keeps it in memory, gone when the resource stops.</summary>
    public string? DataDirectory { get; internal set; }
}
