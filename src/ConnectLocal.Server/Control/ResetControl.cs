using System.Text.Json;
using ConnectLocal.Core.Ports;
using ConnectLocal.Protocol;
using ConnectLocal.Server.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConnectLocal.Server.Control;

/// <summary>
/// <c>POST /_connectlocal/reset</c> (the whole store) and <c>POST /_connectlocal/reset?account=123456789012</c> (one
/// account): removes every stored resource of that scope through the store's import (an import of nothing that
/// replaces the scope, the same transaction an import with replace runs), and the routing engine forgets the
/// instances of that scope with their contacts. Answers what it removed: the number of resources, by kind, and the
/// number of contacts. It sits behind the control API's access rules like every other control endpoint.
/// [choice] The counts are read in a transaction just before the removal; a write that lands between the two is
/// removed but not counted. [choice] The store's secrets (the page-token key) stay, so a whole-store reset keeps
/// NextToken values of the same server valid in form; fault rules, transition delays and the routing seed stay too
/// (they are server settings, not resources; DELETE /_connectlocal/faults clears the faults).
/// [choice] The body is ignored; the only query parameter is <c>account</c> (twelve digits), and any other one
/// answers 400, so that a typo (<c>?acount=</c>) cannot wipe the whole store.
/// </summary>
internal static class ResetControl
{
    public const string Path = ControlApi.Prefix + "/reset";

    public static RouteGroupBuilder MapResetControl(this RouteGroupBuilder control)
    {
        control.MapPost("/reset", ResetAsync);
        control.Map("/reset", http => ConnectEndpoint.WriteErrorAsync(http, 405, "InvalidRequestException", $"{Path} answers POST only."))
            .WithOrder(1);
        return control;
    }

    private static async Task ResetAsync(HttpContext http)
    {
        string? account = null;
        foreach (var (key, values) in http.Request.Query)
        {
            if (key != "account")
            {
                await ConnectEndpoint.WriteErrorAsync(http, 400, "InvalidRequestException", $"{Path} takes only the query parameter account, not '{key}'.");
                return;
            }

            account = values.Count == 1 ? values[0] : null;
            if (account is null || account.Length != 12 || !account.All(char.IsAsciiDigit))
            {
                await ConnectEndpoint.WriteErrorAsync(http, 400, "InvalidRequestException", $"{Path}?account= needs one twelve-digit AWS account id.");
                return;
            }
        }

        var archive = http.RequestServices.GetRequiredService<IStoreArchive>();
        var counted = archive.Export(new RecordFilter(AccountId: account), withSecrets: false).Records;
        var byKind = counted.GroupBy(r => r.Kind, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var accounts = counted.Select(r => r.AccountId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        archive.Import([], new Dictionary<string, byte[]>(), account is null ? null : [account]);
        var contacts = http.RequestServices.GetRequiredService<RoutingHost>().Forget(account);

        http.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(http.Response.Body);
        writer.WriteStartObject();
        if (account is null)
        {
            writer.WriteNull("account");
        }
        else
        {
            writer.WriteString("account", account);
        }

        writer.WriteNumber("removed", counted.Count);
        writer.WriteStartObject("kinds");
        foreach (var (kind, count) in byKind)
        {
            writer.WriteNumber(kind, count);
        }

        writer.WriteEndObject();
        writer.WriteStartArray("accounts");
        foreach (var a in accounts)
        {
            writer.WriteStringValue(a);
        }

        writer.WriteEndArray();
        writer.WriteNumber("contacts", contacts);
        writer.WriteEndObject();
    }
}
