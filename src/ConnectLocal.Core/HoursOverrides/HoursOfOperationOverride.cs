using System.Globalization;
using ConnectLocal.Core.Instances;

namespace ConnectLocal.Core.HoursOverrides;

/// <summary>One slot of an override: on <see cref="Day"/>, from the start to the end time (minutes of the day).</summary>
public sealed record OverrideSlot(string Day, int StartHours, int StartMinutes, int EndHours, int EndMinutes);

/// <summary>RecurrencePattern as the model names its members.</summary>
public sealed record RecurrencePattern(string Frequency, int Interval, IReadOnlyList<int>? ByMonth, IReadOnlyList<int>? ByMonthDay, IReadOnlyList<int>? ByWeekdayOccurrence);

/// <summary>
/// An override of an hours of operation's weekly schedule over a date range (CreateHoursOfOperationOverride), kept
/// under its hours of operation: deleted with them, named uniquely among their overrides.
/// </summary>
public sealed record HoursOfOperationOverride : IResource<HoursOfOperationOverride>
{
    public static string Kind => "hours-of-operation-override";

    public required string Id { get; init; }

    public required string HoursOfOperationId { get; init; }

    public required string OverrideName { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<OverrideSlot> Config { get; init => field = value ?? field; } = [];

    public required string EffectiveFrom { get; init; }

    public required string EffectiveTill { get; init; }

    public RecurrencePattern? Recurrence { get; init; }

    public string? OverrideType { get; init; }

    /// <summary>The store's unique key: override names are unique within their hours of operation.</summary>
    public string Name => HoursOfOperationId + "/" + OverrideName;
}

/// <summary>What a create or update of an override carries; on update, members left null keep their value.</summary>
public sealed record OverrideFields(
    string? Name,
    string? Description,
    IReadOnlyList<OverrideSlot>? Config,
    string? EffectiveFrom,
    string? EffectiveTill,
    RecurrencePattern? Recurrence,
    string? OverrideType);

/// <summary>One open period of a date, in minutes of the day (End 1440 is midnight at the end of the day).</summary>
public sealed record OpenPeriod(int Start, int End);

/// <summary>An override's period on a date, as EffectiveOverrideHours shows it.</summary>
public sealed record AppliedOverride(OpenPeriod Period, string OverrideName, string OperationalStatus);

/// <summary>GetEffectiveHoursOfOperations' answer: per date the open periods, and the overrides that shaped them.</summary>
public sealed record EffectiveHours(string TimeZone, IReadOnlyList<(string Date, IReadOnlyList<OpenPeriod> Open)> Days, IReadOnlyList<(string Date, IReadOnlyList<AppliedOverride> Overrides)> OverrideDays);

/// <summary>
/// Hours-of-operation overrides, the parent/child links through which a child inherits its parents' overrides, and the
/// effective hours those give. See docs/choices.md, "Hours of operation overrides", for every rule AWS leaves open.
/// </summary>
public sealed class HoursOverrideService(IConnectStore store, ConnectSettings settings)
{
    /// <summary>The Administrator Guide: up to 50 overrides per hours of operation, not adjustable.</summary>
    public const int MaxOverridesPerHours = 50;

    /// <summary>The model: ParentHoursOfOperationConfigList holds up to 3.</summary>
    public const int MaxParents = 3;

    /// <summary>[choice] GetEffectiveHoursOfOperations answers at most 366 dates (AWS documents no limit).</summary>
    public const int MaxEffectiveDays = 366;

    private const int DayMinutes = 24 * 60;

    private readonly ResourceOperations<HoursOfOperation> _hours = new(store, settings, ResourceTypes.HoursOfOperation);

    public HoursOfOperationOverride Create(Caller caller, string instanceIdOrArn, string hoursIdOrArn, OverrideFields fields) => store.Write(session =>
    {
        var (scope, hours) = Resolve(session, caller, instanceIdOrArn, hoursIdOrArn);
        var created = Checked(new HoursOfOperationOverride
        {
            Id = DefaultResources.NewId(),
            HoursOfOperationId = hours.Id,
            OverrideName = fields.Name!,
            Description = fields.Description,
            Config = fields.Config ?? [],
            EffectiveFrom = fields.EffectiveFrom!,
            EffectiveTill = fields.EffectiveTill!,
            Recurrence = fields.Recurrence,
            OverrideType = fields.OverrideType,
        });
        RequireUniqueName(session, scope, created);
        if (OverridesOf(session, scope, hours.Id).Count >= MaxOverridesPerHours)
        {
            throw Errors.Limit(ErrorTexts.OverridesPerHours(MaxOverridesPerHours));
        }

        session.Put(scope, created);
        Touch(session, scope, hours, caller);
        return created;
    });

    public (HoursOfOperationOverride Override, HoursOfOperation Hours) Describe(Caller caller, string instanceIdOrArn, string hoursIdOrArn, string overrideId) => store.Read(session =>
    {
        var (scope, hours) = Resolve(session, caller, instanceIdOrArn, hoursIdOrArn);
        return (RequireOverride(session, scope, hours, overrideId), hours);
    });

    /// <summary>An update replaces the members it carries and keeps the others; RecurrenceConfig is replaced as a whole.</summary>
    public void Update(Caller caller, string instanceIdOrArn, string hoursIdOrArn, string overrideId, OverrideFields fields) => store.Write(session =>
    {
        var (scope, hours) = Resolve(session, caller, instanceIdOrArn, hoursIdOrArn);
        var current = RequireOverride(session, scope, hours, overrideId);
        var updated = Checked(current with
        {
            OverrideName = fields.Name ?? current.OverrideName,
            Description = fields.Description ?? current.Description,
            Config = fields.Config ?? current.Config,
            EffectiveFrom = fields.EffectiveFrom ?? current.EffectiveFrom,
            EffectiveTill = fields.EffectiveTill ?? current.EffectiveTill,
            Recurrence = fields.Recurrence ?? current.Recurrence,
            OverrideType = fields.OverrideType ?? current.OverrideType,
        });
        if (updated.Name != current.Name)
        {
            RequireUniqueName(session, scope, updated);
        }

        session.Put(scope, updated);
        Touch(session, scope, hours, caller);
        return true;
    });

    public void Delete(Caller caller, string instanceIdOrArn, string hoursIdOrArn, string overrideId) => store.Write(session =>
    {
        var (scope, hours) = Resolve(session, caller, instanceIdOrArn, hoursIdOrArn);
        session.Delete<HoursOfOperationOverride>(scope, RequireOverride(session, scope, hours, overrideId).Id);
        Touch(session, scope, hours, caller);
        return true;
    });

    /// <summary>ListHoursOfOperationOverrides: the hours' own overrides in id order, with the hours' last modification.</summary>
    public (Page<HoursOfOperationOverride> Page, HoursOfOperation Hours) List(Caller caller, string instanceIdOrArn, string hoursIdOrArn, string? nextToken, int pageSize) => store.Read(session =>
    {
        var (scope, hours) = Resolve(session, caller, instanceIdOrArn, hoursIdOrArn);
        return (Paging.Slice(session, scope, "hours-overrides/" + hours.Id, OverridesOf(session, scope, hours.Id), o => o.Id, nextToken, pageSize), hours);
    });

    /// <summary>
    /// AssociateHoursOfOperations: adds parents (by id or ARN) the child lacks. [choice] A parent that is the child
    /// itself, or that inherits from the child (a cycle), is InvalidRequestException; more than 3 parents in all is
    /// ServiceQuotaExceededException (the model's list maximum, and the operation models that error).
    /// </summary>
    public void Associate(Caller caller, string instanceIdOrArn, string childIdOrArn, IReadOnlyList<string> parentIdsOrArns) =>
        _hours.Update(caller, instanceIdOrArn, childIdOrArn, (context, child) =>
        {
            var all = child.ParentIds.ToList();
            foreach (var idOrArn in parentIdsOrArns)
            {
                var parent = ResourceTypes.HoursOfOperation.Require(context.Session, caller, context.Instance.Id, idOrArn);
                if (parent.Id == child.Id || Ancestors(context.Session, context.Scope, parent).Contains(child.Id))
                {
                    throw Errors.InvalidRequest(ErrorTexts.ParentHoursCycle(parent.Name));
                }

                if (!all.Contains(parent.Id))
                {
                    all.Add(parent.Id);
                }
            }

            return all.Count > MaxParents
                ? throw new DomainException(DomainErrorKind.ServiceQuotaExceeded, ErrorTexts.ParentHoursLimit(MaxParents))
                : child with { ParentIds = all };
        });

    /// <summary>DisassociateHoursOfOperations. [choice] Each named parent must exist; one the child does not name is ignored.</summary>
    public void Disassociate(Caller caller, string instanceIdOrArn, string childIdOrArn, IReadOnlyList<string> parentIdsOrArns) =>
        _hours.Update(caller, instanceIdOrArn, childIdOrArn, (context, child) =>
        {
            var removed = parentIdsOrArns.Select(p => ResourceTypes.HoursOfOperation.Require(context.Session, caller, context.Instance.Id, p).Id).ToHashSet(StringComparer.Ordinal);
            return child with { ParentIds = child.ParentIds.Where(p => !removed.Contains(p)).ToList() };
        });

    /// <summary>ListChildHoursOfOperations: the hours that name this one as a parent, in id order.</summary>
    public (Page<HoursOfOperation> Page, HoursOfOperation Parent) ListChildren(Caller caller, string instanceIdOrArn, string hoursIdOrArn, string? nextToken, int pageSize) => store.Read(session =>
    {
        var (scope, parent) = Resolve(session, caller, instanceIdOrArn, hoursIdOrArn);
        var children = session.All<HoursOfOperation>(scope).Where(h => h.ParentIds.Contains(parent.Id)).OrderBy(h => h.Id, StringComparer.Ordinal).ToList();
        return (Paging.Slice(session, scope, "child-hours/" + parent.Id, children, h => h.Id, nextToken, pageSize), parent);
    });

    /// <summary>
    /// GetEffectiveHoursOfOperations: for each date from <paramref name="fromDate"/> to <paramref name="toDate"/> (both
    /// included, dates in the hours' time zone), the open periods of the weekly schedule with the overrides of the
    /// hours and of their parents applied. [choice] How they apply:
    /// a STANDARD override (or one without OverrideType) that applies on a date replaces that date's hours with its
    /// slots (several: their union); otherwise OPEN overrides add their slots and then CLOSED overrides remove theirs.
    /// A weekly slot whose end is before its start runs into the next date; 00:00–00:00 is the whole day.
    /// </summary>
    public EffectiveHours Effective(Caller caller, string instanceIdOrArn, string hoursIdOrArn, string fromDate, string toDate) => store.Read(session =>
    {
        var (scope, hours) = Resolve(session, caller, instanceIdOrArn, hoursIdOrArn);
        var from = ParseDate(fromDate);
        var to = ParseDate(toDate);
        if (to < from)
        {
            throw Errors.InvalidParameter(ErrorTexts.DateRangeReversed(fromDate, toDate));
        }

        if (to.DayNumber - from.DayNumber + 1 > MaxEffectiveDays)
        {
            throw Errors.InvalidParameter(ErrorTexts.DateRangeTooLong(MaxEffectiveDays));
        }

        var overrides = hours.ParentIds.Prepend(hours.Id).SelectMany(id => OverridesOf(session, scope, id)).ToList();
        var days = new List<(string, IReadOnlyList<OpenPeriod>)>();
        var applied = new List<(string, IReadOnlyList<AppliedOverride>)>();
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            var open = Weekly(hours, date);
            var todays = overrides.SelectMany(o => SlotsOn(o, date).Select(p => (Override: o, Period: p))).ToList();
            var standard = todays.Where(t => (t.Override.OverrideType ?? "STANDARD") == "STANDARD").ToList();
            if (standard.Count > 0)
            {
                open = Union(standard.Select(t => t.Period));
            }
            else
            {
                open = Union(open.Concat(todays.Where(t => t.Override.OverrideType == "OPEN").Select(t => t.Period)));
                foreach (var closed in todays.Where(t => t.Override.OverrideType == "CLOSED"))
                {
                    open = Subtract(open, closed.Period);
                }
            }

            var text = Format(date);
            days.Add((text, open));
            if (todays.Count > 0)
            {
                applied.Add((text, todays.Select(t => new AppliedOverride(t.Period, t.Override.OverrideName, t.Override.OverrideType == "CLOSED" ? "CLOSED" : "OPEN")).ToList()));
            }
        }

        return new EffectiveHours(hours.TimeZone, days, applied);
    });

    /// <summary>[choice] Deleting hours of operation deletes their overrides (their only home).</summary>
    internal static void ForgetOverrides(ResourceContext context, HoursOfOperation hours)
    {
        foreach (var o in OverridesOf(context.Session, context.Scope, hours.Id))
        {
            context.Session.Delete<HoursOfOperationOverride>(context.Scope, o.Id);
        }
    }

    private static (ResourceScope Scope, HoursOfOperation Hours) Resolve(IStoreSession session, Caller caller, string instanceIdOrArn, string hoursIdOrArn)
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var hours = ResourceTypes.HoursOfOperation.Require(session, caller, instance.Id, hoursIdOrArn);
        return (new ResourceScope(caller.AccountId, caller.Region, instance.Id), hours);
    }

    private static List<HoursOfOperationOverride> OverridesOf(IStoreSession session, ResourceScope scope, string hoursId) =>
        session.All<HoursOfOperationOverride>(scope).Where(o => o.HoursOfOperationId == hoursId).OrderBy(o => o.Id, StringComparer.Ordinal).ToList();

    /// <summary>An override of other hours of operation is not found under these.</summary>
    private static HoursOfOperationOverride RequireOverride(IStoreSession session, ResourceScope scope, HoursOfOperation hours, string id) =>
        session.Get<HoursOfOperationOverride>(scope, id) is { } o && o.HoursOfOperationId == hours.Id ? o : throw Errors.NotFound("Hours of operation override");

    private static void RequireUniqueName(IStoreSession session, ResourceScope scope, HoursOfOperationOverride o)
    {
        if (session.GetByName<HoursOfOperationOverride>(scope, o.Name) is { } named && named.Id != o.Id)
        {
            throw Errors.Duplicate("Hours of operation override", o.OverrideName);
        }
    }

    /// <summary>[choice] A change of an override stamps its hours of operation's LastModifiedTime (what the list operations show).</summary>
    private static void Touch(IStoreSession session, ResourceScope scope, HoursOfOperation hours, Caller caller) =>
        session.Put(scope, hours with { LastModifiedTime = caller.Now, LastModifiedRegion = caller.Region });

    /// <summary>
    /// The rules of an override. The model: ByMonth and ByMonthDay take one value; ByMonthDay and ByWeekdayOccurrence
    /// exclude each other; ByWeekdayOccurrence needs MONTHLY or YEARLY. [choice] Dates must be real calendar dates with
    /// EffectiveTill not before EffectiveFrom; every slot has a day, a start and an end, and its end after its start
    /// (00:00 as an end is midnight at the end of the day); ByMonth needs YEARLY and ByMonthDay MONTHLY or YEARLY;
    /// all are InvalidParameterException.
    /// </summary>
    private static HoursOfOperationOverride Checked(HoursOfOperationOverride o)
    {
        var from = ParseDate(o.EffectiveFrom);
        var till = ParseDate(o.EffectiveTill);
        if (till < from)
        {
            throw Errors.InvalidParameter(ErrorTexts.DateRangeReversed(o.EffectiveFrom, o.EffectiveTill));
        }

        foreach (var slot in o.Config)
        {
            if (Minutes(slot.EndHours, slot.EndMinutes, end: true) <= Minutes(slot.StartHours, slot.StartMinutes, end: false))
            {
                throw Errors.InvalidParameter(ErrorTexts.OverrideSlotEndsBeforeStart(slot.Day));
            }
        }

        if (o.Recurrence is { } r)
        {
            var monthly = r.Frequency is "MONTHLY" or "YEARLY";
            if ((r.ByMonth?.Count ?? 0) > 1 || (r.ByMonthDay?.Count ?? 0) > 1
                || (r.ByMonthDay is { Count: > 0 } && r.ByWeekdayOccurrence is { Count: > 0 })
                || (!monthly && (r.ByMonthDay is { Count: > 0 } || r.ByWeekdayOccurrence is { Count: > 0 }))
                || (r.Frequency != "YEARLY" && r.ByMonth is { Count: > 0 })
                || r.ByMonthDay?.Contains(0) == true || r.ByWeekdayOccurrence?.Contains(0) == true)
            {
                throw Errors.InvalidParameter(ErrorTexts.RecurrencePatternInvalid);
            }
        }

        return o;
    }

    /// <summary>The weekly schedule's open periods on a date: its own day's slots and the overnight tail of the day before.</summary>
    internal static List<OpenPeriod> Weekly(HoursOfOperation hours, DateOnly date)
    {
        var day = DayName(date);
        var before = DayName(date.AddDays(-1));
        var periods = new List<OpenPeriod>();
        foreach (var s in hours.Config)
        {
            var start = (s.StartHours * 60) + s.StartMinutes;
            var end = (s.EndHours * 60) + s.EndMinutes;
            if (s.Day == day)
            {
                periods.Add(end > start ? new OpenPeriod(start, end) : new OpenPeriod(end == start ? 0 : start, DayMinutes));
            }

            if (s.Day == before && end < start && end > 0)
            {
                periods.Add(new OpenPeriod(0, end));
            }
        }

        return Union(periods);
    }

    /// <summary>The periods an override gives on a date: none unless the date is in its range and its recurrence.</summary>
    private static IEnumerable<OpenPeriod> SlotsOn(HoursOfOperationOverride o, DateOnly date)
    {
        var from = ParseDate(o.EffectiveFrom);
        if (date < from || date > ParseDate(o.EffectiveTill))
        {
            return [];
        }

        var day = DayName(date);
        if (o.Recurrence is { } r)
        {
            if (!Recurs(r, from, date))
            {
                return [];
            }

            // [choice] With ByMonthDay the date is chosen by its number, so every slot applies whatever its Day.
            if (r.ByMonthDay is { Count: > 0 })
            {
                return o.Config.Select(Period);
            }
        }

        return o.Config.Where(s => s.Day == day).Select(Period);
    }

    /// <summary>
    /// [choice] Whether a recurrence falls on a date: WEEKLY counts weeks (Sunday first) from the week of EffectiveFrom,
    /// MONTHLY months from its month, YEARLY years from its year, every Interval-th one. ByMonth (YEARLY) picks the
    /// month (without it, EffectiveFrom's month); ByMonthDay the day of the month (-1 the last; a month without that
    /// day is skipped, as the model says); ByWeekdayOccurrence the n-th (-1 the last) such weekday of the month.
    /// </summary>
    private static bool Recurs(RecurrencePattern r, DateOnly from, DateOnly date)
    {
        var interval = Math.Max(r.Interval, 1);
        switch (r.Frequency)
        {
            case "WEEKLY":
                var weeks = (WeekStart(date).DayNumber - WeekStart(from).DayNumber) / 7;
                return weeks % interval == 0;
            case "MONTHLY":
                if ((((date.Year - from.Year) * 12) + date.Month - from.Month) % interval != 0)
                {
                    return false;
                }

                break;
            case "YEARLY":
                var month = r.ByMonth is { Count: > 0 } m ? m[0] : from.Month;
                if ((date.Year - from.Year) % interval != 0 || date.Month != month)
                {
                    return false;
                }

                break;
            default:
                return false;
        }

        var daysInMonth = DateTime.DaysInMonth(date.Year, date.Month);
        if (r.ByMonthDay is { Count: > 0 } byDay)
        {
            return byDay[0] == -1 ? date.Day == daysInMonth : date.Day == byDay[0];
        }

        if (r.ByWeekdayOccurrence is { Count: > 0 } occurrence)
        {
            return occurrence[0] == -1 ? date.Day + 7 > daysInMonth : (date.Day - 1) / 7 + 1 == occurrence[0];
        }

        return true;
    }

    private static DateOnly WeekStart(DateOnly date) => date.AddDays(-(int)date.DayOfWeek);

    private static OpenPeriod Period(OverrideSlot s) => new(Minutes(s.StartHours, s.StartMinutes, end: false), Minutes(s.EndHours, s.EndMinutes, end: true));

    /// <summary>Minutes of the day; an end of 00:00 is the midnight that ends the day.</summary>
    private static int Minutes(int hours, int minutes, bool end) => end && hours == 0 && minutes == 0 ? DayMinutes : (hours * 60) + minutes;

    private static List<OpenPeriod> Union(IEnumerable<OpenPeriod> periods)
    {
        var result = new List<OpenPeriod>();
        foreach (var p in periods.Where(p => p.End > p.Start).OrderBy(p => p.Start))
        {
            if (result.Count > 0 && p.Start <= result[^1].End)
            {
                result[^1] = result[^1] with { End = Math.Max(result[^1].End, p.End) };
            }
            else
            {
                result.Add(p);
            }
        }

        return result;
    }

    private static List<OpenPeriod> Subtract(List<OpenPeriod> open, OpenPeriod closed) =>
        open.SelectMany(p => new[] { new OpenPeriod(p.Start, Math.Min(p.End, closed.Start)), new OpenPeriod(Math.Max(p.Start, closed.End), p.End) })
            .Where(p => p.End > p.Start).ToList();

    private static string DayName(DateOnly date) => date.DayOfWeek.ToString().ToUpperInvariant();

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A yyyy-MM-dd date (the model's pattern has been checked); one that is no calendar date is InvalidParameterException.</summary>
    private static DateOnly ParseDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw Errors.InvalidParameter(ErrorTexts.InvalidDate(text));

    /// <summary>Every hours of operation this one inherits from, transitively.</summary>
    private static HashSet<string> Ancestors(IStoreSession session, ResourceScope scope, HoursOfOperation hours)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new System.Collections.Generic.Queue<string>(hours.ParentIds);
        while (pending.TryDequeue(out var id))
        {
            if (seen.Add(id) && session.Get<HoursOfOperation>(scope, id) is { } parent)
            {
                foreach (var p in parent.ParentIds)
                {
                    pending.Enqueue(p);
                }
            }
        }

        return seen;
    }
}
