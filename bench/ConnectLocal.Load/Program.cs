using System.Globalization;
using ConnectLocal.Load;

// The load harness's entry point: `run` (default) measures everything and writes the report; `ceiling-server`
// is the bare Kestrel endpoint that `run` starts in a process of its own.
if (args is ["ceiling-server", "--port", var portText])
{
    return await CeilingServer.RunAsync(int.Parse(portText, CultureInfo.InvariantCulture));
}

if (args is ["help" or "--help" or "-h", ..])
{
    Console.WriteLine(Options.Usage);
    return 0;
}

var repoRoot = RepoRoot();
var options = Options.Parse(args, repoRoot, out var error);
if (options is null)
{
    await Console.Error.WriteLineAsync($"ConnectLocal.Load: {error}\n\n{Options.Usage}");
    return 2;
}

var command = "ConnectLocal.Load " + string.Join(' ', args);
try
{
    return await new Harness(options, repoRoot, command).RunAsync();
}
catch (Exception e) when (e is InvalidOperationException or IOException or TimeoutException or System.Net.Sockets.SocketException)
{
    // A setup call refused, a server that would not start or answer: the run is void, and says why.
    await Console.Error.WriteLineAsync($"ConnectLocal.Load: the run failed: {e}");
    Console.WriteLine($"{(options.Smoke ? "smoke" : "harness")}: 0 passed, 1 failed, 0 skipped");
    return 1;
}

// The repository root (where ConnectLocal.slnx is), so defaults work from any working directory.
static string RepoRoot()
{
    foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ConnectLocal.slnx")))
            {
                return dir.FullName;
            }
        }
    }

    return Directory.GetCurrentDirectory();
}
