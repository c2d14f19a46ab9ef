using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ConnectLocal.Server.Handlers.Declared;
using ConnectLocal.Storage;

namespace ConnectLocal.Tests.Storage;

/// <summary>
/// The stored records and the declared operations' records are read by JSON generated at build time. Generated code
/// builds a record with init-only properties through an object initializer that names every one of them, so a
/// property the JSON lacks is set to what the initializer is given for it (null for a reference type) — not left to
/// the record's own initializer as reflection did. These tests take every record reachable from the two contexts,
/// read them from a JSON object without any member and check that what is read back is what <c>new T()</c> holds:
/// a record stored before a member existed, or a request that leaves a member out, reads as the record's default.
/// </summary>
public sealed class GeneratedJsonTests
{
    [Fact]
    public void Both_serializers_use_only_the_generated_json()
    {
        // The tests add their probes' own generated JSON after the domain's (Probes.cs).
        Assert.Equal([StorageJsonContext.Default, ProbeJsonContext.Default], ResourceSerializer.Options.TypeInfoResolverChain);
        Assert.Same(DeclaredJsonContext.Default, ShapeJson.Options.TypeInfoResolver);
    }

    [Fact]
    public void A_stored_record_missing_a_member_keeps_its_default() =>
        Check(ResourceSerializer.Options, StoredKinds.All.Select(k => k.Type));

    [Fact]
    public void A_declared_record_missing_a_member_keeps_its_default() =>
        Check(ShapeJson.Options, DeclaredRoots());

    // The types named by DeclaredJsonContext's attributes (an attribute keeps its type only as a constructor argument).
    private static IEnumerable<Type> DeclaredRoots() =>
        typeof(DeclaredJsonContext).CustomAttributes
            .Where(a => a.AttributeType == typeof(JsonSerializableAttribute))
            .Select(a => (Type)a.ConstructorArguments[0].Value!);

    [Theory]
    [InlineData("""{"Id":"p","Name":"Agents"}""")]
    [InlineData("""{"Id":"p","SecurityProfileName":"Agents"}""")]
    [InlineData("""{"Id":"p","SecurityProfileName":"Agents","Name":"Agents"}""")]
    public void A_security_profile_reads_its_name_under_either_member(string json)
    {
        var profile = JsonSerializer.Deserialize(json, ResourceSerializer.TypeInfo<ConnectLocal.Core.Resources.SecurityProfile>())!;
        Assert.Equal("Agents", profile.Name);
        Assert.Equal("Agents", profile.SecurityProfileName);
    }

    private static void Check(JsonSerializerOptions serializerOptions, IEnumerable<Type> roots)
    {
        // Required members are left out of a default instance's JSON; reading must not stop at them.
        var options = new JsonSerializerOptions(serializerOptions)
        {
            TypeInfoResolver = serializerOptions.TypeInfoResolver!.WithAddedModifier(info =>
            {
                foreach (var property in info.Properties)
                {
                    property.IsRequired = false;
                }
            }),
        };
        var pending = new Queue<Type>(roots);
        var seen = new HashSet<Type>();
        var problems = new List<string>();
        var checkedProperties = 0;
        while (pending.TryDequeue(out var type))
        {
            if (!seen.Add(type))
            {
                continue;
            }

            var info = options.GetTypeInfo(type);
            foreach (var next in new[] { info.ElementType, info.KeyType }.Concat(info.Properties.Select(p => p.PropertyType)))
            {
                if (next is not null)
                {
                    pending.Enqueue(next);
                }
            }

            if (info.Kind != JsonTypeInfoKind.Object || type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null)
            {
                continue;
            }

            var instance = Activator.CreateInstance(type)!;
            var read = JsonSerializer.Deserialize("{}", info)!;
            foreach (var property in info.Properties.Where(p => p.AssociatedParameter is not null && p.Get is not null))
            {
                var expected = JsonSerializer.Serialize(property.Get!(instance), options.GetTypeInfo(property.PropertyType));
                var actual = JsonSerializer.Serialize(property.Get!(read), options.GetTypeInfo(property.PropertyType));
                checkedProperties++;
                if (expected != actual)
                {
                    problems.Add($"{(property.AttributeProvider as PropertyInfo)?.DeclaringType?.Name ?? type.Name}.{property.Name}: default {expected}, read without it {actual}");
                }
            }
        }

        Assert.True(checkedProperties > 100, $"only {checkedProperties} init-only properties were checked");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Distinct()));
    }
}
