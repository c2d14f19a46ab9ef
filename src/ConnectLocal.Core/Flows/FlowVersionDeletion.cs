using ConnectLocal.Core.FlowModules;
using ConnectLocal.Core.QuickConnects;
using ConnectLocal.Core.Resources;

namespace ConnectLocal.Core.Flows;

/// <summary>
/// DeleteContactFlowVersion (docs/flows.md, "Versions"). The model says only that the version named is deleted; what
/// ConnectLocal adds is a [choice]: an unknown version is ResourceNotFoundException; a version that a queue, a quick
/// connect or another flow's or module's content names by its qualified ARN or id (…/contact-flow/{id}:{version}) is
/// refused with InvalidRequestException (the operation models no ResourceInUseException), as a flow in use is; any
/// other version may go, the latest included, and version numbers are never given out again.
/// </summary>
public static class FlowVersionDeletion
{
    public static void Delete(ResourceOperations<ContactFlow> flows, Caller caller, string instanceIdOrArn, string idOrArn, long version) =>
        flows.Update(caller, instanceIdOrArn, idOrArn, (context, current) =>
        {
            if (current.Versions.All(v => v.Version != version))
            {
                throw Errors.NotFound(ErrorTexts.ContactFlowVersionNoun);
            }

            if (UserOf(context, current, version) is { } user)
            {
                throw Errors.InvalidRequest(ErrorTexts.InUseBy(ErrorTexts.ContactFlowVersionNoun, user.Kind, user.Name));
            }

            return current with
            {
                Versions = current.Versions.Where(v => v.Version != version).ToList(),
                VersionsMade = ContactFlowRules.LatestVersion(current),
            };
        });

    private static (string Kind, string Name)? UserOf(ResourceContext context, ContactFlow flow, long version)
    {
        var (session, scope) = (context.Session, context.Scope);
        var qualified = new[] { $"{flow.Arn}:{version}", $"{flow.Id}:{version}" };
        bool Names(string? reference) => reference is not null && qualified.Contains(reference, StringComparer.Ordinal);

        if (session.All<Queue>(scope).FirstOrDefault(q => Names(q.OutboundCallerConfig?.OutboundFlowId)) is { } queue)
        {
            return ("queue", queue.Name ?? queue.Id);
        }

        if (session.All<QuickConnect>(scope).FirstOrDefault(q =>
                Names(q.QuickConnectConfig.QueueConfig?.ContactFlowId) || Names(q.QuickConnectConfig.UserConfig?.ContactFlowId)
                || Names(q.QuickConnectConfig.FlowConfig?.ContactFlowId)) is { } quickConnect)
        {
            return ("quick connect", quickConnect.Name);
        }

        bool Mentions(string content) => qualified.Any(q => MentionsExactly(content, q));

        if (session.All<ContactFlow>(scope).FirstOrDefault(f => Mentions(f.Content) || f.Versions.Any(v => Mentions(v.Content))) is { } other)
        {
            return ("contact flow", other.Name);
        }

        if (session.All<ContactFlowModule>(scope).FirstOrDefault(m => Mentions(m.Content) || m.Versions.Any(v => Mentions(v.Content))) is { } module)
        {
            return ("contact flow module", module.Name);
        }

        return null;
    }

    /// <summary>Whether <paramref name="text"/> contains <paramref name="reference"/> not followed by another digit (…:1 is not …:12).</summary>
    private static bool MentionsExactly(string text, string reference)
    {
        for (var at = text.IndexOf(reference, StringComparison.Ordinal); at >= 0; at = text.IndexOf(reference, at + 1, StringComparison.Ordinal))
        {
            var end = at + reference.Length;
            if (end == text.Length || !char.IsAsciiDigit(text[end]))
            {
                return true;
            }
        }

        return false;
    }
}
