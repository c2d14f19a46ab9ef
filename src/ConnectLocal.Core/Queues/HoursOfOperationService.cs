using ConnectLocal.Core.Instances;

namespace ConnectLocal.Core.Queues;

public sealed record CreateHoursOfOperationCommand(
    string Name,
    string? Description,
    string TimeZone,
    IReadOnlyList<HoursOfOperationSlot> Config,
    IReadOnlyList<string> ParentIds,
    IReadOnlyDictionary<string, string> Tags);

/// <summary>An update of hours of operation: members left null keep their value; Config replaces the whole list.</summary>
public sealed record UpdateHoursOfOperationCommand(
    string? Name,
    string? Description,
    string? TimeZone,
    IReadOnlyList<HoursOfOperationSlot>? Config);

/// <summary>Hours of operation as DescribeHoursOfOperation shows them: with the parents they inherit overrides from.</summary>
public sealed record HoursOfOperationView(HoursOfOperation Hours, IReadOnlyList<HoursOfOperation> Parents);

/// <summary>
/// Hours of operation: a named weekly schedule in one time zone, used by queues.
/// [choice] A slot whose end is before its start runs overnight into the next day; a slot whose end equals its
/// start is open 24 hours (Basic Hours is 00:00–00:00 on every day); several and overlapping slots on one day are
/// accepted as sent. AWS documents none of these rules.
/// Overrides, parent/child links and effective hours are in HoursOverrides/HoursOfOperationOverride.cs.
/// </summary>
public sealed class HoursOfOperationService(IConnectStore store, ConnectSettings settings)
{
    public const string ArnSegment = "operating-hours";

    /// <summary>The ResourceType of ResourceInUseException when other hours of operation hold a reference. [choice]</summary>
    public const string InUseType = "HOURS_OF_OPERATION";

    private readonly ResourceOperations<HoursOfOperation> _hours = new(store, settings, ResourceTypes.HoursOfOperation);

    public HoursOfOperation Create(Caller caller, string instanceIdOrArn, CreateHoursOfOperationCommand command) =>
        _hours.Create(caller, instanceIdOrArn, context =>
        {
            RequireTimeZone(command.TimeZone);
            return new HoursOfOperation
            {
                Name = command.Name,
                Description = command.Description,
                TimeZone = command.TimeZone,
                Config = command.Config,
                ParentIds = RequireParents(context.Session, caller, context.Instance, command.ParentIds).Select(p => p.Id).ToList(),
                Tags = command.Tags,
            };
        });

    public HoursOfOperationView Describe(Caller caller, string instanceIdOrArn, string hoursIdOrArn) => store.Read(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var hours = Require(session, caller, instance.Id, hoursIdOrArn);
        var scope = new ResourceScope(caller.AccountId, caller.Region, instance.Id);
        // A parent cannot be deleted while a child names it, so every id resolves.
        var parents = hours.ParentIds.Select(id => session.Get<HoursOfOperation>(scope, id)).OfType<HoursOfOperation>().ToList();
        return new HoursOfOperationView(hours, parents);
    });

    /// <summary>SearchHoursOfOperations over the fields the registry declares (users-search), each result with its parents.</summary>
    public SearchResult<HoursOfOperationView> Search(Caller caller, string instanceIdOrArn, Criteria? criteria, TagFilter? filter, string? nextToken, int pageSize)
    {
        var result = _hours.Search(caller, instanceIdOrArn, "search-hours-of-operations", criteria, filter, nextToken, pageSize);
        var views = store.Read(session => result.Page.Items.Select(hours =>
        {
            var scope = new ResourceScope(caller.AccountId, caller.Region, hours.InstanceId);
            return new HoursOfOperationView(hours, hours.ParentIds.Select(id => session.Get<HoursOfOperation>(scope, id)).OfType<HoursOfOperation>().ToList());
        }).ToList());
        return new SearchResult<HoursOfOperationView>(new Page<HoursOfOperationView>(views, result.Page.NextToken), result.TotalCount);
    }

    /// <summary>[choice] Every accepted update stamps LastModifiedTime, even one that sends no member.</summary>
    public void Update(Caller caller, string instanceIdOrArn, string hoursIdOrArn, UpdateHoursOfOperationCommand command) =>
        _hours.Update(caller, instanceIdOrArn, hoursIdOrArn, (_, hours) =>
        {
            if (command.TimeZone is not null)
            {
                RequireTimeZone(command.TimeZone);
            }

            return hours with
            {
                Name = command.Name ?? hours.Name,
                Description = command.Description ?? hours.Description,
                TimeZone = command.TimeZone ?? hours.TimeZone,
                Config = command.Config ?? hours.Config,
            };
        });

    /// <summary>
    /// Hours a queue uses, or that other hours name as a parent, cannot be deleted. [choice] The model lists no
    /// ResourceInUseException for DeleteHoursOfOperation; ConnectLocal answers it anyway (409, naming the holder)
    /// because it tells the caller what to change. Basic Hours is an ordinary resource: deletable once unused.
    /// </summary>
    internal static void CheckUnused(ResourceContext context, HoursOfOperation hours)
    {
        if (context.Session.All<Queue>(context.Scope).FirstOrDefault(q => q.HoursOfOperationId == hours.Id) is { } queue)
        {
            throw Errors.InUse(ErrorTexts.InUseBy("Hours of operation", "queue", queue.Name ?? string.Empty), QueueService.InUseType, queue.Arn);
        }

        if (context.Session.All<HoursOfOperation>(context.Scope).FirstOrDefault(h => h.ParentIds.Contains(hours.Id)) is { } child)
        {
            throw Errors.InUse(ErrorTexts.ParentOf(child.Name), InUseType, child.Arn);
        }
    }

    /// <summary>
    /// The hours of operation named by id or ARN in the instance, or "Hours of operation not found". [choice] The ARN
    /// is accepted wherever an id is, as for instances.
    /// </summary>
    public static HoursOfOperation Require(IStoreSession session, Caller caller, string instanceId, string idOrArn) =>
        ResourceTypes.HoursOfOperation.Require(session, caller, instanceId, idOrArn);

    /// <summary>
    /// [choice] Time zones are IANA names ("America/New_York", "UTC"), looked up in the host's time zone database, which
    /// .NET reads from /usr/share/zoneinfo on Linux even with invariant globalization. Windows names are refused
    /// (AWS takes IANA names only); the character check keeps the lookup from ever reading outside that folder.
    /// Names are exact: .NET's zone cache matches case-insensitively, so the found zone's id must equal the name.
    /// </summary>
    public static bool IsKnownTimeZone(string id) =>
        id.Length is > 0 and <= 64
        && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '+')
        && !id.StartsWith('/') && !id.Contains("//", StringComparison.Ordinal)
        && id is not ("posixrules" or "localtime")
        && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
        && zone.HasIanaId
        && string.Equals(zone.Id, id, StringComparison.Ordinal);

    private static void RequireTimeZone(string timeZone)
    {
        if (!IsKnownTimeZone(timeZone))
        {
            throw Errors.InvalidParameter(ErrorTexts.InvalidTimeZone(timeZone));
        }
    }

    private static List<HoursOfOperation> RequireParents(IStoreSession session, Caller caller, Instance instance, IReadOnlyList<string> parentIds)
    {
        var parents = new List<HoursOfOperation>();
        foreach (var idOrArn in parentIds)
        {
            var parent = Require(session, caller, instance.Id, idOrArn);
            if (parents.Any(p => p.Id == parent.Id))
            {
                // [choice] the model allows up to 3 parents but says nothing of naming one twice.
                throw Errors.InvalidParameter(ErrorTexts.ParentHoursRepeated(idOrArn));
            }

            parents.Add(parent);
        }

        return parents;
    }

}
