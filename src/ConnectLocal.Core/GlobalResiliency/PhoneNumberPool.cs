using System.Globalization;

namespace ConnectLocal.Core.GlobalResiliency;

/// <summary>
/// [choice] The numbers SearchAvailablePhoneNumbers offers: a fixed, deterministic pool of 100 numbers per
/// country and type (TOLL_FREE and DID), taken where possible from ranges reserved for fiction (US/CA 555-01XX,
/// Ofcom's drama ranges, Australia's 02 5550), so that they never ring a real phone. Other countries and types
/// offer no numbers.
/// </summary>
public static class PhoneNumberPool
{
    public const string TollFree = "TOLL_FREE";
    public const string Did = "DID";
    public const int Size = 100;

    /// <summary>(country, type) → the digits before the running part, its first value and its width.</summary>
    private static readonly Dictionary<(string Country, string Type), (string Prefix, int First, int Width)> Ranges = new()
    {
        [("US", Did)] = ("+1206555", 100, 4),
        [("US", TollFree)] = ("+1800555", 100, 4),
        [("CA", Did)] = ("+1416555", 100, 4),
        [("CA", TollFree)] = ("+1888555", 100, 4),
        [("GB", Did)] = ("+4420794600", 0, 2),
        [("GB", TollFree)] = ("+4480815700", 0, 2),
        [("AU", Did)] = ("+6125550", 0, 4),
        [("AU", TollFree)] = ("+611800160", 400, 3),
        [("DE", Did)] = ("+493055501", 0, 3),
        [("DE", TollFree)] = ("+4980055501", 0, 3),
        [("FR", Did)] = ("+3319900", 0, 4),
        [("FR", TollFree)] = ("+3380555", 0, 4),
        [("JP", Did)] = ("+8135555", 0, 4),
        [("JP", TollFree)] = ("+81120555", 0, 3),
    };

    private static readonly Dictionary<string, (string Country, string Type)> ByNumber = Ranges.Keys
        .SelectMany(k => Numbers(k.Country, k.Type).Select(n => (n, k)))
        .ToDictionary(x => x.n, x => x.k, StringComparer.Ordinal);

    /// <summary>The pool of one country and type, in ascending order (empty when none is offered).</summary>
    public static IReadOnlyList<string> Numbers(string country, string type)
    {
        if (!Ranges.TryGetValue((country, type), out var range))
        {
            return [];
        }

        return Enumerable.Range(range.First, Size)
            .Select(i => range.Prefix + i.ToString(CultureInfo.InvariantCulture).PadLeft(range.Width, '0'))
            .ToList();
    }

    /// <summary>The country and type of a pooled number, or null when the pool does not have it.</summary>
    public static (string Country, string Type)? Lookup(string phoneNumber) =>
        ByNumber.TryGetValue(phoneNumber, out var found) ? found : null;
}
