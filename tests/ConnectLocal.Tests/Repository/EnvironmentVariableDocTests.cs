using System.Text.RegularExpressions;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Repository;

/// <summary>
/// docs/environment-variables.md is the full list of the CONNECTLOCAL_* variables the server reads (issue 19): every
/// one named in the source is in its server table, the table names none the source has forgotten, and the README's
/// options table carries only documented ones and points to the full list.
/// </summary>
public sealed partial class EnvironmentVariableDocTests
{
    private const string ServerSection = "## The server's own variables";

    [Fact]
    public void Every_variable_the_source_reads_is_in_the_server_table_of_the_environment_doc()
    {
        var documented = ServerTableVariables();

        var missing = SourceVariables().Where(v => !documented.Contains(v.Key)).Select(v => $"{v.Key} ({v.Value})").ToList();

        Assert.True(missing.Count == 0, "docs/environment-variables.md's server table lacks: " + string.Join("; ", missing));
    }

    [Fact]
    public void The_server_table_names_only_variables_the_source_reads()
    {
        var read = SourceVariables();

        var stale = ServerTableVariables().Where(v => !read.ContainsKey(v)).ToList();

        Assert.True(stale.Count == 0, "docs/environment-variables.md documents variables no source file reads: " + string.Join(", ", stale));
    }

    [Fact]
    public void The_README_points_to_the_full_list_and_names_only_documented_variables()
    {
        var readme = File.ReadAllText(RepositoryRoot.Combine("README.md"));
        var documented = Variables(File.ReadAllText(RepositoryRoot.Combine("docs", "environment-variables.md")));

        Assert.Contains("(docs/environment-variables.md)", readme, StringComparison.Ordinal);
        var undocumented = Variables(readme).Where(v => !documented.Contains(v)).ToList();
        Assert.True(undocumented.Count == 0, "README.md names variables docs/environment-variables.md does not: " + string.Join(", ", undocumented));

        // The common ones are in the README's own table.
        Assert.Superset(new HashSet<string>(["CONNECTLOCAL_HOST", "CONNECTLOCAL_PORT", "CONNECTLOCAL_DATA_DIR", "CONNECTLOCAL_IN_MEMORY", "CONNECTLOCAL_AUTH"]), Variables(readme));
    }

    /// <summary>Every CONNECTLOCAL_* name in the hand-written and generated C# under src/, with one file that names it.</summary>
    private static Dictionary<string, string> SourceVariables()
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        var src = RepositoryRoot.Combine("src");
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(RepositoryRoot.Path, file).Replace('\\', '/');
            if (relative.Contains("/bin/", StringComparison.Ordinal) || relative.Contains("/obj/", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var name in Variables(File.ReadAllText(file)))
            {
                found.TryAdd(name, relative);
            }
        }

        Assert.Contains("CONNECTLOCAL_PORT", found.Keys); // the scan finds what it must
        return found;
    }

    /// <summary>The variables of the doc's "The server's own variables" table (the test scripts' ones come after it).</summary>
    private static HashSet<string> ServerTableVariables()
    {
        var doc = File.ReadAllText(RepositoryRoot.Combine("docs", "environment-variables.md"));
        var start = doc.IndexOf(ServerSection, StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/environment-variables.md has no \"{ServerSection}\" section");
        var rows = doc[start..].Split('\n').SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|'));
        return Variables(string.Join('\n', rows));
    }

    private static HashSet<string> Variables(string text) =>
        VariableName().Matches(text).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\bCONNECTLOCAL_[A-Z0-9]+(?:_[A-Z0-9]+)*\b")]
    private static partial Regex VariableName();
}
