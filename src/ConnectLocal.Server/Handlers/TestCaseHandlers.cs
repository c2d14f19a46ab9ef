using System.Text.Json;
using ConnectLocal.Core.Registry;
using ConnectLocal.Core.TestCases;
using ConnectLocal.Model.Shapes;
using CoreEntryPoint = ConnectLocal.Core.TestCases.TestCaseEntryPoint;
using TestCase = ConnectLocal.Core.TestCases.TestCase;

namespace ConnectLocal.Server.Handlers;

// Test cases (resource-families): list, search and delete are declared (Handlers/Declared); the operations that carry
// content (read as JSON at this edge, checked in Core by TestCaseRules) and the describe that picks a version are
// written here.
// LIMITATIONS: test cases are not run (StartTestCaseExecution and the execution operations answer 501); the Global
// Resiliency headers (x-amz-resource-id, x-amz-last-modified-time/-region) are accepted and not used; test cases are
// not mirrored to a replica.
public sealed partial class ConnectApi
{
    private ResourceOperations<TestCase> TestCases => new(Store, Settings, TestCaseRules.Type);

    public override ValueTask<CreateTestCaseResponse> CreateTestCase(OperationContext context, CreateTestCaseRequest request)
    {
        var created = TestCases.Create(CallerOf(context), request.InstanceId!, resources => TestCaseRules.Checked(resources, new TestCase
        {
            Name = request.Name!,
            Description = request.Description,
            Content = request.Content!,
            EntryPoint = EntryPointIn(request.EntryPoint),
            InitializationData = request.InitializationData,
            Status = request.Status ?? TestCaseRules.Published,
            Tags = TagsIn(request.Tags),
        }, TestCaseJson.IsJson, TestCaseJson.Read));
        return ValueTask.FromResult(new CreateTestCaseResponse { TestCaseId = created.Id, TestCaseArn = created.Arn });
    }

    public override ValueTask<UpdateTestCaseResponse> UpdateTestCase(OperationContext context, UpdateTestCaseRequest request)
    {
        TestCases.Update(CallerOf(context), request.InstanceId!, request.TestCaseId!, (resources, current) => TestCaseRules.Checked(
            resources,
            TestCaseRules.Updated(current, request.Name, request.Description, request.Content, EntryPointIn(request.EntryPoint), request.InitializationData, request.Status),
            TestCaseJson.IsJson,
            TestCaseJson.Read));
        return ValueTask.FromResult(new UpdateTestCaseResponse());
    }

    public override ValueTask<DescribeTestCaseResponse> DescribeTestCase(OperationContext context, DescribeTestCaseRequest request)
    {
        var shown = TestCaseRules.Version(TestCases.Describe(CallerOf(context), request.InstanceId!, request.TestCaseId!), request.Status);
        return ValueTask.FromResult(new DescribeTestCaseResponse
        {
            TestCase = new Model.Shapes.TestCase
            {
                Arn = shown.Arn,
                Id = shown.Id,
                Name = shown.Name,
                Description = shown.Description,
                Content = shown.Content,
                EntryPoint = EntryPointOut(shown.EntryPoint),
                InitializationData = shown.InitializationData,
                Status = shown.Status,
                LastModifiedTime = shown.LastModifiedTime,
                LastModifiedRegion = shown.LastModifiedRegion,
                Tags = TagsOut(shown.Tags),
                TestCaseSha256 = shown.TestCaseSha256,
            },
        });
    }

    private static CoreEntryPoint? EntryPointIn(Model.Shapes.TestCaseEntryPoint? entry) => entry is null ? null : new CoreEntryPoint(
        entry.Type,
        entry.VoiceCallEntryPointParameters is { } voice ? new VoiceCallEntryPoint(voice.SourcePhoneNumber, voice.DestinationPhoneNumber, voice.FlowId) : null,
        entry.ChatEntryPointParameters is { } chat ? new ChatEntryPoint(chat.FlowId) : null);

    private static Model.Shapes.TestCaseEntryPoint? EntryPointOut(CoreEntryPoint? entry) => entry is null ? null : new Model.Shapes.TestCaseEntryPoint
    {
        Type = entry.Type,
        VoiceCallEntryPointParameters = entry.VoiceCallEntryPointParameters is { } voice
            ? new VoiceCallEntryPointParameters { SourcePhoneNumber = voice.SourcePhoneNumber, DestinationPhoneNumber = voice.DestinationPhoneNumber, FlowId = voice.FlowId }
            : null,
        ChatEntryPointParameters = entry.ChatEntryPointParameters is { } chat ? new ChatEntryPointParameters { FlowId = chat.FlowId } : null,
    };
}

/// <summary>Reads test case content (the Testing language, a JSON document) into Core's <see cref="TestCaseDocument"/>; Core knows no JSON.</summary>
internal static class TestCaseJson
{
    public static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The content's outline, or null when it is not JSON.</summary>
    public static TestCaseDocument? Read(string content)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new TestCaseDocument(false, null, null);
            }

            var version = Member(root, "Version") is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;
            var observations = Member(root, "Observations") is { ValueKind: JsonValueKind.Array } list
                ? list.EnumerateArray().Select(Observation).ToList()
                : null;
            return new TestCaseDocument(true, version, observations);
        }
    }

    private static TestObservation Observation(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return new TestObservation(null, false, false, []);
        }

        var identifier = Member(element, "Identifier") is { ValueKind: JsonValueKind.String } id ? id.GetString() : null;
        var actions = Member(element, "Actions");
        var actionsValid = actions.ValueKind == JsonValueKind.Undefined
            || (actions.ValueKind == JsonValueKind.Array && actions.EnumerateArray().All(a => a.ValueKind == JsonValueKind.Object));
        var next = Member(Member(element, "Transitions"), "NextObservations") is { ValueKind: JsonValueKind.Array } n
            ? n.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
            : [];
        return new TestObservation(identifier, Member(element, "Event").ValueKind == JsonValueKind.Object, actionsValid, next);
    }

    private static JsonElement Member(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;
}
