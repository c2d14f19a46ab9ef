using ConnectLocal.Core.Contacts;
using ConnectLocal.Core.Instances;
using ConnectLocal.Core.Registry;
using ConnectLocal.Model.Shapes;

namespace ConnectLocal.Server.Handlers;

// The prose rules of the contact-starting operations that look into nested shapes (issue 18, docs/rules.md): each
// reads the shape and hands plain values to Core.Contacts.ContactStartRules.
public sealed partial class ConnectApi
{
    private static void CheckSegmentAttributes(Dictionary<string, SegmentAttributeValue>? attributes)
    {
        if (attributes is null)
        {
            return;
        }

        foreach (var (key, value) in attributes)
        {
            ContactStartRules.CheckSegmentKey(key);
            ContactStartRules.CheckSystemOnlyValues(key, value.ValueList is not null, value.ValueArn is not null);
            if (key == ContactStartRules.ContactExpiry)
            {
                ContactStartRules.CheckContactExpiry(value.ValueMap is not null, value.ValueMap?.GetValueOrDefault(ContactStartRules.ExpiryDuration)?.ValueInteger);
            }
        }
    }

    private static void CheckReferences(Dictionary<string, Reference>? references)
    {
        if (references is null)
        {
            return;
        }

        foreach (var (name, reference) in references)
        {
            ContactStartRules.CheckReference(name, reference.Type, reference.Value);
        }
    }

    /// <summary>
    /// connect:CreatedByUser (StartTaskContact) names a user of the instance by its ARN ([choice]: otherwise
    /// InvalidParameterException; the prose names no error).
    /// </summary>
    private void CheckCreatedByUser(Caller caller, string instanceIdOrArn, Dictionary<string, SegmentAttributeValue>? attributes)
    {
        if (attributes?.GetValueOrDefault(ContactStartRules.CreatedByUser) is not { } createdBy)
        {
            return;
        }

        var known = createdBy.ValueString is { } arn && arn.StartsWith("arn:", StringComparison.Ordinal)
            && Store.Read(session => ResourceTypes.User.Find(session, caller, InstanceService.Require(session, caller, instanceIdOrArn).Id, arn)) is not null;
        if (!known)
        {
            throw Errors.InvalidParameter(ErrorTexts.CreatedByUserUnknown);
        }
    }
}
