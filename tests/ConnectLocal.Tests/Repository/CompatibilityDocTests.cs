using ConnectLocal.Model.Metadata;
using ConnectLocal.Server.Hosting;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Repository;

public sealed class CompatibilityDocTests
{
    [Fact]
    public void Committed_compatibility_doc_matches_the_code()
    {
        var committed = File.ReadAllText(RepositoryRoot.Combine("docs", "compatibility.md"));

        Assert.True(committed == CompatibilityReport.Markdown(),
            "docs/compatibility.md is out of date: run `dotnet run --project src/ConnectLocal.Server -- compatibility > docs/compatibility.md` and commit it.");
    }

    [Fact]
    public void Compatibility_doc_lists_every_operation_of_the_model_once()
    {
        var markdown = CompatibilityReport.Markdown();

        foreach (var op in OperationTable.All)
        {
            Assert.Single(markdown.Split('\n'), line => line.StartsWith($"| {op.Name} | `{op.Method} {op.RequestUri}` |", StringComparison.Ordinal));
        }
    }
}
