using System.Text;
using System.Text.Json;
using ConnectLocal.Model;

namespace ConnectLocal.Server.Hosting;

/// <summary>
/// docs/rules.md: every sentence of the model's documentation that states a rule for an implemented operation, and
/// how ConnectLocal accounts for it. The sentences are found by <c>tools/prose_rules.py</c> in the model with AWS's
/// documentation (which is not vendored); only their keys -- operation, member path and a hash of the sentence --
/// are kept, in <c>model/prose-rule-candidates.tsv</c>. What each one means for the server is data kept in
/// <c>Hosting/ProseRules/*.json</c>, in our own words, with where it is enforced and which test shows it. Tests fail
/// when a candidate of an implemented operation has no entry, when an entry names a file or test that does not
/// exist, and when the committed docs/rules.md differs.
/// </summary>
public static class ProseRuleReport
{
    /// <summary>How a rule is accounted for.</summary>
    public static readonly IReadOnlyList<string> Statuses = ["enforced", "trait", "descriptive", "not-applicable", "gap"];

    public sealed record Entry(string Key, string Status, string? Rule, string? Code, string? Test, string? Reason);

    public sealed record Candidate(string Operation, string Key)
    {
        public string Path => Key[..Key.IndexOf('#', StringComparison.Ordinal)];

        public string Hash => Key[(Key.IndexOf('#', StringComparison.Ordinal) + 1)..];
    }

    public sealed record Catalogue(
        IReadOnlyDictionary<string, Entry> Common,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, Entry>> Operations,
        IReadOnlyList<string> Sources);

    public static IReadOnlyList<Candidate> Candidates()
    {
        using var stream = typeof(ProseRuleReport).Assembly.GetManifestResourceStream("ConnectLocal.Server.Hosting.prose-rule-candidates.tsv")
            ?? throw new InvalidOperationException("the embedded prose-rule-candidates.tsv is missing");
        using var reader = new StreamReader(stream);
        var candidates = new List<Candidate>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            candidates.Add(new Candidate(line[..tab], line[(tab + 1)..]));
        }

        return candidates;
    }

    public static Catalogue Load()
    {
        var assembly = typeof(ProseRuleReport).Assembly;
        const string Prefix = "ConnectLocal.Server.Hosting.ProseRules.";
        var common = new Dictionary<string, Entry>(StringComparer.Ordinal);
        var operations = new Dictionary<string, Dictionary<string, Entry>>(StringComparer.Ordinal);
        var sources = new List<string>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            sources.Add(name[Prefix.Length..]);
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            if (document.RootElement.TryGetProperty("common", out var commonElement))
            {
                foreach (var property in commonElement.EnumerateObject())
                {
                    if (!common.TryAdd(property.Name, Read(property.Name, property.Value)))
                    {
                        throw new InvalidOperationException($"prose rules: common entry {property.Name} is given twice");
                    }
                }
            }

            if (document.RootElement.TryGetProperty("operations", out var operationsElement))
            {
                foreach (var operation in operationsElement.EnumerateObject())
                {
                    if (operations.ContainsKey(operation.Name))
                    {
                        throw new InvalidOperationException($"prose rules: operation {operation.Name} is given in two files");
                    }

                    var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
                    foreach (var property in operation.Value.EnumerateObject())
                    {
                        entries.Add(property.Name, Read(property.Name, property.Value));
                    }

                    operations.Add(operation.Name, entries);
                }
            }
        }

        return new Catalogue(common, operations.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, Entry>)p.Value, StringComparer.Ordinal), sources);
    }

    private static Entry Read(string key, JsonElement element)
    {
        string? Text(string property) => element.TryGetProperty(property, out var value) ? value.GetString() : null;
        return new Entry(key, Text("status") ?? "", Text("rule"), Text("code"), Text("test"), Text("reason"));
    }

    /// <summary>The entry that accounts for a candidate: the operation's own, else the common one for its sentence.</summary>
    public static Entry? Resolve(Catalogue catalogue, Candidate candidate) =>
        catalogue.Operations.TryGetValue(candidate.Operation, out var entries) && entries.TryGetValue(candidate.Key, out var own)
            ? own
            : catalogue.Common.GetValueOrDefault(candidate.Hash);

    /// <summary>Rules from the API reference or the Administrator Guide that the model's documentation does not state
    /// (keys starting <c>ref:</c>).</summary>
    public static IEnumerable<Entry> Extra(Catalogue catalogue, string operation) =>
        catalogue.Operations.TryGetValue(operation, out var entries)
            ? entries.Values.Where(e => e.Key.StartsWith("ref:", StringComparison.Ordinal))
            : [];

    public static string Markdown()
    {
        var implemented = CompatibilityReport.ImplementedOperations();
        var catalogue = Load();
        var byOperation = Candidates().Where(c => implemented.Contains(c.Operation)).GroupBy(c => c.Operation).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var rows = new List<(string Operation, string Where, Entry? Entry)>();
        foreach (var operation in OperationTable.All.Select(o => o.Name).Where(implemented.Contains).Order(StringComparer.Ordinal))
        {
            foreach (var candidate in byOperation.GetValueOrDefault(operation) ?? [])
            {
                rows.Add((operation, candidate.Path, Resolve(catalogue, candidate)));
            }

            foreach (var extra in Extra(catalogue, operation))
            {
                rows.Add((operation, extra.Key, extra));
            }
        }

        var sb = new StringBuilder();
        sb.Append("# Rules: every rule AWS states in prose, and where ConnectLocal enforces it\n\n");
        sb.Append("Generated by `dotnet run --project src/ConnectLocal.Server -- rules > docs/rules.md`; a test fails when this file ");
        sb.Append("is out of date. The rows are the sentences of the model's documentation that state a rule (found by ");
        sb.Append("`tools/prose_rules.py` in the model with AWS's documentation; kept as keys in `model/prose-rule-candidates.tsv`) ");
        sb.Append("for every implemented operation, plus rules from the API reference and the Administrator Guide (`ref:` rows). ");
        sb.Append("What each means for the server is kept in `src/ConnectLocal.Server/Hosting/ProseRules/*.json`, in our own words.\n\n");
        sb.Append("Status: **enforced** (checked by the code named, shown by the test named), **trait** (the model states it as a ");
        sb.Append("trait too -- length, range, pattern, enum, required -- and the generated validator enforces it for every operation; ");
        sb.Append("the conformance suites test the validator), **descriptive** (describes a value or a behaviour, nothing to refuse), ");
        sb.Append("**not-applicable** (about something ConnectLocal does not emulate; the reason is given), **gap** (a rule not yet ");
        sb.Append("enforced). A test fails when a sentence has no row status (\"unaccounted\").\n\n");
        var counts = Statuses.ToDictionary(s => s, s => rows.Count(r => r.Entry?.Status == s));
        var unaccounted = rows.Count(r => r.Entry is null);
        sb.Append($"Operations: **{implemented.Count}** implemented, **{rows.Select(r => r.Operation).Distinct().Count()}** with rules in prose. ");
        sb.Append($"Rules: **{rows.Count}** -- ");
        sb.Append(string.Join(", ", Statuses.Select(s => $"{s} **{counts[s]}**")));
        sb.Append($", unaccounted **{unaccounted}**.\n\n");
        foreach (var group in rows.GroupBy(r => r.Operation))
        {
            sb.Append("## ").Append(group.Key).Append("\n\n");
            sb.Append("| Where | Rule | Status | Enforced in | Test |\n|---|---|---|---|---|\n");
            foreach (var (_, where, entry) in group)
            {
                sb.Append("| `").Append(where).Append("` | ");
                sb.Append(Cell(entry?.Rule ?? entry?.Reason ?? "")).Append(" | ");
                sb.Append(entry is null ? "**unaccounted**" : entry.Status == "gap" ? "**gap**" : entry.Status);
                if (entry?.Reason is not null && entry.Rule is not null)
                {
                    sb.Append(": ").Append(Cell(entry.Reason));
                }

                sb.Append(" | ").Append(Reference(entry?.Code)).Append(" | ").Append(Reference(entry?.Test)).Append(" |\n");
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string Reference(string? reference) => string.IsNullOrEmpty(reference) ? "" : "`" + reference + "`";
}
