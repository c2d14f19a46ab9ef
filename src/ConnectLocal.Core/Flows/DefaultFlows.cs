using ConnectLocal.Core.Instances;
using ConnectLocal.Core.Prompts;

namespace ConnectLocal.Core.Flows;

/// <summary>
/// The flows every new instance lists: the eight "Default …" flows (one per flow type a queue or transfer falls back
/// on) and the "Sample …" flows, named as a real instance's ListContactFlows shows them (Admin Guide, "Default flows"
/// and "Sample flows").
/// [choice] Their content is a short valid flow of the same purpose, not AWS's own (which is not published as flow
/// language): each plays or announces something and ends, transfers or disconnects as its type allows, and names the
/// instance's default prompts and BasicQueue by ARN, so every default passes the validator with its references.
/// [choice] The samples are inbound flows (CONTACT_FLOW) except the interruptible queue flow, a customer queue flow.
/// </summary>
internal static class DefaultFlows
{
    public static IEnumerable<ContactFlow> Of(DefaultsContext context)
    {
        var prompt = (string name) => Arns.InInstance(context.Instance.Region, context.Instance.AccountId, context.Instance.Id, PromptRules.Type.ArnSegment, context.IdOf<Prompt>(name));
        var basicQueue = Arns.InInstance(
            context.Instance.Region, context.Instance.AccountId, context.Instance.Id, ResourceTypes.Queue.ArnSegment, context.IdOf<Queue>(DefaultResources.BasicQueue));

        yield return New("Default agent hold", "AGENT_HOLD", "Default flow for the agent while a customer is on hold", Looping(prompt("Music_Jazz_MyTimetoFly_Inst.wav")));
        yield return New("Default agent transfer", "AGENT_TRANSFER", "Default flow to transfer to an agent", Transfer());
        yield return New("Default agent whisper", "AGENT_WHISPER", "Default whisper played to the agent", Announce("$.Queue.Name"));
        yield return New("Default customer hold", "CUSTOMER_HOLD", "Default flow for the customer on hold", Looping(prompt("CustomerHold.wav")));
        yield return New("Default customer queue", "CUSTOMER_QUEUE", "Default flow for a customer waiting in queue", Looping(prompt("CustomerQueue.wav")));
        yield return New("Default customer whisper", "CUSTOMER_WHISPER", "Default whisper played to the customer", End());
        yield return New("Default outbound", "OUTBOUND_WHISPER", "Default flow of an outbound call", End());
        yield return New("Default queue transfer", "QUEUE_TRANSFER", "Default flow to transfer to a queue", Transfer());

        foreach (var name in InboundSamples)
        {
            yield return New(name, "CONTACT_FLOW", null, ToQueue(basicQueue, prompt("Beep.wav")));
        }

        yield return New("Sample interruptible queue flow with callback", "CUSTOMER_QUEUE", null, Looping(prompt("Music_Pop_ThisAndThatIsLife_Inst.wav")));
    }

    private static readonly string[] InboundSamples =
    [
        "Sample AB test", "Sample disconnect flow", "Sample inbound flow (first contact experience)", "Sample Lambda integration",
        "Sample note for screenpop", "Sample queue configurations flow", "Sample queue customer", "Sample recording behavior",
        "Sample secure input with agent", "Sample secure input with no agent",
    ];

    private static ContactFlow New(string name, string type, string? description, string content) =>
        new() { Name = name, Type = type, Description = description, Content = content };

    // A hold or queue flow: the prompt again and again; an error ends the flow.
    private static string Looping(string promptArn) => Flow(
        Action("play", "MessageParticipantIteratively", $$"""{"Messages":[{"PromptId":"{{promptArn}}"}]}""", next: null, error: "end"),
        Action("end", "EndFlowExecution", "{}", next: null, error: null));

    private static string Announce(string text) => Flow(
        Action("announce", "MessageParticipant", $$"""{"Text":"{{text}}"}""", next: "end", error: "end"),
        Action("end", "EndFlowExecution", "{}", next: null, error: null));

    private static string End() => Flow(Action("end", "EndFlowExecution", "{}", next: null, error: null));

    // A transfer flow: the queue the quick connect set is the target; a full queue disconnects.
    private static string Transfer() => Flow(
        Action("transfer", "TransferContactToQueue", "{}", next: null, error: "disconnect"),
        Action("disconnect", "DisconnectParticipant", "{}", next: null, error: null));

    private static string ToQueue(string queueArn, string promptArn) => Flow(
        Action("greet", "MessageParticipant", $$"""{"PromptId":"{{promptArn}}"}""", next: "queue", error: "queue"),
        Action("queue", "UpdateContactTargetQueue", $$"""{"QueueId":"{{queueArn}}"}""", next: "transfer", error: "disconnect"),
        Action("transfer", "TransferContactToQueue", "{}", next: null, error: "disconnect"),
        Action("disconnect", "DisconnectParticipant", "{}", next: null, error: null));

    private static string Flow(params string[] actions) =>
        $$"""{"Version":"{{FlowValidator.Version}}","StartAction":"{{FirstIdentifier(actions[0])}}","Metadata":{},"Actions":[{{string.Join(",", actions)}}]}""";

    private static string FirstIdentifier(string action) => action.Split('"')[3];

    private static string Action(string identifier, string type, string parameters, string? next, string? error)
    {
        var transitions = new List<string>();
        if (next is not null)
        {
            transitions.Add($$"""
                "NextAction":"{{next}}"
                """);
        }

        if (error is not null)
        {
            transitions.Add($$"""
                "Errors":[{"NextAction":"{{error}}","ErrorType":"NoMatchingError"}]
                """);
        }

        return $$$"""{"Identifier":"{{{identifier}}}","Type":"{{{type}}}","Parameters":{{{parameters}}},"Transitions":{{{{string.Join(",", transitions)}}}}}""";
    }
}
