using System.Reflection;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Repository;

/// <summary>src/ConnectLocal.Model/Generated is exactly what the generator writes from the pinned model.</summary>
public sealed class GeneratedCodeTests : IDisposable
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), "connectlocal-codegen-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Generated_code_is_what_the_generator_writes_from_the_pinned_model()
    {
        var committed = RepositoryRoot.Combine("src", "ConnectLocal.Model", "Generated");
        var model = RepositoryRoot.Combine("model", "connect-2017-08-08.json");

        var exitCode = RunGenerator("--model", model, "--out", _output);

        Assert.Equal(0, exitCode);
        var expected = Directory.GetFiles(_output).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var actual = Directory.GetFiles(committed).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);

        var stale = expected.Where(name => !File.ReadAllBytes(Path.Combine(_output, name!)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(committed, name!)))).ToList();
        Assert.True(stale.Count == 0,
            $"Out of date: {string.Join(", ", stale)}. Regenerate with `dotnet run --project tools/ConnectLocal.CodeGen` and commit the result.");
    }

    public void Dispose()
    {
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }
    }

    /// <summary>Runs tools/ConnectLocal.CodeGen in-process through its entry point (the tests reference it).</summary>
    private static int RunGenerator(params string[] args)
    {
        var entryPoint = Assembly.Load("ConnectLocal.CodeGen").EntryPoint
            ?? throw new InvalidOperationException("ConnectLocal.CodeGen has no entry point");
        return (int)entryPoint.Invoke(null, [args])!;
    }
}
