using System.Text.Json;
using ConnectLocal.Model;
using ConnectLocal.Model.Metadata;
using ConnectLocal.Protocol;
using ConnectLocal.Server.Composition;
using ConnectLocal.Server.Options;
using ConnectLocal.Server.Simulation;
using Microsoft.Extensions.DependencyInjection;

namespace ConnectLocal.Tests.Hosting;

/// <summary>
/// The simulator builds its services where serve does (<see cref="ConnectLocalServices.AddConnectLocal"/>), so a
/// scenario's API calls meet the same handlers, rules and registrations as a client of the server.
/// </summary>
public sealed class CompositionTests
{
    private const string Account = "000000000000";

    [Fact]
    public async Task The_simulator_resolves_every_service_serve_registers_to_the_same_implementation()
    {
        var options = new ServerOptions { Host = "127.0.0.1", Port = 0, InMemory = true };
        var registered = new ServiceCollection().AddConnectLocal(options)
            .Select(d => d.ServiceType).Where(t => !t.IsGenericTypeDefinition).Distinct().ToList();
        await using var server = ConnectLocalApp.Build(options);
        using var runner = new ScenarioRunner();

        Assert.Contains(typeof(InProcessInvoker), registered);
        foreach (var type in registered)
        {
            var simulated = runner.Services.GetServices(type).Select(s => s!.GetType()).ToHashSet();
            var served = server.Services.GetServices(type).Select(s => s!.GetType()).ToHashSet();
            Assert.True(simulated.Count > 0, $"the simulator resolves no {type}");
            // The web host adds services of its own (its hosted services, logging options) beside the same ones.
            Assert.True(simulated.IsSubsetOf(served), $"{type}: the simulator has {string.Join(", ", simulated)}, serve {string.Join(", ", served)}");
        }
    }

    [Fact]
    public void The_simulators_API_tags_a_traffic_distribution_group_by_its_ARN()
    {
        using var runner = new ScenarioRunner();
        var invoker = runner.Services.GetRequiredService<InProcessInvoker>();
        var instanceId = Call(invoker, "CreateInstance", """{"IdentityManagementType":"SAML","InstanceAlias":"tags","InboundCallsEnabled":true,"OutboundCallsEnabled":true}""")
            .GetProperty("Id").GetString();
        Call(invoker, "ReplicateInstance", $$"""{"InstanceId":"{{instanceId}}","ReplicaRegion":"us-west-2","ReplicaAlias":"tags-west"}""");
        var groupArn = Call(invoker, "CreateTrafficDistributionGroup", $$"""{"Name":"tagged","InstanceId":"{{instanceId}}"}""").GetProperty("Arn").GetString();

        Call(invoker, "TagResource", JsonSerializer.Serialize(new { resourceArn = groupArn, tags = new { team = "routing" } }));

        var tags = Call(invoker, "ListTagsForResource", $$"""{"resourceArn":"{{groupArn}}"}""").GetProperty("tags");
        Assert.Equal("routing", tags.GetProperty("team").GetString());
    }

    private static JsonElement Call(InProcessInvoker invoker, string operationName, string json)
    {
        var operation = OperationTable.All.Single(o => o.Name == operationName);
        var context = new OperationContext(operationName, Account, "us-east-1", Guid.NewGuid().ToString(), "AKIDEXAMPLE", DateTimeOffset.UtcNow);
        using var input = JsonDocument.Parse(json);
        var output = invoker.Invoke(operation, context, input.RootElement);
        return output.Length == 0 ? default : JsonDocument.Parse(output).RootElement.Clone();
    }
}
