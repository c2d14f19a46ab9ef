using ConnectLocal.Core.Routing;
using ConnectLocal.Server.Simulation;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Routing;

/// <summary>Contact records as CSV: exported from a simulated day, and replayed as a scenario's arrivals.</summary>
public sealed class ContactRecordsTests
{
    /// <summary>
    /// The chat example's day exported, then replayed against the same configuration with no Poisson traffic: every
    /// contact arrives at its recorded time, answered ones are handled for their recorded time and abandoned ones leave
    /// after their recorded wait — so the replay answers and abandons what the original did (up to contacts whose
    /// times tie once written to the millisecond).
    /// </summary>
    [Fact]
    public void An_exported_day_replays_to_the_same_outcome()
    {
        var scenario = Scenario.Load(RepositoryRoot.Combine("examples", "chat-concurrency.json"));
        ScenarioRun original;
        using (var runner = new ScenarioRunner { RecordContacts = true })
        {
            original = runner.Run(scenario);
        }

        var csv = ContactRecordsCsv.Write(original.Records!);
        var path = Path.Combine(Path.GetTempPath(), $"connectlocal-records-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, csv);
        try
        {
            var rows = ContactRecordsCsv.Read(path);
            var total = original.Result.Queues[0].Total;
            Assert.Equal(total.Answered + total.Abandoned, rows.Count);
            Assert.Equal(total.Abandoned, rows.Count(r => r.AbandonedAfterSeconds is not null));
            Assert.StartsWith(ContactRecordsCsv.Header + "\n", csv, StringComparison.Ordinal);

            using var replayRunner = new ScenarioRunner();
            var replay = replayRunner.Run(scenario with { Traffic = [], ContactRecords = path }).Result.Queues[0].Total;

            Assert.Equal(rows.Count, replay.Arrived);
            Assert.InRange(replay.Answered, total.Answered - (total.Answered / 100), total.Answered + (total.Answered / 100));
            Assert.InRange(replay.Abandoned, total.Abandoned - (total.Abandoned / 20) - 2, total.Abandoned + (total.Abandoned / 20) + 2);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Records_read_times_of_day_or_timestamps_and_extra_columns()
    {
        var rows = ContactRecordsCsv.Parse(
        [
            "contactId,arrival,queue,channel,handleSeconds,abandonedAfterSeconds",
            "a,09:00:01,Support,VOICE,120.5,",
            "b,2026-03-02T09:00:02.250Z,Support,CHAT,,45",
        ], "day.csv");

        Assert.Equal(2, rows.Count);
        Assert.Equal(new TimeSpan(9, 0, 1), rows[0].Arrival);
        Assert.Equal(120.5, rows[0].HandleSeconds);
        Assert.Equal(new TimeSpan(0, 9, 0, 2, 250), rows[1].Arrival);
        Assert.Equal(RoutingChannel.Chat, rows[1].Channel);
        Assert.Equal(45, rows[1].AbandonedAfterSeconds);
    }

    [Theory]
    [InlineData("arrival,queue,channel,handleSeconds", "09:00:00,Q,VOICE,60", "no 'abandonedAfterSeconds' column")]
    [InlineData(ContactRecordsCsv.Header, "9am,Q,VOICE,60,", "line 2: arrival '9am'")]
    [InlineData(ContactRecordsCsv.Header, "09:00:00,Q,FAX,60,", "channel 'FAX'")]
    [InlineData(ContactRecordsCsv.Header, "09:00:00,Q,VOICE,60,30", "one of the two")]
    [InlineData(ContactRecordsCsv.Header, "09:00:00,Q,VOICE,-5,", "'-5' is not a number of seconds")]
    public void A_broken_record_file_is_refused_with_the_line(string header, string line, string expected)
    {
        var e = Assert.Throws<ScenarioException>(() => ContactRecordsCsv.Parse([header, line], "day.csv"));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
