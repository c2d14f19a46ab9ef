using System.Text.Json;
using ConnectLocal.Core.Routing;
using ConnectLocal.Protocol;
using ConnectLocal.Server.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConnectLocal.Server.Control;

/// <summary>
/// The agents' Regions of an instance, as Amazon Connect Streams reports them on a Global Resiliency failover
/// (docs/global-resiliency.md, "Agents changing Region"). Streams' <c>onFailoverPending</c> fires when an agent's
/// active Region changed while it has contacts in progress (with the next Region and those contacts), and
/// <c>onFailoverCompleted</c> when the agent works in the new Region; AWS has no API for either, so a test reads them here:
/// <list type="bullet">
/// <item><c>GET /_connectlocal/routing/agents?instanceId=…&amp;region=us-east-1</c> (optional <c>accountId</c>, default
/// 000000000000): every agent of the instance, both Regions of a replicated one, ordered by user id.</item>
/// <item><c>GET /_connectlocal/routing/agents/{userId}?instanceId=…&amp;region=…</c>: one agent.</item>
/// </list>
/// Each agent: <c>userId</c>, <c>activeRegion</c> (null: signed in nowhere), <c>regionChange</c> (<c>PENDING</c>,
/// <c>COMPLETED</c> or <c>NONE</c>), <c>nextActiveRegion</c> and <c>contactIds</c> (what the pending change waits
/// for), <c>previousRegion</c>, <c>requestedAt</c> and <c>completedAt</c>. Reading brings the engine up to date with the
/// stored traffic distribution first, as every routing use does, so a test polls it after UpdateTrafficDistribution.
/// </summary>
internal static class AgentRegionControl
{
    private const string DefaultAccount = "000000000000";

    public static RouteGroupBuilder MapAgentRegionControl(this RouteGroupBuilder control)
    {
        control.MapGet("/routing/agents", http => AnswerAsync(http, userId: null));
        control.MapGet("/routing/agents/{userId}", http => AnswerAsync(http, (string)http.Request.RouteValues["userId"]!));
        return control;
    }

    private static async Task AnswerAsync(HttpContext http, string? userId)
    {
        var query = http.Request.Query;
        var instanceId = query["instanceId"].ToString();
        var region = query["region"].ToString();
        if (instanceId.Length == 0 || region.Length == 0)
        {
            await ConnectEndpoint.WriteErrorAsync(http, 400, "InvalidRequestException", "Give the instance and one of its Regions: ?instanceId=…&region=us-east-1.");
            return;
        }

        var account = query["accountId"].ToString() is { Length: > 0 } given ? given : DefaultAccount;
        var caller = new Core.Common.Caller(account, region, http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(), Guid.NewGuid().ToString());
        List<AgentRegionView> agents;
        try
        {
            agents = http.RequestServices.GetRequiredService<RoutingHost>().Use(caller, instanceId, (routing, _) =>
                routing.Engine.Agents.Where(a => userId is null || a.UserId == userId).OrderBy(a => a.UserId, StringComparer.Ordinal).Select(View).ToList());
        }
        catch (Core.Common.DomainException e)
        {
            await ConnectEndpoint.WriteErrorAsync(http, e.Kind == Core.Common.DomainErrorKind.NotFound ? 404 : 400,
                e.Kind == Core.Common.DomainErrorKind.NotFound ? "ResourceNotFoundException" : "InvalidRequestException", e.Message);
            return;
        }

        if (userId is not null && agents.Count == 0)
        {
            await ConnectEndpoint.WriteErrorAsync(http, 404, "ResourceNotFoundException", $"No agent {userId} in instance {instanceId}.");
            return;
        }

        http.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(http.Response.Body);
        if (userId is not null)
        {
            Write(writer, agents[0]);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("instanceId", instanceId);
        writer.WriteStartArray("agents");
        foreach (var agent in agents)
        {
            Write(writer, agent);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>
    /// An agent's Region state. [choice] A move waits for every contact the agent holds, after-contact work included
    /// (Streams waits for voice and chat contacts "ended and cleared from ACW"; the engine also lets a task finish).
    /// </summary>
    internal static AgentRegionView View(RoutedAgent agent)
    {
        if (agent.MoveRequestedAt is not null)
        {
            return new AgentRegionView(agent.UserId, agent.Region, "PENDING", agent.MovingTo,
                agent.Contacts.Select(c => c.Id).OfType<string>().ToList(), null, agent.MoveRequestedAt, null);
        }

        return agent.LastRegionChange is { } change
            ? new AgentRegionView(agent.UserId, agent.Region, "COMPLETED", null, [], change.From, change.RequestedAt, change.CompletedAt)
            : new AgentRegionView(agent.UserId, agent.Region, "NONE", null, [], null, null, null);
    }

    private static void Write(Utf8JsonWriter writer, AgentRegionView agent)
    {
        writer.WriteStartObject();
        writer.WriteString("userId", agent.UserId);
        writer.WriteString("activeRegion", agent.ActiveRegion);
        writer.WriteString("regionChange", agent.RegionChange);
        writer.WriteString("nextActiveRegion", agent.NextActiveRegion);
        writer.WriteStartArray("contactIds");
        foreach (var id in agent.ContactIds)
        {
            writer.WriteStringValue(id);
        }

        writer.WriteEndArray();
        writer.WriteString("previousRegion", agent.PreviousRegion);
        WriteTime(writer, "requestedAt", agent.RequestedAt);
        WriteTime(writer, "completedAt", agent.CompletedAt);
        writer.WriteEndObject();
    }

    private static void WriteTime(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            writer.WriteString(name, time);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}

/// <summary>One agent's Region and its last (or pending) Region change, as the control API shows it.</summary>
internal sealed record AgentRegionView(
    string UserId,
    string? ActiveRegion,
    string RegionChange,
    string? NextActiveRegion,
    IReadOnlyList<string> ContactIds,
    string? PreviousRegion,
    DateTimeOffset? RequestedAt,
    DateTimeOffset? CompletedAt);
