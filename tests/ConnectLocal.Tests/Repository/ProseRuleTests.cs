using ConnectLocal.Model;
using ConnectLocal.Model.Metadata;
using ConnectLocal.Server.Hosting;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Repository;

/// <summary>docs/rules.md (issue 18): every rule the documentation states for an implemented operation is accounted for.</summary>
public sealed class ProseRuleTests
{
    [Fact]
    public void Committed_rules_doc_matches_the_code_and_the_data()
    {
        var committed = File.ReadAllText(RepositoryRoot.Combine("docs", "rules.md"));

        Assert.True(committed == ProseRuleReport.Markdown(),
            "docs/rules.md is out of date: run `dotnet run --project src/ConnectLocal.Server -- rules > docs/rules.md` and commit it.");
    }

    [Fact]
    public void Every_rule_sentence_of_an_implemented_operation_is_accounted_for()
    {
        var implemented = CompatibilityReport.ImplementedOperations();
        var catalogue = ProseRuleReport.Load();

        var unaccounted = ProseRuleReport.Candidates()
            .Where(c => implemented.Contains(c.Operation) && ProseRuleReport.Resolve(catalogue, c) is null)
            .Select(c => $"{c.Operation} {c.Key}")
            .ToList();

        Assert.True(unaccounted.Count == 0,
            $"{unaccounted.Count} rule sentences have no entry in Hosting/ProseRules/*.json (see `python3 tools/prose_rules.py show OPERATION`): "
            + string.Join("; ", unaccounted.Take(40)));
    }

    [Fact]
    public void Every_entry_has_a_known_status_and_what_its_status_needs()
    {
        var catalogue = ProseRuleReport.Load();
        var entries = catalogue.Common.Values.Concat(catalogue.Operations.Values.SelectMany(e => e.Values)).ToList();

        Assert.NotEmpty(entries);
        var problems = new List<string>();
        foreach (var entry in entries)
        {
            if (!ProseRuleReport.Statuses.Contains(entry.Status))
            {
                problems.Add($"{entry.Key}: unknown status '{entry.Status}'");
            }

            if (entry.Status != "descriptive" && string.IsNullOrWhiteSpace(entry.Rule) && string.IsNullOrWhiteSpace(entry.Reason))
            {
                problems.Add($"{entry.Key}: a {entry.Status} entry says what the rule is ('rule') or why ('reason')");
            }

            if (entry.Status == "enforced" && (string.IsNullOrEmpty(entry.Code) || string.IsNullOrEmpty(entry.Test)))
            {
                problems.Add($"{entry.Key}: an enforced rule names the code that enforces it and the test that shows it");
            }

            if (entry.Status is "not-applicable" or "gap" && string.IsNullOrWhiteSpace(entry.Reason))
            {
                problems.Add($"{entry.Key}: a {entry.Status} entry gives its reason");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_file_and_test_an_entry_names_exists()
    {
        var catalogue = ProseRuleReport.Load();
        var entries = catalogue.Common.Values.Concat(catalogue.Operations.Values.SelectMany(e => e.Values));
        var problems = new List<string>();
        foreach (var entry in entries)
        {
            foreach (var reference in new[] { entry.Code, entry.Test }.Where(r => !string.IsNullOrEmpty(r)))
            {
                if (Missing(reference!) is { } problem)
                {
                    problems.Add($"{entry.Key}: {problem}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_entry_belongs_to_a_sentence_the_model_has_or_is_a_reference_rule()
    {
        var catalogue = ProseRuleReport.Load();
        var candidates = ProseRuleReport.Candidates();
        var keys = candidates.Select(c => (c.Operation, c.Key)).ToHashSet();
        var hashes = candidates.Select(c => c.Hash).ToHashSet(StringComparer.Ordinal);
        var operations = OperationTable.All.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);

        var stale = catalogue.Operations
            .SelectMany(o => o.Value.Keys.Select(k => (Operation: o.Key, Key: k)))
            .Where(e => !operations.Contains(e.Operation) || (!e.Key.StartsWith("ref:", StringComparison.Ordinal) && !keys.Contains(e)))
            .Select(e => $"{e.Operation} {e.Key}")
            .Concat(catalogue.Common.Keys.Where(h => !hashes.Contains(h)).Select(h => "common " + h))
            .ToList();

        Assert.True(stale.Count == 0, "entries for sentences the model does not have: " + string.Join("; ", stale));
    }

    /// <summary><c>path</c> or <c>path::name</c>: the file exists and, when a name is given, contains it.</summary>
    private static string? Missing(string reference)
    {
        var separator = reference.IndexOf("::", StringComparison.Ordinal);
        var path = separator < 0 ? reference : reference[..separator];
        var full = RepositoryRoot.Combine(path.Split('/'));
        if (!File.Exists(full))
        {
            return $"no file {path}";
        }

        if (separator >= 0)
        {
            var name = reference[(separator + 2)..];
            if (!File.ReadAllText(full).Contains(name, StringComparison.Ordinal))
            {
                return $"{path} has no '{name}'";
            }
        }

        return null;
    }
}
