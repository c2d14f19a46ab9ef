namespace ConnectLocal.Core.Common;

/// <summary>The ARN formats of Connect resources (behaviour doc §1).</summary>
public static class Arns
{
    /// <summary>
    /// The partition of a Region, the second field of every ARN made there: <c>aws-cn</c> for the China Regions
    /// (cn-north-1, cn-northwest-1), <c>aws-us-gov</c> for AWS GovCloud (US) (us-gov-west-1, us-gov-east-1), <c>aws</c>
    /// for the rest. [choice] Decided by the Region's prefix, so that any cn-* or us-gov-* Region the server accepts
    /// gets its partition; the ISO partitions (us-iso-*, us-isob-*) are not told apart (docs/install.md, Partitions).
    /// </summary>
    public static string PartitionOf(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
        : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov"
        : "aws";

    public static string Instance(string region, string account, string instanceId) =>
        $"arn:{PartitionOf(region)}:connect:{region}:{account}:instance/{instanceId}";

    public static string InInstance(string region, string account, string instanceId, string segment, string id) =>
        $"{Instance(region, account, instanceId)}/{segment}/{id}";

    public static string TopLevel(string region, string account, string segment, string id) =>
        $"arn:{PartitionOf(region)}:connect:{region}:{account}:{segment}/{id}";

    /// <summary>An ARN split into its parts; <see cref="Resource"/> is everything after the account.</summary>
    public sealed record Parsed(string Partition, string Region, string Account, string Resource)
    {
        public string[] ResourceParts => Resource.Split('/');
    }

    /// <summary>
    /// A Connect ARN's parts; null when it is not one, or when its partition is not its Region's (an <c>aws</c> ARN
    /// of cn-north-1 names nothing that exists, as in AWS).
    /// </summary>
    public static Parsed? Parse(string text)
    {
        var parts = text.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "connect" || parts[1] != PartitionOf(parts[3]))
        {
            return null;
        }

        return new Parsed(parts[1], parts[3], parts[4], parts[5]);
    }

    /// <summary>
    /// Where the model lets an instance be named by id or ARN: the id, or null when the ARN names another
    /// account or region (such an instance is indistinguishable from a missing one).
    /// </summary>
    public static string? InstanceIdFrom(string idOrArn, Caller caller)
    {
        if (!idOrArn.StartsWith("arn:", StringComparison.Ordinal))
        {
            return idOrArn;
        }

        var arn = Parse(idOrArn);
        if (arn is null || arn.Account != caller.AccountId || arn.Region != caller.Region)
        {
            return null;
        }

        var resource = arn.ResourceParts;
        return resource.Length == 2 && resource[0] == "instance" ? resource[1] : null;
    }

}
