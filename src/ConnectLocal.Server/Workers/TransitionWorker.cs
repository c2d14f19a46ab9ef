using ConnectLocal.Core.GlobalResiliency;
using ConnectLocal.Core.Ports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConnectLocal.Server.Workers;

/// <summary>
/// Applies due Global Resiliency status transitions from the stored schedule (<see cref="Transitions"/>). The clock
/// is injected, so a test can drive it; on start it also applies what fell due while the server was down.
/// </summary>
internal sealed class TransitionWorker(IConnectStore store, ConnectSettings settings, TimeProvider clock, ILogger<TransitionWorker> logger) : BackgroundService
{
    /// <summary>Applies every transition due now; returns how many.</summary>
    public int RunOnce()
    {
        var now = clock.GetUtcNow();
        return store.Read(session => Transitions.AnyDue(session, now)) ? store.Write(session => Transitions.ApplyDue(session, now)) : 0;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.TransitionPollInterval, clock);
        try
        {
            do
            {
                try
                {
                    var applied = RunOnce();
                    if (applied > 0)
                    {
                        logger.LogInformation("applied {Count} status transition(s)", applied);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A failed tick changes nothing (its transaction rolled back); the next one tries again.
                    logger.LogError(e, "applying status transitions failed");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
