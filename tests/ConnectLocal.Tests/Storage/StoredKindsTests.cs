using ConnectLocal.Core.Resources;
using ConnectLocal.Storage;

namespace ConnectLocal.Tests.Storage;

/// <summary>
/// The backends' list of stored kinds (<see cref="StoredKinds"/>) stands in for a scan of the domain assembly, which
/// a native executable cannot make; here, where reflection works, the list is checked against that scan.
/// </summary>
public sealed class StoredKindsTests
{
    private static readonly Type[] DomainResources = typeof(Instance).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IResource<>)))
        .ToArray();

    [Fact]
    public void Every_resource_record_of_the_domain_is_a_stored_kind()
    {
        Assert.True(DomainResources.Length > 30, $"the scan found only {DomainResources.Length} resource records");
        var listed = StoredKinds.All.Select(k => k.Type).ToHashSet();
        Assert.Empty(DomainResources.Where(t => !listed.Contains(t)).Select(t => t.FullName));
        Assert.Empty(listed.Where(t => !DomainResources.Contains(t)).Select(t => t.FullName));
    }

    [Fact]
    public void Every_stored_kind_has_its_own_name_and_generated_json()
    {
        Assert.Equal(StoredKinds.All.Count, StoredKinds.All.Select(k => k.Kind).Distinct(StringComparer.Ordinal).Count());
        foreach (var kind in StoredKinds.All)
        {
            Assert.Equal(kind.Type.GetProperty("Kind")!.GetValue(null), kind.Kind);
            Assert.NotNull(StorageJsonContext.Default.GetTypeInfo(kind.Type));
        }
    }

    [Fact]
    public void A_stored_kind_reads_its_record_and_its_id_back()
    {
        var kind = StoredKinds.All.Single(k => k.Type == typeof(Queue));
        var (value, id) = kind.Read("""{"Id":"q-1","Name":"Sales","QueueType":"STANDARD","Status":"ENABLED"}""");
        Assert.Equal("q-1", id);
        Assert.Equal("Sales", Assert.IsType<Queue>(value).Name);
    }
}
