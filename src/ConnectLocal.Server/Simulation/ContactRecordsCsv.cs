using System.Globalization;
using System.Text;
using ConnectLocal.Core.Routing;
using ConnectLocal.Core.Routing.Simulation;

namespace ConnectLocal.Server.Simulation;

/// <summary>One row of a contact-record CSV.</summary>
internal sealed record ContactRecordRow(int Line, TimeSpan Arrival, string Queue, RoutingChannel Channel, double? HandleSeconds, double? AbandonedAfterSeconds);

/// <summary>
/// Contact records as CSV, to replay a team's exported day (<c>"contactRecords": "day.csv"</c> in a scenario) and to
/// export a simulated one (<c>simulate --export-contacts day.csv</c>). Columns, with a header row:
/// <c>arrival,queue,channel,handleSeconds,abandonedAfterSeconds</c> — arrival as a time of day (HH:MM:SS, UTC) or an
/// ISO 8601 timestamp (its UTC time of day is used); handleSeconds empty for a contact that abandoned,
/// abandonedAfterSeconds empty for one that was answered. Further columns are ignored, so an export with more
/// fields reads as long as it has these five named in its header.
/// </summary>
internal static class ContactRecordsCsv
{
    public const string Header = "arrival,queue,channel,handleSeconds,abandonedAfterSeconds";

    public static IReadOnlyList<ContactRecordRow> Read(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioException($"contactRecords: cannot read {path}: {e.Message}");
        }

        return Parse(lines, path);
    }

    public static IReadOnlyList<ContactRecordRow> Parse(IReadOnlyList<string> lines, string where)
    {
        if (lines.Count == 0)
        {
            throw new ScenarioException($"{where}: empty; the first line names the columns ({Header})");
        }

        var header = lines[0].Split(',').Select(h => h.Trim()).ToList();
        int Column(string name) => header.IndexOf(name) is >= 0 and var i ? i : throw new ScenarioException($"{where}: no '{name}' column (the header must name {Header})");
        var (arrival, queue, channel, handle, abandoned) = (Column("arrival"), Column("queue"), Column("channel"), Column("handleSeconds"), Column("abandonedAfterSeconds"));
        var rows = new List<ContactRecordRow>();
        for (var n = 1; n < lines.Count; n++)
        {
            if (string.IsNullOrWhiteSpace(lines[n]))
            {
                continue;
            }

            var cells = lines[n].Split(',').Select(c => c.Trim()).ToList();
            if (cells.Count < header.Count)
            {
                throw new ScenarioException($"{where}, line {n + 1}: {cells.Count} columns, the header has {header.Count}");
            }

            if (!RoutingChannels.TryParse(cells[channel], out var ch))
            {
                throw new ScenarioException($"{where}, line {n + 1}: channel '{cells[channel]}' is not VOICE, CHAT, TASK or EMAIL");
            }

            var row = new ContactRecordRow(n + 1, TimeOfDay(cells[arrival], where, n + 1), cells[queue], ch, Seconds(cells[handle], where, n + 1), Seconds(cells[abandoned], where, n + 1));
            if ((row.HandleSeconds is null) == (row.AbandonedAfterSeconds is null))
            {
                throw new ScenarioException($"{where}, line {n + 1}: give handleSeconds (answered) or abandonedAfterSeconds (abandoned), one of the two");
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>
    /// A replayed stream per queue and channel. [choice] A contact that abandoned in the records but is answered in
    /// the simulation gets a handle time drawn among the recorded ones of its queue and channel; a contact answered in
    /// the records waits, if it must, as long as the scenario's traffic for that queue and channel allows (its
    /// patience), or for ever when there is none — its real patience is unknown, only that it exceeded its wait.
    /// Replayed streams come in addition to the scenario's <c>traffic</c>.
    /// </summary>
    public static IEnumerable<ArrivalStream> Streams(IReadOnlyList<ContactRecordRow> rows, IReadOnlyList<TrafficSpec> traffic, Func<string, string> queueId)
    {
        foreach (var group in rows.GroupBy(r => (r.Queue, r.Channel)).OrderBy(g => g.Min(r => r.Line)))
        {
            var handles = group.Where(r => r.HandleSeconds is not null).Select(r => r.HandleSeconds!.Value).ToList();
            var spec = traffic.FirstOrDefault(t => t.Queue == group.Key.Queue && t.Channel == group.Key.Channel);
            Distribution handle = handles.Count > 0 ? new EmpiricalDistribution(handles)
                : spec?.HandleTime ?? throw new ScenarioException($"contactRecords: queue {group.Key.Queue} on {RoutingChannels.Name(group.Key.Channel)} has no answered contact to take handle times from, and no traffic entry gives one");
            var recorded = group.OrderBy(r => r.Arrival).ThenBy(r => r.Line).Select(r => new RecordedContact(r.Arrival, r.HandleSeconds, r.AbandonedAfterSeconds)).ToList();
            yield return new ArrivalStream(queueId(group.Key.Queue), group.Key.Queue, group.Key.Channel, [], handle, spec?.Patience, spec?.AfterContactWork, spec?.Region, recorded);
        }
    }

    public static string Write(IEnumerable<ContactRecord> records)
    {
        var csv = new StringBuilder(Header).Append('\n');
        foreach (var r in records.OrderBy(r => r.Arrival).ThenBy(r => r.Queue, StringComparer.Ordinal))
        {
            csv.Append(CultureInfo.InvariantCulture, $"{r.Arrival:HH:mm:ss.fff},{r.Queue},{r.Channel},{Format(r.HandleSeconds)},{Format(r.AbandonedAfterSeconds)}\n");
        }

        return csv.ToString();
    }

    private static string Format(double? seconds) => seconds is { } s ? s.ToString("0.###", CultureInfo.InvariantCulture) : string.Empty;

    private static TimeSpan TimeOfDay(string text, string where, int line)
    {
        if (TimeSpan.TryParseExact(text, [@"hh\:mm\:ss", @"hh\:mm\:ss\.FFFFFFF", @"hh\:mm"], CultureInfo.InvariantCulture, out var time) && time < TimeSpan.FromDays(1))
        {
            return time;
        }

        // An ISO 8601 timestamp: a date, 'T', a time (and an offset or Z; none means UTC).
        if (text.Length >= 19 && text[10] == 'T' && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var stamp))
        {
            return stamp.UtcDateTime.TimeOfDay;
        }

        throw new ScenarioException($"{where}, line {line}: arrival '{text}' is not a time of day (HH:MM:SS) or an ISO 8601 timestamp");
    }

    private static double? Seconds(string text, string where, int line) =>
        text.Length == 0 ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s >= 0 && double.IsFinite(s) ? s
        : throw new ScenarioException($"{where}, line {line}: '{text}' is not a number of seconds");
}
