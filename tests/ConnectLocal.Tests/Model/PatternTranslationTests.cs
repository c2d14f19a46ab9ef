using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using ConnectLocal.Model.Metadata;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Model;

/// <summary>
/// The model's Java patterns as the server runs them: doubled backslashes and /…/ delimiters read as the modeller
/// meant (docs/wire-choices.md), search semantics, and every pattern usable by the engine it is given.
/// </summary>
public sealed class PatternTranslationTests
{
    [Fact]
    public void Pattern_written_with_doubled_backslashes_accepts_ordinary_text()
    {
        var shape = ShapeTable.WorkspaceDescription;

        Assert.Equal(@"^[\\P{C}\r\n\t]*$", shape.PatternAsModelled);
        Assert.Matches(shape.Pattern!, "hello");
        Assert.Matches(shape.Pattern!, "two\nlines\twith tabs\r\n");
        Assert.Matches(shape.Pattern!, "backslash-free P and C");
        Assert.DoesNotMatch(shape.Pattern!, "bell\u0007");
    }

    [Fact]
    public void Pattern_in_slash_delimiters_is_read_without_them()
    {
        var shape = ShapeTable.Password;

        Assert.StartsWith("/", shape.PatternAsModelled);
        Assert.Matches(shape.Pattern!, "Str0ngPassword");
        Assert.DoesNotMatch(shape.Pattern!, "alllowercase1");
        Assert.DoesNotMatch(shape.Pattern!, "Sh0rt");
    }

    [Fact]
    public void Pattern_with_a_negative_lookahead_runs_on_the_backtracking_engine()
    {
        var shape = ShapeTable.TagKey;

        Assert.Matches(shape.Pattern!, "team:billing");
        Assert.DoesNotMatch(shape.Pattern!, "aws:reserved");
        Assert.Equal(RegexOptions.None, shape.Pattern!.Options & RegexOptions.NonBacktracking);
    }

    [Fact]
    public void Pattern_without_anchors_matches_anywhere_in_the_value()
    {
        Assert.Matches(ShapeTable.AwsRegion.Pattern!, "my us-east-1 region");
    }

    [Fact]
    public void Every_pattern_of_the_model_compiles_with_the_options_it_runs_with()
    {
        var failures = new List<string>();
        var patterned = 0;
        foreach (var shape in AllShapes().Where(s => s.PatternAsModelled is not null))
        {
            patterned++;
            try
            {
                _ = shape.Pattern!.IsMatch("x");
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException)
            {
                failures.Add($"{shape.Name}: {shape.PatternAsModelled}: {e.Message}");
            }
        }

        Assert.Equal(ModelledPatternCount(), patterned);
        Assert.Empty(failures);
    }

    [Fact]
    public void Patterns_without_look_arounds_run_on_the_non_backtracking_engine()
    {
        var shape = ShapeTable.WorkspaceDescription;

        Assert.Equal(RegexOptions.NonBacktracking, shape.Pattern!.Options & RegexOptions.NonBacktracking);
    }

    /// <summary>The patterned shapes of the pinned model and of its overlays (model/overlays), which the generator merges.</summary>
    private static int ModelledPatternCount()
    {
        var files = Directory.GetFiles(RepositoryRoot.Combine("model", "overlays"), "*.json").Prepend(RepositoryRoot.Combine("model", "connect-2017-08-08.json"));
        var count = 0;
        foreach (var file in files)
        {
            using var model = JsonDocument.Parse(File.ReadAllBytes(file));
            count += model.RootElement.GetProperty("shapes").EnumerateObject().Count(shape => shape.Value.TryGetProperty("pattern", out _));
        }

        return count;
    }

    private static IEnumerable<ShapeDescriptor> AllShapes() =>
        typeof(ShapeTable).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(ShapeDescriptor))
            .Select(f => (ShapeDescriptor)f.GetValue(null)!);
}
