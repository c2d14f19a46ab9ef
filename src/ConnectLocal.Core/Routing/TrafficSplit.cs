using System.Text;
using ConnectLocal.Core.GlobalResiliency;

namespace ConnectLocal.Core.Routing;

/// <summary>
/// How Global Resiliency splits work between the two Regions of a traffic distribution group, deterministically.
///
/// Calls: the n-th inbound call (n counted from 0) on numbers claimed to a group falls in bucket
/// <c>SplitMix64(seed XOR SplitMix64(n)) mod 100</c>; walking the telephony distribution in its order (source Region
/// first) and adding up percentages, the call goes to the first Region whose running total exceeds the bucket. The
/// same seed and the same call order give the same Regions; over many calls each Region gets its percentage.
///
/// Agents: the group's users are ranked by <c>SplitMix64(FNV-1a(username))</c> (ties by username); with running totals of
/// the agent distribution P₁, P₁+P₂, …, the agents ranked below round(n × P₁ / 100) go to the first Region, the next
/// ones up to round(n × (P₁+P₂) / 100) to the second, and so on. Each Region gets its exact share (rounded), and
/// shifting 10 % more moves the same agents each time.
/// </summary>
public static class TrafficSplit
{
    /// <summary>SplitMix64's output function (Steele, Lea and Flood, 2014; https://prng.di.unimi.it/splitmix64.c).</summary>
    public static ulong Mix(ulong value)
    {
        var z = value + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public static string RegionForCall(IReadOnlyList<RegionShare> telephony, ulong seed, long callNumber)
    {
        var bucket = (int)(Mix(seed ^ Mix((ulong)callNumber)) % 100);
        var total = 0;
        foreach (var share in telephony)
        {
            total += share.Percentage;
            if (bucket < total)
            {
                return share.Region;
            }
        }

        return telephony[^1].Region;
    }

    /// <summary>The Region of each user, named by a stable key (the username), by the agent distribution (see the type's remarks).</summary>
    public static IReadOnlyDictionary<string, string> PlaceAgents(IEnumerable<string> users, IReadOnlyList<RegionShare> agents)
    {
        var ranked = users.Distinct(StringComparer.Ordinal)
            .OrderBy(id => Mix(Fnv1a(id)))
            .ThenBy(id => id, StringComparer.Ordinal)
            .ToList();
        var placement = new Dictionary<string, string>(StringComparer.Ordinal);
        var start = 0;
        var total = 0;
        foreach (var share in agents)
        {
            total += share.Percentage;
            var end = (int)Math.Round(ranked.Count * total / 100.0, MidpointRounding.AwayFromZero);
            for (var i = start; i < Math.Min(end, ranked.Count); i++)
            {
                placement[ranked[i]] = share.Region;
            }

            start = Math.Max(start, end);
        }

        for (var i = start; i < ranked.Count && agents.Count > 0; i++)
        {
            placement[ranked[i]] = agents[^1].Region;
        }

        return placement;
    }

    /// <summary>64-bit FNV-1a of the UTF-8 bytes: stable across processes and machines (string.GetHashCode is not).</summary>
    public static ulong Fnv1a(string text)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 0x100000001B3UL;
        }

        return hash;
    }
}
