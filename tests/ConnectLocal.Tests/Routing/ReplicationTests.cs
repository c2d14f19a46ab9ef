using ConnectLocal.Core.Routing;
using ConnectLocal.Core.Routing.Simulation;
using ConnectLocal.Server.Simulation;
using Xunit.Abstractions;

namespace ConnectLocal.Tests.Routing;

/// <summary>
/// Independent replications and their 95 % intervals: the Student-t factor, the seeds, the 1/√N shrinkage, the
/// too-wide rule, and <c>simulate --replications</c> end to end.
/// </summary>
public sealed class ReplicationTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1, 12.7062)]
    [InlineData(9, 2.2622)]
    [InlineData(29, 2.0452)]
    [InlineData(31, 2.0395)]
    [InlineData(60, 2.0003)]
    [InlineData(120, 1.9799)]
    [InlineData(1000, 1.9623)]
    public void The_t_factor_is_the_975_quantile_of_Student_t(int df, double expected)
    {
        // Tables give four decimals; beyond 30 degrees of freedom the expansion is within 1e-4 of the exact quantile.
        Assert.InRange(Estimate.StudentT975(df), expected - 1e-4, expected + 1e-4);
        Assert.InRange(Estimate.StudentT975(df) - ErlangATests.StudentTQuantile(df, 0.975), -1e-4, 1e-4);
    }

    [Fact]
    public void An_estimate_is_the_mean_with_a_t_interval_and_none_from_one_value()
    {
        var e = Estimate.Of([1.0, 2.0, 3.0, 4.0])!.Value;
        Assert.Equal(2.5, e.Mean, 12);
        Assert.Equal(3.1824 * Math.Sqrt(5.0 / 3 / 4), e.HalfWidth!.Value, 4);
        Assert.Null(Estimate.Of([7.0])!.Value.HalfWidth);
        Assert.Null(Estimate.Of(Array.Empty<double?>()));
        Assert.Equal(2, Estimate.Of([1.0, null, 3.0])!.Value.Count);
    }

    [Fact]
    public void Replication_zero_keeps_the_seed_and_the_others_differ()
    {
        var seeds = Enumerable.Range(0, 100).Select(r => Replications.Seed(42, r)).ToList();
        Assert.Equal(42UL, seeds[0]);
        Assert.Equal(100, seeds.Distinct().Count());
        Assert.Equal(seeds, Replications.Run(100, 42, (_, seed) => seed));
    }

    /// <summary>
    /// The half-width of a mean over N independent replications is t(N−1)·s/√N: quadrupling N halves it, up to the
    /// t factor and the noise in s. 160 replications of a small Erlang A queue (15 min warm-up, 2 h measured, fixed
    /// seed); the first 10, 40 and 160 give three intervals. Expected ratios: 2·t(9)/t(39) = 2.24 and
    /// 2·t(39)/t(159) = 2.05; s from 10 values is within ±45 % of σ and from 40 within ±22 % with 95 % probability,
    /// and the bounds below allow for most of that while failing if the intervals did not shrink (ratio 1) or
    /// shrank as 1/N (ratio 4).
    /// </summary>
    [Fact]
    public void Interval_half_widths_shrink_as_one_over_the_square_root_of_the_replications()
    {
        var model = new QueueModel(RoutingChannel.Voice, 300, new ExponentialDistribution(100), new ExponentialDistribution(120), 8);
        var samples = Replications.Run(160, 7, (_, seed) => SteadyState.Run(model, seed, TimeSpan.FromMinutes(15), TimeSpan.FromHours(2)).Queue);

        foreach (var (name, read) in new (string, Func<QueueInterval, double?>)[] { ("P(abandon)", i => i.AbandonmentRate), ("mean wait", i => i.AverageWait) })
        {
            var half = new[] { 10, 40, 160 }.Select(n => Estimate.Of(samples.Take(n).Select(read))!.Value.HalfWidth!.Value).ToList();
            output.WriteLine($"{name}: half-widths at N = 10, 40, 160: {half[0]:G4}, {half[1]:G4}, {half[2]:G4}; ratios {half[0] / half[1]:F2}, {half[1] / half[2]:F2}");
            Assert.InRange(half[0] / half[1], 1.4, 3.4);
            Assert.InRange(half[1] / half[2], 1.55, 2.7);
        }
    }

    [Theory]
    [InlineData(0.80, 0.049, FigureKind.Share, false)]
    [InlineData(0.80, 0.051, FigureKind.Share, true)]
    [InlineData(30.0, 2.9, FigureKind.Seconds, false)]
    [InlineData(30.0, 3.1, FigureKind.Seconds, true)]
    [InlineData(5.0, 0.9, FigureKind.Seconds, false)]
    [InlineData(400.0, 39.0, FigureKind.Count, false)]
    [InlineData(400.0, 41.0, FigureKind.Count, true)]
    public void An_interval_is_too_wide_past_five_points_for_a_share_or_ten_percent_otherwise(double mean, double half, FigureKind kind, bool wide)
    {
        Assert.Equal(wide, ReplicatedResult.TooWide(new Estimate(mean, half, 10), kind));
        Assert.True(ReplicatedResult.TooWide(new Estimate(mean, null, 1), kind));
    }

    [Fact]
    public void Simulate_with_replications_reports_every_figure_with_its_interval_and_flags_wide_ones()
    {
        var scenario = Scenario.Parse("""
            {
              "name": "small", "seed": 5, "start": "09:00", "end": "11:00", "intervalMinutes": 30,
              "queues": [{ "Name": "Q" }],
              "routingProfiles": [{ "Name": "V", "Description": "v", "DefaultOutboundQueueId": "Q",
                "MediaConcurrencies": [{ "Channel": "VOICE", "Concurrency": 1 }],
                "QueueConfigs": [{ "QueueReference": { "QueueId": "Q", "Channel": "VOICE" }, "Priority": 1, "Delay": 0 }] }],
              "agents": [{ "name": "a", "routingProfile": "V", "count": 12 }],
              "traffic": [{ "queue": "Q", "channel": "VOICE", "perHour": 360, "handleTime": { "distribution": "exponential", "mean": 100 },
                            "patience": { "distribution": "exponential", "mean": 90 } }]
            }
            """);

        var runs = SimulateCommand.RunAll(scenario, 6);
        var result = ReplicatedResult.Of(runs.Select(r => r.Result).ToList());

        Assert.Equal(runs.Select(r => r.Result.Settings.Seed), Enumerable.Range(0, 6).Select(r => Replications.Seed(5, r)));
        using (var single = new ScenarioRunner())
        {
            // Replication 0 is the single run, to the contact.
            Assert.Equal(single.Run(scenario).Result.Queues[0].Total, runs[0].Result.Queues[0].Total);
        }

        var day = Assert.Single(result.Queues).Total;
        var arrived = day.Figures[0]!.Value;
        Assert.Equal(runs.Average(r => r.Result.Queues[0].Total.Arrived), arrived.Mean, 9);
        Assert.Equal(6, arrived.Count);
        Assert.NotNull(arrived.HalfWidth);
        var markdown = ReplicationReport.Markdown(scenario, result, runs);
        var json = ReplicationReport.Json(scenario, result, runs);
        output.WriteLine(markdown[..Math.Min(markdown.Length, 3000)]);
        Assert.Contains("6 independent replications", markdown, StringComparison.Ordinal);
        Assert.Matches(@"\| us-east-1 \| VOICE \| Q \| [0-9.,]+ ± [0-9.]+", markdown);
        Assert.Contains("\"halfWidth\"", json, StringComparison.Ordinal);
        Assert.Null(result.Flows); // a scenario without flows reports none
        Assert.DoesNotContain("\"flows\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("## Flows", markdown, StringComparison.Ordinal);

        // Half-hour intervals with six replications are noisy: some are flagged, in the report and the JSON.
        var wide = ReplicationReport.TooWide(result);
        Assert.NotEmpty(wide);
        Assert.Contains("⚠", markdown, StringComparison.Ordinal);
        Assert.Contains("\"tooWide\": true", json, StringComparison.Ordinal);
    }
}
