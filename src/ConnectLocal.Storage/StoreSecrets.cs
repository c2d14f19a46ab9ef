using System.Security.Cryptography;

namespace ConnectLocal.Storage;

/// <summary>The value of a store secret (<c>IStoreSession.Secret</c>) when it is first made, on either backend.</summary>
internal static class StoreSecrets
{
    /// <summary>32 bytes: a full-strength key for HMAC-SHA256, which signs page tokens.</summary>
    public const int Length = 32;

    public static byte[] Create() => RandomNumberGenerator.GetBytes(Length);
}
