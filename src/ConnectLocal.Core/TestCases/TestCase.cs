namespace ConnectLocal.Core.TestCases;

// Member names follow the model's (TestCaseEntryPoint, VoiceCallEntryPointParameters, …): the generic handlers map shapes by name.
public sealed record VoiceCallEntryPoint(string? SourcePhoneNumber, string? DestinationPhoneNumber, string? FlowId);

public sealed record ChatEntryPoint(string? FlowId);

public sealed record TestCaseEntryPoint(string? Type, VoiceCallEntryPoint? VoiceCallEntryPointParameters, ChatEntryPoint? ChatEntryPointParameters);

/// <summary>What a publish froze: the content a DescribeTestCase with status PUBLISHED shows while later saves change the draft.</summary>
public sealed record PublishedTestCase(string Content, TestCaseEntryPoint? EntryPoint, string? InitializationData);

/// <summary>
/// A test case: a named test of a flow written in the Testing language (ARN …/instance/{id}/test-case/{id}).
/// The top-level Content, EntryPoint and InitializationData are the latest written (the saved version); Status is
/// the status of that write; <see cref="Published"/> is the last published version, kept while later writes save
/// drafts. LIMITATIONS: test cases are not run (no executions).
/// </summary>
public sealed record TestCase : InstanceResource, IResource<TestCase>, ITaggable<TestCase>
{
    public static string Kind => "test-case";

    public required string Name { get; init; }

    public string? Description { get; init; }

    public required string Content { get; init; }

    public TestCaseEntryPoint? EntryPoint { get; init; }

    public string? InitializationData { get; init; }

    public string Status { get; init => field = value ?? field; } = TestCaseRules.Published;

    public PublishedTestCase? Published { get; init; }

    public string TestCaseSha256 => Sha256(Content);

    public TestCase WithTags(IReadOnlyDictionary<string, string> tags) => this with { Tags = tags };

    public static string Sha256(string content) => FlowModules.ContactFlowModule.Sha256(content);
}

/// <summary>
/// Test case content as the edge read it (Core reads no JSON): null when it is not JSON at all. The Testing language
/// (AWS API Reference, "Testing language") has a Version, optional Metadata and a list of Observations.
/// </summary>
public sealed record TestCaseDocument(bool IsObject, string? Version, IReadOnlyList<TestObservation>? Observations);

/// <summary>One observation: its Identifier, whether it has an Event object, whether Actions (when given) is a list of objects, and where it transitions.</summary>
public sealed record TestObservation(string? Identifier, bool HasEvent, bool ActionsValid, IReadOnlyList<string> NextObservations);

/// <summary>
/// The rules of test cases beyond the routine ones (unique names, quota, tags, list, search and delete come from
/// <see cref="Type"/>). Every create and update: the entry point's parameters are the ones its type names and the
/// flow it names exists in the instance; InitializationData is JSON. A PUBLISHED write checks the content
/// (<see cref="Validate"/>); a SAVED one does not.
/// </summary>
public static class TestCaseRules
{
    public const string Published = "PUBLISHED";
    public const string Saved = "SAVED";
    public const string VoiceCall = "VOICE_CALL";
    public const string Chat = "CHAT";

    /// <summary>[choice] The Testing language version AWS documents (2025-06-21) is the only one accepted.</summary>
    public const string LanguageVersion = "2025-06-21";

    public static readonly ResourceType<TestCase> Type = new()
    {
        ArnSegment = "test-case",
        Noun = "Test case",
        Quota = s => s.TestCasesPerInstance,
        QuotaError = DomainErrorKind.ServiceQuotaExceeded,
        SearchFields =
        [
            SearchField<TestCase>.Text("name", t => t.Name),
            SearchField<TestCase>.Text("description", t => t.Description),
            SearchField<TestCase>.Id("resourceID", t => t.Id),
        ],
        Conditions = [SearchField<TestCase>.Id("StatusCondition", t => t.Status)],
    };

    /// <summary>
    /// The rules of a test case about to be stored. <paramref name="isJson"/> says whether a string is JSON and
    /// <paramref name="read"/> reads content (the edge knows JSON).
    /// </summary>
    public static TestCase Checked(ResourceContext context, TestCase testCase, Func<string, bool> isJson, Func<string, TestCaseDocument?> read)
    {
        if (testCase.EntryPoint is { } entry)
        {
            CheckEntryPoint(context, entry);
        }

        if (testCase.InitializationData is { } data && !isJson(data))
        {
            throw Errors.InvalidParameter(ErrorTexts.TestCaseInitializationDataNotJson);
        }

        if (testCase.Status != Published)
        {
            return testCase;
        }

        var problems = Problems(read(testCase.Content));
        if (problems.Count > 0)
        {
            throw Errors.InvalidTestCase(problems);
        }

        return testCase with { Published = new PublishedTestCase(testCase.Content, testCase.EntryPoint, testCase.InitializationData) };
    }

    /// <summary>
    /// An update: the members given replace the stored ones; without Status the test case keeps its status (a
    /// PUBLISHED one is checked and published again).
    /// </summary>
    public static TestCase Updated(TestCase current, string? name, string? description, string? content, TestCaseEntryPoint? entryPoint, string? initializationData, string? status) =>
        current with
        {
            Name = name ?? current.Name,
            Description = description ?? current.Description,
            Content = content ?? current.Content,
            EntryPoint = entryPoint ?? current.EntryPoint,
            InitializationData = initializationData ?? current.InitializationData,
            Status = status ?? current.Status,
        };

    /// <summary>
    /// DescribeTestCase's version: PUBLISHED is the published version (not found when none was published); SAVED is
    /// the latest written, shown with its own status ([choice]: a test case last published has no other saved
    /// version); no status is the published version when there is one, else the saved one.
    /// </summary>
    public static TestCase Version(TestCase testCase, string? status)
    {
        var published = testCase.Published is { } p
            ? testCase with { Content = p.Content, EntryPoint = p.EntryPoint, InitializationData = p.InitializationData, Status = Published }
            : null;
        return status switch
        {
            Published => published ?? throw Errors.NotFound(ErrorTexts.TestCasePublishedNoun),
            Saved => testCase,
            _ => published ?? testCase,
        };
    }

    /// <summary>Every problem of content published, each naming where it is.</summary>
    public static IReadOnlyList<string> Problems(TestCaseDocument? document)
    {
        if (document is null)
        {
            return [ErrorTexts.TestCaseContentNotJson];
        }

        if (!document.IsObject)
        {
            return [ErrorTexts.TestCaseContentNotObject];
        }

        var problems = new List<string>();
        if (document.Version != LanguageVersion)
        {
            problems.Add(ErrorTexts.TestCaseVersion(document.Version, LanguageVersion));
        }

        if (document.Observations is not { Count: > 0 } observations)
        {
            problems.Add(ErrorTexts.TestCaseNoObservations);
            return problems;
        }

        var identifiers = observations.Select(o => o.Identifier).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var repeated = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < observations.Count; i++)
        {
            var observation = observations[i];
            var where = observation.Identifier ?? $"#{i + 1}";
            if (observation.Identifier is null)
            {
                problems.Add(ErrorTexts.TestObservationNoIdentifier(i + 1));
            }
            else if (!seen.Add(observation.Identifier) && repeated.Add(observation.Identifier))
            {
                problems.Add(ErrorTexts.TestObservationRepeated(observation.Identifier));
            }

            if (!observation.HasEvent)
            {
                problems.Add(ErrorTexts.TestObservationNoEvent(where));
            }

            if (!observation.ActionsValid)
            {
                problems.Add(ErrorTexts.TestObservationActions(where));
            }

            problems.AddRange(observation.NextObservations.Where(next => !identifiers.Contains(next)).Select(next => ErrorTexts.TestObservationUnknownNext(where, next)));
        }

        return problems;
    }

    private static void CheckEntryPoint(ResourceContext context, TestCaseEntryPoint entry)
    {
        // [choice] The parameters given are the ones the type names, and no others (as a quick connect's configuration).
        var voice = entry.VoiceCallEntryPointParameters is not null;
        var chat = entry.ChatEntryPointParameters is not null;
        if ((entry.Type == VoiceCall && chat) || (entry.Type == Chat && voice) || (entry.Type is null && (voice || chat)))
        {
            throw Errors.InvalidParameter(ErrorTexts.TestCaseEntryPointMismatch(entry.Type));
        }

        // [choice] The flow must exist in the instance; its type and status are not checked (a draft flow can be tested).
        if ((entry.VoiceCallEntryPointParameters?.FlowId ?? entry.ChatEntryPointParameters?.FlowId) is { } flowId)
        {
            Flows.ContactFlowRules.Type.Require(context.Session, context.Caller, context.Instance.Id, flowId);
        }
    }
}
