namespace ConnectLocal.Core.AuthenticationProfiles;

/// <summary>
/// An authentication profile: the sign-in settings of an instance's users (IP ranges allowed and blocked, session
/// durations). Members are named as the model's AuthenticationProfile. AWS creates a default profile with each instance
/// and offers no operation to create or delete one, so every instance holds exactly its default.
/// LIMITATIONS: the settings are stored and shown; nobody signs in here, so nothing enforces them.
/// </summary>
public sealed record AuthenticationProfile : InstanceResource, IResource<AuthenticationProfile>
{
    public static string Kind => "authentication-profile";

    public required string Name { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<string> AllowedIps { get; init => field = value ?? field; } = [];

    public IReadOnlyList<string> BlockedIps { get; init => field = value ?? field; } = [];

    public bool IsDefault { get; init; }

    public DateTimeOffset CreatedTime { get; init; }

    public int? PeriodicSessionDuration { get; init; }

    public int? MaxSessionDuration { get; init; }

    public int? SessionInactivityDuration { get; init; }

    public bool? SessionInactivityHandlingEnabled { get; init; }
}

/// <summary>The declaration of authentication profiles (docs/choices.md, "Authentication profiles").</summary>
public static class AuthenticationProfileRules
{
    /// <summary>[choice] The default profile's name; AWS documents none.</summary>
    public const string DefaultName = "Default authentication profile";

    /// <summary>
    /// [choice] The default profile's settings, which AWS does not document: no IP ranges, sessions of at most 720
    /// minutes (the model's RefreshTokenDuration maximum) re-authenticated every 60 (AccessTokenDuration's maximum), no
    /// automatic sign-out on inactivity (SessionInactivityDuration 720, handling disabled). Its CreatedTime is the instance's.
    /// </summary>
    public static readonly ResourceType<AuthenticationProfile> Type = new()
    {
        ArnSegment = "authentication-profile",
        Noun = "Authentication profile",
        Defaults = context =>
        [
            new AuthenticationProfile
            {
                Name = DefaultName,
                IsDefault = true,
                CreatedTime = context.Instance.CreatedTime,
                PeriodicSessionDuration = 60,
                MaxSessionDuration = 720,
                SessionInactivityDuration = 720,
                SessionInactivityHandlingEnabled = false,
            },
        ],
    };
}
