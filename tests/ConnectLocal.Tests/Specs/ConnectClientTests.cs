using ConnectLocal.Model.Metadata;
using ConnectLocal.Model.Shapes;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Specs;

/// <summary>What the specs rely on in <see cref="ConnectClient"/>: every operation can be called through it, and a wrong shape is a test bug, not a service error.</summary>
public sealed class ConnectClientTests : IDisposable
{
    private readonly ConnectClient _client = new();

    public void Dispose() => _client.Dispose();

    [Fact]
    public void Every_operation_has_input_and_output_shapes_in_the_wire_context()
    {
        var shapes = typeof(CreateQueueRequest).Assembly;
        var missing = OperationTable.All
            .SelectMany(o => new[] { o.Input.Name, o.Output?.Name })
            .OfType<string>()
            .Where(name => shapes.GetType("ConnectLocal.Model.Shapes." + name) is not { } type || ConnectJsonContext.Wire.GetTypeInfo(type) is null)
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void Asking_for_another_operations_output_shape_is_an_ArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(() => _client.Invoke<DescribeQueueResponse>(new ListQueuesRequest { InstanceId = "x" }));

        Assert.Equal("ListQueues answers with ListQueuesResponse, not DescribeQueueResponse", error.Message);
    }

    [Fact]
    public void A_shape_that_is_no_operations_input_is_an_ArgumentException()
    {
        Assert.Throws<ArgumentException>(() => _client.Invoke(new QueueSummary()));
    }

    [Fact]
    public void An_operation_with_no_handler_throws_OperationNotImplementedException()
    {
        // What the HTTP endpoint answers with a 501; in-process it stays the generated base's exception. The
        // operation is one the compatibility report lists as not implemented, so this stays true as handlers are added.
        var operation = ModelSamples.NotImplementedWithOnlyPlainLabelsRequired().First();
        var request = Activator.CreateInstance(typeof(QueueSummary).Assembly.GetType($"{typeof(QueueSummary).Namespace}.{operation.Input.Name}")!)!;
        foreach (var label in operation.Input.Members.Where(m => m.Required))
        {
            request.GetType().GetProperty(label.Name)!.SetValue(request, ModelSamples.LabelValue);
        }

        Assert.Throws<OperationNotImplementedException>(() => _client.Invoke(request));
    }
}
