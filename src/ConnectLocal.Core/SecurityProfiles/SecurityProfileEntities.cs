using ConnectLocal.Core.Instances;

namespace ConnectLocal.Core.SecurityProfiles;

/// <summary>
/// Security profiles of entities other than users: AssociateSecurityProfiles, DisassociateSecurityProfiles and
/// ListEntitySecurityProfiles. The model's prose: the only supported entity type is AI_AGENT, named by the ARN of a Q in
/// Connect AI agent. The association is kept on the profile (<see cref="SecurityProfile.AiAgentArns"/>).
/// [choice] The AI agent is not looked up (Q in Connect is another service): its ARN must be a Q in Connect ("wisdom")
/// ai-agent ARN of the caller's account and Region, else InvalidParameterException. Associating again, or
/// disassociating a profile that is not associated, changes nothing and succeeds. Neither stamps the profile's
/// LastModifiedTime (the profile itself is unchanged). Deleting a profile ends its associations.
/// </summary>
public sealed class SecurityProfileEntities(IConnectStore store)
{
    public const string AiAgent = "AI_AGENT";

    public void Associate(Caller caller, string instanceIdOrArn, string entityType, string entityArn, IReadOnlyList<string> profileIds) =>
        Change(caller, instanceIdOrArn, entityType, entityArn, profileIds, (arns, arn) => arns.Contains(arn, StringComparer.Ordinal) ? arns : [.. arns, arn]);

    public void Disassociate(Caller caller, string instanceIdOrArn, string entityType, string entityArn, IReadOnlyList<string> profileIds) =>
        Change(caller, instanceIdOrArn, entityType, entityArn, profileIds, (arns, arn) => arns.Where(a => a != arn).ToList());

    /// <summary>The profiles associated with the entity, in id order.</summary>
    public Page<SecurityProfile> List(Caller caller, string instanceIdOrArn, string entityType, string entityArn, string listing, string? nextToken, int pageSize)
    {
        CheckEntity(caller, entityType, entityArn);
        return store.Read(session =>
        {
            var instance = InstanceService.Require(session, caller, instanceIdOrArn);
            var scope = new ResourceScope(caller.AccountId, caller.Region, instance.Id);
            var profiles = session.All<SecurityProfile>(scope)
                .Where(p => p.AiAgentArns.Contains(entityArn, StringComparer.Ordinal))
                .OrderBy(p => p.Id, StringComparer.Ordinal)
                .ToList();
            return Paging.Slice(session, scope, Paging.Listing(listing, [entityType, entityArn]), profiles, p => p.Id, nextToken, pageSize);
        });
    }

    private void Change(
        Caller caller, string instanceIdOrArn, string entityType, string entityArn, IReadOnlyList<string> profileIds,
        Func<IReadOnlyList<string>, string, IReadOnlyList<string>> change)
    {
        CheckEntity(caller, entityType, entityArn);
        store.Write(session =>
        {
            var instance = InstanceService.Require(session, caller, instanceIdOrArn);
            var scope = new ResourceScope(caller.AccountId, caller.Region, instance.Id);

            // Every profile is resolved before any is changed: one missing profile changes nothing.
            var profiles = profileIds.Select(id => SecurityProfileRules.Type.Require(session, caller, instance.Id, id)).DistinctBy(p => p.Id).ToList();
            foreach (var profile in profiles)
            {
                session.Put(scope, profile with { AiAgentArns = change(profile.AiAgentArns, entityArn) });
            }

            return true;
        });
    }

    private static void CheckEntity(Caller caller, string entityType, string entityArn)
    {
        if (entityType != AiAgent)
        {
            throw Errors.InvalidParameter(ErrorTexts.SecurityProfileEntityType);
        }

        var parts = entityArn.Split(':', 6);
        if (parts is not ["arn", { Length: > 0 }, "wisdom", var region, var account, var resource]
            || region != caller.Region || account != caller.AccountId || !resource.StartsWith("ai-agent/", StringComparison.Ordinal))
        {
            throw Errors.InvalidParameter(ErrorTexts.SecurityProfileEntityArn(entityArn));
        }
    }
}
