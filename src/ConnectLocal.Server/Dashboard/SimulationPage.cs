using System.Globalization;
using System.Text;
using ConnectLocal.Server.Simulation;
using Microsoft.AspNetCore.Http;

namespace ConnectLocal.Server.Dashboard;

/// <summary>
/// Simulations from the dashboard: a scenario from <c>examples/</c> or uploaded, run as <c>connectlocal simulate</c>
/// runs it (<see cref="ScenarioRunner"/>: its own in-memory services, virtual time), shown as the report and the
/// charts <see cref="SimulationReport"/> writes. [choice] One simulation runs at a time (a second waits), uploads
/// are at most 1 MiB, and the examples are the <c>examples/*.json|yaml</c> found in the working directory or the
/// nearest folder above the server's binaries that has an <c>examples</c> folder (a source checkout).
/// </summary>
internal static class SimulationPage
{
    private const int MaxScenarioBytes = 1024 * 1024;
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public static IReadOnlyList<string> Examples() =>
        ExamplesDirectory() is { } directory
            ? Directory.EnumerateFiles(directory).Select(Path.GetFileName).OfType<string>()
                .Where(f => f.EndsWith(".json", StringComparison.Ordinal) || YamlScenario.IsYamlPath(f))
                .Order(StringComparer.Ordinal).ToList()
            : [];

    private static string? ExamplesDirectory()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "examples");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>POST …/simulations/run?example=NAME, or ?name=FILE with the scenario as the body: the report as an HTML fragment.</summary>
    public static async Task RunAsync(HttpContext http)
    {
        string text;
        string name;
        if (http.Request.Query["example"].ToString() is { Length: > 0 } example)
        {
            if (!Examples().Contains(example, StringComparer.Ordinal))
            {
                await Fail(http, 404, $"No example scenario named {example}.");
                return;
            }

            name = example;
            text = await File.ReadAllTextAsync(Path.Combine(ExamplesDirectory()!, example), http.RequestAborted);
        }
        else
        {
            name = http.Request.Query["name"].ToString() is { Length: > 0 } given ? given : "scenario.json";
            var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
            if (buffer.Length > MaxScenarioBytes || buffer.Length == 0)
            {
                await Fail(http, 400, buffer.Length == 0 ? "Give a scenario (a file or an example)." : "A scenario file is at most 1 MiB.");
                return;
            }

            text = Encoding.UTF8.GetString(buffer.ToArray());
        }

        ScenarioRun run;
        await OneAtATime.WaitAsync(http.RequestAborted);
        try
        {
            run = await Task.Run(() =>
            {
                var scenario = Scenario.Parse(YamlScenario.IsYamlPath(name) ? YamlScenario.ToJson(text) : text);
                using var runner = new ScenarioRunner();
                return runner.Run(scenario);
            }, http.RequestAborted);
        }
        catch (ScenarioException e)
        {
            await Fail(http, 400, e.Message);
            return;
        }
        catch (ServiceErrorException e)
        {
            await Fail(http, 400, $"setting the scenario up failed: {e.Code}: {e.Message}");
            return;
        }
        finally
        {
            OneAtATime.Release();
        }

        var html = new StringBuilder();
        html.Append(string.Create(CultureInfo.InvariantCulture,
            $"<h2 id=\"report-title\">{DashboardPages.E(run.Scenario.Name)}</h2><p class=\"summary\">{run.Result.ContactsArrived:N0} contacts, {run.Result.Offers:N0} routing decisions, {run.Agents} agents; run in {run.RunTime.TotalSeconds:F2} s (set-up through the API {run.SetupTime.TotalSeconds:F2} s, {run.ApiCalls:N0} calls)</p>"));
        foreach (var change in run.Result.Changes.Where(c => c.Error is not null))
        {
            html.Append($"<p class=\"error\">{DashboardPages.E($"{change.At:HH:mm} {change.Label} was refused: {change.Error}")}</p>");
        }

        html.Append("<div class=\"charts\">");
        foreach (var (chart, svg) in SimulationReport.ChartFiles(run))
        {
            html.Append($"<figure class=\"chart\" data-chart=\"{DashboardPages.E(chart)}\">{svg}</figure>");
        }

        html.Append($"</div><details open><summary>Report</summary><pre class=\"report\">{DashboardPages.E(SimulationReport.Markdown(run))}</pre></details>");
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(html.ToString(), http.RequestAborted);
    }

    private static async Task Fail(HttpContext http, int status, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync($"<p class=\"error\">{DashboardPages.E(message)}</p>");
    }
}
