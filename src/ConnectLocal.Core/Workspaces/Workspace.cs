namespace ConnectLocal.Core.Workspaces;

// The theme, member for member as the model names it (WorkspaceTheme and the structures under it): the generic
// handlers and the edge map shapes to these records by member name.
public sealed record PaletteHeader(string? Background, string? Text, string? TextHover, bool? InvertActionsColors);

public sealed record PaletteNavigation(
    string? Background, string? TextBackgroundHover, string? TextBackgroundActive, string? Text, string? TextHover, string? TextActive, bool? InvertActionsColors);

public sealed record PaletteCanvas(string? ContainerBackground, string? PageBackground, string? ActiveBackground);

public sealed record PalettePrimary(string? Default, string? Active, string? ContrastText);

public sealed record WorkspaceThemePalette(PaletteHeader? Header, PaletteNavigation? Navigation, PaletteCanvas? Canvas, PalettePrimary? Primary);

public sealed record ImagesLogo(string? Default, string? Favicon);

public sealed record WorkspaceThemeImages(ImagesLogo? Logo);

public sealed record FontFamily(string? Default);

public sealed record WorkspaceThemeTypography(FontFamily? FontFamily);

public sealed record WorkspaceThemeConfig(WorkspaceThemePalette? Palette, WorkspaceThemeImages? Images, WorkspaceThemeTypography? Typography);

public sealed record WorkspaceTheme(WorkspaceThemeConfig? Light, WorkspaceThemeConfig? Dark);

/// <summary>A page of a workspace (CreateWorkspacePage): the view shown on it (its ARN), its slug and the view's input.</summary>
public sealed record WorkspacePageEntry(string Page, string ResourceArn, string? Slug, string? InputData);

/// <summary>A media asset of a workspace (ImportWorkspaceMedia): one per media type.</summary>
public sealed record WorkspaceMediaItem(string Type, string Source);

/// <summary>A user or routing profile the workspace is assigned to (AssociateWorkspace), by type and id.</summary>
public sealed record WorkspaceAssignee(string ResourceType, string ResourceId);

/// <summary>
/// A workspace: a named agent experience that maps views to pages, with a theme, a visibility, media and the users
/// and routing profiles it is assigned to. Members are named as the model names them (Name, Description, Title,
/// Theme, Visibility, CreatedAt); pages, media and assignees are kept with it and go with it when it is deleted.
/// </summary>
public sealed record Workspace : InstanceResource, IResource<Workspace>, ITaggable<Workspace>
{
    public static string Kind => "workspace";

    public const string VisibilityAll = "ALL";
    public const string VisibilityAssigned = "ASSIGNED";
    public const string VisibilityNone = "NONE";

    public required string Name { get; init; }

    public string? Description { get; init; }

    public string? Title { get; init; }

    public WorkspaceTheme? Theme { get; init; }

    /// <summary>[choice] A new workspace is visible to the users and routing profiles it is assigned to (ASSIGNED): AWS documents no default.</summary>
    public string Visibility { get; init => field = value ?? field; } = VisibilityAssigned;

    public DateTimeOffset CreatedAt { get; init; }

    public IReadOnlyList<WorkspacePageEntry> Pages { get; init => field = value ?? field; } = [];

    public IReadOnlyList<WorkspaceMediaItem> Media { get; init => field = value ?? field; } = [];

    public IReadOnlyList<WorkspaceAssignee> Assignees { get; init => field = value ?? field; } = [];

    public Workspace WithTags(IReadOnlyDictionary<string, string> tags) => this with { Tags = tags };
}
