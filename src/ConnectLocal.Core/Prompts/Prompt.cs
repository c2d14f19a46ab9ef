namespace ConnectLocal.Core.Prompts;

/// <summary>
/// A prompt: a named audio file flows play. Member names follow the model's (Name, Description, S3Uri).
/// LIMITATIONS: no audio is stored; S3Uri is kept as sent (the model's pattern is checked) and never read.
/// </summary>
public sealed record Prompt : InstanceResource, IResource<Prompt>, ITaggable<Prompt>
{
    public static string Kind => "prompt";

    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>Where the audio was uploaded from; null for the prompts every instance starts with.</summary>
    public string? S3Uri { get; init; }

    public Prompt WithTags(IReadOnlyDictionary<string, string> tags) => this with { Tags = tags };
}

public static class PromptRules
{
    /// <summary>The prompts every new instance lists (names as a real instance's ListPrompts shows them).</summary>
    public static readonly string[] DefaultNames =
    [
        "Beep.wav", "CustomerHold.wav", "CustomerQueue.wav", "Music_Jazz_MyTimetoFly_Inst.wav",
        "Music_Pop_ThisAndThatIsLife_Inst.wav", "Music_Pop_ThrowYourselfInFrontOfIt_Inst.wav",
        "Music_Rock_EverywhereTheSunShines_Inst.wav",
    ];

    public static readonly ResourceType<Prompt> Type = new()
    {
        Mirrored = true, // Global Resiliency (docs/global-resiliency.md)
        ArnSegment = "prompt",
        Noun = "Prompt",
        Quota = s => s.PromptsPerInstance,
        QuotaError = DomainErrorKind.LimitExceeded,
        SearchFields =
        [
            SearchField<Prompt>.Text("name", p => p.Name),
            SearchField<Prompt>.Text("description", p => p.Description),
            SearchField<Prompt>.Id("resourceID", p => p.Id),
        ],
        Defaults = _ => DefaultNames.Select(name => new Prompt { Name = name }),
        BeforeDelete = Flows.FlowReferences.CheckPromptDeletable,
    };
}
