using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using ConnectLocal.Core.Flows;
using ConnectLocal.Core.GlobalResiliency;
using ConnectLocal.Core.Ports;
using ConnectLocal.Core.Resources;
using ConnectLocal.Protocol;
using ConnectLocal.Server.Control;
using ConnectLocal.Server.Options;
using ConnectLocal.Server.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConnectLocal.Server.Dashboard;

/// <summary>
/// The dashboard under <c>/_connectlocal/ui</c> (docs/dashboard.md): a route group inside the control API's, so it
/// has the control API's access rules exactly (<see cref="ControlAccess"/>: loopback only unless
/// --allow-unauthenticated-remote, --control-token when given, closed in strict mode without one), plus a sign-in
/// page that turns the control token into a cookie, since a browser cannot send an Authorization header by itself.
/// </summary>
internal static class DashboardEndpoints
{
    /// <summary>A header the page's script sends with every request that changes something; a form or a link from another site cannot.</summary>
    public const string ScriptHeader = "X-ConnectLocal-UI";

    private const string CookieName = "connectlocal-ui";

    public static RouteGroupBuilder MapDashboard(this RouteGroupBuilder control)
    {
        var ui = control.MapGroup("/ui");
        ui.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            // [choice] Requests that change something (the traffic control, running a simulation) must come from the
            // page's own script: a cross-site form cannot add the header, and a cross-site fetch that adds it needs
            // a CORS preflight this server never approves.
            if (!HttpMethods.IsGet(http.Request.Method) && !http.Request.Path.Equals(DashboardPages.Root + "/login", StringComparison.Ordinal)
                && http.Request.Headers[ScriptHeader] != "1")
            {
                await ConnectEndpoint.WriteErrorAsync(http, 403, "AccessDeniedException", $"Dashboard changes are made by its page's script (header {ScriptHeader}: 1).");
                return Results.Empty;
            }

            http.Response.Headers["Content-Security-Policy"] = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'";
            http.Response.Headers["X-Content-Type-Options"] = "nosniff";
            http.Response.Headers.CacheControl = "no-store";
            return await next(context);
        });
        ui.MapGet("/", Home);
        ui.MapGet("/login", (HttpContext http) => Page(http, DashboardPages.Login(failed: false)));
        ui.MapPost("/login", SignInAsync);
        ui.MapGet("/assets/{name}", Asset);
        ui.MapGet("/search", Search);
        ui.MapGet("/instances/{account}/{region}/{instanceId}", Instance);
        ui.MapGet("/instances/{account}/{region}/{instanceId}/flows/{flowId}", Flow);
        ui.MapGet("/instances/{account}/{region}/{instanceId}/live", (HttpContext http, string account, string region, string instanceId) =>
            LiveMetrics.StreamAsync(http, account, region, instanceId));
        ui.MapGet("/instances/{account}/{region}/{instanceId}/contacts/{contactId}", Contact);
        ui.MapGet("/instances/{account}/{region}/{instanceId}/contacts/{contactId}/live", (HttpContext http, string account, string region, string instanceId, string contactId) =>
            ContactPage.StreamAsync(http, account, region, instanceId, contactId));
        ui.MapPost("/traffic/{account}/{region}/{groupId}", (HttpContext http, string account, string region, string groupId) =>
            TrafficControl.UpdateAsync(http, account, region, groupId));
        ui.MapGet("/simulations", (HttpContext http) => Page(http, DashboardPages.Simulations(SimulationPage.Examples())));
        ui.MapPost("/simulations/run", SimulationPage.RunAsync);
        return control;
    }

    /// <summary>
    /// [choice] A browser's <c>GET /</c> asking for HTML (Accept names text/html, no Authorization header) is redirected
    /// to the dashboard; an SDK never sends such a request (no Connect operation is at <c>/</c>, and SDK requests are signed).
    /// </summary>
    public static bool IsBrowserHome(HttpContext http) =>
        http.Request.Path.Value is "/"
        && HttpMethods.IsGet(http.Request.Method)
        && !http.Request.Headers.ContainsKey("Authorization")
        && http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal);

    public static void MapBrowserHome(this WebApplication app) =>
        app.MapWhen(IsBrowserHome, home => home.Run(http =>
        {
            http.Response.Redirect(DashboardPages.Root);
            return Task.CompletedTask;
        }));

    /// <summary>Pages that reveal nothing and let a browser sign in: open to everyone <see cref="ControlAccess"/> lets reach the server.</summary>
    public static bool IsPublic(PathString path) =>
        path.Equals(DashboardPages.Root + "/login", StringComparison.Ordinal)
        || path.StartsWithSegments(DashboardPages.Root + "/assets", StringComparison.Ordinal);

    public static bool IsDashboard(PathString path) => path.StartsWithSegments(DashboardPages.Root, StringComparison.Ordinal);

    /// <summary>Whether the request carries the cookie the sign-in page set for this server's control token.</summary>
    public static bool PresentsCookie(HttpRequest request, string token) =>
        request.Cookies.TryGetValue(CookieName, out var value) && value is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(value), Encoding.ASCII.GetBytes(CookieValue(token)));

    /// <summary>[choice] The cookie holds an HMAC of the control token, not the token itself.</summary>
    private static string CookieValue(string token) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(token), "connectlocal dashboard session"u8));

    private static async Task SignInAsync(HttpContext http)
    {
        var token = http.RequestServices.GetRequiredService<ServerOptions>().ControlToken;
        var given = http.Request.HasFormContentType ? (await http.Request.ReadFormAsync(http.RequestAborted))["token"].ToString() : string.Empty;
        if (token is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(token)))
        {
            http.Response.StatusCode = token is null ? 404 : 403;
            await Page(http, DashboardPages.Login(failed: true));
            return;
        }

        http.Response.Cookies.Append(CookieName, CookieValue(token), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Path = DashboardPages.Root,
            Secure = http.Request.IsHttps,
        });
        http.Response.Redirect(DashboardPages.Root);
    }

    private static Task Home(HttpContext http) => Page(http, DashboardPages.Home(Data(http).Instances()));

    private static Task Instance(HttpContext http, string account, string region, string instanceId) =>
        Data(http).InstanceOf(account, region, instanceId) is { } view
            ? Page(http, DashboardPages.Instance(view))
            : Page(http, DashboardPages.NotFound($"No instance {instanceId} in account {account}, {region}."), 404);

    private static Task Flow(HttpContext http, string account, string region, string instanceId, string flowId)
    {
        var view = Data(http).InstanceOf(account, region, instanceId);
        if (view?.Flows.FirstOrDefault(f => f.Id == flowId) is not { } flow)
        {
            return Page(http, DashboardPages.NotFound($"No flow {flowId} in instance {instanceId}."), 404);
        }

        return Page(http, DashboardPages.Flow(view, flow, FlowGraph.Render(flow.Content)));
    }

    private static Task Contact(HttpContext http, string account, string region, string instanceId, string contactId)
    {
        var view = Data(http).InstanceOf(account, region, instanceId);
        if (view is null || ContactPage.Read(http.RequestServices, account, region, instanceId, contactId) is not { } contact)
        {
            return Page(http, DashboardPages.NotFound($"No contact {contactId} in instance {instanceId} (contacts live in memory: ended ones are forgotten after their retention, and at a restart)."), 404);
        }

        return Page(http, ContactPage.Page(view, contact));
    }

    /// <summary>GET …/search?q=ID-OR-ARN: one record found goes straight to its place (a deep link); several are listed.</summary>
    private static Task Search(HttpContext http)
    {
        var query = http.Request.Query["q"].ToString().Trim();
        var data = Data(http);
        var hits = query.Length == 0 ? [] : data.Find(query).Select(h => (h, Locate(http, h))).ToList();
        // Contacts are not stored records: the routing engines know them (by id, or the id of a contact ARN).
        var contactId = query.StartsWith("arn:", StringComparison.Ordinal) ? query[(query.LastIndexOf('/') + 1)..] : query;
        if (contactId.Length > 0 && http.RequestServices.GetRequiredService<RoutingHost>().InstanceOfContact(contactId) is { } owner)
        {
            hits.Add((new SearchHit(owner.AccountId, owner.Region, "contact", owner.InstanceId, contactId, null), ContactPage.Url(owner.AccountId, owner.Region, owner.InstanceId, contactId)));
        }

        if (hits.Count(h => h.Item2 is not null) == 1)
        {
            http.Response.Redirect(hits.First(h => h.Item2 is not null).Item2!);
            return Task.CompletedTask;
        }

        return Page(http, DashboardPages.Search(query, hits));
    }

    /// <summary>Where a record is shown: its instance's page (at its anchor), or the instance of its group or number.</summary>
    private static string? Locate(HttpContext http, SearchHit hit)
    {
        var store = http.RequestServices.GetRequiredService<IConnectStore>();
        if (hit.Kind == Core.Resources.Instance.Kind)
        {
            return DashboardPages.InstanceUrl(hit.AccountId, hit.Region, hit.Id);
        }

        if (hit.Kind == TrafficDistributionGroup.Kind)
        {
            return store.Read(s => s.Get<TrafficDistributionGroup>(ResourceScope.TopLevel(hit.AccountId, hit.Region), hit.Id)) is { } group
                ? DashboardPages.InstanceUrl(group.AccountId, group.Region, group.InstanceId) + "#" + DashboardPages.Anchor(hit.Kind, hit.Id)
                : null;
        }

        if (hit.Kind == ClaimedPhoneNumber.Kind)
        {
            var number = store.Read(s => s.Get<ClaimedPhoneNumber>(new ResourceScope(hit.AccountId, hit.Region, hit.Parent), hit.Id));
            var instanceId = number?.InstanceId
                ?? (number?.TrafficDistributionGroupId is { } groupId
                    ? store.Read(s => s.All<TrafficDistributionGroup>(ResourceScope.TopLevel(number.AccountId, number.Region)).FirstOrDefault(g => g.Id == groupId))?.InstanceId
                    : null);
            return number is not null && instanceId is not null
                ? DashboardPages.InstanceUrl(number.AccountId, number.Region, instanceId) + "#" + DashboardPages.Anchor(hit.Kind, hit.Id)
                : null;
        }

        if (hit.Kind == ContactFlow.Kind)
        {
            return DashboardPages.FlowUrl(hit.AccountId, hit.Region, hit.Parent, hit.Id);
        }

        return hit.Parent.Length > 0 && store.Read(s => s.Get<Instance>(ResourceScope.TopLevel(hit.AccountId, hit.Region), hit.Parent)) is not null
            ? DashboardPages.InstanceUrl(hit.AccountId, hit.Region, hit.Parent) + "#" + DashboardPages.Anchor(hit.Kind, hit.Id)
            : null;
    }

    private static IResult Asset(string name)
    {
        var type = name switch
        {
            "dashboard.css" => "text/css; charset=utf-8",
            "dashboard.js" => "text/javascript; charset=utf-8",
            _ => null,
        };
        var stream = type is null ? null : typeof(DashboardEndpoints).Assembly.GetManifestResourceStream("ConnectLocal.Server.Dashboard.Assets." + name);
        return stream is null ? Results.NotFound() : Results.Stream(stream, type);
    }

    private static DashboardData Data(HttpContext http) =>
        new(http.RequestServices.GetRequiredService<IConnectStore>(), http.RequestServices.GetRequiredService<IStoreArchive>());

    private static async Task Page(HttpContext http, string html, int status = 200)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(html, http.RequestAborted);
    }
}
