namespace ConnectLocal.Tests.Support;

/// <summary>The checkout the tests were built from: the nearest directory above the test binaries holding ConnectLocal.slnx.</summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "ConnectLocal.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No ConnectLocal.slnx above {AppContext.BaseDirectory}");
    }
}
