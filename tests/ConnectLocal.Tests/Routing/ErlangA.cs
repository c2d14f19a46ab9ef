namespace ConnectLocal.Tests.Routing;

/// <summary>
/// The Erlang A model (M/M/n+M): Poisson arrivals at rate λ, n agents with exponential handle times (rate μ each),
/// and customers whose patience is exponential (rate θ) who abandon when it runs out before an agent takes them.
/// Written for these tests from the literature:
/// <list type="bullet">
/// <item>O. Garnett, A. Mandelbaum and M. Reiman, "Designing a call center with impatient customers", Manufacturing
/// &amp; Service Operations Management 4(3), 2002, pp. 208–227 — the model as a birth–death process, and P(W &gt; 0)
/// in closed form through Erlang B and the function A(x, y) below.</item>
/// <item>A. Mandelbaum and S. Zeltyn, "The M/M/n+G queue: summary of performance measures" (Technion, 2005 onwards)
/// — P(Ab | W &gt; 0) and the waiting-time measures, of which E[W] and E[W | served] are used here.</item>
/// </list>
/// Two independent computations are kept so a test can check the reference against itself: the closed forms, and
/// the birth–death chain's stationary distribution summed directly (with a tagged-customer argument for the wait of
/// served customers).
/// </summary>
internal sealed record ErlangA(double WaitProbability, double AbandonProbability, double MeanWait, double MeanWaitServed)
{
    /// <param name="n">agents</param>
    /// <param name="lambda">arrivals per second</param>
    /// <param name="mu">completions per second per agent (1 / mean handle time)</param>
    /// <param name="theta">1 / mean patience</param>
    public static ErlangA ClosedForm(int n, double lambda, double mu, double theta)
    {
        var erlangB = ErlangB(n, lambda / mu);
        var a = A(n * mu / theta, lambda / theta);
        var rho = lambda / (n * mu);

        // Garnett, Mandelbaum and Reiman (2002): P(W > 0) = A·E(n) / (1 + (A − 1)·E(n)).
        var wait = a * erlangB / (1 + ((a - 1) * erlangB));

        // Mandelbaum and Zeltyn: P(Ab | W > 0) = 1 / (ρ·A) + 1 − 1/ρ.
        var abandon = wait * ((1 / (rho * a)) + 1 - (1 / rho));

        // With exponential patience abandonments happen at rate θ·E[Q] = θ·λ·E[W] (Little), so E[W] = P(Ab) / θ.
        var meanWait = abandon / theta;
        return new ErlangA(wait, abandon, meanWait, double.NaN);
    }

    /// <summary>
    /// The birth–death chain: from state k (customers in the system) births at λ, deaths at min(k, n)·μ +
    /// max(k − n, 0)·θ. An arrival sees the stationary distribution π (PASTA). A customer who finds j others queued
    /// ahead leaves each stage "i ahead" at rate nμ + (i + 1)θ, by its own abandonment with probability θ / (nμ + (i
    /// + 1)θ), and the stage's length is independent of how it ends; so it is served with probability nμ / (nμ + (j +
    /// 1)θ) (the product telescopes) and E[W·1{served} | j] = that probability × Σᵢ₌₀ʲ 1 / (nμ + (i + 1)θ).
    /// </summary>
    public static ErlangA BirthDeath(int n, double lambda, double mu, double theta)
    {
        // Unnormalised π_k, with π_0 = 1; the queue's terms fall away geometrically once (k − n)·θ exceeds λ.
        var pi = new List<double> { 1 };
        for (var k = 1; ; k++)
        {
            var death = (Math.Min(k, n) * mu) + (Math.Max(k - n, 0) * theta);
            pi.Add(pi[^1] * lambda / death);
            if (k > n + 10 && pi[^1] < 1e-18 * pi.Sum())
            {
                break;
            }
        }

        var total = pi.Sum();
        double wait = 0, served = 0, queue = 0, waitServed = 0;
        for (var k = n; k < pi.Count; k++)
        {
            var p = pi[k] / total;
            var j = k - n;
            var serveProbability = n * mu / ((n * mu) + ((j + 1) * theta));
            var stages = 0.0;
            for (var i = 0; i <= j; i++)
            {
                stages += 1 / ((n * mu) + ((i + 1) * theta));
            }

            wait += p;
            queue += p * j;
            served += p * serveProbability;
            waitServed += p * serveProbability * stages;
        }

        var servedAll = 1 - wait + served;
        return new ErlangA(wait, wait - served, queue / lambda, waitServed / servedAll);
    }

    /// <summary>Erlang B (the loss probability of M/M/n/n) by the usual recursion B(k) = a·B(k−1) / (k + a·B(k−1)).</summary>
    public static double ErlangB(int n, double offered)
    {
        var b = 1.0;
        for (var k = 1; k <= n; k++)
        {
            b = offered * b / (k + (offered * b));
        }

        return b;
    }

    /// <summary>
    /// A(x, y) = x·eʸ·y⁻ˣ·γ(x, y) (γ the lower incomplete gamma function) = 1 + Σⱼ≥₁ Πₖ₌₁ʲ y / (x + k), summed until
    /// the terms stop mattering (they fall geometrically once x + k exceeds y).
    /// </summary>
    public static double A(double x, double y)
    {
        var sum = 1.0;
        var term = 1.0;
        for (var k = 1; k < 1_000_000; k++)
        {
            term *= y / (x + k);
            sum += term;
            if (x + k > y && term < 1e-17 * sum)
            {
                break;
            }
        }

        return sum;
    }
}
