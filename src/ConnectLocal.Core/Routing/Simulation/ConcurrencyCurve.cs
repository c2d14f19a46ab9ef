namespace ConnectLocal.Core.Routing.Simulation;

/// <summary>
/// How much longer a contact lasts when its agent holds several at once: <see cref="Factors"/>[k − 1] multiplies the
/// handle time drawn for a contact connected to an agent who then holds k contacts (every channel counted, this one
/// included). Beyond the list the last step repeats. A voice-only agent always holds one, so voice is unaffected;
/// a chat agent at concurrency 4 answers more chats at once but each lasts longer; an agent blending channels
/// (ROUTE_ANY_CHANNEL) pays the same way for the contacts it adds.
/// </summary>
public sealed record ConcurrencyCurve(IReadOnlyList<double> Factors)
{
    /// <summary>
    /// [choice] The default: ×1.00 for one contact, ×1.15 for two, ×1.35 for three, ×1.60 for four, then +0.30 per
    /// contact more — so an agent's throughput (k ÷ factor) is 1, 1.74, 2.22, 2.50 contacts' worth at k = 1–4, with
    /// diminishing returns. Source for the shape (not the numbers): Goes, Ilk, Lin and Zhao, "When more is less:
    /// field evidence on unintended consequences of multitasking" (Management Science 64(7), 2018; SSRN 2917233)
    /// found that chat agents holding more chats at once keep customers waiting longer in service; the magnitudes
    /// are ConnectLocal's, to be replaced by a team's own measured curve (docs/routing.md, "For planners").
    /// </summary>
    public static readonly ConcurrencyCurve Default = new([1.00, 1.15, 1.35, 1.60, 1.90]);

    /// <summary>No slowdown: handle times as drawn whatever the agent holds.</summary>
    public static readonly ConcurrencyCurve Flat = new([1.0]);

    public double Factor(int contacts)
    {
        if (contacts <= 1 || Factors.Count == 0)
        {
            return Factors.Count == 0 ? 1 : Factors[0];
        }

        if (contacts <= Factors.Count)
        {
            return Factors[contacts - 1];
        }

        var step = Factors.Count >= 2 ? Factors[^1] - Factors[^2] : 0;
        return Factors[^1] + ((contacts - Factors.Count) * step);
    }

    /// <summary>How many contacts' worth of work an agent holding k at once gets through, relative to one at a time.</summary>
    public double Throughput(int contacts) => contacts / Factor(contacts);
}
