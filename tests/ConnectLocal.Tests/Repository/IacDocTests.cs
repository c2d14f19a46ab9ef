using ConnectLocal.Model.Metadata;
using ConnectLocal.Server.Hosting;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Repository;

public sealed class IacDocTests
{
    [Fact]
    public void Committed_iac_doc_matches_the_code_and_the_data()
    {
        var committed = File.ReadAllText(RepositoryRoot.Combine("docs", "iac.md"));

        Assert.True(committed == IacReport.Markdown(),
            "docs/iac.md is out of date: run `dotnet run --project src/ConnectLocal.Server -- iac > docs/iac.md` and commit it.");
    }

    [Fact]
    public void Every_operation_the_data_names_is_an_operation_of_the_model()
    {
        var model = OperationTable.All.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);

        var unknown = IacReport.Entries().SelectMany(e => e.AllOperations.Where(o => !model.Contains(o)).Select(o => $"{e.Name}: {o}")).ToList();

        Assert.True(unknown.Count == 0, "iac-operations.json names operations the model does not have: " + string.Join("; ", unknown));
    }

    [Fact]
    public void Each_entry_is_listed_once_with_a_known_path_and_at_least_one_operation()
    {
        var entries = IacReport.Entries();

        Assert.Equal(entries.Count, entries.Select(e => (e.Tool, e.Kind, e.Name)).Distinct().Count());
        Assert.All(entries, e =>
        {
            Assert.Contains(e.Tool, new[] { "terraform", "cloudformation" });
            Assert.All(e.Operations.Keys, path => Assert.Contains(path, IacReport.Paths));
            Assert.NotEmpty(e.AllOperations);
        });
        Assert.Contains(entries, e => e.Name == "aws_connect_queue" && e.Operations["read"].Contains("ListQueueQuickConnects"));
    }

    [Fact]
    public void A_row_shows_an_operation_that_is_not_implemented_as_not_yet()
    {
        var implemented = CompatibilityReport.ImplementedOperations();
        var markdown = IacReport.Markdown();

        foreach (var entry in IacReport.Entries())
        {
            var row = Assert.Single(markdown.Split('\n'), l => l.StartsWith($"| `{entry.Name}`" + (entry.Kind == "data source" ? " (data source)" : " |"), StringComparison.Ordinal));
            foreach (var operation in entry.AllOperations.Where(o => !implemented.Contains(o)))
            {
                Assert.Contains(operation + " **not yet**", row, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void A_row_not_checked_against_the_tools_code_carries_the_mark_and_a_checked_row_does_not()
    {
        var lines = IacReport.Markdown().Split('\n');

        foreach (var entry in IacReport.Entries())
        {
            Assert.DoesNotContain("not yet checked", entry.Source, StringComparison.OrdinalIgnoreCase);
            var prefix = $"`{entry.Name}`" + (entry.Kind == "data source" ? " (data source)" : string.Empty);
            var row = Assert.Single(lines, l => l.StartsWith("| " + prefix + " |", StringComparison.Ordinal));
            var where = Assert.Single(lines, l => l.StartsWith("- " + prefix + ": ", StringComparison.Ordinal));
            Assert.Equal(!entry.Checked, row.Contains(IacReport.NotYetCheckedMark, StringComparison.Ordinal));
            Assert.Equal(!entry.Checked, where.Contains(IacReport.NotYetCheckedMark, StringComparison.Ordinal));
            Assert.EndsWith(entry.Source, where, StringComparison.Ordinal);
        }
    }
}
