using ConnectLocal.Core.Vocabularies;
using ConnectLocal.Model.Shapes;
using VocabularyRecord = ConnectLocal.Core.Vocabularies.Vocabulary;

namespace ConnectLocal.Server.Handlers;

// Vocabularies (issue 15): every operation is written here; the rules live in Core/Vocabularies. Tagging by ARN
// comes from the type's declaration (ResourceTypes.All). docs/vocabularies.md.
public sealed partial class ConnectApi
{
    private VocabularyService Vocabularies => new(Store, Settings);

    public override ValueTask<CreateVocabularyResponse> CreateVocabulary(OperationContext context, CreateVocabularyRequest request)
    {
        var vocabulary = Vocabularies.Create(CallerOf(context), new CreateVocabularyCommand(
            request.InstanceId!, request.VocabularyName!, request.LanguageCode!, request.Content!, TagsIn(request.Tags), request.ClientToken));
        // AWS answers the state the creation starts in, even when a zero delay has already finished it.
        return ValueTask.FromResult(new CreateVocabularyResponse
        {
            VocabularyArn = vocabulary.Arn,
            VocabularyId = vocabulary.Id,
            State = VocabularyRecord.CreationInProgress,
        });
    }

    public override ValueTask<DescribeVocabularyResponse> DescribeVocabulary(OperationContext context, DescribeVocabularyRequest request)
    {
        var v = Vocabularies.Describe(CallerOf(context), request.InstanceId!, request.VocabularyId!);
        return ValueTask.FromResult(new DescribeVocabularyResponse
        {
            Vocabulary = new Model.Shapes.Vocabulary
            {
                Name = v.Name,
                Id = v.Id,
                Arn = v.Arn,
                LanguageCode = v.LanguageCode,
                State = v.State,
                LastModifiedTime = v.LastModifiedTime,
                FailureReason = v.FailureReason,
                Content = v.Content,
                Tags = TagsOut(v.Tags),
            },
        });
    }

    public override ValueTask<SearchVocabulariesResponse> SearchVocabularies(OperationContext context, SearchVocabulariesRequest request)
    {
        var page = Vocabularies.Search(CallerOf(context), request.InstanceId!,
            new VocabularyFilter(request.State, request.NameStartsWith, request.LanguageCode), request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new SearchVocabulariesResponse
        {
            VocabularySummaryList = page.Items.Select(v => new VocabularySummary
            {
                Name = v.Name,
                Id = v.Id,
                Arn = v.Arn,
                LanguageCode = v.LanguageCode,
                State = v.State,
                LastModifiedTime = v.LastModifiedTime,
                FailureReason = v.FailureReason,
            }).ToList(),
            NextToken = page.NextToken,
        });
    }

    public override ValueTask<DeleteVocabularyResponse> DeleteVocabulary(OperationContext context, DeleteVocabularyRequest request)
    {
        var vocabulary = Vocabularies.Delete(CallerOf(context), request.InstanceId!, request.VocabularyId!);
        // AWS answers DELETE_IN_PROGRESS, even when a zero delay has already removed the vocabulary.
        return ValueTask.FromResult(new DeleteVocabularyResponse
        {
            VocabularyArn = vocabulary.Arn,
            VocabularyId = vocabulary.Id,
            State = VocabularyRecord.DeleteInProgress,
        });
    }

    public override ValueTask<AssociateDefaultVocabularyResponse> AssociateDefaultVocabulary(OperationContext context, AssociateDefaultVocabularyRequest request)
    {
        Vocabularies.AssociateDefault(CallerOf(context), request.InstanceId!, request.LanguageCode!, request.VocabularyId);
        return ValueTask.FromResult(new AssociateDefaultVocabularyResponse());
    }

    public override ValueTask<ListDefaultVocabulariesResponse> ListDefaultVocabularies(OperationContext context, ListDefaultVocabulariesRequest request)
    {
        var page = Vocabularies.ListDefaults(CallerOf(context), request.InstanceId!, request.LanguageCode, request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new ListDefaultVocabulariesResponse
        {
            DefaultVocabularyList = page.Items.Select(d => new DefaultVocabulary
            {
                InstanceId = d.Vocabulary.InstanceId,
                LanguageCode = d.LanguageCode,
                VocabularyId = d.Vocabulary.Id,
                VocabularyName = d.Vocabulary.Name,
            }).ToList(),
            NextToken = page.NextToken,
        });
    }
}
