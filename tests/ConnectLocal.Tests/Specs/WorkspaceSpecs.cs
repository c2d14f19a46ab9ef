using ConnectLocal.Model.Shapes;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Specs;

/// <summary>Workspaces (issue 15, docs/workspaces.md), specified in-process.</summary>
public sealed class WorkspaceSpecs : IDisposable
{
    private readonly ConnectClient _client = new();
    private readonly string _instanceId;
    private readonly string _viewArn;

    public WorkspaceSpecs()
    {
        _instanceId = _client.Invoke<CreateInstanceResponse>(new CreateInstanceRequest
        {
            IdentityManagementType = "CONNECT_MANAGED",
            InstanceAlias = "workspace-specs",
            InboundCallsEnabled = true,
            OutboundCallsEnabled = true,
        }).Id!;
        _viewArn = _client.Invoke<CreateViewResponse>(new CreateViewRequest
        {
            InstanceId = _instanceId,
            Name = "page view",
            Status = "PUBLISHED",
            Content = new ViewInputContent { Template = "{}", Actions = [] },
        }).View!.Arn!;
    }

    public void Dispose() => _client.Dispose();

    [Fact]
    public void A_workspace_is_stored_as_sent_stamped_and_visible_to_its_assignees_by_default()
    {
        var theme = new WorkspaceTheme
        {
            Light = new WorkspaceThemeConfig
            {
                Palette = new WorkspaceThemePalette { Header = new PaletteHeader { Background = "#fff", InvertActionsColors = true } },
                Typography = new WorkspaceThemeTypography { FontFamily = new FontFamily { Default = "Arial" } },
            },
        };
        var created = Create("agents", description: "desk", theme: theme, tags: new() { ["team"] = "a" });

        var described = Describe(created.WorkspaceArn!);

        Assert.EndsWith($"/workspace/{created.WorkspaceId}", created.WorkspaceArn);
        Assert.Equal(("agents", "desk", "ASSIGNED"), (described.Name, described.Description, described.Visibility));
        Assert.Equal("#fff", described.Theme!.Light!.Palette!.Header!.Background);
        Assert.True(described.Theme.Light.Palette.Header.InvertActionsColors);
        Assert.Equal("Arial", described.Theme.Light.Typography!.FontFamily!.Default);
        Assert.Null(described.Theme.Dark);
        Assert.Equal("a", described.Tags!["team"]);
        Assert.Equal(ConnectClient.DefaultStart, described.LastModifiedTime);
        Assert.Equal(ConnectClient.DefaultRegion, described.LastModifiedRegion);
    }

    [Fact]
    public void Names_are_unique_in_the_instance_and_descriptions_at_most_250_characters()
    {
        Create("same");

        _client.Fails(new CreateWorkspaceRequest { InstanceId = _instanceId, Name = "same" }, "DuplicateResourceException");
        var error = _client.Fails(new CreateWorkspaceRequest { InstanceId = _instanceId, Name = "long", Description = new string('d', 251) }, "InvalidParameterException");
        Assert.Contains("250", error.Message);
        Create("at the limit", description: new string('d', 250));
    }

    [Fact]
    public void Updates_stamp_the_modification_and_keep_members_left_out()
    {
        var id = Create("kept", description: "kept description").WorkspaceId!;
        _client.Advance(TimeSpan.FromMinutes(5));

        _client.Invoke(new UpdateWorkspaceMetadataRequest { InstanceId = _instanceId, WorkspaceId = id, Title = "new title" });
        _client.Invoke(new UpdateWorkspaceVisibilityRequest { InstanceId = _instanceId, WorkspaceId = id, Visibility = "NONE" });

        var described = Describe(id);
        Assert.Equal(("kept", "kept description", "new title", "NONE"), (described.Name, described.Description, described.Title, described.Visibility));
        Assert.Equal(ConnectClient.DefaultStart + TimeSpan.FromMinutes(5), described.LastModifiedTime);
    }

    [Fact]
    public void A_page_names_a_view_of_the_instance_a_free_name_and_a_free_slug()
    {
        var id = Create("pages").WorkspaceId!;
        CreatePage(id, "HOME", slug: "home");

        _client.Fails(new CreateWorkspacePageRequest { InstanceId = _instanceId, WorkspaceId = id, ResourceArn = _viewArn, Page = "HOME" }, "DuplicateResourceException");
        _client.Fails(new CreateWorkspacePageRequest { InstanceId = _instanceId, WorkspaceId = id, ResourceArn = _viewArn, Page = "x", Slug = "home" }, "DuplicateResourceException");
        _client.Fails(new CreateWorkspacePageRequest { InstanceId = _instanceId, WorkspaceId = id, ResourceArn = _viewArn, Page = "aws:mine" }, "InvalidParameterException");
        _client.Fails(new CreateWorkspacePageRequest { InstanceId = _instanceId, WorkspaceId = id, ResourceArn = _viewArn, Page = "y", InputData = "[1]" }, "InvalidParameterException");
        Assert.Equal("View not found", _client.Fails(new CreateWorkspacePageRequest
        {
            InstanceId = _instanceId, WorkspaceId = id, ResourceArn = _viewArn.Replace("us-east-1", "us-west-2"), Page = "z",
        }, "ResourceNotFoundException").Message);

        var pages = _client.Invoke<ListWorkspacePagesResponse>(new ListWorkspacePagesRequest { InstanceId = _instanceId, WorkspaceId = id }).WorkspacePageList!;
        Assert.Equal([("HOME", _viewArn, "home")], pages.Select(p => (p.Page!, p.ResourceArn!, p.Slug!)).ToList());
    }

    [Fact]
    public void Page_updates_rename_and_keep_members_left_out_and_deletes_need_the_page()
    {
        var id = Create("renamed pages").WorkspaceId!;
        CreatePage(id, "HOME", slug: "start", inputData: "{\"a\":1}");

        _client.Invoke(new UpdateWorkspacePageRequest { InstanceId = _instanceId, WorkspaceId = id, Page = "HOME", NewPage = "main" });

        var page = _client.Invoke<ListWorkspacePagesResponse>(new ListWorkspacePagesRequest { InstanceId = _instanceId, WorkspaceId = id }).WorkspacePageList!.Single();
        Assert.Equal(("main", "start", "{\"a\":1}", _viewArn), (page.Page, page.Slug, page.InputData, page.ResourceArn));
        _client.Fails(new UpdateWorkspacePageRequest { InstanceId = _instanceId, WorkspaceId = id, Page = "HOME", Slug = "abc" }, "ResourceNotFoundException");
        _client.Invoke(new DeleteWorkspacePageRequest { InstanceId = _instanceId, WorkspaceId = id, Page = "main" });
        _client.Fails(new DeleteWorkspacePageRequest { InstanceId = _instanceId, WorkspaceId = id, Page = "main" }, "ResourceNotFoundException");
    }

    [Fact]
    public void Media_is_one_asset_per_type_from_a_url_or_base64()
    {
        var id = Create("media").WorkspaceId!;

        _client.Invoke(new ImportWorkspaceMediaRequest { InstanceId = _instanceId, WorkspaceId = id, MediaType = "IMAGE_LOGO_DARK_FAVICON", MediaSource = "aGk=" });
        _client.Invoke(new ImportWorkspaceMediaRequest { InstanceId = _instanceId, WorkspaceId = id, MediaType = "IMAGE_LOGO_DARK_FAVICON", MediaSource = "https://example.com/a.png" });
        _client.Fails(new ImportWorkspaceMediaRequest { InstanceId = _instanceId, WorkspaceId = id, MediaType = "IMAGE_LOGO_LIGHT_FAVICON", MediaSource = "%%%" }, "InvalidParameterException");

        var media = _client.Invoke<ListWorkspaceMediaResponse>(new ListWorkspaceMediaRequest { InstanceId = _instanceId, WorkspaceId = id }).Media!;
        Assert.Equal([("IMAGE_LOGO_DARK_FAVICON", "https://example.com/a.png")], media.Select(m => (m.Type!, m.Source!)).ToList());
        _client.Invoke(new DeleteWorkspaceMediaRequest { InstanceId = _instanceId, WorkspaceId = id, MediaType = "IMAGE_LOGO_DARK_FAVICON" });
        _client.Fails(new DeleteWorkspaceMediaRequest { InstanceId = _instanceId, WorkspaceId = id, MediaType = "IMAGE_LOGO_DARK_FAVICON" }, "ResourceNotFoundException");
    }

    [Fact]
    public void Associations_take_users_and_routing_profiles_and_report_each_arn()
    {
        var id = Create("assigned").WorkspaceId!;
        var profile = _client.Invoke<ListRoutingProfilesResponse>(new ListRoutingProfilesRequest { InstanceId = _instanceId }).RoutingProfileSummaryList!.First();
        var queue = _client.Invoke<ListQueuesResponse>(new ListQueuesRequest { InstanceId = _instanceId, QueueTypes = ["STANDARD"] }).QueueSummaryList!.Single();

        var outcome = _client.Invoke<AssociateWorkspaceResponse>(new AssociateWorkspaceRequest
        {
            InstanceId = _instanceId, WorkspaceId = id, ResourceArns = [profile.Arn!, queue.Arn!, profile.Arn!.Replace(profile.Id!, "missing")],
        });

        Assert.Equal([profile.Arn], outcome.SuccessfulList!.Select(s => s.ResourceArn).ToList());
        Assert.Equal(["400", "404"], outcome.FailedList!.Select(f => f.ErrorCode).ToList());
        var found = _client.Invoke<SearchWorkspaceAssociationsResponse>(new SearchWorkspaceAssociationsRequest { InstanceId = _instanceId });
        var association = Assert.Single(found.WorkspaceAssociations!);
        Assert.Equal((id, profile.Id, "ROUTING_PROFILE", profile.Name), (association.WorkspaceId, association.ResourceId, association.ResourceType, association.ResourceName));
        Assert.Equal(1, found.ApproximateTotalCount);
    }

    [Fact]
    public void A_workspace_is_taggable_by_arn_and_gone_after_delete()
    {
        var created = Create("tagged");

        _client.Invoke(new TagResourceRequest { ResourceArn = created.WorkspaceArn, Tags = new() { ["k"] = "v" } });
        Assert.Equal("v", Describe(created.WorkspaceId!).Tags!["k"]);
        _client.Invoke(new DeleteWorkspaceRequest { InstanceId = _instanceId, WorkspaceId = created.WorkspaceArn });

        Assert.Equal("Workspace not found", _client.Fails(new DescribeWorkspaceRequest { InstanceId = _instanceId, WorkspaceId = created.WorkspaceId }, "ResourceNotFoundException").Message);
        _client.Fails(new TagResourceRequest { ResourceArn = created.WorkspaceArn, Tags = new() { ["k"] = "v" } }, "ResourceNotFoundException");
    }

    [Fact]
    public void A_workspace_of_another_account_or_region_is_not_found()
    {
        var created = Create("here only");

        using var west = _client.InRegion("us-west-2");
        west.Fails(new DescribeWorkspaceRequest { InstanceId = _instanceId, WorkspaceId = created.WorkspaceId }, "ResourceNotFoundException");
        using var other = _client.AsAccount("222222222222");
        other.Fails(new DescribeWorkspaceRequest { InstanceId = _instanceId, WorkspaceId = created.WorkspaceArn }, "ResourceNotFoundException");
    }

    private CreateWorkspaceResponse Create(string name, string? description = null, WorkspaceTheme? theme = null, Dictionary<string, string>? tags = null) =>
        _client.Invoke<CreateWorkspaceResponse>(new CreateWorkspaceRequest { InstanceId = _instanceId, Name = name, Description = description, Theme = theme, Tags = tags });

    private Workspace Describe(string idOrArn) =>
        _client.Invoke<DescribeWorkspaceResponse>(new DescribeWorkspaceRequest { InstanceId = _instanceId, WorkspaceId = idOrArn }).Workspace!;

    private void CreatePage(string workspaceId, string page, string? slug = null, string? inputData = null) =>
        _client.Invoke(new CreateWorkspacePageRequest { InstanceId = _instanceId, WorkspaceId = workspaceId, ResourceArn = _viewArn, Page = page, Slug = slug, InputData = inputData });
}
