namespace ConnectLocal.Core.Routing.Simulation;

/// <summary>A distribution of durations in seconds (handle time, customer patience, after-contact work).</summary>
public abstract record Distribution
{
    public abstract double Mean { get; }

    public abstract double Sample(Rng rng);
}

public sealed record ConstantDistribution(double Value) : Distribution
{
    public override double Mean => Value;

    public override double Sample(Rng rng) => Value;
}

public sealed record ExponentialDistribution(double MeanSeconds) : Distribution
{
    public override double Mean => MeanSeconds;

    public override double Sample(Rng rng) => MeanSeconds * rng.NextExponential();
}

public sealed record UniformDistribution(double Min, double Max) : Distribution
{
    public override double Mean => (Min + Max) / 2;

    public override double Sample(Rng rng) => Min + ((Max - Min) * rng.NextDouble());
}

/// <summary>Log-normal given by its mean and standard deviation (not those of the underlying normal): handle times are often close to it.</summary>
public sealed record LogNormalDistribution(double MeanSeconds, double StandardDeviation) : Distribution
{
    private readonly double _sigma = Math.Sqrt(Math.Log(1 + (StandardDeviation * StandardDeviation / (MeanSeconds * MeanSeconds))));

    public override double Mean => MeanSeconds;

    public override double Sample(Rng rng) =>
        Math.Exp(Math.Log(MeanSeconds) - (_sigma * _sigma / 2) + (_sigma * rng.NextNormal()));
}
