using ConnectLocal.Core.Resources;
using ConnectLocal.Core.Users;
using ConnectLocal.Model.Shapes;
using PredefinedAttributeShape = ConnectLocal.Model.Shapes.PredefinedAttribute;

namespace ConnectLocal.Server.Handlers;

// Predefined attributes and user proficiencies (users-search); the rules are Core/Users/PredefinedAttributes.cs.
public sealed partial class ConnectApi
{
    private PredefinedAttributeService PredefinedAttributes => new(Store, Settings);

    public override ValueTask CreatePredefinedAttribute(OperationContext context, CreatePredefinedAttributeRequest request)
    {
        PredefinedAttributes.Create(CallerOf(context), request.InstanceId!, request.Name!, request.Values?.StringList, request.Purposes,
            request.AttributeConfiguration is { } c ? new PredefinedAttributeSettings(c.EnableValueValidationOnAssociation) : null);
        return ValueTask.CompletedTask;
    }

    public override ValueTask<DescribePredefinedAttributeResponse> DescribePredefinedAttribute(OperationContext context, DescribePredefinedAttributeRequest request) =>
        ValueTask.FromResult(new DescribePredefinedAttributeResponse
        {
            PredefinedAttribute = PredefinedAttributeOut(PredefinedAttributes.Describe(CallerOf(context), request.InstanceId!, request.Name!)),
        });

    public override ValueTask<ListPredefinedAttributesResponse> ListPredefinedAttributes(OperationContext context, ListPredefinedAttributesRequest request)
    {
        var page = PredefinedAttributes.List(CallerOf(context), request.InstanceId!, request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new ListPredefinedAttributesResponse
        {
            PredefinedAttributeSummaryList = page.Items.Select(a => new PredefinedAttributeSummary
            {
                Name = a.Name, LastModifiedTime = a.LastModifiedTime, LastModifiedRegion = a.LastModifiedRegion,
            }).ToList(),
            NextToken = page.NextToken,
        });
    }

    public override ValueTask<SearchPredefinedAttributesResponse> SearchPredefinedAttributes(OperationContext context, SearchPredefinedAttributesRequest request)
    {
        var result = PredefinedAttributes.Search(CallerOf(context), request.InstanceId!, AttributeCriteriaIn(request.SearchCriteria), request.NextToken,
            PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new SearchPredefinedAttributesResponse
        {
            PredefinedAttributes = result.Page.Items.Select(PredefinedAttributeOut).ToList(),
            NextToken = result.Page.NextToken,
            ApproximateTotalCount = result.TotalCount,
        });
    }

    public override ValueTask UpdatePredefinedAttribute(OperationContext context, UpdatePredefinedAttributeRequest request)
    {
        PredefinedAttributes.Update(CallerOf(context), request.InstanceId!, request.Name!, request.Values?.StringList, request.Purposes,
            request.AttributeConfiguration is { } c ? new PredefinedAttributeSettings(c.EnableValueValidationOnAssociation) : null);
        return ValueTask.CompletedTask;
    }

    public override ValueTask DeletePredefinedAttribute(OperationContext context, DeletePredefinedAttributeRequest request)
    {
        PredefinedAttributes.Delete(CallerOf(context), request.InstanceId!, request.Name!);
        return ValueTask.CompletedTask;
    }

    public override ValueTask AssociateUserProficiencies(OperationContext context, AssociateUserProficienciesRequest request)
    {
        PredefinedAttributes.Associate(CallerOf(context), request.InstanceId!, request.UserId!, ProficienciesIn(request.UserProficiencies!));
        return ValueTask.CompletedTask;
    }

    public override ValueTask DisassociateUserProficiencies(OperationContext context, DisassociateUserProficienciesRequest request)
    {
        PredefinedAttributes.Disassociate(CallerOf(context), request.InstanceId!, request.UserId!,
            request.UserProficiencies!.Select(p => (p.AttributeName!, p.AttributeValue!)).ToList());
        return ValueTask.CompletedTask;
    }

    public override ValueTask UpdateUserProficiencies(OperationContext context, UpdateUserProficienciesRequest request)
    {
        PredefinedAttributes.UpdateLevels(CallerOf(context), request.InstanceId!, request.UserId!, ProficienciesIn(request.UserProficiencies!));
        return ValueTask.CompletedTask;
    }

    public override ValueTask<ListUserProficienciesResponse> ListUserProficiencies(OperationContext context, ListUserProficienciesRequest request)
    {
        var (page, user) = PredefinedAttributes.ListProficiencies(CallerOf(context), request.InstanceId!, request.UserId!, request.NextToken,
            PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new ListUserProficienciesResponse
        {
            UserProficiencyList = page.Items.Select(p => new UserProficiency { AttributeName = p.AttributeName, AttributeValue = p.AttributeValue, Level = (float)p.Level }).ToList(),
            NextToken = page.NextToken,
            LastModifiedTime = user.LastModifiedTime,
            LastModifiedRegion = user.LastModifiedRegion,
        });
    }

    private static List<UserProficiencyEntry> ProficienciesIn(List<UserProficiency> proficiencies) =>
        proficiencies.Select(p => new UserProficiencyEntry(p.AttributeName!, p.AttributeValue!, p.Level!.Value)).ToList();

    private static Core.Registry.Criteria? AttributeCriteriaIn(PredefinedAttributeSearchCriteria? criteria) => criteria is null
        ? null
        : new Core.Registry.Criteria(
            criteria.OrConditions?.Select(c => AttributeCriteriaIn(c)!).ToList(),
            criteria.AndConditions?.Select(c => AttributeCriteriaIn(c)!).ToList(),
            StringMatchIn(criteria.StringCondition));

    /// <summary>[choice] AttributeConfiguration is answered only when one was set; IsReadOnly is false for attributes created through the API.</summary>
    private static PredefinedAttributeShape PredefinedAttributeOut(Core.Users.PredefinedAttribute attribute) => new()
    {
        Name = attribute.Name,
        Values = new PredefinedAttributeValues { StringList = attribute.Values.ToList() },
        Purposes = attribute.Purposes.Count == 0 ? null : attribute.Purposes.ToList(),
        AttributeConfiguration = attribute.AttributeConfiguration is { } c
            ? new PredefinedAttributeConfiguration { EnableValueValidationOnAssociation = c.EnableValueValidationOnAssociation, IsReadOnly = false }
            : null,
        LastModifiedTime = attribute.LastModifiedTime,
        LastModifiedRegion = attribute.LastModifiedRegion,
    };
}
