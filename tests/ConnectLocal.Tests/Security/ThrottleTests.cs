using ConnectLocal.Model.Metadata;
using ConnectLocal.Protocol;

namespace ConnectLocal.Tests.Security;

/// <summary>The token buckets of --throttle aws, on a clock the test moves.</summary>
public sealed class ThrottleTests
{
    private sealed class ManualClock : TimeProvider
    {
        public long Ticks { get; set; }

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Ticks;

        public void Advance(TimeSpan by) => Ticks += by.Ticks;
    }

    private readonly ManualClock _clock = new();

    private static int Allowed(RequestThrottle throttle, OperationDescriptor operation, int attempts, string account = "111111111111", string region = "us-east-1")
    {
        var allowed = 0;
        for (var i = 0; i < attempts; i++)
        {
            if (throttle.InterceptAsync(operation, account, region, CancellationToken.None).Result is null)
            {
                allowed++;
            }
        }

        return allowed;
    }

    [Fact]
    public void The_rates_of_behaviour_doc_section_7_are_the_defaults()
    {
        var throttle = new RequestThrottle(new Dictionary<string, ThrottleRate>(), _clock);

        Assert.Equal(new ThrottleRate(2, 5), throttle.RateOf(OperationTable.ListQueues));
        Assert.Equal(new ThrottleRate(2, 5), throttle.RateOf(OperationTable.UpdateRoutingProfileConcurrency));
        Assert.Equal(new ThrottleRate(2, 5), throttle.RateOf(OperationTable.GetTrafficDistribution));
        Assert.Equal(new ThrottleRate(10, 15), throttle.RateOf(OperationTable.DescribeRoutingProfile));
        Assert.Equal(new ThrottleRate(10, 15), throttle.RateOf(OperationTable.ListRoutingProfiles));
        Assert.Equal(new ThrottleRate(0.1, 5), throttle.RateOf(OperationTable.CreateInstance));
    }

    [Fact]
    public void A_burst_is_allowed_and_then_the_rate()
    {
        var throttle = new RequestThrottle(new Dictionary<string, ThrottleRate>(), _clock);

        Assert.Equal(5, Allowed(throttle, OperationTable.ListQueues, 20));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, Allowed(throttle, OperationTable.ListQueues, 20));
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(5, Allowed(throttle, OperationTable.ListQueues, 20));
    }

    [Fact]
    public async Task A_refused_request_answers_429_ThrottlingException()
    {
        var throttle = new RequestThrottle(new Dictionary<string, ThrottleRate> { ["ListQueues"] = new(1, 1) }, _clock);
        Allowed(throttle, OperationTable.ListQueues, 1);

        var refusal = await throttle.InterceptAsync(OperationTable.ListQueues, "111111111111", "us-east-1", CancellationToken.None);

        Assert.Equal((429, "ThrottlingException", "Rate exceeded"), (refusal!.HttpStatus, refusal.Code, refusal.Message));
    }

    [Fact]
    public void Buckets_are_per_account_region_and_operation()
    {
        var throttle = new RequestThrottle(new Dictionary<string, ThrottleRate>(), _clock);

        Assert.Equal(5, Allowed(throttle, OperationTable.ListQueues, 10));
        Assert.Equal(5, Allowed(throttle, OperationTable.ListQueues, 10, account: "222222222222"));
        Assert.Equal(5, Allowed(throttle, OperationTable.ListQueues, 10, region: "us-west-2"));
        Assert.Equal(5, Allowed(throttle, OperationTable.ListUsers, 10));
        Assert.Equal(15, Allowed(throttle, OperationTable.ListRoutingProfiles, 30));
    }

    [Fact]
    public void Overrides_replace_an_operation_s_rate_and_star_the_rest()
    {
        var throttle = new RequestThrottle(new Dictionary<string, ThrottleRate>
        {
            ["ListQueues"] = new(50, 100),
            ["*"] = new(1, 3),
        }, _clock);

        Assert.Equal(100, Allowed(throttle, OperationTable.ListQueues, 200));
        Assert.Equal(3, Allowed(throttle, OperationTable.ListUsers, 10));
        Assert.Equal(new ThrottleRate(1, 3), throttle.RateOf(OperationTable.DescribeRoutingProfile));
    }

    [Fact]
    public void A_slow_rate_refills_fractionally()
    {
        var throttle = new RequestThrottle(new Dictionary<string, ThrottleRate>(), _clock);

        Assert.Equal(5, Allowed(throttle, OperationTable.CreateInstance, 10));
        _clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(0, Allowed(throttle, OperationTable.CreateInstance, 1));
        _clock.Advance(TimeSpan.FromSeconds(1.5));
        Assert.Equal(1, Allowed(throttle, OperationTable.CreateInstance, 5));
    }

    [Fact]
    public void Buckets_of_other_accounts_and_regions_never_refill_an_empty_bucket()
    {
        // issue 13: with the table cleared past 100,000 buckets, 100,002 invented Regions refilled this bucket.
        var throttle = new RequestThrottle(new Dictionary<string, ThrottleRate>(), _clock);
        Assert.Equal(5, Allowed(throttle, OperationTable.ListQueues, 10));

        for (var i = 0; i < 100_002; i++)
        {
            Allowed(throttle, OperationTable.ListQueues, 1, account: (200_000_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture), region: "xx-fake-" + i);
        }

        Assert.Equal(0, Allowed(throttle, OperationTable.ListQueues, 1));
        Assert.InRange(throttle.BucketCount, 1, RequestThrottle.DefaultBuckets);
    }

    [Fact]
    public void One_account_cannot_hold_more_buckets_than_its_share_and_is_throttled_beyond_it()
    {
        var throttle = new RequestThrottle(new Dictionary<string, ThrottleRate>(), _clock, bucketsPerAccount: 3, buckets: 10);

        Assert.Equal(3, Enumerable.Range(0, 5).Count(i => Allowed(throttle, OperationTable.ListQueues, 1, region: $"r-{i}") == 1));
        Assert.Equal(1, Allowed(throttle, OperationTable.ListQueues, 1, account: "222222222222"));
        Assert.Equal(4, throttle.BucketCount);
    }

    [Fact]
    public void Buckets_that_have_refilled_make_room_and_behave_as_new_ones()
    {
        var throttle = new RequestThrottle(new Dictionary<string, ThrottleRate>(), _clock, bucketsPerAccount: 2, buckets: 10);
        Assert.Equal(5, Allowed(throttle, OperationTable.ListQueues, 10, region: "r-1"));
        Assert.Equal(5, Allowed(throttle, OperationTable.ListQueues, 10, region: "r-2"));
        Assert.Equal(0, Allowed(throttle, OperationTable.ListQueues, 1, region: "r-3"));

        _clock.Advance(TimeSpan.FromSeconds(3)); // r-1 and r-2 are full again

        Assert.Equal(5, Allowed(throttle, OperationTable.ListQueues, 10, region: "r-3"));
        Assert.Equal(5, Allowed(throttle, OperationTable.ListQueues, 10, region: "r-1"));
        Assert.Equal(2, throttle.BucketCount);
    }
}
