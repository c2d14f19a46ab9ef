namespace ConnectLocal.Core.Common;

/// <summary>Who calls and from where: every resource belongs to one account and one region.</summary>
public sealed record Caller(string AccountId, string Region, DateTimeOffset Now, string RequestId);
