using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>
/// <c>builder.AddConnectLocal("connect")</c> and <c>project.WithReference(connect)</c> (docs/aspire.md).
/// </summary>
public static partial class ConnectLocalResourceBuilderExtensions
{
    /// <summary>
    /// Adds a ConnectLocal server: <paramref name="command"/> (the <c>connectlocal</c> .NET tool on PATH by default, or
    /// the path of the single-file executable) started as <c>serve</c>, in memory, listening on the port Aspire gives it
    /// through <c>CONNECTLOCAL_PORT</c>, healthy once <c>GET /_connectlocal/health</c> answers 200.
    /// </summary>
    /// <param name="port">The port other resources and the host use; Aspire picks one when null.</param>
    public static IResourceBuilder<ConnectLocalResource> AddConnectLocal(
        this IDistributedApplicationBuilder builder,
        [ResourceName] string name,
        int? port = null,
        string command = "connectlocal")
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        var resource = new ConnectLocalResource(name, command, builder.AppHostDirectory);
        return builder.AddResource(resource)
            .WithArgs("serve")
            // The server reads CONNECTLOCAL_PORT (README, "Options"), so Aspire hands it the port it allocated.
            .WithHttpEndpoint(port: port, name: ConnectLocalResource.HttpEndpointName, env: "CONNECTLOCAL_PORT")
            .WithEnvironment(context =>
            {
                // Read when the resource starts, so that WithDataDirectory may come after AddConnectLocal.
                if (resource.DataDirectory is { } directory)
                {
                    context.EnvironmentVariables["CONNECTLOCAL_DATA_DIR"] = directory;
                }
                else
                {
                    context.EnvironmentVariables["CONNECTLOCAL_IN_MEMORY"] = "1";
                }
            })
            .WithHttpHealthCheck(ConnectLocalResource.HealthPath, endpointName: ConnectLocalResource.HttpEndpointName);
    }

    /// <summary>Keeps the server's state in <paramref name="directory"/> (SQLite) across restarts instead of in memory.</summary>
    public static IResourceBuilder<ConnectLocalResource> WithDataDirectory(
        this IResourceBuilder<ConnectLocalResource> builder, string directory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        builder.Resource.DataDirectory = Path.GetFullPath(directory, builder.ApplicationBuilder.AppHostDirectory);
        return builder;
    }

    /// <summary>The account referencing resources act as: twelve digits (the server takes such an access key id as the account).</summary>
    public static IResourceBuilder<ConnectLocalResource> WithAccountId(
        this IResourceBuilder<ConnectLocalResource> builder, string accountId)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!AccountIdPattern().IsMatch(accountId))
        {
            throw new ArgumentException($"An account id is twelve digits, not '{accountId}'.", nameof(accountId));
        }

        builder.Resource.AccountId = accountId;
        return builder;
    }

    /// <summary>The Region referencing resources sign their requests for (the Region of their requests to the server).</summary>
    public static IResourceBuilder<ConnectLocalResource> WithRegion(
        this IResourceBuilder<ConnectLocalResource> builder, string region)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        builder.Resource.Region = region;
        return builder;
    }

    /// <summary>
    /// Points <paramref name="builder"/>'s AWS clients at the ConnectLocal server: <c>AWS_ENDPOINT_URL_CONNECT</c> (the
    /// server's HTTP endpoint), <c>AWS_ACCESS_KEY_ID</c> (the account), <c>AWS_SECRET_ACCESS_KEY</c>, <c>AWS_REGION</c>
    /// and <c>AWS_DEFAULT_REGION</c>. Only Amazon Connect goes to the server: other services keep their endpoints.
    /// </summary>
    public static IResourceBuilder<TDestination> WithReference<TDestination>(
        this IResourceBuilder<TDestination> builder, IResourceBuilder<ConnectLocalResource> source)
        where TDestination : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(source);
        var connect = source.Resource;
        return builder
            .WithReferenceRelationship(connect)
            .WithEnvironment(context =>
            {
                context.EnvironmentVariables["AWS_ENDPOINT_URL_CONNECT"] = connect.HttpEndpoint;
                context.EnvironmentVariables["AWS_ACCESS_KEY_ID"] = connect.AccountId;
                context.EnvironmentVariables["AWS_SECRET_ACCESS_KEY"] = ConnectLocalResource.SecretAccessKey;
                context.EnvironmentVariables["AWS_REGION"] = connect.Region;
                context.EnvironmentVariables["AWS_DEFAULT_REGION"] = connect.Region;
            });
    }

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountIdPattern();
}
