using ConnectLocal.Core.GlobalResiliency;
using ConnectLocal.Core.Ports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConnectLocal.Server.Workers;

/// <summary>
/// Applies due Global Resiliency status transitions from the stored schedule (<see cref="Transitions"/>). The clock
/// is injected, so a test can drive it; on start it also applies what fell due while the server was down.
/// A transition that cannot be applied (its target's record unreadable, an unknown kind) is logged once and
/// skipped for the life of the process, so one bad record neither blocks the others nor fails every tick.
/// </summary>
internal sealed class TransitionWorker(IConnectStore store, ConnectSettings settings, TimeProvider clock, ILogger<TransitionWorker> logger) : BackgroundService
{
    private readonly HashSet<string> _skipped = new(StringComparer.Ordinal);
    private string? _lastFailure;

    /// <summary>How many transitions were skipped because they could not be applied.</summary>
    public int Skipped
    {
        get
        {
            lock (_skipped)
            {
                return _skipped.Count;
            }
        }
    }

    /// <summary>Applies every transition due now; returns how many.</summary>
    public int RunOnce()
    {
        var now = clock.GetUtcNow();
        lock (_skipped)
        {
            if (!store.Read(session => Transitions.AnyDue(session, now, _skipped)))
            {
                return 0;
            }

            try
            {
                return store.Write(session => Transitions.ApplyDue(session, now, _skipped));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The batch rolled back: apply one transition per transaction, to find the ones that fail.
                logger.LogDebug(e, "applying due transitions together failed; applying them one by one");
            }

            var applied = 0;
            foreach (var id in store.Read(session => Transitions.DueIds(session, now, _skipped)))
            {
                try
                {
                    applied += store.Write(session => Transitions.ApplyOne(session, id)) ? 1 : 0;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _skipped.Add(id);
                    logger.LogError(e, "status transition {Id} cannot be applied; skipped ({Count} skipped so far)", id, _skipped.Count);
                }
            }

            return applied;
        }
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

                    _lastFailure = null;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A failed tick changes nothing (its transaction rolled back); the next one tries again. The same
                    // failure tick after tick (an unreadable schedule) is logged once, not ten times a second.
                    if (e.Message != _lastFailure)
                    {
                        logger.LogError(e, "applying status transitions failed");
                        _lastFailure = e.Message;
                    }
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
