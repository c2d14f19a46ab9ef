using ConnectLocal.Model.Shapes;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Specs;

/// <summary>Hours-of-operation overrides, parent/child hours and effective hours (issue 15), specified in-process.</summary>
public sealed class HoursOverrideSpecs : IDisposable
{
    private readonly ConnectClient _client = new();
    private readonly string _instanceId;

    public HoursOverrideSpecs()
    {
        _instanceId = _client.Invoke<CreateInstanceResponse>(new CreateInstanceRequest
        {
            IdentityManagementType = "CONNECT_MANAGED",
            InstanceAlias = "hours-override-specs",
            InboundCallsEnabled = true,
            OutboundCallsEnabled = true,
        }).Id!;
    }

    public void Dispose() => _client.Dispose();

    [Fact]
    public void An_override_is_stored_as_sent_under_its_hours()
    {
        var hours = NineToFive();
        var id = Override(hours.HoursOfOperationArn!, "holiday", "2026-12-24", "2026-12-26", "CLOSED", Slot("THURSDAY", 12, 0, 0, 0));

        var described = _client.Invoke<DescribeHoursOfOperationOverrideResponse>(new DescribeHoursOfOperationOverrideRequest
        {
            InstanceId = _instanceId,
            HoursOfOperationId = hours.HoursOfOperationId,
            HoursOfOperationOverrideId = id,
        }).HoursOfOperationOverride!;

        Assert.Equal((id, hours.HoursOfOperationId, hours.HoursOfOperationArn), (described.HoursOfOperationOverrideId, described.HoursOfOperationId, described.HoursOfOperationArn));
        Assert.Equal(("holiday", "2026-12-24", "2026-12-26", "CLOSED"), (described.Name, described.EffectiveFrom, described.EffectiveTill, described.OverrideType));
        var slot = Assert.Single(described.Config!);
        Assert.Equal(("THURSDAY", 12, 0, 0, 0), (slot.Day, slot.StartTime!.Hours, slot.StartTime.Minutes, slot.EndTime!.Hours, slot.EndTime.Minutes));
        var other = NineToFive();
        _client.Fails(new DescribeHoursOfOperationOverrideRequest { InstanceId = _instanceId, HoursOfOperationId = other.HoursOfOperationId, HoursOfOperationOverrideId = id }, "ResourceNotFoundException");
    }

    [Fact]
    public void Override_names_are_unique_within_their_hours_only()
    {
        var hours = NineToFive();
        Override(hours.HoursOfOperationId!, "same", "2026-01-01", "2026-01-01", null, Slot("THURSDAY", 9, 0, 10, 0));

        _client.Fails(CreateRequest(hours.HoursOfOperationId!, "same", "2026-02-01", "2026-02-01", null, Slot("SUNDAY", 9, 0, 10, 0)), "DuplicateResourceException");
        Override(NineToFive().HoursOfOperationId!, "same", "2026-01-01", "2026-01-01", null, Slot("THURSDAY", 9, 0, 10, 0));
    }

    [Fact]
    public void Dates_must_be_real_and_in_order_and_slots_must_end_after_they_start()
    {
        var hours = NineToFive().HoursOfOperationId!;

        _client.Fails(CreateRequest(hours, "a", "2026-02-30", "2026-03-01", null, Slot("MONDAY", 9, 0, 10, 0)), "InvalidParameterException");
        _client.Fails(CreateRequest(hours, "b", "2026-03-02", "2026-03-01", null, Slot("MONDAY", 9, 0, 10, 0)), "InvalidParameterException");
        _client.Fails(CreateRequest(hours, "c", "2026-03-01", "2026-03-02", null, Slot("MONDAY", 10, 0, 9, 0)), "InvalidParameterException");
        _client.Fails(CreateRequest(hours, "d", "2026-03-01", "2026-03-02", null, new HoursOfOperationOverrideConfig { Day = "MONDAY" }), "InvalidParameterException");
    }

    [Fact]
    public void Recurrence_patterns_follow_the_model_rules()
    {
        var hours = NineToFive().HoursOfOperationId!;
        var both = CreateRequest(hours, "both", "2026-01-01", "2026-12-31", "CLOSED", Slot("MONDAY", 0, 0, 0, 0));
        both.RecurrenceConfig = Recurrence("MONTHLY", byMonthDay: [1], byWeekdayOccurrence: [1]);
        _client.Fails(both, "InvalidParameterException");
        var twoMonths = CreateRequest(hours, "two", "2026-01-01", "2026-12-31", "CLOSED", Slot("MONDAY", 0, 0, 0, 0));
        twoMonths.RecurrenceConfig = Recurrence("YEARLY", byMonth: [1, 2]);
        _client.Fails(twoMonths, "InvalidParameterException");
        var weeklyOccurrence = CreateRequest(hours, "weekly", "2026-01-01", "2026-12-31", "CLOSED", Slot("MONDAY", 0, 0, 0, 0));
        weeklyOccurrence.RecurrenceConfig = Recurrence("WEEKLY", byWeekdayOccurrence: [2]);
        _client.Fails(weeklyOccurrence, "InvalidParameterException");
    }

    [Fact]
    public void Effective_hours_apply_closed_open_and_standard_overrides_to_the_weekly_schedule()
    {
        var hours = NineToFive();
        var id = hours.HoursOfOperationId!;
        // 2026-03-02 is a Monday.
        Override(id, "closed afternoon", "2026-03-02", "2026-03-02", "CLOSED", Slot("MONDAY", 12, 0, 13, 0));
        Override(id, "late opening", "2026-03-03", "2026-03-03", "OPEN", Slot("TUESDAY", 17, 0, 20, 0));
        Override(id, "short day", "2026-03-04", "2026-03-04", "STANDARD", Slot("WEDNESDAY", 10, 0, 11, 0));
        Override(id, "weekend work", "2026-03-07", "2026-03-07", "OPEN", Slot("SATURDAY", 8, 0, 0, 0));

        var effective = Effective(id, "2026-03-01", "2026-03-07");

        Assert.Equal("America/New_York", effective.TimeZone);
        Assert.Equal(
            [
                ("2026-03-01", ""),
                ("2026-03-02", "09:00-12:00,13:00-17:00"),
                ("2026-03-03", "09:00-20:00"),
                ("2026-03-04", "10:00-11:00"),
                ("2026-03-05", "09:00-17:00"),
                ("2026-03-06", "09:00-17:00"),
                ("2026-03-07", "08:00-00:00"),
            ],
            effective.EffectiveHoursOfOperationList!.Select(d => (d.Date, string.Join(',', d.OperationalHours!.Select(h => $"{T(h.Start!)}-{T(h.End!)}")))));
        var monday = effective.EffectiveOverrideHoursList!.Single(d => d.Date == "2026-03-02").OverrideHours!.Single();
        Assert.Equal(("closed afternoon", "CLOSED", "12:00", "13:00"), (monday.OverrideName, monday.OperationalStatus, T(monday.Start!), T(monday.End!)));
        Assert.Equal(4, effective.EffectiveOverrideHoursList!.Count);
    }

    [Fact]
    public void A_monthly_recurrence_falls_on_the_weekday_occurrence_it_names()
    {
        var id = NineToFive().HoursOfOperationId!;
        var request = CreateRequest(id, "first monday closed", "2026-01-01", "2026-12-31", "CLOSED", Slot("MONDAY", 0, 0, 0, 0));
        request.RecurrenceConfig = Recurrence("MONTHLY", byWeekdayOccurrence: [1]);
        _client.Invoke(request);

        var effective = Effective(id, "2026-03-01", "2026-03-10");

        var closedDays = effective.EffectiveHoursOfOperationList!.Where(d => d.Date is not ("2026-03-01" or "2026-03-07" or "2026-03-08") && d.OperationalHours!.Count == 0).Select(d => d.Date);
        Assert.Equal(["2026-03-02"], closedDays);
    }

    [Fact]
    public void A_child_inherits_its_parents_overrides_until_disassociated()
    {
        var parent = NineToFive();
        var child = NineToFive();
        Override(parent.HoursOfOperationId!, "company holiday", "2026-03-02", "2026-03-02", "CLOSED", Slot("MONDAY", 0, 0, 0, 0));

        _client.Invoke(new AssociateHoursOfOperationsRequest
        {
            InstanceId = _instanceId,
            HoursOfOperationId = child.HoursOfOperationId,
            ParentHoursOfOperationConfigs = [new ParentHoursOfOperationConfig { HoursOfOperationId = parent.HoursOfOperationArn }],
        });

        Assert.Empty(Effective(child.HoursOfOperationId!, "2026-03-02", "2026-03-02").EffectiveHoursOfOperationList!.Single().OperationalHours!);
        var children = _client.Invoke<ListChildHoursOfOperationsResponse>(new ListChildHoursOfOperationsRequest { InstanceId = _instanceId, HoursOfOperationId = parent.HoursOfOperationId });
        Assert.Equal(child.HoursOfOperationId, Assert.Single(children.ChildHoursOfOperationsSummaryList!).Id);
        Assert.Equal(parent.HoursOfOperationId, Assert.Single(DescribeHours(child.HoursOfOperationId!).ParentHoursOfOperations!).Id);
        _client.Fails(new AssociateHoursOfOperationsRequest
        {
            InstanceId = _instanceId,
            HoursOfOperationId = parent.HoursOfOperationId,
            ParentHoursOfOperationConfigs = [new ParentHoursOfOperationConfig { HoursOfOperationId = child.HoursOfOperationId }],
        }, "InvalidRequestException");

        _client.Invoke(new DisassociateHoursOfOperationsRequest { InstanceId = _instanceId, HoursOfOperationId = child.HoursOfOperationId, ParentHoursOfOperationIds = [parent.HoursOfOperationArn!] });

        Assert.Single(Effective(child.HoursOfOperationId!, "2026-03-02", "2026-03-02").EffectiveHoursOfOperationList!.Single().OperationalHours!);
        Assert.Null(DescribeHours(child.HoursOfOperationId!).ParentHoursOfOperations);
    }

    [Fact]
    public void A_child_has_at_most_three_parents()
    {
        var child = NineToFive().HoursOfOperationId;
        var parents = Enumerable.Range(0, 4).Select(_ => new ParentHoursOfOperationConfig { HoursOfOperationId = NineToFive().HoursOfOperationId }).ToList();

        _client.Invoke(new AssociateHoursOfOperationsRequest { InstanceId = _instanceId, HoursOfOperationId = child, ParentHoursOfOperationConfigs = parents[..3] });

        _client.Fails(new AssociateHoursOfOperationsRequest { InstanceId = _instanceId, HoursOfOperationId = child, ParentHoursOfOperationConfigs = parents[3..] }, "ServiceQuotaExceededException");
    }

    [Fact]
    public void The_effective_range_is_ordered_and_bounded()
    {
        var id = NineToFive().HoursOfOperationId!;

        _client.Fails(new GetEffectiveHoursOfOperationsRequest { InstanceId = _instanceId, HoursOfOperationId = id, FromDate = "2026-03-02", ToDate = "2026-03-01" }, "InvalidParameterException");
        _client.Fails(new GetEffectiveHoursOfOperationsRequest { InstanceId = _instanceId, HoursOfOperationId = id, FromDate = "2026-01-01", ToDate = "2027-01-02" }, "InvalidParameterException");
        Assert.Equal(366, Effective(id, "2026-01-01", "2027-01-01").EffectiveHoursOfOperationList!.Count);
    }

    [Fact]
    public void Update_keeps_what_it_does_not_name_and_delete_removes_the_override()
    {
        var hours = NineToFive();
        var id = Override(hours.HoursOfOperationId!, "to change", "2026-03-02", "2026-03-02", "CLOSED", Slot("MONDAY", 12, 0, 13, 0));

        _client.Invoke(new UpdateHoursOfOperationOverrideRequest { InstanceId = _instanceId, HoursOfOperationId = hours.HoursOfOperationId, HoursOfOperationOverrideId = id, Name = "changed", EffectiveTill = "2026-03-09" });

        var listed = _client.Invoke<ListHoursOfOperationOverridesResponse>(new ListHoursOfOperationOverridesRequest { InstanceId = _instanceId, HoursOfOperationId = hours.HoursOfOperationArn });
        var only = Assert.Single(listed.HoursOfOperationOverrideList!);
        Assert.Equal(("changed", "2026-03-02", "2026-03-09", "CLOSED"), (only.Name, only.EffectiveFrom, only.EffectiveTill, only.OverrideType));
        _client.Invoke(new DeleteHoursOfOperationOverrideRequest { InstanceId = _instanceId, HoursOfOperationId = hours.HoursOfOperationId, HoursOfOperationOverrideId = id });
        _client.Fails(new DeleteHoursOfOperationOverrideRequest { InstanceId = _instanceId, HoursOfOperationId = hours.HoursOfOperationId, HoursOfOperationOverrideId = id }, "ResourceNotFoundException");
    }

    [Fact]
    public void Overrides_of_another_account_are_not_found()
    {
        var hours = NineToFive();
        var id = Override(hours.HoursOfOperationId!, "mine", "2026-03-02", "2026-03-02", "CLOSED", Slot("MONDAY", 12, 0, 13, 0));

        _client.AsAccount("222222222222").Fails(new DescribeHoursOfOperationOverrideRequest { InstanceId = _instanceId, HoursOfOperationId = hours.HoursOfOperationId, HoursOfOperationOverrideId = id }, "ResourceNotFoundException");
    }

    private static string T(OverrideTimeSlice slice) => $"{slice.Hours:00}:{slice.Minutes:00}";

    private static HoursOfOperationOverrideConfig Slot(string day, int sh, int sm, int eh, int em) => new()
    {
        Day = day,
        StartTime = new OverrideTimeSlice { Hours = sh, Minutes = sm },
        EndTime = new OverrideTimeSlice { Hours = eh, Minutes = em },
    };

    private static RecurrenceConfig Recurrence(string frequency, List<int>? byMonth = null, List<int>? byMonthDay = null, List<int>? byWeekdayOccurrence = null) => new()
    {
        RecurrencePattern = new RecurrencePattern { Frequency = frequency, Interval = 1, ByMonth = byMonth, ByMonthDay = byMonthDay, ByWeekdayOccurrence = byWeekdayOccurrence },
    };

    private CreateHoursOfOperationOverrideRequest CreateRequest(string hoursId, string name, string from, string till, string? type, params HoursOfOperationOverrideConfig[] slots) => new()
    {
        InstanceId = _instanceId,
        HoursOfOperationId = hoursId,
        Name = name,
        EffectiveFrom = from,
        EffectiveTill = till,
        OverrideType = type,
        Config = [.. slots],
    };

    private string Override(string hoursId, string name, string from, string till, string? type, params HoursOfOperationOverrideConfig[] slots) =>
        _client.Invoke<CreateHoursOfOperationOverrideResponse>(CreateRequest(hoursId, name, from, till, type, slots)).HoursOfOperationOverrideId!;

    private GetEffectiveHoursOfOperationsResponse Effective(string hoursId, string from, string to) =>
        _client.Invoke<GetEffectiveHoursOfOperationsResponse>(new GetEffectiveHoursOfOperationsRequest { InstanceId = _instanceId, HoursOfOperationId = hoursId, FromDate = from, ToDate = to });

    private HoursOfOperation DescribeHours(string id) =>
        _client.Invoke<DescribeHoursOfOperationResponse>(new DescribeHoursOfOperationRequest { InstanceId = _instanceId, HoursOfOperationId = id }).HoursOfOperation!;

    private CreateHoursOfOperationResponse NineToFive() => _client.Invoke<CreateHoursOfOperationResponse>(new CreateHoursOfOperationRequest
    {
        InstanceId = _instanceId,
        Name = $"weekdays-{Guid.NewGuid():N}",
        TimeZone = "America/New_York",
        Config = new[] { "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY" }.Select(d => new HoursOfOperationConfig
        {
            Day = d,
            StartTime = new HoursOfOperationTimeSlice { Hours = 9, Minutes = 0 },
            EndTime = new HoursOfOperationTimeSlice { Hours = 17, Minutes = 0 },
        }).ToList(),
    });
}
