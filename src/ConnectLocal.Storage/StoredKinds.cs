using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ConnectLocal.Core.AttachedFiles;
using ConnectLocal.Core.AuthenticationProfiles;
using ConnectLocal.Core.Common;
using ConnectLocal.Core.DataTables;
using ConnectLocal.Core.EmailAddresses;
using ConnectLocal.Core.Evaluations;
using ConnectLocal.Core.FlowModules;
using ConnectLocal.Core.Flows;
using ConnectLocal.Core.GlobalResiliency;
using ConnectLocal.Core.Hierarchy;
using ConnectLocal.Core.HoursOverrides;
using ConnectLocal.Core.Integrations;
using ConnectLocal.Core.Notifications;
using ConnectLocal.Core.Prompts;
using ConnectLocal.Core.QuickConnects;
using ConnectLocal.Core.Resources;
using ConnectLocal.Core.Rules;
using ConnectLocal.Core.TaskTemplates;
using ConnectLocal.Core.TestCases;
using ConnectLocal.Core.Users;
using ConnectLocal.Core.Views;
using ConnectLocal.Core.Vocabularies;
using ConnectLocal.Core.Workspaces;

namespace ConnectLocal.Storage;

/// <summary>One kind of stored record: the domain's <see cref="IResource{TSelf}"/> record a backend keeps as JSON.</summary>
internal abstract class StoredKind
{
    public abstract string Kind { get; }

    public abstract Type Type { get; }

    /// <summary>The record <paramref name="json"/> holds and its id; throws <see cref="JsonException"/> when it holds none.</summary>
    public abstract (object? Value, string? Id) Read(string json);
}

internal sealed class StoredKind<T> : StoredKind
    where T : class, IResource<T>
{
    public override string Kind => T.Kind;

    public override Type Type => typeof(T);

    public override (object? Value, string? Id) Read(string json) =>
        JsonSerializer.Deserialize(json, ResourceSerializer.TypeInfo<T>()) is { } value ? (value, value.Id) : (null, null);
}

/// <summary>
/// Every kind of record the backends store, listed rather than found by scanning the domain assembly: a native
/// (AOT-compiled) executable cannot enumerate types, and the JSON of each is generated at build time
/// (<see cref="StorageJsonContext"/>). A test checks this list against every <see cref="IResource{TSelf}"/> of the
/// domain, so a new resource record that is missing here fails the build's tests.
/// </summary>
internal static class StoredKinds
{
    public static readonly IReadOnlyList<StoredKind> All =
    [
        new StoredKind<AgentStatus>(),
        new StoredKind<ApprovedOrigin>(),
        new StoredKind<AttachedFile>(),
        new StoredKind<AttachedFileContent>(),
        new StoredKind<AttachedFilesConfiguration>(),
        new StoredKind<AuthenticationProfile>(),
        new StoredKind<BotAssociation>(),
        new StoredKind<ClaimedPhoneNumber>(),
        new StoredKind<ContactEmailAddress>(),
        new StoredKind<ContactFlow>(),
        new StoredKind<ContactFlowModule>(),
        new StoredKind<CoolingPhoneNumber>(),
        new StoredKind<DataTable>(),
        new StoredKind<DefaultVocabularyChoice>(),
        new StoredKind<EvaluationForm>(),
        new StoredKind<FlowAssociation>(),
        new StoredKind<HierarchyGroup>(),
        new StoredKind<HierarchyStructure>(),
        new StoredKind<HoursOfOperation>(),
        new StoredKind<HoursOfOperationOverride>(),
        new StoredKind<IdempotencyRecord>(),
        new StoredKind<Instance>(),
        new StoredKind<IntegrationAssociation>(),
        new StoredKind<LambdaFunctionAssociation>(),
        new StoredKind<Notification>(),
        new StoredKind<PendingTransition>(),
        new StoredKind<PredefinedAttribute>(),
        new StoredKind<Prompt>(),
        new StoredKind<Queue>(),
        new StoredKind<QuickConnect>(),
        new StoredKind<RoutingProfile>(),
        new StoredKind<Rule>(),
        new StoredKind<SecurityKeyAssociation>(),
        new StoredKind<SecurityProfile>(),
        new StoredKind<StorageConfigAssociation>(),
        new StoredKind<TaskTemplate>(),
        new StoredKind<TestCase>(),
        new StoredKind<TrafficDistributionGroup>(),
        new StoredKind<TransitionControl>(),
        new StoredKind<UseCase>(),
        new StoredKind<User>(),
        new StoredKind<View>(),
        new StoredKind<Vocabulary>(),
        new StoredKind<Workspace>(),
    ];
}

/// <summary>
/// The stored records' JSON, generated at build time (no reflection at run time, so it works in a native executable).
/// The options are the ones the backends always used: computed (get-only) properties and nulls are left out.
/// </summary>
[JsonSourceGenerationOptions(IgnoreReadOnlyProperties = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AgentStatus))]
[JsonSerializable(typeof(ApprovedOrigin))]
[JsonSerializable(typeof(AttachedFile))]
[JsonSerializable(typeof(AttachedFileContent))]
[JsonSerializable(typeof(AttachedFilesConfiguration))]
[JsonSerializable(typeof(AuthenticationProfile))]
[JsonSerializable(typeof(BotAssociation))]
[JsonSerializable(typeof(ClaimedPhoneNumber))]
[JsonSerializable(typeof(ContactEmailAddress))]
[JsonSerializable(typeof(ContactFlow))]
[JsonSerializable(typeof(ContactFlowModule))]
[JsonSerializable(typeof(CoolingPhoneNumber))]
[JsonSerializable(typeof(DataTable))]
[JsonSerializable(typeof(DefaultVocabularyChoice))]
[JsonSerializable(typeof(EvaluationForm))]
[JsonSerializable(typeof(FlowAssociation))]
[JsonSerializable(typeof(HierarchyGroup))]
[JsonSerializable(typeof(HierarchyStructure))]
[JsonSerializable(typeof(HoursOfOperation))]
[JsonSerializable(typeof(HoursOfOperationOverride))]
[JsonSerializable(typeof(IdempotencyRecord))]
[JsonSerializable(typeof(Instance))]
[JsonSerializable(typeof(IntegrationAssociation))]
[JsonSerializable(typeof(LambdaFunctionAssociation))]
[JsonSerializable(typeof(Notification))]
[JsonSerializable(typeof(PendingTransition))]
[JsonSerializable(typeof(PredefinedAttribute))]
[JsonSerializable(typeof(Prompt))]
[JsonSerializable(typeof(Queue))]
[JsonSerializable(typeof(QuickConnect))]
[JsonSerializable(typeof(RoutingProfile))]
[JsonSerializable(typeof(Rule))]
[JsonSerializable(typeof(SecurityKeyAssociation))]
[JsonSerializable(typeof(SecurityProfile))]
[JsonSerializable(typeof(StorageConfigAssociation))]
[JsonSerializable(typeof(TaskTemplate))]
[JsonSerializable(typeof(TestCase))]
[JsonSerializable(typeof(TrafficDistributionGroup))]
[JsonSerializable(typeof(TransitionControl))]
[JsonSerializable(typeof(UseCase))]
[JsonSerializable(typeof(User))]
[JsonSerializable(typeof(View))]
[JsonSerializable(typeof(Vocabulary))]
[JsonSerializable(typeof(Workspace))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
