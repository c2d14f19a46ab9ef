using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace ConnectLocal.Tests.Repository;

/// <summary>
/// Dependencies point one way: the protocol layer knows nothing of the domain or storage, the domain nothing of HTTP,
/// JSON or SQL. Each rule names an assembly of ours and the references it must not have; an assembly is checked when
/// it sits beside the tests, as every project referenced directly or through the server does. To add a layer, add a rule.
/// </summary>
public sealed class ArchitectureTests
{
    private const string Ours = "ConnectLocal.";
    private const string Server = "connectlocal";

    /// <summary>Layers the tests reference, so their absence is a build problem rather than a layer not written yet.</summary>
    private static readonly string[] MustExist = ["ConnectLocal.Model", "ConnectLocal.Protocol", "ConnectLocal.Core"];

    public static TheoryData<string, string[]> Rules => new()
    {
        // The wire surface generated from the model: nothing of ours.
        { "ConnectLocal.Model", [Ours, Server] },
        // restJson1 knows nothing of the domain, storage or the executable.
        { "ConnectLocal.Protocol", ["ConnectLocal.Core", "ConnectLocal.Storage", Server] },
        // The domain: nothing of ours, no HTTP, JSON or database.
        { "ConnectLocal.Core", [Ours, Server, "Microsoft.AspNetCore", "Microsoft.Extensions.Http", "System.Net.Http", "System.Text.Json", "System.Data", "Microsoft.Data", "Npgsql", "SQLitePCL"] },
        // Storage implements the domain's ports; it never sees HTTP or the wire layer.
        { "ConnectLocal.Storage", ["ConnectLocal.Protocol", Server, "Microsoft.AspNetCore"] },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Assembly_has_no_forbidden_reference(string assembly, string[] forbidden)
    {
        var path = Path.Combine(AppContext.BaseDirectory, assembly + ".dll");
        if (!File.Exists(path))
        {
            // Projects the tests reference are always present; only a layer that does not exist yet is skipped.
            Assert.DoesNotContain(assembly, MustExist);
            return;
        }

        var offending = Offending(path, forbidden);

        Assert.True(offending.Count == 0, $"{assembly} must not reference {string.Join(", ", offending)}");
    }

    [Fact]
    public void Reference_reader_sees_the_references_an_assembly_has()
    {
        // Guards the rules above against passing vacuously: Protocol does reference Model and ASP.NET Core.
        var references = ReferencesOf(Path.Combine(AppContext.BaseDirectory, "ConnectLocal.Protocol.dll"));

        Assert.Contains("ConnectLocal.Model", references);
        Assert.Contains(references, r => r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [Fact]
    public void Rule_flags_a_forbidden_edge_when_there_is_one()
    {
        // The server references Model and Protocol, so the Model rule applied to the server must flag both.
        var offending = Offending(Path.Combine(AppContext.BaseDirectory, Server + ".dll"), [Ours, Server]);

        Assert.Contains("ConnectLocal.Model", offending);
        Assert.Contains("ConnectLocal.Protocol", offending);
    }

    private static List<string> Offending(string path, string[] forbidden) =>
        ReferencesOf(path).Where(reference => forbidden.Any(prefix => IsOrStartsWith(reference, prefix))).ToList();

    private static bool IsOrStartsWith(string reference, string prefix) =>
        prefix.EndsWith('.')
            ? reference.StartsWith(prefix, StringComparison.Ordinal)
            : reference == prefix || reference.StartsWith(prefix + ".", StringComparison.Ordinal);

    private static List<string> ReferencesOf(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences.Select(handle => metadata.GetString(metadata.GetAssemblyReference(handle).Name)).ToList();
    }
}
