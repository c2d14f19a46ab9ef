using System.Globalization;

namespace ConnectLocal.Core.GlobalResiliency;

/// <summary>The asynchronous status changes of Global Resiliency, by the name the control endpoint uses.</summary>
public static class TransitionKinds
{
    /// <summary>Traffic distribution group CREATION_IN_PROGRESS → ACTIVE.</summary>
    public const string TdgCreate = "tdg-create";

    /// <summary>Traffic distribution group UPDATE_IN_PROGRESS → ACTIVE (after UpdateTrafficDistribution).</summary>
    public const string TdgUpdate = "tdg-update";

    /// <summary>Traffic distribution group PENDING_DELETION → gone.</summary>
    public const string TdgDelete = "tdg-delete";

    /// <summary>Instance INSTANCE_REPLICATION_IN_PROGRESS → INSTANCE_REPLICATION_COMPLETE (the replica becomes ACTIVE).</summary>
    public const string Replication = "replication";

    /// <summary>Replica INSTANCE_REPLICA_DELETING → gone (with its default traffic distribution group).</summary>
    public const string ReplicaDeletion = "replica-deletion";

    /// <summary>A mirrored record's create, update or delete applied to the other Region of a replicated instance (docs/global-resiliency.md).</summary>
    public const string Mirroring = "mirroring";

    // Vocabularies (issue 15, iac branch): docs/vocabularies.md.

    /// <summary>Vocabulary CREATION_IN_PROGRESS → ACTIVE (or CREATION_FAILED with its FailureReason).</summary>
    public const string VocabularyCreate = "vocabulary-create";

    /// <summary>Vocabulary DELETE_IN_PROGRESS → gone.</summary>
    public const string VocabularyDelete = "vocabulary-delete";

    // rules-gaps (issue 18): ReleasePhoneNumber's cooldown.

    /// <summary>A released phone number's cooldown ends: it is back in the pool, searchable and claimable (PhoneNumberService).</summary>
    public const string NumberCooldown = "number-cooldown";

    public static readonly IReadOnlyList<string> All = [TdgCreate, TdgUpdate, TdgDelete, Replication, ReplicaDeletion, VocabularyCreate, VocabularyDelete, Mirroring, NumberCooldown];

    /// <summary>
    /// The delay of a kind when neither the control endpoint nor the configuration sets one; kinds not listed are
    /// immediate. [choice] Vocabularies take 500 ms each way, so that a client sees the in-progress state it waits out
    /// (docs/vocabularies.md). [choice] A released phone number cools down for one day (AWS: up to 180 days; one day
    /// is the longest delay the control endpoint takes), so within a test run it stays out of the pool unless the
    /// delay is set lower (docs/choices.md, rules-gaps).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, TimeSpan> DefaultDelays = new Dictionary<string, TimeSpan>(StringComparer.Ordinal)
    {
        [VocabularyCreate] = TimeSpan.FromMilliseconds(500),
        [VocabularyDelete] = TimeSpan.FromMilliseconds(500),
        [NumberCooldown] = TimeSpan.FromMilliseconds(Transitions.MaxDelayMilliseconds),
    };
}

/// <summary>
/// Schedules and applies status transitions. A transition whose delay is zero and whose kind is not on hold is
/// applied inside the request that caused it (so the response already shows the final status); any other is
/// stored as a <see cref="PendingTransition"/> and applied by <see cref="ApplyDue"/>, which the background worker
/// calls with its clock — also after a restart, for transitions that fell due while the server was down.
/// </summary>
public static class Transitions
{
    /// <summary>Transitions and the control settings belong to no account: one scope for the whole store.</summary>
    private static readonly ResourceScope Scope = new("~system", "~system", "~transitions");

    public static TransitionControl Control(IStoreSession session) =>
        session.Get<TransitionControl>(Scope, TransitionControl.SingletonId) ?? new TransitionControl();

    /// <summary>
    /// [choice] The longest delay the control endpoint takes: one day. Longer ones would only park a transition
    /// for ever, and values near <see cref="long.MaxValue"/> milliseconds are past what a date can hold.
    /// </summary>
    public const long MaxDelayMilliseconds = 24L * 60 * 60 * 1000;

    /// <summary>
    /// The delay of a kind: the stored override, else the configured delay. A stored override outside
    /// 0..<see cref="MaxDelayMilliseconds"/> (written by an older version or an import) is ignored rather than
    /// failing every operation that schedules a transition.
    /// </summary>
    public static TimeSpan DelayOf(IStoreSession session, ConnectSettings settings, string kind) =>
        Control(session).DelayMilliseconds.TryGetValue(kind, out var ms) && ms is >= 0 and <= MaxDelayMilliseconds ? TimeSpan.FromMilliseconds(ms)
        : settings.TransitionDelays.TryGetValue(kind, out var delay) ? delay
        : TransitionKinds.DefaultDelays.GetValueOrDefault(kind, TimeSpan.Zero);

    public static void Schedule(IStoreSession session, ConnectSettings settings, string kind, string accountId, string region, string targetId, DateTimeOffset now)
    {
        var delay = DelayOf(session, settings, kind);
        if (delay <= TimeSpan.Zero && !Control(session).Held.Contains(kind))
        {
            Apply(session, kind, accountId, region, targetId);
            return;
        }

        var due = now + (delay < TimeSpan.Zero ? TimeSpan.Zero : delay);
        session.Put(Scope, new PendingTransition
        {
            Id = due.UtcTicks.ToString("D20", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N"),
            TransitionKind = kind,
            AccountId = accountId,
            Region = region,
            TargetId = targetId,
            DueAt = due,
        });
    }

    public static IReadOnlyList<PendingTransition> Pending(IStoreSession session) => session.All<PendingTransition>(Scope);

    /// <summary>Whether <see cref="ApplyDue"/> would change anything (lets the worker poll with a read).</summary>
    public static bool AnyDue(IStoreSession session, DateTimeOffset now, IReadOnlySet<string>? skip = null) => DueIds(session, now, skip).Count > 0;

    /// <summary>The ids of the transitions due at <paramref name="now"/> whose kind is not held, oldest first, less <paramref name="skip"/>.</summary>
    public static IReadOnlyList<string> DueIds(IStoreSession session, DateTimeOffset now, IReadOnlySet<string>? skip = null)
    {
        var held = Control(session).Held;
        return Pending(session).Where(t => t.DueAt <= now && !held.Contains(t.TransitionKind) && skip?.Contains(t.Id) != true).Select(t => t.Id).ToList();
    }

    /// <summary>Applies every transition due at <paramref name="now"/> whose kind is not held, oldest first; returns how many.</summary>
    public static int ApplyDue(IStoreSession session, DateTimeOffset now, IReadOnlySet<string>? skip = null)
    {
        var applied = 0;
        foreach (var id in DueIds(session, now, skip))
        {
            applied += ApplyOne(session, id) ? 1 : 0;
        }

        return applied;
    }

    /// <summary>Applies one pending transition and removes it; false when it is no longer pending.</summary>
    public static bool ApplyOne(IStoreSession session, string id)
    {
        if (session.Get<PendingTransition>(Scope, id) is not { } t)
        {
            return false;
        }

        Apply(session, t.TransitionKind, t.AccountId, t.Region, t.TargetId);
        session.Delete<PendingTransition>(Scope, t.Id);
        return true;
    }

    public static TransitionControl Hold(IStoreSession session, string kind)
    {
        var control = Control(session);
        if (!control.Held.Contains(kind))
        {
            control = control with { Held = [.. control.Held, kind] };
            session.Put(Scope, control);
        }

        return control;
    }

    /// <summary>Lifts the hold on <paramref name="kind"/> (every kind when null).</summary>
    public static TransitionControl Release(IStoreSession session, string? kind)
    {
        var control = Control(session);
        control = control with { Held = kind is null ? [] : control.Held.Where(k => k != kind).ToList() };
        session.Put(Scope, control);
        return control;
    }

    /// <summary>Overrides the configured delay of each given kind (null removes the override).</summary>
    public static TransitionControl SetDelays(IStoreSession session, IReadOnlyDictionary<string, long?> delays)
    {
        var control = Control(session);
        var merged = new Dictionary<string, long>(control.DelayMilliseconds, StringComparer.Ordinal);
        foreach (var (kind, ms) in delays)
        {
            if (ms is { } value)
            {
                merged[kind] = value;
            }
            else
            {
                merged.Remove(kind);
            }
        }

        control = control with { DelayMilliseconds = merged };
        session.Put(Scope, control);
        return control;
    }

    /// <summary>
    /// One transition. Each checks that its target is still in the state it leaves, so a transition whose target
    /// was removed or changed meanwhile does nothing.
    /// </summary>
    private static void Apply(IStoreSession session, string kind, string accountId, string region, string targetId)
    {
        switch (kind)
        {
            case TransitionKinds.TdgCreate:
                TrafficDistributionService.FinishStatus(session, accountId, region, targetId, TrafficDistributionGroup.CreationInProgress);
                break;
            case TransitionKinds.TdgUpdate:
                TrafficDistributionService.FinishStatus(session, accountId, region, targetId, TrafficDistributionGroup.UpdateInProgress);
                break;
            case TransitionKinds.TdgDelete:
                TrafficDistributionService.FinishDeletion(session, accountId, region, targetId);
                break;
            case TransitionKinds.Replication:
                ReplicationService.FinishReplication(session, accountId, region, targetId);
                break;
            case TransitionKinds.ReplicaDeletion:
                ReplicationService.FinishReplicaDeletion(session, accountId, region, targetId);
                break;
            case TransitionKinds.Mirroring:
                GlobalResiliency.Mirroring.Apply(session, accountId, region, targetId);
                break;
            case TransitionKinds.VocabularyCreate:
                Vocabularies.VocabularyService.FinishCreation(session, accountId, region, targetId);
                break;
            case TransitionKinds.VocabularyDelete:
                Vocabularies.VocabularyService.FinishDeletion(session, accountId, region, targetId);
                break;
            case TransitionKinds.NumberCooldown:
                PhoneNumberService.FinishCooldown(session, accountId, targetId);
                break;
            default:
                throw new InvalidOperationException($"unknown transition kind '{kind}'");
        }
    }
}
