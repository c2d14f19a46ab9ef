using ConnectLocal.Core.Common;
using ConnectLocal.Core.GlobalResiliency;
using ConnectLocal.Core.Ports;

namespace ConnectLocal.Tests.Storage;

/// <summary>
/// The storage contract: what the domain relies on from every backend of <see cref="IConnectStore"/>. Written once
/// and run against each backend by a class that says how to open one (<c>Backends.cs</c>). Each test gets a fresh,
/// empty store.
/// </summary>
public abstract class StoreContract : IDisposable
{
    protected const string Account = "111111111111";
    protected const string OtherAccount = "222222222222";
    protected const string Region = "us-east-1";
    protected static readonly ResourceScope Scope = new(Account, Region, "instance-1");
    protected static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private readonly List<IDisposable> _opened = [];
    private IConnectStore? _store;

    /// <summary>The store under test, opened on fresh storage at first use.</summary>
    protected IConnectStore Store => _store ??= Track(OpenStore());

    protected IStoreArchive Archive => (IStoreArchive)Store;

    /// <summary>Opens the store under test on this test's (empty) storage.</summary>
    protected abstract IConnectStore OpenStore();

    /// <summary>Another, empty store of the same backend (the target of an import).</summary>
    protected abstract IConnectStore OpenFreshStore();

    protected IConnectStore Track(IConnectStore store)
    {
        if (store is IDisposable disposable)
        {
            _opened.Add(disposable);
        }

        return store;
    }

    /// <summary>Closes the store under test, so that the next use of <see cref="Store"/> opens it again.</summary>
    protected void CloseStore()
    {
        if (_store is IDisposable disposable)
        {
            disposable.Dispose();
            _opened.Remove(disposable);
        }

        _store = null;
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        foreach (var store in _opened)
        {
            store.Dispose();
        }

        _opened.Clear();
    }

    protected static Probe P(string id, string? label = null, int counter = 0) => new() { Id = id, Label = label, Counter = counter };

    private Probe? Get(string id, ResourceScope? scope = null) => Store.Read(s => s.Get<Probe>(scope ?? Scope, id));

    private long VersionOf(string id, ResourceScope? scope = null) => Store.Read(s => s.Version<Probe>(scope ?? Scope, id));

    private void Put(params Probe[] probes) => Store.Write(s =>
    {
        foreach (var p in probes)
        {
            s.Put(Scope, p);
        }

        return probes.Length;
    });

    [BackendFact]
    public void Change_feed_lists_committed_writes_in_commit_order_and_nothing_of_a_rolled_back_one()
    {
        var feed = Assert.IsAssignableFrom<IStoreChangeFeed>(Store);
        var start = feed.Latest;
        Put(P("p-1"));
        Put(P("p-2"));
        Assert.Throws<InvalidOperationException>(() => Store.Write<int>(s =>
        {
            s.Put(Scope, P("p-3"));
            throw new InvalidOperationException("rolled back");
        }));
        Store.Write(s =>
        {
            s.Delete<Probe>(Scope, "p-1");
            s.DeleteChildren(Account, Region, "instance-9");
            return 0;
        });

        var changes = feed.Since(start)!;

        Assert.Equal("p-1 p-2 p-1 (all)", Ids(changes));
        Assert.Equal([Probe.Kind, Probe.Kind, Probe.Kind, string.Empty], changes.Select(c => c.Kind).ToArray());
        Assert.Equal("instance-9", changes[^1].Parent);
        Assert.All(changes.Take(3), c => Assert.Equal((Account, Region, "instance-1"), (c.AccountId, c.Region, c.Parent)));
        Assert.True(changes.Zip(changes.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence), "sequences increase");
        Assert.Equal(changes[^1].Sequence, feed.Latest);
        Assert.Empty(feed.Since(feed.Latest)!);
        Assert.Equal("p-2 p-1 (all)", Ids(feed.Since(changes[0].Sequence)!));
        Assert.Null(feed.Since(feed.Latest + 1));
    }

    private static string Ids(IEnumerable<StoreChange> changes) => string.Join(" ", changes.Select(c => c.Id ?? "(all)"));

    [BackendFact]
    public void Stored_resource_reads_back_exactly_as_put()
    {
        var probe = new Probe
        {
            Id = "p-1",
            Label = "Ünïcödé \"quoted\" <label>",
            Counter = 42,
            Items = ["b", "a", "b"],
            Tags = new Dictionary<string, string> { ["team"] = "blue", ["empty"] = string.Empty },
            When = new DateTimeOffset(2026, 5, 6, 7, 8, 9, 123, TimeSpan.FromHours(2)),
        };
        Put(probe);

        var read = Get("p-1")!;

        Assert.Equal(probe.Label, read.Label);
        Assert.Equal(42, read.Counter);
        Assert.Equal(["b", "a", "b"], read.Items);
        Assert.Equal(probe.Tags, read.Tags);
        Assert.Equal(probe.When, read.When);
        Assert.Equal(probe.When!.Value.Offset, read.When!.Value.Offset);
    }

    [BackendFact]
    public void Get_finds_nothing_for_an_unknown_id_another_scope_or_another_kind()
    {
        Put(P("p-1"));

        Assert.Null(Get("p-2"));
        Assert.Null(Get("p-1", Scope with { AccountId = OtherAccount }));
        Assert.Null(Get("p-1", Scope with { Region = "us-west-2" }));
        Assert.Null(Get("p-1", Scope with { Parent = "instance-2" }));
        Assert.Null(Store.Read(s => s.Get<OtherProbe>(Scope, "p-1")));
        Assert.NotNull(Get("p-1"));
    }

    [BackendFact]
    public void Put_of_an_existing_id_replaces_it_and_counts_a_new_version()
    {
        Assert.Equal(0, VersionOf("p-1"));
        Put(P("p-1", counter: 1));
        Assert.Equal(1, VersionOf("p-1"));

        Put(P("p-1", counter: 2));
        Put(P("p-1", counter: 3));

        Assert.Equal(3, Get("p-1")!.Counter);
        Assert.Equal(3, VersionOf("p-1"));
        Assert.Single(Store.Read(s => s.All<Probe>(Scope)));
    }

    [BackendFact]
    public void PutIfVersion_creates_only_when_absent_and_updates_only_at_the_expected_version()
    {
        Assert.True(Store.Write(s => s.PutIfVersion(Scope, P("p-1", counter: 1), 0)));
        Assert.False(Store.Write(s => s.PutIfVersion(Scope, P("p-1", counter: 99), 0)));
        Assert.Equal(1, Get("p-1")!.Counter);

        Assert.True(Store.Write(s => s.PutIfVersion(Scope, P("p-1", "renamed", counter: 2), 1)));
        Assert.Equal(2, VersionOf("p-1"));

        // A stale version is refused and changes nothing, not even the name index.
        Assert.False(Store.Write(s => s.PutIfVersion(Scope, P("p-1", "stale", counter: 98), 1)));
        Assert.Equal(2, Get("p-1")!.Counter);
        Assert.Equal(2, VersionOf("p-1"));
        Assert.Null(Store.Read(s => s.GetByName<Probe>(Scope, "stale")));
        Assert.Equal("p-1", Store.Read(s => s.GetByName<Probe>(Scope, "renamed"))!.Id);

        // An expected version on a missing resource is refused.
        Assert.False(Store.Write(s => s.PutIfVersion(Scope, P("p-2"), 1)));
        Assert.Null(Get("p-2"));
    }

    [BackendFact]
    public void Version_starts_again_at_one_after_a_delete()
    {
        Put(P("p-1"));
        Put(P("p-1"));
        Store.Write(s =>
        {
            s.Delete<Probe>(Scope, "p-1");
            return 0;
        });
        Assert.Equal(0, VersionOf("p-1"));

        Put(P("p-1"));

        Assert.Equal(1, VersionOf("p-1"));
    }

    [BackendFact]
    public void Page_and_All_return_ids_in_ordinal_order_and_page_by_keyset()
    {
        // Ordinal: upper case before lower case, "a10" before "a9", no locale rules.
        string[] ids = ["b", "a9", "B", "a10", "_x", "a", "Z", "ä"];
        Put([.. ids.Select(id => P(id))]);
        var expected = ids.Order(StringComparer.Ordinal).ToList();

        Assert.Equal(expected, Store.Read(s => s.All<Probe>(Scope)).Select(p => p.Id));
        Assert.Equal(expected.Count, Store.Read(s => s.Count<Probe>(Scope)));

        var paged = new List<string>();
        string? after = null;
        while (true)
        {
            var page = Store.Read(s => s.Page<Probe>(Scope, after, 3));
            Assert.True(page.Count <= 3);
            if (page.Count == 0)
            {
                break;
            }

            paged.AddRange(page.Select(p => p.Id));
            after = page[^1].Id;
        }

        Assert.Equal(expected, paged);
    }

    [BackendFact]
    public void Paging_tokens_walk_a_listing_and_refuse_a_token_of_another_listing()
    {
        Put([.. Enumerable.Range(0, 7).Select(i => P($"p-{i}"))]);

        var first = Store.Read(s => Paging.Read<Probe>(s, Scope, "ListProbes", null, 3));
        var second = Store.Read(s => Paging.Read<Probe>(s, Scope, "ListProbes", first.NextToken, 3));
        var third = Store.Read(s => Paging.Read<Probe>(s, Scope, "ListProbes", second.NextToken, 3));

        Assert.Equal(["p-0", "p-1", "p-2", "p-3", "p-4", "p-5", "p-6"], first.Items.Concat(second.Items).Concat(third.Items).Select(p => p.Id));
        Assert.Null(third.NextToken);
        var e = Assert.Throws<DomainException>(() => Store.Read(s => Paging.Read<Probe>(s, Scope, "ListOthers", first.NextToken, 3)));
        Assert.Equal(Paging.InvalidTokenMessage, e.Message);
    }

    [BackendFact]
    public void Count_counts_one_kind_in_one_scope()
    {
        Put(P("p-1"), P("p-2"));
        Store.Write(s =>
        {
            s.Put(Scope, new OtherProbe { Id = "o-1" });
            s.Put(Scope with { Parent = "instance-2" }, P("p-3"));
            return 0;
        });

        Assert.Equal(2, Store.Read(s => s.Count<Probe>(Scope)));
        Assert.Equal(1, Store.Read(s => s.Count<OtherProbe>(Scope)));
        Assert.Equal(0, Store.Read(s => s.Count<Probe>(Scope with { AccountId = OtherAccount })));
    }

    [BackendFact]
    public void GetByName_is_exact_and_follows_renames()
    {
        Put(P("p-1", "Sales"), P("p-2"));

        Assert.Equal("p-1", Store.Read(s => s.GetByName<Probe>(Scope, "Sales"))!.Id);
        Assert.Null(Store.Read(s => s.GetByName<Probe>(Scope, "sales")));
        Assert.Null(Store.Read(s => s.GetByName<Probe>(Scope, "Sales ")));
        Assert.Null(Store.Read(s => s.GetByName<OtherProbe>(Scope, "Sales")));

        Put(P("p-1", "Support"));

        Assert.Null(Store.Read(s => s.GetByName<Probe>(Scope, "Sales")));
        Assert.Equal("p-1", Store.Read(s => s.GetByName<Probe>(Scope, "Support"))!.Id);
    }

    [BackendFact]
    public void Delete_removes_one_resource_and_ignores_a_missing_one()
    {
        Put(P("p-1", "one"), P("p-2"));

        Store.Write(s =>
        {
            s.Delete<Probe>(Scope, "p-1");
            s.Delete<Probe>(Scope, "missing");
            s.Delete<OtherProbe>(Scope, "p-2");
            return 0;
        });

        Assert.Null(Get("p-1"));
        Assert.Null(Store.Read(s => s.GetByName<Probe>(Scope, "one")));
        Assert.NotNull(Get("p-2"));
    }

    [BackendFact]
    public void DeleteChildren_removes_everything_under_a_parent_in_one_account_and_region_only()
    {
        var top = ResourceScope.TopLevel(Account, Region);
        Store.Write(s =>
        {
            s.Put(top, P("instance-1"));
            s.Put(Scope, P("p-1"));
            s.Put(Scope, new OtherProbe { Id = "o-1" });
            s.Put(Scope with { Parent = "instance-2" }, P("p-2"));
            s.Put(Scope with { Region = "us-west-2" }, P("p-3"));
            s.Put(Scope with { AccountId = OtherAccount }, P("p-4"));
            return 0;
        });

        Store.Write(s =>
        {
            s.DeleteChildren(Account, Region, "instance-1");
            return 0;
        });

        Assert.Null(Get("p-1"));
        Assert.Null(Store.Read(s => s.Get<OtherProbe>(Scope, "o-1")));
        Assert.NotNull(Get("instance-1", top));
        Assert.NotNull(Get("p-2", Scope with { Parent = "instance-2" }));
        Assert.NotNull(Get("p-3", Scope with { Region = "us-west-2" }));
        Assert.NotNull(Get("p-4", Scope with { AccountId = OtherAccount }));
    }

    [BackendFact]
    public void Secret_is_created_once_and_kept()
    {
        var first = Store.Write(s => s.Secret("page-token"));
        var again = Store.Read(s => s.Secret("page-token"));
        var other = Store.Write(s => s.Secret("another"));

        Assert.Equal(32, first.Length);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [BackendFact]
    public void Idempotency_record_replays_the_first_result_and_refuses_a_different_request()
    {
        var caller = new Caller(Account, Region, T0, "request-1");
        Assert.Equal("id-1", CreateWithToken(Store, caller, "token-1", "fingerprint-a"));

        Assert.Equal("id-1", CreateWithToken(Store, caller, "token-1", "fingerprint-a", newId: "id-2"));
        var e = Assert.Throws<DomainException>(() => CreateWithToken(Store, caller, "token-1", "fingerprint-b", newId: "id-3"));
        Assert.Equal(DomainErrorKind.Conflict, e.Kind);
        // Tokens belong to one account and Region; no token means no replay.
        Assert.Equal("id-4", CreateWithToken(Store, caller with { AccountId = OtherAccount }, "token-1", "fingerprint-a", newId: "id-4"));
        Assert.Equal("id-5", CreateWithToken(Store, caller, null, "fingerprint-a", newId: "id-5"));
        Assert.Equal(["id-1", "id-5"], Store.Read(s => s.All<Probe>(Scope)).Select(p => p.Id));
    }

    /// <summary>What a create with a ClientToken does: replay the first result, or create and remember.</summary>
    protected static string CreateWithToken(IConnectStore store, Caller caller, string? token, string fingerprint, string? newId = null) => store.Write(s =>
    {
        if (Idempotency.Replay(s, caller, "CreateProbe", token, fingerprint) is { } existing)
        {
            return existing;
        }

        var id = newId ?? "id-1";
        s.Put(Scope with { AccountId = caller.AccountId }, P(id));
        Idempotency.Remember(s, caller, "CreateProbe", token, fingerprint, id);
        return id;
    });

    protected static readonly ConnectSettings DelayedCreate = new()
    {
        TransitionDelays = new Dictionary<string, TimeSpan> { [TransitionKinds.TdgCreate] = TimeSpan.FromSeconds(5) },
    };

    protected static TrafficDistributionGroup Group(string id) => new()
    {
        Id = id,
        AccountId = Account,
        Region = Region,
        ReplicaRegion = "us-west-2",
        InstanceId = "instance-1",
        Name = "group " + id,
        Status = TrafficDistributionGroup.CreationInProgress,
        CreatedTime = T0,
    };

    protected static void CreateGroupWithPendingTransition(IStoreSession s, string id)
    {
        s.Put(ResourceScope.TopLevel(Account, Region), Group(id));
        Transitions.Schedule(s, DelayedCreate, TransitionKinds.TdgCreate, Account, Region, id, T0);
    }

    protected static TrafficDistributionGroup StoredGroup(IConnectStore store, string id) =>
        store.Read(s => s.Get<TrafficDistributionGroup>(ResourceScope.TopLevel(Account, Region), id))!;

    protected static long GroupVersion(IConnectStore store, string id) =>
        store.Read(s => s.Version<TrafficDistributionGroup>(ResourceScope.TopLevel(Account, Region), id));

    [BackendFact]
    public void Scheduled_transition_is_applied_when_due_and_only_once()
    {
        Store.Write(s =>
        {
            CreateGroupWithPendingTransition(s, "g-1");
            return 0;
        });
        Assert.Single(Store.Read(Transitions.Pending));

        Assert.False(Store.Read(s => Transitions.AnyDue(s, T0.AddSeconds(4))));
        Assert.Equal(0, Store.Write(s => Transitions.ApplyDue(s, T0.AddSeconds(4))));
        Assert.Equal(TrafficDistributionGroup.CreationInProgress, StoredGroup(Store, "g-1").Status);

        Assert.True(Store.Read(s => Transitions.AnyDue(s, T0.AddSeconds(5))));
        Assert.Equal(1, Store.Write(s => Transitions.ApplyDue(s, T0.AddSeconds(5))));
        Assert.Equal(0, Store.Write(s => Transitions.ApplyDue(s, T0.AddSeconds(60))));

        Assert.Equal(TrafficDistributionGroup.Active, StoredGroup(Store, "g-1").Status);
        Assert.Empty(Store.Read(Transitions.Pending));
        Assert.Equal(2, GroupVersion(Store, "g-1"));
    }

    [BackendFact]
    public void Held_transition_waits_until_released_and_the_hold_is_stored()
    {
        Store.Write(s =>
        {
            Transitions.Hold(s, TransitionKinds.TdgCreate);
            CreateGroupWithPendingTransition(s, "g-1");
            return 0;
        });

        Assert.Equal(0, Store.Write(s => Transitions.ApplyDue(s, T0.AddMinutes(1))));
        Assert.Equal([TransitionKinds.TdgCreate], Store.Read(Transitions.Control).Held);

        Assert.Equal(1, Store.Write(s =>
        {
            Transitions.Release(s, TransitionKinds.TdgCreate);
            return Transitions.ApplyDue(s, T0.AddMinutes(1));
        }));
        Assert.Equal(TrafficDistributionGroup.Active, StoredGroup(Store, "g-1").Status);
    }

    [BackendFact]
    public void Write_that_throws_stores_nothing_of_what_it_did()
    {
        Put(P("keep", "kept", counter: 1), P("child"));

        var e = Assert.Throws<DomainException>(() => Store.Write<int>(s =>
        {
            s.Put(Scope, P("new"));
            s.Put(Scope, P("keep", "changed", counter: 2));
            s.Delete<Probe>(Scope, "child");
            s.DeleteChildren(Account, Region, "instance-1");
            Idempotency.Remember(s, new Caller(Account, Region, T0, "r"), "CreateProbe", "token", "fp", "new");
            throw new DomainException(DomainErrorKind.InvalidParameter, "refused half way");
        }));

        Assert.Equal("refused half way", e.Message);
        Assert.Null(Get("new"));
        Assert.Equal(1, Get("keep")!.Counter);
        Assert.Equal(1, VersionOf("keep"));
        Assert.Equal("keep", Store.Read(s => s.GetByName<Probe>(Scope, "kept"))!.Id);
        Assert.NotNull(Get("child"));
        Assert.Null(Store.Read(s => Idempotency.Replay(s, new Caller(Account, Region, T0, "r"), "CreateProbe", "token", "fp")));

        // The store is usable afterwards.
        Put(P("after"));
        Assert.NotNull(Get("after"));
    }

    [BackendFact]
    public void Concurrent_read_modify_writes_lose_no_update_and_count_every_version()
    {
        Put(P("counter"));
        const int threads = 8, each = 25;

        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ =>
        {
            for (var i = 0; i < each; i++)
            {
                Increment(Store, "counter");
            }
        });

        Assert.Equal(threads * each, Get("counter")!.Counter);
        Assert.Equal(1 + (threads * each), VersionOf("counter"));
    }

    [BackendFact]
    public void Failed_writes_among_concurrent_writes_leave_the_others_committed()
    {
        Put(P("counter"));
        const int threads = 8, each = 20;
        var failures = 0;

        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            for (var i = 0; i < each; i++)
            {
                if (i % 2 == 0)
                {
                    Increment(Store, "counter");
                    continue;
                }

                try
                {
                    Store.Write<int>(s =>
                    {
                        s.Put(Scope, P($"ghost-{t}-{i}"));
                        Increment(s, "counter");
                        throw new InvalidOperationException("this write fails");
                    });
                }
                catch (InvalidOperationException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        });

        Assert.Equal(threads * each / 2, failures);
        Assert.Equal(threads * each / 2, Get("counter")!.Counter);
        Assert.Equal(1 + (threads * each / 2), VersionOf("counter"));
        Assert.Equal(["counter"], Store.Read(s => s.All<Probe>(Scope)).Select(p => p.Id));
    }

    protected static void Increment(IConnectStore store, string id) => store.Write(s =>
    {
        Increment(s, id);
        return 0;
    });

    private static void Increment(IStoreSession s, string id)
    {
        var current = s.Get<Probe>(Scope, id)!;
        s.Put(Scope, current with { Counter = current.Counter + 1 });
    }

    [BackendFact]
    public void Export_then_import_into_an_empty_store_reproduces_records_versions_secrets_and_page_tokens()
    {
        Put(P("p-1", "one"), P("p-2"), P("p-3"));
        Put(P("p-1", "one", counter: 5));
        Store.Write(s =>
        {
            s.Put(Scope with { AccountId = OtherAccount }, P("q-1"));
            CreateGroupWithPendingTransition(s, "g-1");
            return 0;
        });
        var token = Store.Read(s => Paging.Read<Probe>(s, Scope, "ListProbes", null, 1)).NextToken;
        var snapshot = Archive.Export(RecordFilter.Everything, withSecrets: true);

        var target = Track(OpenFreshStore());
        ((IStoreArchive)target).Import(snapshot, replaceAccounts: null);

        var copy = ((IStoreArchive)target).Export(RecordFilter.Everything, withSecrets: true);
        Assert.Equal(snapshot.Records, copy.Records);
        Assert.Equal(snapshot.Secrets.Keys, copy.Secrets.Keys);
        Assert.All(snapshot.Secrets, kv => Assert.Equal(kv.Value, copy.Secrets[kv.Key]));
        Assert.Equal(2, target.Read(s => s.Version<Probe>(Scope, "p-1")));
        Assert.Equal("p-1", target.Read(s => s.GetByName<Probe>(Scope, "one"))!.Id);
        Assert.Equal(["p-2"], target.Read(s => Paging.Read<Probe>(s, Scope, "ListProbes", token, 1)).Items.Select(p => p.Id));
        Assert.Equal(1, target.Write(s => Transitions.ApplyDue(s, T0.AddMinutes(1))));
    }

    [BackendFact]
    public void Import_of_one_account_replaces_that_account_and_leaves_the_others()
    {
        Put(P("p-1"), P("p-2"));
        var snapshot = Archive.Export(new RecordFilter(AccountId: Account), withSecrets: false);
        Assert.Empty(snapshot.Secrets);
        Assert.Equal(["p-1", "p-2"], snapshot.Records.Select(r => r.Id));

        var target = Track(OpenFreshStore());
        target.Write(s =>
        {
            s.Put(Scope, P("stale"));
            s.Put(Scope with { AccountId = OtherAccount }, P("other"));
            return 0;
        });
        var secret = target.Write(s => s.Secret("page-token"));
        ((IStoreArchive)target).Import(snapshot, replaceAccounts: [Account]);

        Assert.Equal(["p-1", "p-2"], target.Read(s => s.All<Probe>(Scope)).Select(p => p.Id));
        Assert.NotNull(target.Read(s => s.Get<Probe>(Scope with { AccountId = OtherAccount }, "other")));
        Assert.Equal(secret, target.Read(s => s.Secret("page-token")));
    }

    [BackendFact]
    public void An_import_whose_records_fail_part_way_changes_nothing()
    {
        Put(P("p-1"), P("p-2"));
        var records = Archive.Export(new RecordFilter(AccountId: Account), withSecrets: false).Records;
        var target = Track(OpenFreshStore());
        target.Write(s =>
        {
            s.Put(Scope, P("kept"));
            return 0;
        });

        // Records read as they stream: the second is refused after the first was inserted (and the account emptied).
        IEnumerable<StoredRecord> FailingAtTheSecond()
        {
            yield return records[0];
            throw new InvalidDataException("refused part-way");
        }

        Assert.Throws<InvalidDataException>(() => ((IStoreArchive)target).Import(FailingAtTheSecond(), new Dictionary<string, byte[]>(), [Account]));

        Assert.Equal(["kept"], target.Read(s => s.All<Probe>(Scope)).Select(p => p.Id));
    }

    [BackendFact]
    public void Export_filter_reads_one_record_with_its_version()
    {
        Put(P("p-1"), P("p-2"));
        Put(P("p-2", counter: 7));

        var records = Archive.Export(new RecordFilter(Account, Region, Probe.Kind, Scope.Parent, "p-2"), withSecrets: false).Records;

        var record = Assert.Single(records);
        Assert.Equal(2, record.Version);
        Assert.Contains("\"Counter\":7", record.Data, StringComparison.Ordinal);
    }
}

/// <summary>
/// The part of the contract for stores that outlive the process and can be shared (a SQLite file, a PostgreSQL
/// database): reopening, schema versions, and two stores on one database acting as two nodes.
/// </summary>
public abstract class SharedStoreContract : StoreContract
{
    /// <summary>Another store on the same storage as <see cref="StoreContract.Store"/> (a second node).</summary>
    protected abstract IConnectStore OpenSecondNode();

    /// <summary>Writes <paramref name="version"/> as the stored schema version, as a newer ConnectLocal would.</summary>
    protected abstract void SetStoredSchemaVersion(int version);

    /// <summary>Lays out this test's storage as ConnectLocal schema 1 did (no versions), with one probe p-1 in <see cref="StoreContract.Scope"/>.</summary>
    protected abstract void CreateSchemaVersion1WithOneProbe();

    protected abstract int CurrentSchemaVersion { get; }

    [BackendFact]
    public void Reopened_store_keeps_resources_versions_and_secrets()
    {
        Store.Write(s =>
        {
            s.Put(Scope, P("p-1", "one"));
            s.Put(Scope, P("p-1", "one", counter: 2));
            return 0;
        });
        var secret = Store.Write(s => s.Secret("page-token"));

        CloseStore();

        Assert.Equal(2, Store.Read(s => s.Get<Probe>(Scope, "p-1"))!.Counter);
        Assert.Equal(2, Store.Read(s => s.Version<Probe>(Scope, "p-1")));
        Assert.Equal("p-1", Store.Read(s => s.GetByName<Probe>(Scope, "one"))!.Id);
        Assert.Equal(secret, Store.Read(s => s.Secret("page-token")));
    }

    [BackendFact]
    public void Store_refuses_a_database_of_a_newer_schema_with_a_clear_message_and_leaves_it_alone()
    {
        Store.Write(s =>
        {
            s.Put(Scope, P("p-1"));
            return 0;
        });
        CloseStore();
        SetStoredSchemaVersion(CurrentSchemaVersion + 1);

        var e = Assert.Throws<InvalidOperationException>(OpenStore);

        Assert.Contains($"newer ConnectLocal (schema {CurrentSchemaVersion + 1}; this version understands up to {CurrentSchemaVersion})", e.Message, StringComparison.Ordinal);
        SetStoredSchemaVersion(CurrentSchemaVersion);
        Assert.NotNull(Store.Read(s => s.Get<Probe>(Scope, "p-1")));
    }

    [BackendFact]
    public void Schema_1_database_is_migrated_in_place_and_keeps_its_resources()
    {
        CreateSchemaVersion1WithOneProbe();

        Assert.Equal(7, Store.Read(s => s.Get<Probe>(Scope, "p-1"))!.Counter);
        Assert.Equal(1, Store.Read(s => s.Version<Probe>(Scope, "p-1")));
        Store.Write(s =>
        {
            s.Put(Scope, P("p-1", counter: 8));
            return 0;
        });
        Assert.Equal(2, Store.Read(s => s.Version<Probe>(Scope, "p-1")));
    }

    [BackendFact]
    public void Two_nodes_writing_one_resource_lose_no_update_and_count_every_version()
    {
        Store.Write(s =>
        {
            s.Put(Scope, P("counter"));
            return 0;
        });
        var second = Track(OpenSecondNode());
        const int each = 60;

        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, worker =>
        {
            var node = worker % 2 == 0 ? Store : second;
            for (var i = 0; i < each; i++)
            {
                Increment(node, "counter");
            }
        });

        Assert.Equal(4 * each, second.Read(s => s.Get<Probe>(Scope, "counter"))!.Counter);
        Assert.Equal(1 + (4 * each), Store.Read(s => s.Version<Probe>(Scope, "counter")));
    }

    [BackendFact]
    public void Scheduled_transitions_run_exactly_once_with_two_workers()
    {
        const int groups = 30;
        Store.Write(s =>
        {
            for (var i = 0; i < groups; i++)
            {
                CreateGroupWithPendingTransition(s, $"g-{i:D2}");
            }

            return 0;
        });
        var second = Track(OpenSecondNode());
        var applied = new int[2];
        var due = T0.AddSeconds(5);

        // What TransitionWorker.RunOnce does on each node, as fast as it can, until nothing is left.
        Parallel.For(0, 2, new ParallelOptions { MaxDegreeOfParallelism = 2 }, worker =>
        {
            var node = worker == 0 ? Store : second;
            while (node.Read(s => Transitions.Pending(s).Count) > 0)
            {
                applied[worker] += node.Read(s => Transitions.AnyDue(s, due)) ? node.Write(s => Transitions.ApplyDue(s, due)) : 0;
            }
        });

        Assert.Equal(groups, applied[0] + applied[1]);
        for (var i = 0; i < groups; i++)
        {
            Assert.Equal(TrafficDistributionGroup.Active, StoredGroup(Store, $"g-{i:D2}").Status);
            Assert.Equal(2, GroupVersion(Store, $"g-{i:D2}"));
        }
    }

    [BackendFact]
    public void ClientToken_creates_one_resource_when_two_nodes_race_with_it()
    {
        var second = Track(OpenSecondNode());
        const int tokens = 25;
        var results = new string[tokens * 2];
        using var start = new Barrier(2);

        // Both nodes take the tokens in the same order and start each one together, so every token is a race.
        Parallel.For(0, 2, new ParallelOptions { MaxDegreeOfParallelism = 2 }, node =>
        {
            for (var token = 0; token < tokens; token++)
            {
                start.SignalAndWait();
                var caller = new Caller(Account, Region, T0, $"request-{token}-{node}");
                results[(2 * token) + node] = CreateWithToken(node == 0 ? Store : second, caller, $"token-{token}", "fingerprint", newId: $"id-{token}-{node}");
            }
        });

        for (var token = 0; token < tokens; token++)
        {
            Assert.Equal(results[2 * token], results[(2 * token) + 1]);
        }

        Assert.Equal(tokens, Store.Read(s => s.Count<Probe>(Scope)));
    }

    [BackendFact]
    public void Page_token_issued_by_one_node_continues_on_the_other()
    {
        Store.Write(s =>
        {
            for (var i = 0; i < 5; i++)
            {
                s.Put(Scope, P($"p-{i}"));
            }

            return 0;
        });
        var second = Track(OpenSecondNode());

        var first = Store.Read(s => Paging.Read<Probe>(s, Scope, "ListProbes", null, 2));
        var next = second.Read(s => Paging.Read<Probe>(s, Scope, "ListProbes", first.NextToken, 2));
        var last = Store.Read(s => Paging.Read<Probe>(s, Scope, "ListProbes", next.NextToken, 2));

        Assert.Equal(["p-0", "p-1", "p-2", "p-3", "p-4"], first.Items.Concat(next.Items).Concat(last.Items).Select(p => p.Id));
    }
}
