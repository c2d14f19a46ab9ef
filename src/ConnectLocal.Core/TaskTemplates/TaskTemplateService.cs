using ConnectLocal.Core.Instances;

namespace ConnectLocal.Core.TaskTemplates;

/// <summary>What CreateTaskTemplate and UpdateTaskTemplate carry, read at the edge.</summary>
public sealed record TaskTemplateInput(
    string? Name,
    string? Description,
    string? ContactFlowId,
    string? SelfAssignFlowId,
    TaskTemplateFieldConstraints? Constraints,
    IReadOnlyList<TaskTemplateFieldDefault>? Defaults,
    string? Status,
    IReadOnlyList<TaskTemplateFieldSpec>? Fields);

/// <summary>Task templates (docs/templates-views.md): create, get, list with its filters, full update. Delete is declared.</summary>
public sealed class TaskTemplateService(IConnectStore store, ConnectSettings settings)
{
    public const string CreateOperation = "CreateTaskTemplate";

    private readonly ResourceOperations<TaskTemplate> _templates = new(store, settings, TaskTemplateRules.Type);

    /// <summary>
    /// The model's prose: Constraints are required although the model marks them optional. [choice] Status defaults to
    /// ACTIVE (the console's default for a new template).
    /// </summary>
    public TaskTemplate Create(Caller caller, string instanceIdOrArn, TaskTemplateInput input, string? clientToken, string fingerprint) =>
        IdempotentCreate.Run(store, TaskTemplateRules.Type, settings, caller, instanceIdOrArn, CreateOperation, clientToken, fingerprint, _ => new TaskTemplate
        {
            Name = input.Name!,
            Description = input.Description,
            ContactFlowId = input.ContactFlowId,
            SelfAssignFlowId = input.SelfAssignFlowId,
            Constraints = input.Constraints ?? throw TaskTemplateRules.Invalid("Constraints", TaskTemplateRules.RequiredPropertyMissing, ErrorTexts.TaskTemplateConstraintsRequired),
            Defaults = input.Defaults,
            Status = input.Status ?? TaskTemplate.Active,
            Fields = input.Fields ?? [],
            CreatedTime = caller.Now,
        });

    /// <summary>
    /// GetTaskTemplate. No task here ever takes a snapshot of a template, so [choice] a SnapshotVersion names nothing
    /// (ResourceNotFoundException).
    /// </summary>
    public TaskTemplate Get(Caller caller, string instanceIdOrArn, string idOrArn, string? snapshotVersion)
    {
        var template = _templates.Describe(caller, instanceIdOrArn, idOrArn);
        return snapshotVersion is null ? template : throw Errors.NotFound(ErrorTexts.TaskTemplateSnapshotNotFound(snapshotVersion));
    }

    /// <summary>ListTaskTemplates: in id order, filtered by status and by name (exactly); the page token is bound to both.</summary>
    public Page<TaskTemplate> List(Caller caller, string instanceIdOrArn, string listing, string? status, string? name, string? nextToken, int pageSize) =>
        status is null && name is null
            ? _templates.List(caller, instanceIdOrArn, listing, nextToken, pageSize)
            : _templates.List(
                caller, instanceIdOrArn, Paging.Listing(listing, ["status", status], ["name", name]), nextToken, pageSize,
                t => (status is null || t.Status == status) && (name is null || t.Name == name));

    /// <summary>
    /// UpdateTaskTemplate is a full update (the model's prose): Constraints and Status are required (the prose again),
    /// and Description, ContactFlowId, SelfAssignFlowId and Defaults not sent are cleared. [choice] Name and Fields not
    /// sent are kept (a template always has both).
    /// </summary>
    public TaskTemplate Update(Caller caller, string instanceIdOrArn, string idOrArn, TaskTemplateInput input) =>
        _templates.Update(caller, instanceIdOrArn, idOrArn, (_, current) => current with
        {
            Name = input.Name ?? current.Name,
            Description = input.Description,
            ContactFlowId = input.ContactFlowId,
            SelfAssignFlowId = input.SelfAssignFlowId,
            Constraints = input.Constraints ?? throw TaskTemplateRules.Invalid("Constraints", TaskTemplateRules.RequiredPropertyMissing, ErrorTexts.TaskTemplateConstraintsRequired),
            Defaults = input.Defaults,
            Status = input.Status ?? throw TaskTemplateRules.Invalid("Status", TaskTemplateRules.RequiredPropertyMissing, ErrorTexts.TaskTemplateStatusRequired),
            Fields = input.Fields ?? current.Fields,
        });
}
