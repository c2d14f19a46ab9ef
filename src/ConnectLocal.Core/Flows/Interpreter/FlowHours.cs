using ConnectLocal.Core.HoursOverrides;
using ConnectLocal.Core.Resources;

namespace ConnectLocal.Core.Flows.Interpreter;

/// <summary>
/// CheckHoursOfOperation's question: are the hours open at an instant? The instant is read in the hours' own time zone
/// (its date and minute of the day), and the open periods of that date decide: the weekly schedule, or the effective
/// hours with overrides (the server passes GetEffectiveHoursOfOperations' periods). A period includes its start and
/// excludes its end.
/// </summary>
public static class FlowHours
{
    /// <summary>Whether <paramref name="at"/> falls in an open period of its date in <paramref name="timeZone"/>.</summary>
    public static bool IsOpen(string timeZone, Func<DateOnly, IReadOnlyList<OpenPeriod>> periodsOn, DateTimeOffset at)
    {
        var local = Local(timeZone, at);
        var minute = (local.Hour * 60) + local.Minute;
        return periodsOn(DateOnly.FromDateTime(local.DateTime)).Any(p => p.Start <= minute && minute < p.End);
    }

    /// <summary>The weekly schedule alone (no overrides).</summary>
    public static bool IsOpenWeekly(HoursOfOperation hours, DateTimeOffset at) =>
        IsOpen(hours.TimeZone, date => HoursOverrideService.Weekly(hours, date), at);

    /// <summary>The instant in the time zone (an IANA name). [choice] A zone the machine does not know is read as UTC.</summary>
    public static DateTimeOffset Local(string timeZone, DateTimeOffset at)
    {
        try
        {
            return TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(timeZone));
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return at.ToUniversalTime();
        }
    }
}
