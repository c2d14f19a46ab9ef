using System.Reflection;
using System.Text.Json;
using ConnectLocal.Core.Common;
using ConnectLocal.Model;
using ConnectLocal.Model.Metadata;
using ConnectLocal.Server.Handlers;
using ConnectLocal.Server.Handlers.Declared;
using ConnectLocal.Server.Hosting;
using ConnectLocal.Storage.Sqlite;

namespace ConnectLocal.Tests.Repository;

/// <summary>docs/compatibility.md cannot lie: what it calls implemented is exactly what reaches a handler.</summary>
public sealed class ImplementedOperationsTests
{
    [Fact]
    public async Task Every_operation_reaches_a_handler_exactly_when_the_compatibility_report_says_it_is_implemented()
    {
        using var store = SqliteStore.OpenInMemory();
        var api = new ConnectApi(store, new ConnectSettings());
        var implemented = CompatibilityReport.ImplementedOperations();
        using var empty = JsonDocument.Parse("{}");
        var wrong = new List<string>();
        foreach (var operation in OperationTable.All)
        {
            var context = new OperationContext(operation.Name, "111111111111", "us-east-1", "r", "AKIDEXAMPLE", DateTimeOffset.UnixEpoch);
            bool reached;
            try
            {
                // No validation here: an empty input reaches whatever answers the operation, and only the generated
                // base answers "not implemented". Whatever else happens (an answer, a domain error, a missing
                // member) means something handles it.
                await api.InvokeAsync(operation, context, empty.RootElement);
                reached = true;
            }
            catch (OperationNotImplementedException)
            {
                reached = false;
            }
            catch (Exception)
            {
                reached = true;
            }

            if (reached != implemented.Contains(operation.Name))
            {
                wrong.Add($"{operation.Name} (reached: {reached}, reported: {implemented.Contains(operation.Name)})");
            }
        }

        Assert.True(wrong.Count == 0, "the report and the handlers disagree on: " + string.Join(", ", wrong));
        Assert.True(implemented.Count > 72, $"only {implemented.Count} operations are reported implemented");
    }

    [Fact]
    public void No_operation_is_both_declared_and_overridden()
    {
        var overridden = typeof(ConnectApi).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.DeclaringType == typeof(ConnectApi) && m.GetBaseDefinition().DeclaringType == typeof(ConnectApiBase))
            .Select(m => m.Name)
            .ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(DeclaredOperations.Names);
        Assert.Empty(DeclaredOperations.Names.Intersect(overridden));
    }

    [Fact]
    public void Every_declared_operation_is_in_the_model_and_bound_once()
    {
        using var store = SqliteStore.OpenInMemory();
        var table = DeclaredOperations.Table(store, new ConnectSettings());

        Assert.Equal(DeclaredOperations.Names.Count, table.Count(h => h is not null));
        Assert.All(DeclaredOperations.Names, name => Assert.NotNull(table[OperationTable.All.Single(o => o.Name == name).Index]));
    }
}
