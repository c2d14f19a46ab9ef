using System.Text.Json;
using ConnectLocal.Core.Registry;
using ConnectLocal.Core.Workspaces;
using ConnectLocal.Model.Shapes;
using ConnectLocal.Server.Handlers.Declared;
using CoreTheme = ConnectLocal.Core.Workspaces.WorkspaceTheme;

namespace ConnectLocal.Server.Handlers;

// Workspaces (issue 15): create, the theme, pages, media and associations are written here; describe, list, search,
// the metadata and visibility updates and delete are declared (Declared/DeclaredOperations.cs). Rules live in
// Core/Workspaces; docs/workspaces.md describes the family. InputData is read as JSON at this edge only to check it.
public sealed partial class ConnectApi
{
    private WorkspaceService Workspaces => new(Store, Settings);

    public override ValueTask<CreateWorkspaceResponse> CreateWorkspace(OperationContext context, CreateWorkspaceRequest request)
    {
        var workspace = Workspaces.Create(CallerOf(context), request.InstanceId!, request.Name!, request.Description, request.Title, ThemeIn(request.Theme), TagsIn(request.Tags));
        return ValueTask.FromResult(new CreateWorkspaceResponse { WorkspaceId = workspace.Id, WorkspaceArn = workspace.Arn });
    }

    public override ValueTask<UpdateWorkspaceThemeResponse> UpdateWorkspaceTheme(OperationContext context, UpdateWorkspaceThemeRequest request)
    {
        Workspaces.UpdateTheme(CallerOf(context), request.InstanceId!, request.WorkspaceId!, ThemeIn(request.Theme));
        return ValueTask.FromResult(new UpdateWorkspaceThemeResponse());
    }

    public override ValueTask<CreateWorkspacePageResponse> CreateWorkspacePage(OperationContext context, CreateWorkspacePageRequest request)
    {
        CheckInputData(request.InputData);
        Workspaces.CreatePage(CallerOf(context), request.InstanceId!, request.WorkspaceId!, request.ResourceArn!, request.Page!, request.Slug, request.InputData);
        return ValueTask.FromResult(new CreateWorkspacePageResponse());
    }

    public override ValueTask<UpdateWorkspacePageResponse> UpdateWorkspacePage(OperationContext context, UpdateWorkspacePageRequest request)
    {
        CheckInputData(request.InputData);
        Workspaces.UpdatePage(CallerOf(context), request.InstanceId!, request.WorkspaceId!, request.Page!, request.NewPage, request.ResourceArn, request.Slug, request.InputData);
        return ValueTask.FromResult(new UpdateWorkspacePageResponse());
    }

    public override ValueTask<DeleteWorkspacePageResponse> DeleteWorkspacePage(OperationContext context, DeleteWorkspacePageRequest request)
    {
        Workspaces.DeletePage(CallerOf(context), request.InstanceId!, request.WorkspaceId!, request.Page!);
        return ValueTask.FromResult(new DeleteWorkspacePageResponse());
    }

    public override ValueTask<ListWorkspacePagesResponse> ListWorkspacePages(OperationContext context, ListWorkspacePagesRequest request)
    {
        var page = Workspaces.ListPages(CallerOf(context), request.InstanceId!, request.WorkspaceId!, context.OperationName, request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new ListWorkspacePagesResponse
        {
            WorkspacePageList = page.Items.Select(p => new WorkspacePage { Page = p.Page, ResourceArn = p.ResourceArn, Slug = p.Slug, InputData = p.InputData }).ToList(),
            NextToken = page.NextToken,
        });
    }

    public override ValueTask<ImportWorkspaceMediaResponse> ImportWorkspaceMedia(OperationContext context, ImportWorkspaceMediaRequest request)
    {
        Workspaces.ImportMedia(CallerOf(context), request.InstanceId!, request.WorkspaceId!, request.MediaType!, request.MediaSource!);
        return ValueTask.FromResult(new ImportWorkspaceMediaResponse());
    }

    public override ValueTask<ListWorkspaceMediaResponse> ListWorkspaceMedia(OperationContext context, ListWorkspaceMediaRequest request)
    {
        var media = Workspaces.ListMedia(CallerOf(context), request.InstanceId!, request.WorkspaceId!);
        return ValueTask.FromResult(new ListWorkspaceMediaResponse { Media = media.Select(m => new MediaItem { Type = m.Type, Source = m.Source }).ToList() });
    }

    public override ValueTask<DeleteWorkspaceMediaResponse> DeleteWorkspaceMedia(OperationContext context, DeleteWorkspaceMediaRequest request)
    {
        Workspaces.DeleteMedia(CallerOf(context), request.InstanceId!, request.WorkspaceId!, request.MediaType!);
        return ValueTask.FromResult(new DeleteWorkspaceMediaResponse());
    }

    public override ValueTask<AssociateWorkspaceResponse> AssociateWorkspace(OperationContext context, AssociateWorkspaceRequest request)
    {
        var outcomes = Workspaces.Associate(CallerOf(context), request.InstanceId!, request.WorkspaceId!, request.ResourceArns!);
        return ValueTask.FromResult(new AssociateWorkspaceResponse { SuccessfulList = Succeeded(outcomes), FailedList = Failed(outcomes) });
    }

    public override ValueTask<DisassociateWorkspaceResponse> DisassociateWorkspace(OperationContext context, DisassociateWorkspaceRequest request)
    {
        var outcomes = Workspaces.Disassociate(CallerOf(context), request.InstanceId!, request.WorkspaceId!, request.ResourceArns!);
        return ValueTask.FromResult(new DisassociateWorkspaceResponse { SuccessfulList = Succeeded(outcomes), FailedList = Failed(outcomes) });
    }

    public override ValueTask<SearchWorkspaceAssociationsResponse> SearchWorkspaceAssociations(OperationContext context, SearchWorkspaceAssociationsRequest request)
    {
        var result = Workspaces.SearchAssociations(
            CallerOf(context),
            request.InstanceId!,
            context.OperationName,
            AssociationCriteria(request.SearchCriteria),
            AttributeFilterIn(request.SearchFilter?.AttributeFilter),
            request.NextToken,
            PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new SearchWorkspaceAssociationsResponse
        {
            WorkspaceAssociations = result.Page.Items.Select(a => new WorkspaceAssociationSearchSummary
            {
                WorkspaceId = a.WorkspaceId,
                WorkspaceArn = a.WorkspaceArn,
                ResourceId = a.ResourceId,
                ResourceArn = a.ResourceArn,
                ResourceType = a.ResourceType,
                ResourceName = a.ResourceName,
            }).ToList(),
            NextToken = result.Page.NextToken,
            ApproximateTotalCount = result.TotalCount,
        });
    }

    /// <summary>The theme as the domain keeps it: the same members, read by name.</summary>
    private static CoreTheme? ThemeIn(Model.Shapes.WorkspaceTheme? theme) =>
        theme is null ? null : ShapeJson.FromNode<CoreTheme>(JsonSerializer.SerializeToNode(theme, ConnectJsonContext.Wire.WorkspaceTheme)!);

    /// <summary>
    /// [choice] InputData must be a JSON object (the prose: "A JSON string containing input parameters"); an empty
    /// string is no input. Views here have no input schema to check it against (docs/templates-views.md).
    /// </summary>
    private static void CheckInputData(string? inputData)
    {
        if (string.IsNullOrEmpty(inputData))
        {
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(inputData);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return;
            }
        }
        catch (JsonException)
        {
        }

        throw Core.Common.Errors.InvalidParameter(Core.Common.ErrorTexts.WorkspaceInputDataNotJson);
    }

    private static List<SuccessfulBatchAssociationSummary>? Succeeded(IReadOnlyList<AssociationOutcome> outcomes) =>
        outcomes.Where(o => o.ErrorCode is null).Select(o => new SuccessfulBatchAssociationSummary { ResourceArn = o.ResourceArn }).ToList() is { Count: > 0 } list ? list : null;

    private static List<FailedBatchAssociationSummary>? Failed(IReadOnlyList<AssociationOutcome> outcomes) =>
        outcomes.Where(o => o.ErrorCode is not null)
            .Select(o => new FailedBatchAssociationSummary { ResourceArn = o.ResourceArn, ErrorCode = o.ErrorCode, ErrorMessage = o.ErrorMessage }).ToList() is { Count: > 0 } list ? list : null;

    private static Criteria? AssociationCriteria(WorkspaceAssociationSearchCriteria? criteria) => criteria is null
        ? null
        : new Criteria(
            criteria.OrConditions?.Select(AssociationCriteria).OfType<Criteria>().ToList(),
            criteria.AndConditions?.Select(AssociationCriteria).OfType<Criteria>().ToList(),
            criteria.StringCondition is { } s ? new StringMatch(s.FieldName, s.Value, s.ComparisonType) : null,
            null);

    private static TagFilter? AttributeFilterIn(ControlPlaneAttributeFilter? filter)
    {
        if (filter is null)
        {
            return null;
        }

        static List<TagMatch>? Conditions(List<TagCondition>? tags) => tags?.Select(t => new TagMatch(t.TagKey, t.TagValue)).ToList();

        return new TagFilter(
            filter.OrConditions?.Select(a => (IReadOnlyList<TagMatch>)(Conditions(a.TagConditions) ?? [])).ToList(),
            Conditions(filter.AndCondition?.TagConditions),
            filter.TagCondition is { } t ? new TagMatch(t.TagKey, t.TagValue) : null);
    }
}
