namespace ConnectLocal.Core.GlobalResiliency;

/// <summary>An UpdateTrafficDistribution request: each config is null when the request leaves it out.</summary>
public sealed record DistributionUpdate(
    IReadOnlyList<RegionShare>? Telephony,
    IReadOnlyList<RegionSignIn>? SignIn,
    IReadOnlyList<RegionShare>? Agents);

/// <summary>
/// The rules of UpdateTrafficDistribution (behaviour doc §5, contract §6.2; admin guide "Update telephony traffic
/// distribution"). Every failure is InvalidRequestException: the operation models no InvalidParameterException.
/// </summary>
public static class DistributionRules
{
    public const int Step = 10;
    public const int Total = 100;

    public static void Validate(TrafficDistributionGroup group, DistributionUpdate update)
    {
        if (update.Telephony is null && update.SignIn is null && update.Agents is null)
        {
            throw Errors.InvalidRequest(ErrorTexts.DistributionConfigRequired);
        }

        if (update.Telephony is not null)
        {
            CheckShares("TelephonyConfig", group, update.Telephony);
        }

        if (update.Agents is not null)
        {
            CheckShares("AgentConfig", group, update.Agents);
        }

        if (update.SignIn is not null)
        {
            CheckRegions("SignInConfig", group, update.SignIn.Select(d => d.Region).ToList());

            // The model: "If you call UpdateTrafficDistribution with a modified SignInConfig and a non-default
            // TrafficDistributionGroup, an InvalidRequestException is returned." An unchanged one is accepted.
            if (!group.IsDefault && !SameSignIn(group.SignIn, update.SignIn))
            {
                throw Errors.InvalidRequest(ErrorTexts.SignInConfigOnlyOnDefaultTdg);
            }
        }
    }

    /// <summary>The distribution as stored and returned: the group's Regions in their order (source first).</summary>
    public static IReadOnlyList<RegionShare> Ordered(TrafficDistributionGroup group, IReadOnlyList<RegionShare> shares) =>
        group.Regions.Select(r => shares.First(s => s.Region == r)).ToList();

    public static IReadOnlyList<RegionSignIn> Ordered(TrafficDistributionGroup group, IReadOnlyList<RegionSignIn> signIn) =>
        group.Regions.Select(r => signIn.First(s => s.Region == r)).ToList();

    private static void CheckShares(string config, TrafficDistributionGroup group, IReadOnlyList<RegionShare> shares)
    {
        CheckRegions(config, group, shares.Select(s => s.Region).ToList());
        foreach (var share in shares)
        {
            if (share.Percentage % Step != 0)
            {
                throw Errors.InvalidRequest(ErrorTexts.DistributionStep(config, Step, share.Region, share.Percentage));
            }
        }

        var total = shares.Sum(s => s.Percentage);
        if (total != Total)
        {
            throw Errors.InvalidRequest(ErrorTexts.DistributionTotal(config, Total, total));
        }
    }

    /// <summary>One entry for each of the group's two Regions, and no other Region.</summary>
    private static void CheckRegions(string config, TrafficDistributionGroup group, IReadOnlyList<string> regions)
    {
        foreach (var region in regions)
        {
            if (!group.IsLinkedTo(region))
            {
                throw Errors.InvalidRequest(ErrorTexts.RegionNotOfTdg(config, region, group.Region, group.ReplicaRegion));
            }
        }

        var repeated = regions.GroupBy(r => r, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw Errors.InvalidRequest(ErrorTexts.DistributionRegionRepeated(config, repeated.Key));
        }

        if (regions.Count != group.Regions.Count)
        {
            throw Errors.InvalidRequest(ErrorTexts.DistributionRegionMissing(config, group.Region, group.ReplicaRegion));
        }
    }

    private static bool SameSignIn(IReadOnlyList<RegionSignIn> current, IReadOnlyList<RegionSignIn> requested) =>
        current.All(c => requested.Any(r => r.Region == c.Region && r.Enabled == c.Enabled));
}
