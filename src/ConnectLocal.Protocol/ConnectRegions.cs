using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace ConnectLocal.Protocol;

/// <summary>
/// The Regions a credential scope may name. Every AWS endpoint serves one Region and answers a scope naming
/// another with 403 InvalidSignatureException "Credential should be scoped to a valid region, not 'xx'."; the
/// emulator is one endpoint for every Region Amazon Connect runs in, so it accepts each of those and nothing
/// else, in both authentication modes (a Region is an isolation and throttling key, so it must not be invented).
/// </summary>
public static partial class ConnectRegions
{
    /// <summary>
    /// The Regions of the <c>connect</c> service in botocore's <c>endpoints.json</c> (partitions aws and
    /// aws-us-gov; the fips-* names are endpoints whose credential scope is the plain Region), plus
    /// ap-northeast-3, the replica Region of the ap-northeast-1 Global Resiliency pair (behaviour doc §5).
    /// [choice] replaced as a whole with --regions.
    /// </summary>
    public static FrozenSet<string> Default { get; } = FrozenSet.ToFrozenSet(
    [
        "af-south-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2",
        "ca-central-1", "eu-central-1", "eu-west-2", "us-east-1", "us-west-2", "us-gov-west-1",
    ], StringComparer.Ordinal);

    /// <summary>A Region name as AWS spells them: lower case, <c>xx-name-N</c> or <c>xx-part-name-N</c>.</summary>
    public static bool IsWellFormed(string region) => region.Length <= 31 && RegionName().IsMatch(region);

    [GeneratedRegex("^[a-z]{2}(-[a-z]+){1,2}-[0-9]{1,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionName();
}
