using ConnectLocal.Core.Instances;

namespace ConnectLocal.Core.TaskTemplates;

/// <summary>
/// A create that honours a ClientToken (CreateTaskTemplate, CreateView): the same token with the same request returns
/// what the first call created, in one transaction with the routine create (unique names, the type's check).
/// [choice] The same token with another request is InvalidRequestException (neither operation models a conflict
/// error; CreateTaskTemplate, which models no InvalidRequestException either, answers InvalidParameterException); a
/// token whose resource was deleted since creates a new one.
/// </summary>
public static class IdempotentCreate
{
    public static T Run<T>(
        IConnectStore store, ResourceType<T> type, ConnectSettings settings, Caller caller, string instanceIdOrArn, string operation, string? token, string fingerprint,
        Func<ResourceContext, T> build)
        where T : InstanceResource, IResource<T> => store.Write(session =>
    {
        var context = new ResourceContext(session, caller, InstanceService.Require(session, caller, instanceIdOrArn), settings);
        string? replayed;
        try
        {
            replayed = Idempotency.Replay(session, caller, operation, token, context.Instance.Id + "\n" + fingerprint);
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.Conflict)
        {
            throw Errors.InvalidRequest(e.Message);
        }

        if (replayed is not null && session.Get<T>(context.Scope, replayed) is { } existing)
        {
            return existing;
        }

        var id = DefaultResources.NewId();
        var resource = (T)((InstanceResource)build(context) with
        {
            Id = id,
            InstanceId = context.Instance.Id,
            Arn = type.ArnOf(caller, context.Instance.Id, id),
            LastModifiedTime = caller.Now,
            LastModifiedRegion = caller.Region,
        });
        if (type.UniqueNames && resource.Name is { } name && session.GetByName<T>(context.Scope, name) is not null)
        {
            throw Errors.Duplicate(type.Noun, name);
        }

        type.Check?.Invoke(context, resource);
        session.Put(context.Scope, resource);
        Idempotency.Remember(session, caller, operation, token, context.Instance.Id + "\n" + fingerprint, id);
        return resource;
    });
}
