using System.Globalization;
using System.Text.RegularExpressions;
using ConnectLocal.Core.Instances;

namespace ConnectLocal.Core.GlobalResiliency;

public sealed record ImportPhoneNumberCommand(
    string InstanceId,
    string SourcePhoneNumberArn,
    string? Description,
    IReadOnlyDictionary<string, string> Tags,
    string? ClientToken);

/// <summary>
/// ImportPhoneNumber (docs/global-resiliency.md, "Importing a number"). ConnectLocal has no AWS End User Messaging, so
/// what it accepts and what it imports are [choice]s: the source is an End User Messaging phone-number ARN of the
/// caller's account and Region (arn:aws:sms-voice:{region}:{account}:phone-number/phone-{32 hex digits}); another
/// account's or Region's is not found (the number cannot be seen from here, and the operation runs only in the
/// instance's Region); anything else is an invalid parameter. The number imported is a US toll-free number of the
/// fictional range +1 833 555 0100–0199, picked from the source id (the next free one when taken), so the same
/// source always imports the same number on a fresh server. A source imported already (to any instance of the
/// account) is an invalid parameter, as claiming a claimed number is. The imported number is a claimed number like
/// any other (describe, list, move, flows, release), showing SourcePhoneNumberArn.
/// </summary>
public sealed partial class PhoneNumberImport(IConnectStore store, ConnectSettings settings)
{
    public const string CountryCode = "US";
    public const string ImportedType = PhoneNumberPool.TollFree;
    private const string RangePrefix = "+1833555";
    private const int RangeFirst = 100;

    public ClaimedPhoneNumber Import(Caller caller, ImportPhoneNumberCommand command) => store.Write(session =>
    {
        var scope = PhoneNumberService.NumbersScope(caller.AccountId);
        var fingerprint = string.Join('\n', command.InstanceId, command.SourcePhoneNumberArn, command.Description,
            string.Join('\n', command.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Key + "=" + t.Value)));
        if (Idempotency.Replay(session, caller, "ImportPhoneNumber", command.ClientToken, fingerprint) is { } replayed)
        {
            return session.Get<ClaimedPhoneNumber>(scope, replayed)
                ?? throw Errors.InvalidParameter(ErrorTexts.PhoneNumberOfClientTokenReleased);
        }

        var instance = InstanceService.Require(session, caller, command.InstanceId);
        var sourceId = SourceId(caller, command.SourcePhoneNumberArn);
        var numbers = session.All<ClaimedPhoneNumber>(scope).ToList();
        if (numbers.Any(n => n.SourcePhoneNumberArn == command.SourcePhoneNumberArn))
        {
            throw Errors.InvalidParameter(ErrorTexts.PhoneNumberAlreadyImported(command.SourcePhoneNumberArn));
        }

        if (numbers.Count(n => n.Region == caller.Region) >= settings.PhoneNumbersPerRegion)
        {
            // As ClaimPhoneNumber: [choice] the quota is an invalid parameter (the operation models no quota error).
            throw Errors.InvalidParameter(ErrorTexts.PhoneNumbersPerRegion(settings.PhoneNumbersPerRegion, caller.Region));
        }

        var start = (int)(Convert.ToUInt32(sourceId[..8], 16) % PhoneNumberPool.Size);
        var phoneNumber = Enumerable.Range(0, PhoneNumberPool.Size)
            .Select(i => RangePrefix + (RangeFirst + ((start + i) % PhoneNumberPool.Size)).ToString("D4", CultureInfo.InvariantCulture))
            .FirstOrDefault(n => session.GetByName<ClaimedPhoneNumber>(scope, n) is null)
            ?? throw Errors.InvalidParameter(ErrorTexts.NoPhoneNumberToImport);

        var number = new ClaimedPhoneNumber
        {
            Id = DefaultResources.NewId(),
            AccountId = caller.AccountId,
            Region = caller.Region,
            PhoneNumber = phoneNumber,
            CountryCode = CountryCode,
            Type = ImportedType,
            Description = command.Description,
            TargetArn = instance.Arn,
            InstanceId = instance.Id,
            Status = ClaimedPhoneNumber.Claimed,
            ClaimedTime = caller.Now,
            SourcePhoneNumberArn = command.SourcePhoneNumberArn,
            Tags = command.Tags,
        };
        session.Put(scope, number);
        Idempotency.Remember(session, caller, "ImportPhoneNumber", command.ClientToken, fingerprint, number.Id);
        return number;
    });

    /// <summary>The End User Messaging id (phone-…) the ARN names; see the class summary for what is refused and how.</summary>
    private static string SourceId(Caller caller, string arn)
    {
        var match = SourceArn().Match(arn);
        if (!match.Success)
        {
            throw Errors.InvalidParameter(ErrorTexts.NotAnImportablePhoneNumberArn(arn));
        }

        if (match.Groups["account"].Value != caller.AccountId || match.Groups["region"].Value != caller.Region
            || match.Groups["partition"].Value != Arns.PartitionOf(caller.Region))
        {
            throw Errors.NotFound(ErrorTexts.PhoneNumberNoun);
        }

        return match.Groups["id"].Value;
    }

    [GeneratedRegex("^arn:(?<partition>aws|aws-cn|aws-us-gov):sms-voice:(?<region>[a-z0-9-]+):(?<account>[0-9]{12}):phone-number/phone-(?<id>[0-9a-f]{32})$")]
    private static partial Regex SourceArn();
}
