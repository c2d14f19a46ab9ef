using ConnectLocal.Core.HoursOverrides;
using ConnectLocal.Model.Metadata;
using ConnectLocal.Model.Shapes;

namespace ConnectLocal.Server.Handlers;

// Hours of operation overrides, parent/child hours and effective hours (issue 15). Rules live in
// Core/HoursOverrides/HoursOfOperationOverride.cs.
public sealed partial class ConnectApi
{
    private HoursOverrideService HoursOverrides => new(Store, Settings);

    public override ValueTask<CreateHoursOfOperationOverrideResponse> CreateHoursOfOperationOverride(OperationContext context, CreateHoursOfOperationOverrideRequest request)
    {
        var created = HoursOverrides.Create(CallerOf(context), request.InstanceId!, request.HoursOfOperationId!, new OverrideFields(
            request.Name, request.Description, OverrideSlotsIn(request.Config!), request.EffectiveFrom, request.EffectiveTill,
            RecurrenceIn(request.RecurrenceConfig), request.OverrideType));
        return ValueTask.FromResult(new CreateHoursOfOperationOverrideResponse { HoursOfOperationOverrideId = created.Id });
    }

    public override ValueTask<DescribeHoursOfOperationOverrideResponse> DescribeHoursOfOperationOverride(OperationContext context, DescribeHoursOfOperationOverrideRequest request)
    {
        var (found, hours) = HoursOverrides.Describe(CallerOf(context), request.InstanceId!, request.HoursOfOperationId!, request.HoursOfOperationOverrideId!);
        return ValueTask.FromResult(new DescribeHoursOfOperationOverrideResponse { HoursOfOperationOverride = OverrideOut(found, hours) });
    }

    public override ValueTask UpdateHoursOfOperationOverride(OperationContext context, UpdateHoursOfOperationOverrideRequest request)
    {
        HoursOverrides.Update(CallerOf(context), request.InstanceId!, request.HoursOfOperationId!, request.HoursOfOperationOverrideId!, new OverrideFields(
            request.Name, request.Description, request.Config is null ? null : OverrideSlotsIn(request.Config), request.EffectiveFrom, request.EffectiveTill,
            RecurrenceIn(request.RecurrenceConfig), request.OverrideType));
        return ValueTask.CompletedTask;
    }

    public override ValueTask DeleteHoursOfOperationOverride(OperationContext context, DeleteHoursOfOperationOverrideRequest request)
    {
        HoursOverrides.Delete(CallerOf(context), request.InstanceId!, request.HoursOfOperationId!, request.HoursOfOperationOverrideId!);
        return ValueTask.CompletedTask;
    }

    public override ValueTask<ListHoursOfOperationOverridesResponse> ListHoursOfOperationOverrides(OperationContext context, ListHoursOfOperationOverridesRequest request)
    {
        var (page, hours) = HoursOverrides.List(CallerOf(context), request.InstanceId!, request.HoursOfOperationId!, request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new ListHoursOfOperationOverridesResponse
        {
            HoursOfOperationOverrideList = page.Items.Select(o => OverrideOut(o, hours)).ToList(),
            NextToken = page.NextToken,
            LastModifiedTime = hours.LastModifiedTime,
            LastModifiedRegion = hours.LastModifiedRegion,
        });
    }

    /// <summary>SearchHoursOfOperationOverrides: the overrides of every hours of operation of the instance (Core/HoursOverrides/HoursOverrideSearch.cs).</summary>
    public override ValueTask<SearchHoursOfOperationOverridesResponse> SearchHoursOfOperationOverrides(OperationContext context, SearchHoursOfOperationOverridesRequest request)
    {
        var (criteria, filter) = SearchOf(request, ConnectJsonContext.Wire.SearchHoursOfOperationOverridesRequest);
        var result = new HoursOverrideSearch(Store).Search(CallerOf(context), request.InstanceId!, context.OperationName, criteria, filter, request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new SearchHoursOfOperationOverridesResponse
        {
            HoursOfOperationOverrides = result.Page.Items.Select(m => OverrideOut(m.Override, m.Hours)).ToList(),
            NextToken = result.Page.NextToken,
            ApproximateTotalCount = result.TotalCount,
        });
    }

    public override ValueTask AssociateHoursOfOperations(OperationContext context, AssociateHoursOfOperationsRequest request)
    {
        // A parent config without an id names nothing (the model leaves the member optional).
        HoursOverrides.Associate(CallerOf(context), request.InstanceId!, request.HoursOfOperationId!,
            request.ParentHoursOfOperationConfigs!.Select(p => p.HoursOfOperationId ?? string.Empty).ToList());
        return ValueTask.CompletedTask;
    }

    public override ValueTask DisassociateHoursOfOperations(OperationContext context, DisassociateHoursOfOperationsRequest request)
    {
        HoursOverrides.Disassociate(CallerOf(context), request.InstanceId!, request.HoursOfOperationId!, request.ParentHoursOfOperationIds!);
        return ValueTask.CompletedTask;
    }

    public override ValueTask<ListChildHoursOfOperationsResponse> ListChildHoursOfOperations(OperationContext context, ListChildHoursOfOperationsRequest request)
    {
        var (page, parent) = HoursOverrides.ListChildren(CallerOf(context), request.InstanceId!, request.HoursOfOperationId!, request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new ListChildHoursOfOperationsResponse
        {
            ChildHoursOfOperationsSummaryList = page.Items.Select(h => new HoursOfOperationsIdentifier { Id = h.Id, Arn = h.Arn, Name = h.Name }).ToList(),
            NextToken = page.NextToken,
            LastModifiedTime = parent.LastModifiedTime,
            LastModifiedRegion = parent.LastModifiedRegion,
        });
    }

    public override ValueTask<GetEffectiveHoursOfOperationsResponse> GetEffectiveHoursOfOperations(OperationContext context, GetEffectiveHoursOfOperationsRequest request)
    {
        var effective = HoursOverrides.Effective(CallerOf(context), request.InstanceId!, request.HoursOfOperationId!, request.FromDate!, request.ToDate!);
        return ValueTask.FromResult(new GetEffectiveHoursOfOperationsResponse
        {
            TimeZone = effective.TimeZone,
            EffectiveHoursOfOperationList = effective.Days.Select(d => new EffectiveHoursOfOperations
            {
                Date = d.Date,
                OperationalHours = d.Open.Select(p => new OperationalHour { Start = SliceOut(p.Start), End = SliceOut(p.End) }).ToList(),
            }).ToList(),
            EffectiveOverrideHoursList = effective.OverrideDays.Select(d => new EffectiveOverrideHours
            {
                Date = d.Date,
                OverrideHours = d.Overrides.Select(o => new OverrideHour
                {
                    Start = SliceOut(o.Period.Start),
                    End = SliceOut(o.Period.End),
                    OverrideName = o.OverrideName,
                    OperationalStatus = o.OperationalStatus,
                }).ToList(),
            }).ToList(),
        });
    }

    /// <summary>Minutes of the day as a time slice; 1440 (the midnight that ends the day) is 00:00, as in the weekly config.</summary>
    private static OverrideTimeSlice SliceOut(int minutes) => new() { Hours = minutes % 1440 / 60, Minutes = minutes % 60 };

    private static List<OverrideSlot> OverrideSlotsIn(List<HoursOfOperationOverrideConfig> config) =>
        config.Select(c => c.Day is null || c.StartTime is null || c.EndTime is null
            ? throw Core.Common.Errors.InvalidParameter(Core.Common.ErrorTexts.OverrideSlotIncomplete)
            : new OverrideSlot(c.Day, c.StartTime.Hours!.Value, c.StartTime.Minutes!.Value, c.EndTime.Hours!.Value, c.EndTime.Minutes!.Value)).ToList();

    private static Core.HoursOverrides.RecurrencePattern? RecurrenceIn(RecurrenceConfig? config) =>
        config?.RecurrencePattern is { } p
            ? new Core.HoursOverrides.RecurrencePattern(p.Frequency!, p.Interval!.Value, p.ByMonth, p.ByMonthDay, p.ByWeekdayOccurrence)
            : null;

    private static Model.Shapes.HoursOfOperationOverride OverrideOut(Core.HoursOverrides.HoursOfOperationOverride o, Core.Resources.HoursOfOperation hours) => new()
    {
        HoursOfOperationOverrideId = o.Id,
        HoursOfOperationId = hours.Id,
        HoursOfOperationArn = hours.Arn,
        Name = o.OverrideName,
        Description = o.Description,
        Config = o.Config.Select(s => new HoursOfOperationOverrideConfig
        {
            Day = s.Day,
            StartTime = new OverrideTimeSlice { Hours = s.StartHours, Minutes = s.StartMinutes },
            EndTime = new OverrideTimeSlice { Hours = s.EndHours, Minutes = s.EndMinutes },
        }).ToList(),
        EffectiveFrom = o.EffectiveFrom,
        EffectiveTill = o.EffectiveTill,
        RecurrenceConfig = o.Recurrence is { } r
            ? new RecurrenceConfig
            {
                RecurrencePattern = new Model.Shapes.RecurrencePattern
                {
                    Frequency = r.Frequency,
                    Interval = r.Interval,
                    ByMonth = r.ByMonth?.ToList(),
                    ByMonthDay = r.ByMonthDay?.ToList(),
                    ByWeekdayOccurrence = r.ByWeekdayOccurrence?.ToList(),
                },
            }
            : null,
        OverrideType = o.OverrideType,
    };
}
