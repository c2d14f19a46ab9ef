using ConnectLocal.Core.Instances;

namespace ConnectLocal.Core.Workspaces;

/// <summary>One association of SearchWorkspaceAssociations: a workspace and a user or routing profile it is assigned to.</summary>
public sealed record WorkspaceAssociation(
    string WorkspaceId, string WorkspaceArn, string ResourceId, string ResourceArn, string ResourceType, string ResourceName, IReadOnlyDictionary<string, string> WorkspaceTags)
{
    /// <summary>The order and page-token key: workspace, then resource type, then resource id.</summary>
    public string Key => $"{WorkspaceId}/{ResourceType}/{ResourceId}";
}

/// <summary>How one ARN of AssociateWorkspace or DisassociateWorkspace fared: no error code is a success.</summary>
public sealed record AssociationOutcome(string ResourceArn, string? ErrorCode, string? ErrorMessage);

/// <summary>
/// The rules of workspaces beyond the routine ones (docs/workspaces.md): names unique in the instance (the model's
/// prose), descriptions of at most 250 characters (the prose of CreateWorkspace, stricter than the 500 of the trait),
/// pages unique by name and slug, system pages and reserved prefixes, views of the instance, media sources, and
/// assignments to users and routing profiles only.
/// </summary>
public static class WorkspaceRules
{
    /// <summary>The prose of CreateWorkspace.Description: "Maximum length is 250 characters".</summary>
    public const int MaxDescription = 250;

    /// <summary>[choice] AWS documents no quota of workspaces per instance or pages per workspace; these are the emulator's.</summary>
    public const int MaxPerInstance = 100;

    public const int MaxPages = 100;

    public const string ResourceTypeUser = "USER";
    public const string ResourceTypeRoutingProfile = "ROUTING_PROFILE";

    /// <summary>The system pages the model's prose names (CreateWorkspacePage.Page).</summary>
    public static readonly IReadOnlyList<string> SystemPages = ["HOME", "AGENT_EXPERIENCE"];

    /// <summary>The prefixes a custom page may not use (the model's prose). [choice] Compared ignoring case.</summary>
    public static readonly IReadOnlyList<string> ReservedPrefixes = ["aws:", "connect:"];

    public static readonly ResourceType<Workspace> Type = new()
    {
        ArnSegment = "workspace",
        Mirrored = true, // Global Resiliency: the Admin Guide's "Resources mirrored in the replica instance" (docs/global-resiliency.md)
        Noun = "Workspace",
        Quota = _ => MaxPerInstance,
        QuotaError = DomainErrorKind.ServiceQuotaExceeded,
        // [choice] SearchWorkspaces' fields: its prose names name, description and visibility; title and resourceID as
        // the other search operations name them.
        SearchFields =
        [
            SearchField<Workspace>.Text("name", w => w.Name),
            SearchField<Workspace>.Text("description", w => w.Description),
            SearchField<Workspace>.Text("title", w => w.Title),
            SearchField<Workspace>.Id("visibility", w => w.Visibility),
            SearchField<Workspace>.Id("resourceID", w => w.Id),
        ],
        Check = Check,
    };

    /// <summary>
    /// [choice] SearchWorkspaceAssociations' fields: its prose names the workspace id, the resource id and the resource
    /// type; the resource's name and ARN as well. Its tag filter reads the workspace's tags.
    /// </summary>
    public static readonly IReadOnlyList<SearchField<WorkspaceAssociation>> AssociationFields =
    [
        SearchField<WorkspaceAssociation>.Id("workspaceId", a => a.WorkspaceId),
        SearchField<WorkspaceAssociation>.Id("resourceId", a => a.ResourceId),
        SearchField<WorkspaceAssociation>.Id("resourceType", a => a.ResourceType),
        SearchField<WorkspaceAssociation>.Id("resourceArn", a => a.ResourceArn),
        SearchField<WorkspaceAssociation>.Text("resourceName", a => a.ResourceName),
    ];

    /// <summary>[choice] The 250-character limit of the prose holds for UpdateWorkspaceMetadata as for CreateWorkspace.</summary>
    private static void Check(ResourceContext context, Workspace workspace)
    {
        if (workspace.Description is { Length: > MaxDescription })
        {
            throw Errors.InvalidParameter(ErrorTexts.WorkspaceDescriptionTooLong(MaxDescription));
        }
    }

    /// <summary>A page name the prose allows: a system page, or a custom one without a reserved prefix.</summary>
    public static void CheckPageName(string page)
    {
        if (!SystemPages.Contains(page) && ReservedPrefixes.Any(p => page.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
        {
            throw Errors.InvalidParameter(ErrorTexts.WorkspacePageReservedPrefix(page));
        }
    }

    /// <summary>
    /// [choice] A media source is an https URL (an S3 presigned URL) or base64 text, as the prose says; anything else is
    /// InvalidParameterException.
    /// </summary>
    public static void CheckMediaSource(string source)
    {
        if (source.StartsWith("https://", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(source, UriKind.Absolute, out _))
        {
            return;
        }

        var buffer = new byte[source.Length];
        if (!Convert.TryFromBase64String(source.Trim(), buffer, out var written) || written == 0)
        {
            throw Errors.InvalidParameter(ErrorTexts.WorkspaceMediaSourceInvalid);
        }
    }
}

/// <summary>
/// The hand-written workspace operations: create, the theme, pages, media and assignments. [choice] The page
/// operations model ResourceConflictException; AWS documents no case for it and none is raised here.
/// </summary>
public sealed class WorkspaceService(IConnectStore store, ConnectSettings settings)
{
    private readonly ResourceOperations<Workspace> _workspaces = new(store, settings, WorkspaceRules.Type);

    /// <summary>CreateWorkspace: stored with its creation time (SearchWorkspaces' CreatedAt) and the default visibility.</summary>
    public Workspace Create(Caller caller, string instanceIdOrArn, string name, string? description, string? title, WorkspaceTheme? theme, IReadOnlyDictionary<string, string> tags) =>
        _workspaces.Create(caller, instanceIdOrArn, _ => new Workspace
        {
            Name = name,
            Description = description,
            Title = title,
            Theme = theme,
            CreatedAt = caller.Now,
            Tags = tags,
        });

    /// <summary>[choice] UpdateWorkspaceTheme replaces the theme; a request without Theme removes it (the default theme).</summary>
    public void UpdateTheme(Caller caller, string instanceIdOrArn, string workspaceIdOrArn, WorkspaceTheme? theme) =>
        _workspaces.Update(caller, instanceIdOrArn, workspaceIdOrArn, (_, w) => w with { Theme = theme });

    /// <summary>
    /// CreateWorkspacePage: the page name is the prose's (system page or no reserved prefix), unique in the workspace
    /// (DuplicateResourceException), so is a non-empty slug ([choice]); the view is one of the instance's, stored by its ARN.
    /// </summary>
    public void CreatePage(Caller caller, string instanceIdOrArn, string workspaceIdOrArn, string viewArn, string page, string? slug, string? inputData) =>
        _workspaces.Update(caller, instanceIdOrArn, workspaceIdOrArn, (context, w) =>
        {
            WorkspaceRules.CheckPageName(page);
            if (w.Pages.Any(p => p.Page == page))
            {
                throw Errors.Duplicate(ErrorTexts.WorkspacePageNoun, page);
            }

            if (w.Pages.Count >= WorkspaceRules.MaxPages)
            {
                throw Errors.Quota(ErrorTexts.WorkspacePagesQuota(WorkspaceRules.MaxPages));
            }

            var entry = new WorkspacePageEntry(page, ViewArn(context, viewArn), NullIfEmpty(slug), inputData);
            RequireFreeSlug(w.Pages, entry.Slug, except: null);
            return w with { Pages = [.. w.Pages, entry] };
        });

    /// <summary>
    /// UpdateWorkspacePage: the page must exist (ResourceNotFoundException); NewPage renames it (unique, as on create);
    /// [choice] members left out keep their values, and an empty Slug removes the slug.
    /// </summary>
    public void UpdatePage(Caller caller, string instanceIdOrArn, string workspaceIdOrArn, string page, string? newPage, string? viewArn, string? slug, string? inputData) =>
        _workspaces.Update(caller, instanceIdOrArn, workspaceIdOrArn, (context, w) =>
        {
            var current = w.Pages.FirstOrDefault(p => p.Page == page) ?? throw Errors.NotFound(ErrorTexts.WorkspacePageNoun);
            var name = newPage ?? current.Page;
            if (name != current.Page)
            {
                WorkspaceRules.CheckPageName(name);
                if (w.Pages.Any(p => p.Page == name))
                {
                    throw Errors.Duplicate(ErrorTexts.WorkspacePageNoun, name);
                }
            }

            var updated = new WorkspacePageEntry(
                name,
                viewArn is null ? current.ResourceArn : ViewArn(context, viewArn),
                slug is null ? current.Slug : NullIfEmpty(slug),
                inputData ?? current.InputData);
            RequireFreeSlug(w.Pages, updated.Slug, except: current.Page);
            return w with { Pages = w.Pages.Select(p => p.Page == page ? updated : p).ToList() };
        });

    /// <summary>DeleteWorkspacePage: a page the workspace does not have is ResourceNotFoundException.</summary>
    public void DeletePage(Caller caller, string instanceIdOrArn, string workspaceIdOrArn, string page) =>
        _workspaces.Update(caller, instanceIdOrArn, workspaceIdOrArn, (_, w) =>
            w.Pages.Any(p => p.Page == page)
                ? w with { Pages = w.Pages.Where(p => p.Page != page).ToList() }
                : throw Errors.NotFound(ErrorTexts.WorkspacePageNoun));

    /// <summary>ListWorkspacePages: [choice] in page-name order (ordinal), paged with tokens bound to the workspace.</summary>
    public Page<WorkspacePageEntry> ListPages(Caller caller, string instanceIdOrArn, string workspaceIdOrArn, string listing, string? nextToken, int pageSize) =>
        store.Read(session =>
        {
            var (scope, workspace) = Resolve(session, caller, instanceIdOrArn, workspaceIdOrArn);
            var ordered = workspace.Pages.OrderBy(p => p.Page, StringComparer.Ordinal).ToList();
            return Paging.Slice(session, scope, Paging.Listing(listing, [workspace.Id]), ordered, p => p.Page, nextToken, pageSize);
        });

    /// <summary>ImportWorkspaceMedia: [choice] one asset per media type; importing a type again replaces it.</summary>
    public void ImportMedia(Caller caller, string instanceIdOrArn, string workspaceIdOrArn, string mediaType, string source)
    {
        WorkspaceRules.CheckMediaSource(source);
        _workspaces.Update(caller, instanceIdOrArn, workspaceIdOrArn, (_, w) =>
            w with { Media = [.. w.Media.Where(m => m.Type != mediaType), new WorkspaceMediaItem(mediaType, source)] });
    }

    /// <summary>ListWorkspaceMedia: every asset, [choice] in media-type order.</summary>
    public IReadOnlyList<WorkspaceMediaItem> ListMedia(Caller caller, string instanceIdOrArn, string workspaceIdOrArn) =>
        store.Read(session => Resolve(session, caller, instanceIdOrArn, workspaceIdOrArn).Workspace.Media.OrderBy(m => m.Type, StringComparer.Ordinal).ToList());

    /// <summary>DeleteWorkspaceMedia: [choice] a media type the workspace has no asset of is ResourceNotFoundException.</summary>
    public void DeleteMedia(Caller caller, string instanceIdOrArn, string workspaceIdOrArn, string mediaType) =>
        _workspaces.Update(caller, instanceIdOrArn, workspaceIdOrArn, (_, w) =>
            w.Media.Any(m => m.Type == mediaType)
                ? w with { Media = w.Media.Where(m => m.Type != mediaType).ToList() }
                : throw Errors.NotFound(ErrorTexts.WorkspaceMediaNoun));

    /// <summary>
    /// AssociateWorkspace: each ARN is tried on its own (the batch answer lists successes and failures). [choice] A
    /// value that is not the ARN of a user or routing profile fails with 400, one that names none in the instance with
    /// 404; one already assigned succeeds and changes nothing. The workspace is stamped when anything was tried.
    /// </summary>
    public IReadOnlyList<AssociationOutcome> Associate(Caller caller, string instanceIdOrArn, string workspaceIdOrArn, IReadOnlyList<string> arns)
    {
        var outcomes = new List<AssociationOutcome>();
        _workspaces.Update(caller, instanceIdOrArn, workspaceIdOrArn, (context, w) =>
        {
            var assignees = w.Assignees.ToList();
            foreach (var arn in arns)
            {
                var (assignee, failure) = ResolveAssignee(context, arn);
                if (failure is not null)
                {
                    outcomes.Add(failure);
                    continue;
                }

                if (!assignees.Contains(assignee!))
                {
                    assignees.Add(assignee!);
                }

                outcomes.Add(new AssociationOutcome(arn, null, null));
            }

            return w with { Assignees = assignees };
        });
        return outcomes;
    }

    /// <summary>DisassociateWorkspace: as AssociateWorkspace; [choice] a user or routing profile not assigned fails with 404.</summary>
    public IReadOnlyList<AssociationOutcome> Disassociate(Caller caller, string instanceIdOrArn, string workspaceIdOrArn, IReadOnlyList<string> arns)
    {
        var outcomes = new List<AssociationOutcome>();
        _workspaces.Update(caller, instanceIdOrArn, workspaceIdOrArn, (context, w) =>
        {
            var assignees = w.Assignees.ToList();
            foreach (var arn in arns)
            {
                var (assignee, failure) = ResolveAssignee(context, arn);
                if (failure is not null)
                {
                    outcomes.Add(failure);
                }
                else if (assignees.Remove(assignee!))
                {
                    outcomes.Add(new AssociationOutcome(arn, null, null));
                }
                else
                {
                    outcomes.Add(new AssociationOutcome(arn, "404", ErrorTexts.WorkspaceNotAssociated(arn)));
                }
            }

            return w with { Assignees = assignees };
        });
        return outcomes;
    }

    /// <summary>
    /// SearchWorkspaceAssociations: every assignment of every workspace of the instance whose user or routing profile
    /// still exists ([choice] one deleted since is no longer an association), under the criteria and the workspace's
    /// tags; in workspace, type, resource order.
    /// </summary>
    public SearchResult<WorkspaceAssociation> SearchAssociations(Caller caller, string instanceIdOrArn, string listing, Criteria? criteria, TagFilter? filter, string? nextToken, int pageSize) =>
        store.Read(session =>
        {
            var instance = InstanceService.Require(session, caller, instanceIdOrArn);
            var scope = new ResourceScope(caller.AccountId, caller.Region, instance.Id);
            var search = new ResourceSearch<WorkspaceAssociation>(WorkspaceRules.AssociationFields);
            search.Validate(criteria, filter);
            var all = session.All<Workspace>(scope).SelectMany(w => w.Assignees.Select(a => Describe(session, caller, instance.Id, w, a))).OfType<WorkspaceAssociation>();
            var matches = all.Where(a => search.Matches(a, a.WorkspaceTags, criteria, filter)).OrderBy(a => a.Key, StringComparer.Ordinal).ToList();
            var key = Paging.Listing(listing, [SearchKey.Of(criteria), SearchKey.Of(filter)]);
            return new SearchResult<WorkspaceAssociation>(Paging.Slice(session, scope, key, matches, a => a.Key, nextToken, pageSize), matches.Count);
        });

    private static WorkspaceAssociation? Describe(IStoreSession session, Caller caller, string instanceId, Workspace workspace, WorkspaceAssignee assignee)
    {
        if (assignee.ResourceType == WorkspaceRules.ResourceTypeUser)
        {
            return ResourceTypes.User.Find(session, caller, instanceId, assignee.ResourceId) is { } user
                ? new WorkspaceAssociation(workspace.Id, workspace.Arn, user.Id, ResourceTypes.User.ArnOf(caller, instanceId, user.Id), assignee.ResourceType, user.Username, workspace.Tags)
                : null;
        }

        return ResourceTypes.RoutingProfile.Find(session, caller, instanceId, assignee.ResourceId) is { } profile
            ? new WorkspaceAssociation(workspace.Id, workspace.Arn, profile.Id, ResourceTypes.RoutingProfile.ArnOf(caller, instanceId, profile.Id), assignee.ResourceType, profile.Name, workspace.Tags)
            : null;
    }

    /// <summary>The user or routing profile an ARN names in the instance, or the failure to report for it.</summary>
    private static (WorkspaceAssignee? Assignee, AssociationOutcome? Failure) ResolveAssignee(ResourceContext context, string arn)
    {
        var parsed = arn.StartsWith("arn:", StringComparison.Ordinal) ? Arns.Parse(arn) : null;
        var parts = parsed?.ResourceParts ?? [];
        if (parts is not ["instance", _, "agent" or "routing-profile", _])
        {
            return (null, new AssociationOutcome(arn, "400", ErrorTexts.WorkspaceAssociationNotUserOrProfile(arn)));
        }

        var id = parts[2] == "agent"
            ? ResourceTypes.User.Find(context.Session, context.Caller, context.Instance.Id, arn)?.Id
            : ResourceTypes.RoutingProfile.Find(context.Session, context.Caller, context.Instance.Id, arn)?.Id;
        return id is null
            ? (null, new AssociationOutcome(arn, "404", ErrorTexts.WorkspaceAssociationNotFound(arn)))
            : (new WorkspaceAssignee(parts[2] == "agent" ? WorkspaceRules.ResourceTypeUser : WorkspaceRules.ResourceTypeRoutingProfile, id), null);
    }

    /// <summary>[choice] A page's view is one of the instance's views, named by ARN (or id); it is stored by its ARN.</summary>
    private static string ViewArn(ResourceContext context, string viewIdOrArn) =>
        Views.ViewRules.Require(context.Session, context.Caller, context.Instance.Id, viewIdOrArn).Arn;

    private static void RequireFreeSlug(IReadOnlyList<WorkspacePageEntry> pages, string? slug, string? except)
    {
        if (slug is not null && pages.Any(p => p.Slug == slug && p.Page != except))
        {
            throw new DomainException(DomainErrorKind.Duplicate, ErrorTexts.WorkspaceSlugTaken(slug));
        }
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static (ResourceScope Scope, Workspace Workspace) Resolve(IStoreSession session, Caller caller, string instanceIdOrArn, string workspaceIdOrArn)
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        return (new ResourceScope(caller.AccountId, caller.Region, instance.Id), WorkspaceRules.Type.Require(session, caller, instance.Id, workspaceIdOrArn));
    }
}
