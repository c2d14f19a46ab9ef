using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectLocal.Core.Views;
using ConnectLocal.Model.Metadata;
using ConnectLocal.Model.Shapes;
using View = ConnectLocal.Core.Views.View;

namespace ConnectLocal.Server.Handlers;

// Views and view versions (templates-views branch, issue 15): every operation is written here (qualifiers, the two
// content aliases, versions); the rules are in Core/Views. The template is read as JSON at this edge only to check it
// and to compare templates JSON-equal; it is stored and returned as sent.
// LIMITATIONS: no AWS-managed views ([choice], docs/templates-views.md); InputSchema is not derived from the template.
public sealed partial class ConnectApi
{
    /// <summary>[choice] The input schema AWS derives from the template is not derived here: every view answers this one.</summary>
    internal const string ViewInputSchema = "{}";

    private ViewService Views => new(Store, Settings);

    public override ValueTask<CreateViewResponse> CreateView(OperationContext context, CreateViewRequest request)
    {
        var token = request.ClientToken;
        request.ClientToken = null;
        var fingerprint = JsonSerializer.Serialize(request, ConnectJsonContext.Wire.CreateViewRequest);
        var body = ViewBodyIn(request.Status!, request.Content!);
        var view = Views.Create(CallerOf(context), request.InstanceId!, request.Name!, request.Description, request.Status!, body, TagsIn(request.Tags), token, fingerprint);
        return ValueTask.FromResult(new CreateViewResponse { View = ViewOut(new ViewSnapshot(view, ViewRules.SavedQualifier, view.Status, view.SavedContent, null)) });
    }

    public override ValueTask<DescribeViewResponse> DescribeView(OperationContext context, DescribeViewRequest request) =>
        ValueTask.FromResult(new DescribeViewResponse { View = ViewOut(Views.Describe(CallerOf(context), request.InstanceId!, request.ViewId!)) });

    public override ValueTask<ListViewsResponse> ListViews(OperationContext context, ListViewsRequest request)
    {
        var page = Views.List(CallerOf(context), request.InstanceId!, context.OperationName, request.Type, request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new ListViewsResponse
        {
            ViewsSummaryList = page.Items.Select(v => new ViewSummary { Id = v.Id, Arn = v.Arn, Name = v.Name, Type = v.Type, Status = v.Status, Description = v.Description }).ToList(),
            NextToken = page.NextToken,
        });
    }

    /// <summary>
    /// SearchViews: each view as DescribeView shows its $SAVED content ([choice]: the content last written, with the
    /// Status it was written with, so a view found by ViewStatusCondition shows that status).
    /// </summary>
    public override ValueTask<SearchViewsResponse> SearchViews(OperationContext context, SearchViewsRequest request)
    {
        var (criteria, filter) = SearchOf(request, ConnectJsonContext.Wire.SearchViewsRequest);
        var result = Views.Search(CallerOf(context), request.InstanceId!, context.OperationName, criteria, filter, request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new SearchViewsResponse
        {
            Views = result.Page.Items.Select(v => ViewOut(new ViewSnapshot(v, ViewRules.SavedQualifier, v.Status, v.SavedContent, null))).ToList(),
            NextToken = result.Page.NextToken,
            ApproximateTotalCount = result.TotalCount,
        });
    }

    public override ValueTask<UpdateViewContentResponse> UpdateViewContent(OperationContext context, UpdateViewContentRequest request)
    {
        var snapshot = Views.UpdateContent(CallerOf(context), request.InstanceId!, request.ViewId!, request.Status!, ViewBodyIn(request.Status!, request.Content!));
        return ValueTask.FromResult(new UpdateViewContentResponse { View = ViewOut(snapshot) });
    }

    public override ValueTask<UpdateViewMetadataResponse> UpdateViewMetadata(OperationContext context, UpdateViewMetadataRequest request)
    {
        Views.UpdateMetadata(CallerOf(context), request.InstanceId!, request.ViewId!, request.Name, request.Description);
        return ValueTask.FromResult(new UpdateViewMetadataResponse());
    }

    public override ValueTask<DeleteViewResponse> DeleteView(OperationContext context, DeleteViewRequest request)
    {
        Views.Delete(CallerOf(context), request.InstanceId!, request.ViewId!);
        return ValueTask.FromResult(new DeleteViewResponse());
    }

    public override ValueTask<CreateViewVersionResponse> CreateViewVersion(OperationContext context, CreateViewVersionRequest request) =>
        ValueTask.FromResult(new CreateViewVersionResponse
        {
            View = ViewOut(Views.CreateVersion(CallerOf(context), request.InstanceId!, request.ViewId!, request.VersionDescription, request.ViewContentSha256)),
        });

    /// <summary>[choice] A version's Id and Arn are the view's qualified by the version number ({id}:{version}).</summary>
    public override ValueTask<ListViewVersionsResponse> ListViewVersions(OperationContext context, ListViewVersionsRequest request)
    {
        var (view, page) = Views.ListVersions(CallerOf(context), request.InstanceId!, request.ViewId!, context.OperationName, request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new ListViewVersionsResponse
        {
            ViewVersionSummaryList = page.Items.Select(v => new ViewVersionSummary
            {
                Id = $"{view.Id}:{v.Version}",
                Arn = $"{view.Arn}:{v.Version}",
                Description = view.Description,
                Name = view.Name,
                Type = view.Type,
                Version = v.Version,
                VersionDescription = v.VersionDescription,
            }).ToList(),
            NextToken = page.NextToken,
        });
    }

    public override ValueTask<DeleteViewVersionResponse> DeleteViewVersion(OperationContext context, DeleteViewVersionRequest request)
    {
        Views.DeleteVersion(CallerOf(context), request.InstanceId!, request.ViewId!, request.ViewVersion!.Value);
        return ValueTask.FromResult(new DeleteViewVersionResponse());
    }

    private static ViewBody ViewBodyIn(string status, ViewInputContent content) =>
        ViewRules.Validate(status, content.Template, content.Template is null ? null : CanonicalJson(content.Template), content.Actions);

    /// <summary>The template with object keys sorted and no spaces, so JSON-equal templates compare equal; null when not a JSON object.</summary>
    private static string? CanonicalJson(string text)
    {
        try
        {
            return JsonNode.Parse(text) is JsonObject o ? Sorted(o)!.ToJsonString() : null;
        }
        catch (JsonException)
        {
            return null;
        }

        static JsonNode? Sorted(JsonNode? node) => node switch
        {
            JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
            JsonArray array => new JsonArray(array.Select(Sorted).ToArray()),
            _ => node?.DeepClone(),
        };
    }

    /// <summary>
    /// A view as DescribeView shows it under a qualifier. [choice] $SAVED and $LATEST show the view's own Id and Arn and no
    /// Version; a version shows {id}:{version} and its number. LastModifiedTime is when the content last changed.
    /// </summary>
    private static Model.Shapes.View ViewOut(ViewSnapshot s)
    {
        var view = s.View;
        var qualified = s.Version is { } v ? $":{v.Version}" : string.Empty;
        return new Model.Shapes.View
        {
            Id = view.Id + qualified,
            Arn = view.Arn + qualified,
            Name = view.Name,
            Status = s.Status,
            Type = view.Type,
            Description = view.Description,
            Version = s.Version?.Version,
            VersionDescription = s.Version?.VersionDescription,
            Content = new ViewContent { InputSchema = ViewInputSchema, Template = s.Content.Template, Actions = s.Content.Actions.ToList() },
            Tags = TagsOut(view.Tags),
            CreatedTime = view.CreatedTime,
            LastModifiedTime = s.Version?.CreatedTime ?? view.ContentModifiedTime,
            ViewContentSha256 = s.Version?.Content.Sha256 ?? view.LatestContent?.Sha256,
        };
    }
}
