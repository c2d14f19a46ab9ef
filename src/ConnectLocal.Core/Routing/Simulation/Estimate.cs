namespace ConnectLocal.Core.Routing.Simulation;

/// <summary>
/// A figure estimated from independent replications: their mean, and the half-width of its 95 % confidence interval
/// from Student's t distribution with N − 1 degrees of freedom (mean ± t₀.₉₇₅,ₙ₋₁ · s / √N). Replications that have
/// no value for the figure (say, no contact answered, so no average wait) are left out; with fewer than two values
/// there is no interval.
/// </summary>
public readonly record struct Estimate(double Mean, double? HalfWidth, int Count)
{
    /// <summary>The lower end of the 95 % interval (the mean when there is none).</summary>
    public double Low => Mean - (HalfWidth ?? 0);

    /// <summary>The upper end of the 95 % interval.</summary>
    public double High => Mean + (HalfWidth ?? 0);

    public bool Contains(double value) => HalfWidth is { } h && value >= Mean - h && value <= Mean + h;

    public static Estimate? Of(IEnumerable<double?> values) => Of(values.Where(v => v.HasValue).Select(v => v!.Value));

    public static Estimate? Of(IEnumerable<double> values)
    {
        var list = values as IReadOnlyList<double> ?? values.ToList();
        if (list.Count == 0)
        {
            return null;
        }

        var mean = list.Average();
        if (list.Count < 2)
        {
            return new Estimate(mean, null, list.Count);
        }

        var variance = list.Sum(v => (v - mean) * (v - mean)) / (list.Count - 1);
        return new Estimate(mean, StudentT975(list.Count - 1) * Math.Sqrt(variance / list.Count), list.Count);
    }

    /// <summary>
    /// The 97.5 % quantile of Student's t with <paramref name="df"/> degrees of freedom (the two-sided 95 % factor):
    /// the standard table to 30 degrees of freedom, beyond that the Cornish–Fisher expansion around the normal
    /// quantile 1.959964 (Abramowitz and Stegun 26.7.5), which is within 1e-4 of the table there and closer beyond.
    /// </summary>
    public static double StudentT975(int df)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(df, 1);
        if (df <= Table.Length)
        {
            return Table[df - 1];
        }

        const double z = 1.959963984540054;
        double n = df;
        var z3 = z * z * z;
        var z5 = z3 * z * z;
        var z7 = z5 * z * z;
        return z + ((z3 + z) / (4 * n)) + (((5 * z5) + (16 * z3) + (3 * z)) / (96 * n * n))
            + (((3 * z7) + (19 * z5) + (17 * z3) - (15 * z)) / (384 * n * n * n));
    }

    private static readonly double[] Table =
    [
        12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
        2.2010, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860,
        2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423,
    ];
}
