using System.Security.Cryptography;
using System.Text;

namespace ConnectLocal.Core.Views;

/// <summary>
/// What a view renders: its template (a JSON document, kept as sent), the actions it can raise, and the template in a
/// canonical form the edge computes (keys sorted, no spaces; null when the template is not a JSON object), by which two
/// templates are compared JSON-equal.
/// </summary>
public sealed record ViewBody(string? Template, IReadOnlyList<string> Actions, string? Canonical)
{
    /// <summary>
    /// [choice] The content's checksum: SHA-256, in lower-case hex, of the canonical template and the actions, each on
    /// its own line. AWS documents only that it is a checksum of the content.
    /// </summary>
    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes((Canonical ?? string.Empty) + "\n" + string.Join("\n", Actions))));

    /// <summary>Whether two bodies say the same: templates JSON-equal, actions equal in order.</summary>
    public bool SameAs(ViewBody other) => Canonical == other.Canonical && Actions.SequenceEqual(other.Actions, StringComparer.Ordinal);
}

/// <summary>A published version of a view: immutable, numbered from 1.</summary>
public sealed record ViewVersionEntry(int Version, string? VersionDescription, ViewBody Content, DateTimeOffset CreatedTime);

/// <summary>
/// A view of the agent workspace. Its content lives under two qualifiers: $SAVED (the last content written) and
/// $LATEST (the last content published); its versions are snapshots of $LATEST.
/// </summary>
public sealed record View : InstanceResource, IResource<View>, ITaggable<View>
{
    public static string Kind => "view";

    public const string Published = "PUBLISHED";
    public const string Saved = "SAVED";
    public const string CustomerManaged = "CUSTOMER_MANAGED";

    public required string Name { get; init; }

    public string? Description { get; init; }

    public string Type { get; init => field = value ?? field; } = CustomerManaged;

    /// <summary>The status the content was last written with (CreateView, UpdateViewContent).</summary>
    public required string Status { get; init; }

    public required ViewBody SavedContent { get; init; }

    public ViewBody? LatestContent { get; init; }

    public IReadOnlyList<ViewVersionEntry> Versions { get; init => field = value ?? field; } = [];

    /// <summary>The highest version ever created: numbers are never reused after a version is deleted.</summary>
    public int LastVersion { get; init; }

    public DateTimeOffset CreatedTime { get; init; }

    /// <summary>When the content last changed (UpdateViewContent, CreateViewVersion); metadata updates leave it.</summary>
    public DateTimeOffset ContentModifiedTime { get; init; }

    public View WithTags(IReadOnlyDictionary<string, string> tags) => this with { Tags = tags };
}

/// <summary>What DescribeView shows: the view, and the content and version its qualifier names.</summary>
public sealed record ViewSnapshot(View View, string Qualifier, string Status, ViewBody Content, ViewVersionEntry? Version);

/// <summary>The rules of views (docs/templates-views.md).</summary>
public static class ViewRules
{
    public const string SavedQualifier = "$SAVED";
    public const string LatestQualifier = "$LATEST";

    /// <summary>The model's prose: the total uncompressed content is at most 400 kB.</summary>
    public const int MaxContentBytes = 400 * 1024;

    /// <summary>
    /// SearchViews searches "by name, description, or tags" (the model's prose); [choice] as the other searches, the
    /// view's id is searchable as resourceID. ViewTypeCondition and ViewStatusCondition compare the view's Type and the
    /// Status its content was last written with.
    /// </summary>
    public static readonly ResourceType<View> Type = new()
    {
        ArnSegment = "view",
        // Global Resiliency: the Admin Guide's list of mirrored resources (docs/global-resiliency.md). [choice] The whole
        // record, its $SAVED draft included (the guide mirrors published views only).
        Mirrored = true,
        Noun = "View",
        SearchFields =
        [
            SearchField<View>.Text("name", v => v.Name),
            SearchField<View>.Text("description", v => v.Description),
            SearchField<View>.Id("resourceID", v => v.Id),
        ],
        Conditions = [SearchField<View>.Id("ViewTypeCondition", v => v.Type), SearchField<View>.Id("ViewStatusCondition", v => v.Status)],
    };

    /// <summary>
    /// The content checks: a template is a JSON object and the content is at most 400 kB (both statuses, "basic"
    /// validation); PUBLISHED content also has a template ([choice]: what AWS's "full" validation checks beyond that
    /// is not documented). Actions are distinct ([choice]).
    /// </summary>
    public static ViewBody Validate(string status, string? template, string? canonical, IReadOnlyList<string>? actions)
    {
        var body = new ViewBody(template, actions ?? [], canonical);
        if (Encoding.UTF8.GetByteCount(template ?? string.Empty) + body.Actions.Sum(a => Encoding.UTF8.GetByteCount(a)) > MaxContentBytes)
        {
            throw Errors.InvalidParameter(ErrorTexts.ViewContentTooLarge(MaxContentBytes / 1024));
        }

        if (template is not null && canonical is null)
        {
            throw Errors.InvalidParameter(ErrorTexts.ViewTemplateNotJson);
        }

        if (template is null && status == View.Published)
        {
            throw Errors.InvalidParameter(ErrorTexts.ViewPublishedWithoutTemplate);
        }

        if (body.Actions.Distinct(StringComparer.Ordinal).Count() != body.Actions.Count)
        {
            throw Errors.InvalidParameter(ErrorTexts.ViewActionTwice);
        }

        return body;
    }

    /// <summary>Splits "id", "arn", "id:qualifier" or "arn:qualifier" into the view's identifier and its qualifier (null: none).</summary>
    public static (string IdOrArn, string? Qualifier) Split(string viewId)
    {
        var slash = viewId.LastIndexOf('/');
        var colon = viewId.IndexOf(':', slash + 1);
        return colon < 0 || (slash < 0 && viewId.StartsWith("arn:", StringComparison.Ordinal))
            ? (viewId, null)
            : (viewId[..colon], viewId[(colon + 1)..]);
    }

    /// <summary>A view named without a qualifier where the operation takes none; a qualified one names nothing.</summary>
    public static View Require(IStoreSession session, Caller caller, string instanceId, string viewId)
    {
        var (idOrArn, qualifier) = Split(viewId);
        return qualifier is null ? Type.Require(session, caller, instanceId, idOrArn) : throw Errors.NotFound(Type.Noun);
    }

    /// <summary>
    /// DescribeView: $SAVED, $LATEST or a version number; none is $LATEST. A view never published has no $LATEST
    /// ([choice] ResourceNotFoundException, as for a version that does not exist).
    /// </summary>
    public static ViewSnapshot Describe(IStoreSession session, Caller caller, string instanceId, string viewId)
    {
        var (idOrArn, qualifier) = Split(viewId);
        var view = Type.Require(session, caller, instanceId, idOrArn);
        switch (qualifier ?? LatestQualifier)
        {
            case SavedQualifier:
                return new ViewSnapshot(view, SavedQualifier, view.Status, view.SavedContent, null);
            case LatestQualifier:
                return view.LatestContent is { } latest
                    ? new ViewSnapshot(view, LatestQualifier, View.Published, latest, null)
                    : throw new DomainException(DomainErrorKind.NotFound, ErrorTexts.ViewNotPublished);
            case var number when int.TryParse(number, System.Globalization.NumberStyles.None, null, out var n)
                && view.Versions.FirstOrDefault(v => v.Version == n) is { } version:
                return new ViewSnapshot(view, number, View.Published, version.Content, version);
            default:
                throw Errors.NotFound(ErrorTexts.ViewVersionNotFound(qualifier!));
        }
    }

    /// <summary>
    /// CreateViewVersion: a new version of $LATEST, or the highest version when $LATEST has not changed since it. A
    /// given checksum must be $LATEST's ([choice] InvalidRequestException, as must a view never published).
    /// </summary>
    public static View CreateVersion(View view, string? versionDescription, string? sha256, DateTimeOffset now)
    {
        var latest = view.LatestContent ?? throw Errors.InvalidRequest(ErrorTexts.ViewNotPublished);
        if (sha256 is not null && !string.Equals(sha256, latest.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw Errors.InvalidRequest(ErrorTexts.ViewChecksumMismatch);
        }

        var highest = view.Versions.MaxBy(v => v.Version);
        if (highest is not null && highest.Content.SameAs(latest))
        {
            return view;
        }

        var next = view.LastVersion + 1;
        return view with
        {
            Versions = [.. view.Versions, new ViewVersionEntry(next, versionDescription, latest, now)],
            LastVersion = next,
            ContentModifiedTime = now,
        };
    }
}
