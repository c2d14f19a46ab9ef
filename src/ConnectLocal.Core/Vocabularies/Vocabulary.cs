using ConnectLocal.Core.GlobalResiliency;
using ConnectLocal.Core.Instances;
using ConnectLocal.Core.Registry;

namespace ConnectLocal.Core.Vocabularies;

/// <summary>
/// A custom vocabulary of Contact Lens: a table of phrases for one language. Member names follow the model's
/// Vocabulary shape (the generic describe maps them by name).
/// </summary>
public sealed record Vocabulary : InstanceResource, IResource<Vocabulary>, ITaggable<Vocabulary>
{
    public static string Kind => "vocabulary";

    public const string CreationInProgress = "CREATION_IN_PROGRESS";
    public const string Active = "ACTIVE";
    public const string CreationFailed = "CREATION_FAILED";
    public const string DeleteInProgress = "DELETE_IN_PROGRESS";

    public required string Name { get; init; }

    public required string LanguageCode { get; init; }

    public required string Content { get; init; }

    public required string State { get; init; }

    /// <summary>Why the creation failed; set only with <see cref="CreationFailed"/>.</summary>
    public string? FailureReason { get; init; }

    public Vocabulary WithTags(IReadOnlyDictionary<string, string> tags) => this with { Tags = tags };
}

/// <summary>The default vocabulary of one language in an instance; its id is the language code.</summary>
public sealed record DefaultVocabularyChoice : IResource<DefaultVocabularyChoice>
{
    public static string Kind => "default-vocabulary";

    public required string Id { get; init; }

    public required string VocabularyId { get; init; }

    public string? Name => null;
}

public sealed record CreateVocabularyCommand(
    string InstanceIdOrArn,
    string VocabularyName,
    string LanguageCode,
    string Content,
    IReadOnlyDictionary<string, string> Tags,
    string? ClientToken);

/// <summary>What SearchVocabularies filters on: each member given must match.</summary>
public sealed record VocabularyFilter(string? State, string? NameStartsWith, string? LanguageCode);

/// <summary>
/// Vocabularies (issue 15). Creation and deletion are asynchronous as in AWS: a new vocabulary is
/// CREATION_IN_PROGRESS until the <c>vocabulary-create</c> transition makes it ACTIVE (or CREATION_FAILED with a
/// FailureReason when its table is malformed); a deleted one is DELETE_IN_PROGRESS until the <c>vocabulary-delete</c>
/// transition removes it. Both delays are configurable like every status transition (docs/vocabularies.md).
/// </summary>
public sealed class VocabularyService(IConnectStore store, ConnectSettings settings)
{
    /// <summary>
    /// The model's prose limit on Content: 50 KB. [choice] counted as UTF-8 bytes, 50 × 1024; the model's 60000
    /// characters is checked first by the validator.
    /// </summary>
    public const int MaxContentBytes = 50 * 1024;

    public static readonly ResourceType<Vocabulary> Type = new()
    {
        ArnSegment = "vocabulary",
        Noun = "Vocabulary",
        Plural = "vocabularies",
        Quota = s => s.VocabulariesPerInstance,
        BeforeDelete = (context, vocabulary) => ForgetDefault(context.Session, context.Scope, vocabulary),
    };

    private const string CreateOperation = "CreateVocabulary";

    public Vocabulary Create(Caller caller, CreateVocabularyCommand command) => store.Write(session =>
    {
        if (System.Text.Encoding.UTF8.GetByteCount(command.Content) > MaxContentBytes)
        {
            throw Errors.InvalidRequest(ErrorTexts.VocabularyContentTooLarge(MaxContentBytes));
        }

        var instance = InstanceService.Require(session, caller, command.InstanceIdOrArn);
        var scope = new ResourceScope(caller.AccountId, caller.Region, instance.Id);
        var fingerprint = string.Join('\n', instance.Id, command.VocabularyName, command.LanguageCode, command.Content,
            string.Join('\n', command.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Key + "=" + t.Value)));
        if (Idempotency.Replay(session, caller, CreateOperation, command.ClientToken, fingerprint) is { } replayed)
        {
            // The model: a repeated token returns the previous response without creating a vocabulary again.
            return new Vocabulary
            {
                Id = replayed,
                InstanceId = instance.Id,
                Arn = Type.ArnOf(caller, instance.Id, replayed),
                Name = command.VocabularyName,
                LanguageCode = command.LanguageCode,
                Content = command.Content,
                State = Vocabulary.CreationInProgress,
            };
        }

        // [choice] Names are unique in an instance (CreateVocabulary models ResourceConflictException for it).
        if (session.GetByName<Vocabulary>(scope, command.VocabularyName) is not null)
        {
            throw Errors.Conflict(ErrorTexts.VocabularyNameTaken(command.VocabularyName));
        }

        if (session.Count<Vocabulary>(scope) >= settings.VocabulariesPerInstance)
        {
            throw Errors.Quota(ErrorTexts.QuotaReached(Type.Plural, settings.VocabulariesPerInstance));
        }

        var id = DefaultResources.NewId();
        var vocabulary = new Vocabulary
        {
            Id = id,
            InstanceId = instance.Id,
            Arn = Type.ArnOf(caller, instance.Id, id),
            Name = command.VocabularyName,
            LanguageCode = command.LanguageCode,
            Content = command.Content,
            State = Vocabulary.CreationInProgress,
            Tags = command.Tags,
            LastModifiedTime = caller.Now,
            LastModifiedRegion = caller.Region,
        };
        session.Put(scope, vocabulary);
        Idempotency.Remember(session, caller, CreateOperation, command.ClientToken, fingerprint, id);
        Transitions.Schedule(session, settings, TransitionKinds.VocabularyCreate, caller.AccountId, caller.Region, Target(instance.Id, id), caller.Now);
        return vocabulary;
    });

    public Vocabulary Describe(Caller caller, string instanceIdOrArn, string idOrArn) => store.Read(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        return Type.Require(session, caller, instance.Id, idOrArn);
    });

    /// <summary>
    /// Starts the deletion: DELETE_IN_PROGRESS now, gone with the <c>vocabulary-delete</c> transition. The answer is
    /// the vocabulary as it is then.
    /// [choice] A vocabulary still being created, or already being deleted, is in use (ResourceInUseException).
    /// </summary>
    public Vocabulary Delete(Caller caller, string instanceIdOrArn, string idOrArn) => store.Write(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var scope = new ResourceScope(caller.AccountId, caller.Region, instance.Id);
        var vocabulary = Type.Require(session, caller, instance.Id, idOrArn);
        if (vocabulary.State is Vocabulary.CreationInProgress or Vocabulary.DeleteInProgress)
        {
            throw Errors.InUse(ErrorTexts.VocabularyBusy(vocabulary.State), "VOCABULARY", vocabulary.Id);
        }

        ForgetDefault(session, scope, vocabulary);
        var deleting = vocabulary with { State = Vocabulary.DeleteInProgress, LastModifiedTime = caller.Now, LastModifiedRegion = caller.Region };
        session.Put(scope, deleting);
        Transitions.Schedule(session, settings, TransitionKinds.VocabularyDelete, caller.AccountId, caller.Region, Target(instance.Id, vocabulary.Id), caller.Now);
        return session.Get<Vocabulary>(scope, vocabulary.Id) ?? deleting;
    });

    /// <summary>
    /// SearchVocabularies: the vocabularies matching every filter given, in id order.
    /// [choice] NameStartsWith compares case-sensitively (vocabulary names are case-sensitive).
    /// </summary>
    public Page<Vocabulary> Search(Caller caller, string instanceIdOrArn, VocabularyFilter filter, string? nextToken, int pageSize) => store.Read(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var scope = new ResourceScope(caller.AccountId, caller.Region, instance.Id);
        var matches = session.All<Vocabulary>(scope)
            .Where(v => (filter.State is null || v.State == filter.State)
                && (filter.LanguageCode is null || v.LanguageCode == filter.LanguageCode)
                && (filter.NameStartsWith is null || v.Name.StartsWith(filter.NameStartsWith, StringComparison.Ordinal)))
            .OrderBy(v => v.Id, StringComparer.Ordinal)
            .ToList();
        var listing = Paging.Listing("SearchVocabularies", [filter.State, filter.NameStartsWith, filter.LanguageCode]);
        return Paging.Slice(session, scope, listing, matches, v => v.Id, nextToken, pageSize);
    });

    /// <summary>
    /// Sets (or, without a vocabulary, clears) the default vocabulary of a language.
    /// [choice] The vocabulary must be ACTIVE and of that language; otherwise InvalidRequestException.
    /// </summary>
    public void AssociateDefault(Caller caller, string instanceIdOrArn, string languageCode, string? vocabularyIdOrArn) => store.Write(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var scope = new ResourceScope(caller.AccountId, caller.Region, instance.Id);
        if (string.IsNullOrEmpty(vocabularyIdOrArn))
        {
            session.Delete<DefaultVocabularyChoice>(scope, languageCode);
            return true;
        }

        var vocabulary = Type.Require(session, caller, instance.Id, vocabularyIdOrArn);
        if (vocabulary.LanguageCode != languageCode)
        {
            throw Errors.InvalidRequest(ErrorTexts.VocabularyOtherLanguage(vocabulary.LanguageCode, languageCode));
        }

        if (vocabulary.State != Vocabulary.Active)
        {
            throw Errors.InvalidRequest(ErrorTexts.VocabularyNotActive(vocabulary.State));
        }

        session.Put(scope, new DefaultVocabularyChoice { Id = languageCode, VocabularyId = vocabulary.Id });
        return true;
    });

    /// <summary>The default vocabularies of an instance (of one language when given), in language-code order.</summary>
    public Page<(string LanguageCode, Vocabulary Vocabulary)> ListDefaults(Caller caller, string instanceIdOrArn, string? languageCode, string? nextToken, int pageSize) => store.Read(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var scope = new ResourceScope(caller.AccountId, caller.Region, instance.Id);
        var defaults = session.All<DefaultVocabularyChoice>(scope)
            .Where(d => languageCode is null || d.Id == languageCode)
            .Select(d => (LanguageCode: d.Id, Vocabulary: session.Get<Vocabulary>(scope, d.VocabularyId)))
            .Where(d => d.Vocabulary is not null)
            .Select(d => (d.LanguageCode, Vocabulary: d.Vocabulary!))
            .OrderBy(d => d.LanguageCode, StringComparer.Ordinal)
            .ToList();
        return Paging.Slice(session, scope, Paging.Listing("ListDefaultVocabularies", [languageCode]), defaults, d => d.LanguageCode, nextToken, pageSize);
    });

    internal static string Target(string instanceId, string vocabularyId) => instanceId + "/" + vocabularyId;

    /// <summary>The vocabulary-create transition: ACTIVE, or CREATION_FAILED with the first problem of its table.</summary>
    internal static void FinishCreation(IStoreSession session, string accountId, string region, string target)
    {
        if (Find(session, accountId, region, target) is not ({ State: Vocabulary.CreationInProgress } vocabulary, var scope))
        {
            return;
        }

        var problem = VocabularyTable.Problem(vocabulary.Content);
        session.Put(scope, vocabulary with
        {
            State = problem is null ? Vocabulary.Active : Vocabulary.CreationFailed,
            FailureReason = problem,
        });
    }

    /// <summary>The vocabulary-delete transition: a vocabulary still DELETE_IN_PROGRESS is removed.</summary>
    internal static void FinishDeletion(IStoreSession session, string accountId, string region, string target)
    {
        if (Find(session, accountId, region, target) is ({ State: Vocabulary.DeleteInProgress } vocabulary, var scope))
        {
            session.Delete<Vocabulary>(scope, vocabulary.Id);
        }
    }

    private static (Vocabulary? Vocabulary, ResourceScope Scope) Find(IStoreSession session, string accountId, string region, string target)
    {
        var parts = target.Split('/', 2);
        var scope = new ResourceScope(accountId, region, parts[0]);
        return (parts.Length == 2 ? session.Get<Vocabulary>(scope, parts[1]) : null, scope);
    }

    private static void ForgetDefault(IStoreSession session, ResourceScope scope, Vocabulary vocabulary)
    {
        if (session.Get<DefaultVocabularyChoice>(scope, vocabulary.LanguageCode) is { } choice && choice.VocabularyId == vocabulary.Id)
        {
            session.Delete<DefaultVocabularyChoice>(scope, vocabulary.LanguageCode);
        }
    }
}
