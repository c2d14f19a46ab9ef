using System.Text;

namespace ConnectLocal.Core.Contacts;

/// <summary>
/// The limits of a contact's user-defined attributes that the model states in words rather than constraints
/// (StartTaskContact, StartChatContact, StartOutboundVoiceContact, UpdateContactAttributes — Attributes): "There can
/// be up to 32,768 UTF-8 bytes across all key-value pairs per contact. Attribute keys can include only alphanumeric,
/// dash, and underscore characters." The per-key and per-value lengths (AttributeName 1–32,767, AttributeValue
/// 0–32,767) are model constraints, enforced by the protocol layer.
/// </summary>
public static class ContactAttributes
{
    public const int MaxBytes = 32_768;

    /// <exception cref="DomainException">InvalidParameter, naming the first rule broken.</exception>
    public static void Check(IReadOnlyDictionary<string, string>? attributes)
    {
        if (attributes is null)
        {
            return;
        }

        CheckKeys(attributes.Keys);
        CheckSize(attributes);
    }

    /// <summary>
    /// UpdateContactAttributes: the contact's attributes with the request's merged in, a key already there taking the
    /// new value and the others kept. [choice] An empty value is stored as an empty value (the key stays); the
    /// 32,768-byte limit applies to the merged whole, and a request past it changes nothing (docs/routing.md).
    /// </summary>
    /// <exception cref="DomainException">InvalidParameter, naming the first rule broken.</exception>
    public static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string>? current, IReadOnlyDictionary<string, string> update)
    {
        CheckKeys(update.Keys);
        var merged = current is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(current, StringComparer.Ordinal);
        foreach (var (key, value) in update)
        {
            merged[key] = value;
        }

        CheckSize(merged);
        return merged;
    }

    private static void CheckKeys(IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            // [choice] "alphanumeric" read as the ASCII letters and digits (docs/routing.md).
            foreach (var c in key)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                {
                    throw Errors.InvalidParameter(ErrorTexts.AttributeKeyCharacters);
                }
            }
        }
    }

    private static void CheckSize(IReadOnlyDictionary<string, string> attributes)
    {
        var bytes = 0L;
        foreach (var (key, value) in attributes)
        {
            bytes += Encoding.UTF8.GetByteCount(key) + (long)Encoding.UTF8.GetByteCount(value);
        }

        if (bytes > MaxBytes)
        {
            throw Errors.InvalidParameter(ErrorTexts.AttributesTooLarge(bytes, MaxBytes));
        }
    }
}
