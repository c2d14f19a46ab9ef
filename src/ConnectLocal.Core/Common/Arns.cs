namespace ConnectLocal.Core.Common;

/// <summary>The ARN formats of Connect resources (behaviour doc §1).</summary>
public static class Arns
{
    public const string Partition = "aws";

    public static string Instance(string region, string account, string instanceId) =>
        $"arn:{Partition}:connect:{region}:{account}:instance/{instanceId}";

    public static string InInstance(string region, string account, string instanceId, string segment, string id) =>
        $"{Instance(region, account, instanceId)}/{segment}/{id}";

    public static string TopLevel(string region, string account, string segment, string id) =>
        $"arn:{Partition}:connect:{region}:{account}:{segment}/{id}";

    /// <summary>An ARN split into its parts; <see cref="Resource"/> is everything after the account.</summary>
    public sealed record Parsed(string Partition, string Region, string Account, string Resource)
    {
        public string[] ResourceParts => Resource.Split('/');
    }

    public static Parsed? Parse(string text)
    {
        var parts = text.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "connect" || parts[1].Length == 0)
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
