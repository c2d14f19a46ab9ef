using System.Globalization;
using System.Text.Json;
using ConnectLocal.Core.Ports;

namespace ConnectLocal.Storage;

/// <summary>
/// Whether the records of an import can be read back: an import is checked whole before anything is written, so
/// that a record the server could not deserialize (which would then fail every request of its account, or a
/// background worker on every tick) never reaches the store.
/// </summary>
public static class ImportCheck
{
    /// <summary>The account, Region and parent of the store's own records (the transition schedule); no AWS account looks like it.</summary>
    public const string SystemAccount = "~system";

    private const string SystemParent = "~transitions";

    /// <summary>Every stored kind (<see cref="StoredKinds"/>), by its name.</summary>
    private static readonly Dictionary<string, StoredKind> Kinds = StoredKinds.All.ToDictionary(k => k.Kind, StringComparer.Ordinal);

    private static readonly HashSet<string> SystemKinds = new(StringComparer.Ordinal)
    {
        Core.GlobalResiliency.PendingTransition.Kind,
        Core.GlobalResiliency.TransitionControl.Kind,
    };

    /// <summary>
    /// The first problem of <paramref name="records"/>, naming the record by its index; null when every record can
    /// be read back. <paramref name="wholeStore"/>: the store's own records (<see cref="SystemAccount"/>) are taken
    /// only from a whole-store export, and only of the kinds the store keeps there.
    /// </summary>
    public static string? Problem(IReadOnlyList<StoredRecord> records, bool wholeStore)
    {
        for (var i = 0; i < records.Count; i++)
        {
            if (Problem(records[i], wholeStore) is { } problem)
            {
                return $"resources[{i.ToString(CultureInfo.InvariantCulture)}] ({records[i].Kind} {records[i].Id}): {problem}";
            }
        }

        return null;
    }

    /// <summary>What keeps one record from being imported; null when it can be read back.</summary>
    public static string? Problem(StoredRecord record, bool wholeStore)
    {
        if (record.AccountId == SystemAccount)
        {
            if (!wholeStore || record.Region != SystemAccount || record.Parent != SystemParent || !SystemKinds.Contains(record.Kind))
            {
                return $"the account '{SystemAccount}' is ConnectLocal's own; an import carries only its transition schedule, in a whole-store export";
            }
        }
        else if (record.AccountId.Length != 12 || !record.AccountId.All(char.IsAsciiDigit))
        {
            return $"account '{record.AccountId}' is not a 12-digit AWS account id";
        }
        // A Region starting with '~' is one of the store's own groupings inside an account (phone numbers of every Region).
        else if (record.Region.Length < 2 || !record.Region.Skip(record.Region[0] == '~' ? 1 : 0).All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            return $"'{record.Region}' is not a Region name";
        }

        if (!Kinds.TryGetValue(record.Kind, out var kind))
        {
            return $"unknown kind '{record.Kind}'";
        }

        object? value;
        string? id;
        try
        {
            (value, id) = kind.Read(record.Data);
        }
        catch (JsonException e)
        {
            return $"its data is not a {record.Kind}: {e.Message}";
        }

        if (value is null)
        {
            return "its data is null";
        }

        if (id is not null && id != record.Id)
        {
            return $"its data has the id '{id}', not '{record.Id}'";
        }

        if (record.AccountId == SystemAccount && value is Core.GlobalResiliency.PendingTransition t
            && (t.AccountId.Length != 12 || !t.AccountId.All(char.IsAsciiDigit) || !Core.GlobalResiliency.TransitionKinds.All.Contains(t.TransitionKind)))
        {
            return "a pending transition of an unknown kind or account";
        }

        return null;
    }
}
