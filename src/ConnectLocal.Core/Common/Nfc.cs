using System.Collections.Frozen;
using System.Text;

namespace ConnectLocal.Core.Common;

/// <summary>
/// Unicode Normalization Form C (UAX #15), from the tables in <see cref="NfcData"/>: the server runs with
/// InvariantGlobalization, where <see cref="string.Normalize()"/> has no data to tell composed from decomposed text.
/// Used for the model's rule that a user's FirstName and LastName are in NFC.
/// </summary>
public static class Nfc
{
    private const int SBase = 0xAC00, LBase = 0x1100, VBase = 0x1161, TBase = 0x11A7;
    private const int LCount = 19, VCount = 21, TCount = 28, NCount = VCount * TCount, SCount = LCount * NCount;

    private static readonly FrozenDictionary<int, int> Classes = Pairs(NfcData.CombiningClasses);
    private static readonly FrozenDictionary<int, int[]> Decompositions = ReadDecompositions();
    private static readonly FrozenDictionary<long, int> Compositions = ReadCompositions();

    /// <summary>Whether <paramref name="text"/> is already in Normalization Form C.</summary>
    public static bool IsNormalized(string text)
    {
        foreach (var c in text)
        {
            if (c >= 0x300)
            {
                return string.Equals(Normalize(text), text, StringComparison.Ordinal);
            }
        }

        return true; // below U+0300 nothing decomposes or composes
    }

    /// <summary>The NFC form of <paramref name="text"/>: canonical decomposition, canonical ordering, canonical composition.</summary>
    public static string Normalize(string text)
    {
        var points = new List<int>(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            Decompose(rune.Value, points);
        }

        Reorder(points);
        Compose(points);
        var sb = new StringBuilder(text.Length);
        foreach (var point in points)
        {
            sb.Append(char.ConvertFromUtf32(point));
        }

        return sb.ToString();
    }

    private static int ClassOf(int point) => Classes.GetValueOrDefault(point);

    private static void Decompose(int point, List<int> into)
    {
        if (point is >= SBase and < SBase + SCount)
        {
            var index = point - SBase;
            into.Add(LBase + (index / NCount));
            into.Add(VBase + (index % NCount / TCount));
            if (index % TCount != 0)
            {
                into.Add(TBase + (index % TCount));
            }
        }
        else if (Decompositions.TryGetValue(point, out var parts))
        {
            into.AddRange(parts);
        }
        else
        {
            into.Add(point);
        }
    }

    /// <summary>Sorts each run of non-starters by combining class, keeping equal classes in order.</summary>
    private static void Reorder(List<int> points)
    {
        for (var i = 1; i < points.Count; i++)
        {
            var current = points[i];
            var cls = ClassOf(current);
            if (cls == 0)
            {
                continue;
            }

            var j = i;
            while (j > 0 && ClassOf(points[j - 1]) > cls)
            {
                points[j] = points[j - 1];
                j--;
            }

            points[j] = current;
        }
    }

    private static void Compose(List<int> points)
    {
        if (points.Count < 2)
        {
            return;
        }

        var starter = ClassOf(points[0]) == 0 ? 0 : -1;
        var lastClass = starter == 0 ? 0 : 256;
        var write = 1;
        for (var read = 1; read < points.Count; read++)
        {
            var point = points[read];
            var cls = ClassOf(point);
            var blocked = lastClass != 0 && lastClass >= cls;
            if (starter >= 0 && !blocked && TryCompose(points[starter], point, out var composite))
            {
                points[starter] = composite;
                continue;
            }

            if (cls == 0)
            {
                starter = write;
            }

            lastClass = cls;
            points[write++] = point;
        }

        points.RemoveRange(write, points.Count - write);
    }

    private static bool TryCompose(int first, int second, out int composite)
    {
        if (first is >= LBase and < LBase + LCount && second is >= VBase and < VBase + VCount)
        {
            composite = SBase + ((((first - LBase) * VCount) + (second - VBase)) * TCount);
            return true;
        }

        if (first is >= SBase and < SBase + SCount && (first - SBase) % TCount == 0 && second is > TBase and < TBase + TCount)
        {
            composite = first + (second - TBase);
            return true;
        }

        return Compositions.TryGetValue(((long)first << 21) | (uint)second, out composite);
    }

    private static FrozenDictionary<int, int> Pairs(int[] data)
    {
        var pairs = new Dictionary<int, int>(data.Length / 2);
        for (var i = 0; i < data.Length; i += 2)
        {
            pairs[data[i]] = data[i + 1];
        }

        return pairs.ToFrozenDictionary();
    }

    private static FrozenDictionary<int, int[]> ReadDecompositions()
    {
        var data = NfcData.Decompositions;
        var map = new Dictionary<int, int[]>();
        for (var i = 0; i < data.Length;)
        {
            var point = data[i];
            var length = data[i + 1];
            map[point] = data[(i + 2)..(i + 2 + length)];
            i += 2 + length;
        }

        return map.ToFrozenDictionary();
    }

    private static FrozenDictionary<long, int> ReadCompositions()
    {
        var data = NfcData.Compositions;
        var map = new Dictionary<long, int>(data.Length / 3);
        for (var i = 0; i < data.Length; i += 3)
        {
            map[((long)data[i] << 21) | (uint)data[i + 1]] = data[i + 2];
        }

        return map.ToFrozenDictionary();
    }
}
