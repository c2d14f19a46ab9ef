using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace ConnectLocal.Protocol;

/// <summary>
/// Reads JSON strings as they were sent (escaped UTF-8) without turning them into .NET strings: their length in
/// code points, and a bounded prefix of their text. Validation uses it so that a 10 MiB value costs a scan, not
/// copies of itself (docs/wire-choices.md, "Value shown in messages").
/// </summary>
internal static class JsonText
{
    /// <summary>The escaped UTF-8 between the quotes of a string element.</summary>
    public static ReadOnlySpan<byte> Escaped(JsonElement value)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value);
        return raw[1..^1];
    }

    /// <summary>The escaped UTF-8 of a property's name (no quotes).</summary>
    public static ReadOnlySpan<byte> EscapedName(JsonProperty property) => JsonMarshal.GetRawUtf8PropertyName(property);

    /// <summary>
    /// Counts the code points of escaped JSON text, as <c>string</c> length rules count them: a surrogate pair, sent
    /// as UTF-8 or as two <c>\u</c> escapes, is one. Stops after <paramref name="limit"/> code points.
    /// </summary>
    /// <param name="end">The byte offset where counting stopped (the whole span when it ended first).</param>
    public static int CodePoints(ReadOnlySpan<byte> escaped, int limit, out int end)
    {
        var count = 0;
        var i = 0;
        while (i < escaped.Length && count < limit)
        {
            var b = escaped[i];
            if (b == (byte)'\\')
            {
                if (escaped[i + 1] == (byte)'u')
                {
                    var unit = Hex(escaped.Slice(i + 2, 4));
                    i += 6;
                    if (char.IsHighSurrogate(unit) && i + 6 <= escaped.Length && escaped[i] == (byte)'\\' && escaped[i + 1] == (byte)'u'
                        && char.IsLowSurrogate(Hex(escaped.Slice(i + 2, 4))))
                    {
                        i += 6;
                    }
                }
                else
                {
                    i += 2;
                }
            }
            else
            {
                // UTF-8 lead bytes give the sequence length; the binder has already checked the bytes are UTF-8.
                i += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
            }

            count++;
        }

        end = Math.Min(i, escaped.Length);
        return count;
    }

    public static int CodePoints(ReadOnlySpan<byte> escaped) => CodePoints(escaped, int.MaxValue, out _);

    /// <summary>
    /// Appends at most <paramref name="budget"/> code points of escaped JSON text, unescaped, and takes them from the
    /// budget. Returns false when the text did not fit (the builder then holds its prefix).
    /// </summary>
    public static bool AppendBounded(StringBuilder text, ReadOnlySpan<byte> escaped, ref int budget)
    {
        var count = CodePoints(escaped, budget, out var end);
        text.Append(Unescape(escaped[..end]));
        budget -= count;
        return end == escaped.Length;
    }

    /// <summary>Appends an ASCII literal (punctuation, a number as sent) within the budget.</summary>
    public static bool AppendAscii(StringBuilder text, ReadOnlySpan<byte> ascii, ref int budget)
    {
        var take = Math.Min(ascii.Length, budget);
        text.Append(Encoding.ASCII.GetString(ascii[..take]));
        budget -= take;
        return take == ascii.Length;
    }

    private static string Unescape(ReadOnlySpan<byte> escaped)
    {
        if (escaped.IndexOf((byte)'\\') < 0)
        {
            return Encoding.UTF8.GetString(escaped);
        }

        var quoted = new byte[escaped.Length + 2];
        quoted[0] = quoted[^1] = (byte)'"';
        escaped.CopyTo(quoted.AsSpan(1));
        var reader = new Utf8JsonReader(quoted);
        reader.Read();
        return reader.GetString()!;
    }

    private static char Hex(ReadOnlySpan<byte> four)
    {
        var value = 0;
        foreach (var digit in four)
        {
            value = (value << 4) | (digit <= '9' ? digit - '0' : (digit | 0x20) - 'a' + 10);
        }

        return (char)value;
    }
}
