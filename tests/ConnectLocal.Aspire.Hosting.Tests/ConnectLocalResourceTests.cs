using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace ConnectLocal.Aspire.Hosting.Tests;

/// <summary>The resource model AddConnectLocal and WithReference build, read through its annotations.</summary>
public sealed class ConnectLocalResourceTests
{
    internal static IDistributedApplicationBuilder NewBuilder() =>
        DistributedApplication.CreateBuilder(new DistributedApplicationOptions { DisableDashboard = true });

    /// <summary>What the orchestrator does once it has picked ports: the endpoint gets its address.</summary>
    internal static void Allocate(IResourceWithEndpoints resource, int port)
    {
        var endpoint = resource.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == ConnectLocalResource.HttpEndpointName);
        endpoint.AllocatedEndpoint = new AllocatedEndpoint(endpoint, "localhost", port, targetPortExpression: port.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task AddConnectLocal_runs_the_connectlocal_command_with_serve()
    {
        var builder = NewBuilder();
        var connect = builder.AddConnectLocal("connect");
        Allocate(connect.Resource, 4570);

        Assert.Equal("connectlocal", connect.Resource.Command);
        Assert.Equal(builder.AppHostDirectory, connect.Resource.WorkingDirectory);
        Assert.Equal(["serve"], (await Execution.Of(connect.Resource)).Arguments);
        Assert.Contains(builder.Resources, r => ReferenceEquals(r, connect.Resource));
    }

    [Fact]
    public void AddConnectLocal_takes_the_path_of_the_single_file_executable_as_its_command()
    {
        var connect = NewBuilder().AddConnectLocal("connect", command: "/opt/connectlocal/connectlocal");

        Assert.Equal("/opt/connectlocal/connectlocal", connect.Resource.Command);
    }

    [Fact]
    public void The_http_endpoint_hands_its_port_to_the_server_through_CONNECTLOCAL_PORT()
    {
        var connect = NewBuilder().AddConnectLocal("connect", port: 4570);

        var endpoint = Assert.Single(connect.Resource.Annotations.OfType<EndpointAnnotation>());
        Assert.Equal("http", endpoint.Name);
        Assert.Equal("http", endpoint.UriScheme);
        Assert.Equal(4570, endpoint.Port);
    }

    [Fact]
    public async Task The_server_keeps_its_state_in_memory_unless_given_a_data_directory()
    {
        var builder = NewBuilder();
        var inMemory = builder.AddConnectLocal("connect");
        var onDisk = builder.AddConnectLocal("connect-disk").WithDataDirectory("state");
        Allocate(inMemory.Resource, 4571);
        Allocate(onDisk.Resource, 4572);

        var memoryEnvironment = (await Execution.Of(inMemory.Resource)).Environment;
        var diskEnvironment = (await Execution.Of(onDisk.Resource)).Environment;

        Assert.Equal("1", memoryEnvironment["CONNECTLOCAL_IN_MEMORY"]);
        Assert.False(memoryEnvironment.ContainsKey("CONNECTLOCAL_DATA_DIR"));
        Assert.Equal("4571", memoryEnvironment["CONNECTLOCAL_PORT"]);
        Assert.Equal(Path.Combine(builder.AppHostDirectory, "state"), diskEnvironment["CONNECTLOCAL_DATA_DIR"]);
        Assert.False(diskEnvironment.ContainsKey("CONNECTLOCAL_IN_MEMORY"));
    }

    [Fact]
    public void The_resource_has_a_health_check_registered_under_its_annotation_key()
    {
        var builder = NewBuilder();
        var connect = builder.AddConnectLocal("connect");

        var annotation = Assert.Single(connect.Resource.Annotations.OfType<HealthCheckAnnotation>());
        using var app = builder.Build();
        var registrations = ResourceHealthCheck.Registrations(app.Services);
        Assert.Contains(registrations, r => r.Name == annotation.Key);
    }

    [Fact]
    public async Task WithReference_gives_the_endpoint_credentials_and_Region()
    {
        var builder = NewBuilder();
        var connect = builder.AddConnectLocal("connect").WithAccountId("111122223333").WithRegion("eu-west-2");
        var app = builder.AddExecutable("app", "true", builder.AppHostDirectory).WithReference(connect);
        Allocate(connect.Resource, 4573);

        var environment = (await Execution.Of(app.Resource)).Environment;

        Assert.Equal("http://localhost:4573", environment["AWS_ENDPOINT_URL_CONNECT"]);
        Assert.Equal("111122223333", environment["AWS_ACCESS_KEY_ID"]);
        Assert.Equal(ConnectLocalResource.SecretAccessKey, environment["AWS_SECRET_ACCESS_KEY"]);
        Assert.Equal("eu-west-2", environment["AWS_REGION"]);
        Assert.Equal("eu-west-2", environment["AWS_DEFAULT_REGION"]);
        Assert.False(environment.ContainsKey("AWS_ENDPOINT_URL"), "only Amazon Connect goes to ConnectLocal");
        var relationship = Assert.Single(app.Resource.Annotations.OfType<ResourceRelationshipAnnotation>());
        Assert.Same(connect.Resource, relationship.Resource);
        Assert.Equal("Reference", relationship.Type);
    }

    [Fact]
    public async Task WithReference_defaults_to_account_123456789012_in_us_east_1()
    {
        var builder = NewBuilder();
        var connect = builder.AddConnectLocal("connect");
        var app = builder.AddExecutable("app", "true", builder.AppHostDirectory).WithReference(connect);
        Allocate(connect.Resource, 4574);

        var environment = (await Execution.Of(app.Resource)).Environment;

        Assert.Equal("123456789012", environment["AWS_ACCESS_KEY_ID"]);
        Assert.Equal("us-east-1", environment["AWS_REGION"]);
    }

    [Theory]
    [InlineData("12345678901")]
    [InlineData("1234567890123")]
    [InlineData("AKIDEXAMPLE12")]
    public void WithAccountId_refuses_what_is_not_twelve_digits(string accountId)
    {
        var connect = NewBuilder().AddConnectLocal("connect");

        Assert.Throws<ArgumentException>(() => connect.WithAccountId(accountId));
        Assert.Equal(ConnectLocalResource.DefaultAccountId, connect.Resource.AccountId);
    }
}
