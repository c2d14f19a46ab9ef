namespace ConnectLocal.Server.Options;

/// <summary>Who may use the control API under /_connectlocal (docs/security.md, "The control API").</summary>
public sealed partial record ServerOptions
{
    /// <summary>
    /// [choice] The control API's administrator token (<c>--control-token</c>, <c>CONNECTLOCAL_CONTROL_TOKEN</c>).
    /// In strict mode every control endpoint but the health check requires <c>Authorization: Bearer TOKEN</c>,
    /// and without a token it is closed; in permissive mode a given token is required too.
    /// </summary>
    public string? ControlToken { get; init; }

    /// <summary>The shortest token taken: a guessable one would make strict mode's protection of the control API void.</summary>
    public const int MinControlTokenLength = 16;

    private static string? CheckControlToken(string source, string? token) =>
        token is null || token.Length >= MinControlTokenLength && token.All(c => c is > ' ' and < (char)127)
            ? null
            : $"{source} must be at least {MinControlTokenLength} printable ASCII characters without spaces";
}
