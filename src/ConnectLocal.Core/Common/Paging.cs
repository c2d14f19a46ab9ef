using System.Security.Cryptography;
using System.Text;

namespace ConnectLocal.Core.Common;

/// <summary>One page of a listing and the token for the next one (null on the last page).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextToken);

/// <summary>
/// Opaque, tamper-proof page tokens: the listing they belong to and the last id returned, signed with a key the
/// store keeps, so a token stays valid across restarts and nodes, and a forged or foreign one is refused.
/// A listing names the operation and the filters the token was issued for (<see cref="Listing"/>); the signature
/// also covers the account, the Region and the instance, so a token used anywhere else is refused.
/// [choice] An empty token ("") is no token: the first page (the AWS Global Resiliency sample dashboard sends one).
/// </summary>
public static class Paging
{
    public const string InvalidTokenMessage = ErrorTexts.InvalidPageToken;

    public static Page<T> Read<T>(IStoreSession session, ResourceScope scope, string listing, string? nextToken, int pageSize)
        where T : class, IResource<T>
    {
        var after = string.IsNullOrEmpty(nextToken) ? null : Open(session, listing, scope, nextToken);
        var items = session.Page<T>(scope, after, pageSize + 1);
        if (items.Count <= pageSize)
        {
            return new Page<T>(items, null);
        }

        var page = items.Take(pageSize).ToList();
        return new Page<T>(page, Seal(session, listing, scope, page[^1].Id));
    }

    /// <summary>Pages over an already filtered, id-ordered list (for listings with filters the store does not index).</summary>
    public static Page<T> Slice<T>(IStoreSession session, ResourceScope scope, string listing, IReadOnlyList<T> ordered, Func<T, string> id, string? nextToken, int pageSize)
    {
        var after = string.IsNullOrEmpty(nextToken) ? null : Open(session, listing, scope, nextToken);
        var rest = after is null ? ordered : ordered.Where(x => string.CompareOrdinal(id(x), after) > 0).ToList();
        if (rest.Count <= pageSize)
        {
            return new Page<T>(rest, null);
        }

        var page = rest.Take(pageSize).ToList();
        return new Page<T>(page, Seal(session, listing, scope, id(page[^1])));
    }

    /// <summary>A listing key: the operation's listing name and every filter that shapes its result, in order.</summary>
    public static string Listing(string name, params IEnumerable<string?>[] filters)
    {
        var key = new StringBuilder(name);
        foreach (var filter in filters)
        {
            key.Append('\u001f');
            foreach (var value in filter)
            {
                // Lengths make the key unambiguous whatever the values contain.
                key.Append(value?.Length ?? -1).Append(':').Append(value).Append('\u001e');
            }
        }

        return key.ToString();
    }

    private static string Seal(IStoreSession session, string listing, ResourceScope scope, string lastId)
    {
        var payload = Encoding.UTF8.GetBytes(lastId);
        var mac = Mac(session, listing, scope, payload);
        return Base64Url(payload) + "." + Base64Url(mac);
    }

    private static string Open(IStoreSession session, string listing, ResourceScope scope, string token)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !TryBase64Url(token[..dot], out var payload) || !TryBase64Url(token[(dot + 1)..], out var mac)
            || !CryptographicOperations.FixedTimeEquals(mac, Mac(session, listing, scope, payload)))
        {
            throw Errors.InvalidRequest(InvalidTokenMessage);
        }

        return Encoding.UTF8.GetString(payload);
    }

    private static byte[] Mac(IStoreSession session, string listing, ResourceScope scope, byte[] payload)
    {
        var context = Encoding.UTF8.GetBytes($"{listing}\n{scope.AccountId}\n{scope.Region}\n{scope.Parent}\n");
        var data = new byte[context.Length + payload.Length];
        context.CopyTo(data, 0);
        payload.CopyTo(data, context.Length);
        return HMACSHA256.HashData(session.Secret("page-token"), data).AsSpan(0, 16).ToArray();
    }

    /// <summary>Base64url without padding (page tokens, the tokens of attached files' URLs).</summary>
    internal static string Base64Url(byte[] data) =>
        Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    internal static bool TryBase64Url(string text, out byte[] data)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        s = s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
        data = new byte[s.Length];
        if (Convert.TryFromBase64String(s, data, out var written))
        {
            data = data[..written];
            return true;
        }

        return false;
    }
}
