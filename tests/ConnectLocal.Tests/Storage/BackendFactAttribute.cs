using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ConnectLocal.Tests.Storage;

/// <summary>
/// A fact of the storage contract. The contract is written once and inherited by one test class per backend; a
/// backend that needs something the machine may lack (a PostgreSQL server) names it with
/// <see cref="RequiresEnvironmentAttribute"/> on its class, and its facts are reported as skipped without it.
/// (xunit 2 decides skipping per method, not per inheriting class, hence the discoverer.)
/// </summary>
[XunitTestCaseDiscoverer("ConnectLocal.Tests.Storage.BackendFactDiscoverer", "ConnectLocal.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class BackendFactAttribute : FactAttribute;

/// <summary>The test class runs only when the environment variable is set (its value is for the tests to read).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class RequiresEnvironmentAttribute(string variable) : Attribute
{
    public string Variable { get; } = variable;
}

public sealed class BackendFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var type = testMethod.TestClass.Class.ToRuntimeType();
        var missing = type?.GetCustomAttributes<RequiresEnvironmentAttribute>(inherit: true)
            .Select(a => a.Variable)
            .FirstOrDefault(v => string.IsNullOrEmpty(Environment.GetEnvironmentVariable(v)));
        var reason = missing is null ? null : $"{missing} is not set (scripts/test.sh sets it)";
        yield return new BackendTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason);
    }
}

public sealed class BackendTestCase : XunitTestCase
{
    private string? _skip;

    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public BackendTestCase()
    {
    }

    public BackendTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod method, string? skip)
        : base(sink, display, options, method)
    {
        _skip = skip;
    }

    public override void Serialize(IXunitSerializationInfo data)
    {
        base.Serialize(data);
        data.AddValue("BackendSkip", _skip);
    }

    public override void Deserialize(IXunitSerializationInfo data)
    {
        _skip = data.GetValue<string>("BackendSkip");
        base.Deserialize(data);
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) => _skip ?? base.GetSkipReason(factAttribute);
}
