using ConnectLocal.Core.TestCases;
using ConnectLocal.Model.Shapes;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Specs;

/// <summary>Test cases (resource-families): the rules of their content, versions and quota, specified in-process.</summary>
public sealed class TestCaseSpecs : IDisposable
{
    private const string Valid = """{"Version":"2025-06-21","Observations":[{"Identifier":"start","Event":{"Type":"TestInitiated"},"Actions":[]}]}""";

    private readonly ConnectClient _client = new();
    private readonly string _instanceId;

    public TestCaseSpecs() => _instanceId = NewInstance(_client, "test-case-specs");

    public void Dispose() => _client.Dispose();

    [Fact]
    public void Valid_content_has_no_problems()
    {
        var document = new TestCaseDocument(true, "2025-06-21", [new TestObservation("a", true, true, ["b"]), new TestObservation("b", true, true, [])]);

        Assert.Empty(TestCaseRules.Problems(document));
    }

    [Fact]
    public void Every_problem_of_published_content_is_listed_in_order()
    {
        var document = new TestCaseDocument(true, null, [new TestObservation(null, false, true, []), new TestObservation("x", true, false, ["y"]), new TestObservation("x", true, true, [])]);

        Assert.Equal(
            [
                "Version '' is not supported: use '2025-06-21'.",
                "Observation #1 has no Identifier.",
                "Observation '#1' has no Event object.",
                "Observation 'x': Actions must be a list of action objects.",
                "Observation 'x' transitions to 'y', which is not an observation of the test.",
                "Observation Identifier 'x' is used more than once.",
            ],
            TestCaseRules.Problems(document));
    }

    [Fact]
    public void Content_that_is_not_a_json_object_has_one_problem()
    {
        Assert.Equal(["Content is not valid JSON."], TestCaseRules.Problems(null));
        Assert.Equal(["Content must be a JSON object."], TestCaseRules.Problems(new TestCaseDocument(false, null, null)));
    }

    [Fact]
    public void Publishing_freezes_the_content_that_later_saves_leave_alone()
    {
        var id = Create("versions", Valid).TestCaseId!;
        _client.Invoke<UpdateTestCaseResponse>(new UpdateTestCaseRequest { InstanceId = _instanceId, TestCaseId = id, Content = "draft", Status = "SAVED" });

        var shown = Describe(id, null);
        var saved = Describe(id, "SAVED");

        Assert.Equal((Valid, "PUBLISHED"), (shown.Content, shown.Status));
        Assert.Equal(("draft", "SAVED"), (saved.Content, saved.Status));
        Assert.Equal(ConnectLocal.Core.TestCases.TestCase.Sha256("draft"), saved.TestCaseSha256);
    }

    [Fact]
    public void A_test_case_never_published_has_no_published_version()
    {
        var id = Create("draft only", "draft", status: "SAVED").TestCaseId!;

        _client.Fails(new DescribeTestCaseRequest { InstanceId = _instanceId, TestCaseId = id, Status = "PUBLISHED" }, "ResourceNotFoundException");
        Assert.Equal("draft", Describe(id, null).Content);
    }

    [Fact]
    public void Invalid_published_content_answers_InvalidTestCaseException_with_its_problems()
    {
        var error = _client.Fails(new CreateTestCaseRequest { InstanceId = _instanceId, Name = "bad", Content = "[1]" }, "InvalidTestCaseException");

        Assert.Equal("The test case content is not valid.", error.Message);
        Assert.Equal("Content must be a JSON object.", Assert.Single(error.ListFields["Problems"])["message"]);
    }

    [Fact]
    public void The_instance_quota_answers_ServiceQuotaExceededException()
    {
        using var client = new ConnectClient(new ConnectLocal.Core.Common.ConnectSettings { TestCasesPerInstance = 1 });
        var instanceId = NewInstance(client, "test-case-quota");
        client.Invoke<CreateTestCaseResponse>(new CreateTestCaseRequest { InstanceId = instanceId, Name = "one", Content = Valid });

        client.Fails(new CreateTestCaseRequest { InstanceId = instanceId, Name = "two", Content = Valid }, "ServiceQuotaExceededException");
    }

    private CreateTestCaseResponse Create(string name, string content, string? status = null) =>
        _client.Invoke<CreateTestCaseResponse>(new CreateTestCaseRequest { InstanceId = _instanceId, Name = name, Content = content, Status = status });

    private ConnectLocal.Model.Shapes.TestCase Describe(string id, string? status) =>
        _client.Invoke<DescribeTestCaseResponse>(new DescribeTestCaseRequest { InstanceId = _instanceId, TestCaseId = id, Status = status }).TestCase!;

    private static string NewInstance(ConnectClient client, string alias) => client.Invoke<CreateInstanceResponse>(new CreateInstanceRequest
    {
        IdentityManagementType = "CONNECT_MANAGED", InstanceAlias = alias, InboundCallsEnabled = true, OutboundCallsEnabled = true,
    }).Id!;
}
