using System.Text.RegularExpressions;
using ConnectLocal.Core.Instances;

namespace ConnectLocal.Core.Users;

/// <summary>AttributeConfiguration: whether values are validated when associated.</summary>
public sealed record PredefinedAttributeSettings(bool? EnableValueValidationOnAssociation);

/// <summary>
/// A predefined attribute (users-search): a name unique in the instance and its string values. The API names it by its
/// name; the store's id is internal.
/// </summary>
public sealed record PredefinedAttribute : InstanceResource, IResource<PredefinedAttribute>
{
    public static string Kind => "predefined-attribute";

    public required string Name { get; init; }

    public IReadOnlyList<string> Values { get; init => field = value ?? field; } = [];

    public IReadOnlyList<string> Purposes { get; init => field = value ?? field; } = [];

    public PredefinedAttributeSettings? AttributeConfiguration { get; init; }
}

/// <summary>
/// Predefined attributes and user proficiencies (users-search). Rules from the model and the Admin Guide: names and
/// values follow the documented pattern (letters, digits, spaces and _.:/=+-@' — never starting with "aws:" or
/// "connect:"); a proficiency names an attribute of the instance and one of its values, at level 1, 2, 3, 4 or 5
/// (UserProficiency.Level doc); UpdateUserProficiencies changes only proficiencies already associated (its doc);
/// an attribute a user's proficiency names cannot be deleted (DeletePredefinedAttribute models ResourceInUseException).
/// [choice] Values repeated in one request are refused. [choice] An update that drops a value some user's proficiency
/// names is refused (InvalidRequestException), so proficiencies always name existing values. [choice] Associating a
/// proficiency the user already has sets its level; disassociating one the user lacks is accepted and changes nothing.
/// [choice] A user holds at most <see cref="MaxProficienciesPerUser"/> proficiencies.
/// </summary>
public sealed partial class PredefinedAttributeService(IConnectStore store, ConnectSettings settings)
{
    public const string InUseType = "PREDEFINED_ATTRIBUTE";

    /// <summary>[choice] The quota of predefined attributes per instance.</summary>
    public const int MaxAttributesPerInstance = 128;

    /// <summary>[choice] How many proficiencies one user may hold.</summary>
    public const int MaxProficienciesPerUser = 50;

    public static readonly ResourceType<PredefinedAttribute> Type = new()
    {
        ArnSegment = "predefined-attribute",
        Noun = "Predefined attribute",
        Quota = _ => MaxAttributesPerInstance,
        QuotaError = DomainErrorKind.LimitExceeded,
        // [choice] SearchPredefinedAttributes' StringCondition documents no field names; name is the one it searches.
        SearchFields = [SearchField<PredefinedAttribute>.Text("name", a => a.Name)],
    };

    private readonly ResourceOperations<PredefinedAttribute> _attributes = new(store, settings, Type);
    private readonly ResourceOperations<User> _users = new(store, settings, ResourceTypes.User);

    public PredefinedAttribute Create(Caller caller, string instanceIdOrArn, string name, IReadOnlyList<string>? values, IReadOnlyList<string>? purposes, PredefinedAttributeSettings? configuration)
    {
        CheckText(name);
        CheckValues(values);
        return _attributes.Create(caller, instanceIdOrArn, _ => new PredefinedAttribute
        {
            Name = name,
            Values = values ?? [],
            Purposes = purposes ?? [],
            AttributeConfiguration = configuration,
        });
    }

    public PredefinedAttribute Describe(Caller caller, string instanceIdOrArn, string name) => store.Read(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        return Require(session, Scope(caller, instance), name);
    });

    /// <summary>[choice] Listed in name order.</summary>
    public Page<PredefinedAttribute> List(Caller caller, string instanceIdOrArn, string? nextToken, int pageSize) => store.Read(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var scope = Scope(caller, instance);
        var all = session.All<PredefinedAttribute>(scope).OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
        return Paging.Slice(session, scope, "list-predefined-attributes", all, a => a.Name, nextToken, pageSize);
    });

    public SearchResult<PredefinedAttribute> Search(Caller caller, string instanceIdOrArn, Criteria? criteria, string? nextToken, int pageSize) =>
        _attributes.Search(caller, instanceIdOrArn, "search-predefined-attributes", criteria, null, nextToken, pageSize);

    public PredefinedAttribute Update(Caller caller, string instanceIdOrArn, string name, IReadOnlyList<string>? values, IReadOnlyList<string>? purposes, PredefinedAttributeSettings? configuration)
    {
        CheckValues(values);
        var id = Describe(caller, instanceIdOrArn, name).Id;
        return _attributes.Update(caller, instanceIdOrArn, id, (context, attribute) =>
        {
            if (values is not null)
            {
                var dropped = attribute.Values.Except(values, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
                if (context.Session.All<User>(context.Scope).SelectMany(u => u.Proficiencies)
                    .FirstOrDefault(p => p.AttributeName == attribute.Name && dropped.Contains(p.AttributeValue)) is { } held)
                {
                    throw Errors.InvalidRequest(ErrorTexts.PredefinedValueInUse(held.AttributeValue));
                }
            }

            return attribute with
            {
                Values = values ?? attribute.Values,
                Purposes = purposes ?? attribute.Purposes,
                AttributeConfiguration = configuration ?? attribute.AttributeConfiguration,
            };
        });
    }

    public void Delete(Caller caller, string instanceIdOrArn, string name) => store.Write(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var scope = Scope(caller, instance);
        var attribute = Require(session, scope, name);
        if (session.All<User>(scope).FirstOrDefault(u => u.Proficiencies.Any(p => p.AttributeName == name)) is { } user)
        {
            throw Errors.InUse(ErrorTexts.PredefinedAttributeInUse(name), InUseType, user.Id);
        }

        session.Delete<PredefinedAttribute>(scope, attribute.Id);
        return true;
    });

    /// <summary>AssociateUserProficiencies: each names an attribute and one of its values; a level already held is replaced.</summary>
    public void Associate(Caller caller, string instanceIdOrArn, string userIdOrArn, IReadOnlyList<UserProficiencyEntry> proficiencies)
    {
        CheckLevels(proficiencies);
        _users.Update(caller, instanceIdOrArn, userIdOrArn, (context, user) =>
        {
            foreach (var p in proficiencies)
            {
                var attribute = Require(context.Session, context.Scope, p.AttributeName);
                if (!attribute.Values.Contains(p.AttributeValue, StringComparer.Ordinal))
                {
                    throw Errors.InvalidParameter(ErrorTexts.NotAPredefinedValue(p.AttributeValue, p.AttributeName));
                }
            }

            var kept = user.Proficiencies.Where(held => !proficiencies.Any(p => Same(p, held)));
            var result = kept.Concat(proficiencies.DistinctBy(p => (p.AttributeName, p.AttributeValue))).ToList();
            if (result.Count > MaxProficienciesPerUser)
            {
                throw Errors.InvalidRequest(ErrorTexts.TooManyProficiencies(MaxProficienciesPerUser));
            }

            return user with { Proficiencies = result };
        });
    }

    public void Disassociate(Caller caller, string instanceIdOrArn, string userIdOrArn, IReadOnlyList<(string Name, string Value)> proficiencies) =>
        _users.Update(caller, instanceIdOrArn, userIdOrArn, (_, user) => user with
        {
            Proficiencies = user.Proficiencies.Where(held => !proficiencies.Any(p => p.Name == held.AttributeName && p.Value == held.AttributeValue)).ToList(),
        });

    /// <summary>UpdateUserProficiencies: "Proficiencies must first be associated to the user."</summary>
    public void UpdateLevels(Caller caller, string instanceIdOrArn, string userIdOrArn, IReadOnlyList<UserProficiencyEntry> proficiencies)
    {
        CheckLevels(proficiencies);
        _users.Update(caller, instanceIdOrArn, userIdOrArn, (_, user) =>
        {
            if (proficiencies.FirstOrDefault(p => !user.Proficiencies.Any(held => Same(p, held))) is { } missing)
            {
                throw Errors.InvalidRequest(ErrorTexts.ProficiencyNotAssociated(missing.AttributeName, missing.AttributeValue));
            }

            return user with { Proficiencies = user.Proficiencies.Select(held => proficiencies.LastOrDefault(p => Same(p, held)) ?? held).ToList() };
        });
    }

    /// <summary>ListUserProficiencies: the user's proficiencies in the order associated, and when the user last changed.</summary>
    public (Page<UserProficiencyEntry> Page, User User) ListProficiencies(Caller caller, string instanceIdOrArn, string userIdOrArn, string? nextToken, int pageSize) =>
        store.Read(session =>
        {
            var instance = InstanceService.Require(session, caller, instanceIdOrArn);
            var user = ResourceTypes.User.Require(session, caller, instance.Id, userIdOrArn);
            var indexed = user.Proficiencies.Select((p, i) => (p, Key: i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture))).ToList();
            var page = Paging.Slice(session, Scope(caller, instance), "list-user-proficiencies:" + user.Id, indexed, x => x.Key, nextToken, pageSize);
            return (new Page<UserProficiencyEntry>(page.Items.Select(x => x.p).ToList(), page.NextToken), user);
        });

    private static bool Same(UserProficiencyEntry a, UserProficiencyEntry b) => a.AttributeName == b.AttributeName && a.AttributeValue == b.AttributeValue;

    private static PredefinedAttribute Require(IStoreSession session, ResourceScope scope, string name) =>
        session.GetByName<PredefinedAttribute>(scope, name) ?? throw Errors.NotFound(Type.Noun);

    private static ResourceScope Scope(Caller caller, Instance instance) => new(caller.AccountId, caller.Region, instance.Id);

    private static void CheckValues(IReadOnlyList<string>? values)
    {
        foreach (var value in values ?? [])
        {
            CheckText(value);
        }

        if (values?.GroupBy(v => v, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw Errors.InvalidParameter(ErrorTexts.PredefinedValueTwice(twice.Key));
        }
    }

    private static void CheckLevels(IReadOnlyList<UserProficiencyEntry> proficiencies)
    {
        // UserProficiency.Level doc: "The valid values are 1, 2, 3, 4 and 5."
        if (proficiencies.FirstOrDefault(p => p.Level != Math.Floor(p.Level) || p.Level is < 1 or > 5) is { } bad)
        {
            throw Errors.InvalidParameter(ErrorTexts.ProficiencyLevel(bad.Level));
        }
    }

    /// <summary>Admin Guide: names and values match ^(?!(aws:|connect:))[\p{L}\p{Z}\p{N}_.:/=+-@']+$.</summary>
    private static void CheckText(string text)
    {
        if (!Allowed().IsMatch(text))
        {
            throw Errors.InvalidParameter(ErrorTexts.PredefinedAttributeText(text));
        }
    }

    [GeneratedRegex(@"^(?!(aws:|connect:))[\p{L}\p{Z}\p{N}_.:/=+\-@']+$")]
    private static partial Regex Allowed();
}
