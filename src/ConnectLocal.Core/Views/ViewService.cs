using ConnectLocal.Core.Instances;
using ConnectLocal.Core.TaskTemplates;

namespace ConnectLocal.Core.Views;

/// <summary>Views and their versions (docs/templates-views.md).</summary>
public sealed class ViewService(IConnectStore store, ConnectSettings settings)
{
    public const string CreateOperation = "CreateView";

    private readonly ResourceOperations<View> _views = new(store, settings, ViewRules.Type);

    /// <summary>CreateView: the content goes to $SAVED, and to $LATEST too when PUBLISHED. Names are unique per instance (the model's prose).</summary>
    public View Create(Caller caller, string instanceIdOrArn, string name, string? description, string status, ViewBody content, IReadOnlyDictionary<string, string> tags, string? clientToken, string fingerprint) =>
        IdempotentCreate.Run(store, ViewRules.Type, settings, caller, instanceIdOrArn, CreateOperation, clientToken, fingerprint, _ => new View
        {
            Name = name,
            Description = description,
            Status = status,
            SavedContent = content,
            LatestContent = status == View.Published ? content : null,
            CreatedTime = caller.Now,
            ContentModifiedTime = caller.Now,
            Tags = tags,
        });

    public ViewSnapshot Describe(Caller caller, string instanceIdOrArn, string viewId) => store.Read(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        return ViewRules.Describe(session, caller, instance.Id, viewId);
    });

    /// <summary>ListViews: by type, then by name (the model's prose); the token is bound to the type filter.</summary>
    public Page<View> List(Caller caller, string instanceIdOrArn, string listing, string? type, string? nextToken, int pageSize) => store.Read(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var scope = new ResourceScope(caller.AccountId, caller.Region, instance.Id);
        var views = session.All<View>(scope).Where(v => type is null || v.Type == type).OrderBy(SortKey, StringComparer.Ordinal).ToList();
        return Paging.Slice(session, scope, Paging.Listing(listing, ["type", type]), views, SortKey, nextToken, pageSize);
    });

    /// <summary>SearchViews: the declared fields and conditions (ViewRules.Type), the tag filter, then a page in id order.</summary>
    public SearchResult<View> Search(Caller caller, string instanceIdOrArn, string listing, Criteria? criteria, TagFilter? filter, string? nextToken, int pageSize) =>
        _views.Search(caller, instanceIdOrArn, listing, criteria, filter, nextToken, pageSize);

    /// <summary>UpdateViewContent: $SAVED always, $LATEST too when PUBLISHED (the model's prose). Answers the $SAVED view.</summary>
    public ViewSnapshot UpdateContent(Caller caller, string instanceIdOrArn, string viewId, string status, ViewBody content)
    {
        var view = Update(caller, instanceIdOrArn, viewId, current => current with
        {
            Status = status,
            SavedContent = content,
            LatestContent = status == View.Published ? content : current.LatestContent,
            ContentModifiedTime = caller.Now,
        });
        return new ViewSnapshot(view, ViewRules.SavedQualifier, view.Status, view.SavedContent, null);
    }

    /// <summary>UpdateViewMetadata: a name or a description, at least one (the model's prose); names stay unique.</summary>
    public void UpdateMetadata(Caller caller, string instanceIdOrArn, string viewId, string? name, string? description)
    {
        if (name is null && description is null)
        {
            throw Errors.InvalidParameter(ErrorTexts.ViewMetadataEmpty);
        }

        Update(caller, instanceIdOrArn, viewId, current => current with { Name = name ?? current.Name, Description = description ?? current.Description });
    }

    public void Delete(Caller caller, string instanceIdOrArn, string viewId) =>
        _views.Delete(caller, instanceIdOrArn, Unqualified(viewId));

    /// <summary>CreateViewVersion: answers the version made, or the highest one when $LATEST has not changed since.</summary>
    public ViewSnapshot CreateVersion(Caller caller, string instanceIdOrArn, string viewId, string? versionDescription, string? sha256)
    {
        var view = Update(caller, instanceIdOrArn, viewId, current => ViewRules.CreateVersion(current, versionDescription, sha256, caller.Now));
        var version = view.Versions.MaxBy(v => v.Version)!;
        return new ViewSnapshot(view, version.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), View.Published, version.Content, version);
    }

    /// <summary>ListViewVersions: highest version first (the model's prose).</summary>
    public (View View, Page<ViewVersionEntry> Page) ListVersions(Caller caller, string instanceIdOrArn, string viewId, string listing, string? nextToken, int pageSize) => store.Read(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var view = ViewRules.Require(session, caller, instance.Id, viewId);
        var scope = new ResourceScope(caller.AccountId, caller.Region, instance.Id);
        var versions = view.Versions.OrderByDescending(v => v.Version).ToList();
        return (view, Paging.Slice(session, scope, Paging.Listing(listing, ["view", view.Id]), versions, VersionKey, nextToken, pageSize));
    });

    public void DeleteVersion(Caller caller, string instanceIdOrArn, string viewId, int version) =>
        Update(caller, instanceIdOrArn, viewId, current => current.Versions.Any(v => v.Version == version)
            ? current with { Versions = current.Versions.Where(v => v.Version != version).ToList() }
            : throw Errors.NotFound(ErrorTexts.ViewVersionNotFound(version.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    private View Update(Caller caller, string instanceIdOrArn, string viewId, Func<View, View> change) =>
        _views.Update(caller, instanceIdOrArn, Unqualified(viewId), (_, current) => change(current));

    /// <summary>[choice] The operations other than DescribeView take a view unqualified: a qualified identifier names no view.</summary>
    private static string Unqualified(string viewId) =>
        ViewRules.Split(viewId).Qualifier is null ? viewId : throw Errors.NotFound(ViewRules.Type.Noun);

    private static string SortKey(View view) => view.Type + "\u001f" + view.Name + "\u001f" + view.Id;

    /// <summary>Keys that sort the highest version first, as the page token compares them.</summary>
    private static string VersionKey(ViewVersionEntry entry) => (int.MaxValue - entry.Version).ToString("D10", System.Globalization.CultureInfo.InvariantCulture);
}
