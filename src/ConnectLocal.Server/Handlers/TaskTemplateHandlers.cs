using System.Text.Json;
using ConnectLocal.Core.TaskTemplates;
using ConnectLocal.Model.Metadata;
using ConnectLocal.Model.Shapes;

namespace ConnectLocal.Server.Handlers;

// Task templates (templates-views branch, issue 15): DeleteTaskTemplate is declared (Handlers/Declared); create (with its
// ClientToken), get (a flat output), list (scalar filters) and the full update are written here; the rules are in
// Core/TaskTemplates. LIMITATIONS: StartTaskContact does not start tasks from templates; UpdateContactTaskTemplate is
// not implemented.
public sealed partial class ConnectApi
{
    private TaskTemplateService TaskTemplates => new(Store, Settings);

    public override ValueTask<CreateTaskTemplateResponse> CreateTaskTemplate(OperationContext context, CreateTaskTemplateRequest request)
    {
        var token = request.ClientToken;
        request.ClientToken = null;
        var fingerprint = JsonSerializer.Serialize(request, ConnectJsonContext.Wire.CreateTaskTemplateRequest);
        var template = TaskTemplates.Create(CallerOf(context), request.InstanceId!, TaskTemplateIn(
            request.Name, request.Description, request.ContactFlowId, request.SelfAssignFlowId, request.Constraints, request.Defaults, request.Status, request.Fields),
            token, fingerprint);
        return ValueTask.FromResult(new CreateTaskTemplateResponse { Id = template.Id, Arn = template.Arn });
    }

    public override ValueTask<GetTaskTemplateResponse> GetTaskTemplate(OperationContext context, GetTaskTemplateRequest request)
    {
        var t = TaskTemplates.Get(CallerOf(context), request.InstanceId!, request.TaskTemplateId!, request.SnapshotVersion);
        return ValueTask.FromResult(new GetTaskTemplateResponse
        {
            InstanceId = t.InstanceId,
            Id = t.Id,
            Arn = t.Arn,
            Name = t.Name,
            Description = t.Description,
            ContactFlowId = t.ContactFlowId,
            SelfAssignFlowId = t.SelfAssignFlowId,
            Constraints = ConstraintsOut(t.Constraints),
            Defaults = DefaultsOut(t.Defaults),
            Fields = FieldsOut(t.Fields),
            Status = t.Status,
            LastModifiedTime = t.LastModifiedTime,
            CreatedTime = t.CreatedTime,
            Tags = TagsOut(t.Tags),
        });
    }

    public override ValueTask<ListTaskTemplatesResponse> ListTaskTemplates(OperationContext context, ListTaskTemplatesRequest request)
    {
        var page = TaskTemplates.List(
            CallerOf(context), request.InstanceId!, context.OperationName, request.Status, request.Name, request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new ListTaskTemplatesResponse
        {
            TaskTemplates = page.Items.Select(t => new TaskTemplateMetadata
            {
                Id = t.Id,
                Arn = t.Arn,
                Name = t.Name,
                Description = t.Description,
                Status = t.Status,
                LastModifiedTime = t.LastModifiedTime,
                CreatedTime = t.CreatedTime,
            }).ToList(),
            NextToken = page.NextToken,
        });
    }

    public override ValueTask<UpdateTaskTemplateResponse> UpdateTaskTemplate(OperationContext context, UpdateTaskTemplateRequest request)
    {
        var t = TaskTemplates.Update(CallerOf(context), request.InstanceId!, request.TaskTemplateId!, TaskTemplateIn(
            request.Name, request.Description, request.ContactFlowId, request.SelfAssignFlowId, request.Constraints, request.Defaults, request.Status, request.Fields));
        return ValueTask.FromResult(new UpdateTaskTemplateResponse
        {
            InstanceId = t.InstanceId,
            Id = t.Id,
            Arn = t.Arn,
            Name = t.Name,
            Description = t.Description,
            ContactFlowId = t.ContactFlowId,
            SelfAssignFlowId = t.SelfAssignFlowId,
            Constraints = ConstraintsOut(t.Constraints),
            Defaults = DefaultsOut(t.Defaults),
            Fields = FieldsOut(t.Fields),
            Status = t.Status,
            LastModifiedTime = t.LastModifiedTime,
            CreatedTime = t.CreatedTime,
        });
    }

    /// <summary>A field identifier without a Name names no field: [choice] it is read as the empty name, which no field has.</summary>
    private static TaskTemplateInput TaskTemplateIn(
        string? name, string? description, string? contactFlowId, string? selfAssignFlowId, TaskTemplateConstraints? constraints, TaskTemplateDefaults? defaults,
        string? status, List<TaskTemplateField>? fields)
    {
        static string FieldName(TaskTemplateFieldIdentifier? id) => id?.Name ?? string.Empty;
        return new TaskTemplateInput(
            name,
            description,
            contactFlowId,
            selfAssignFlowId,
            constraints is null
                ? null
                : new TaskTemplateFieldConstraints(
                    (constraints.RequiredFields ?? []).Select(f => FieldName(f.Id)).ToList(),
                    (constraints.ReadOnlyFields ?? []).Select(f => FieldName(f.Id)).ToList(),
                    (constraints.InvisibleFields ?? []).Select(f => FieldName(f.Id)).ToList()),
            defaults?.DefaultFieldValues?.Select(d => new TaskTemplateFieldDefault(FieldName(d.Id), d.DefaultValue)).ToList() ?? (defaults is null ? null : []),
            status,
            fields?.Select(f => new TaskTemplateFieldSpec(FieldName(f.Id), f.Description, f.Type, f.SingleSelectOptions)).ToList());
    }

    private static TaskTemplateConstraints ConstraintsOut(TaskTemplateFieldConstraints c) => new()
    {
        RequiredFields = c.Required.Select(n => new RequiredFieldInfo { Id = new TaskTemplateFieldIdentifier { Name = n } }).ToList(),
        ReadOnlyFields = c.ReadOnly.Select(n => new ReadOnlyFieldInfo { Id = new TaskTemplateFieldIdentifier { Name = n } }).ToList(),
        InvisibleFields = c.Invisible.Select(n => new InvisibleFieldInfo { Id = new TaskTemplateFieldIdentifier { Name = n } }).ToList(),
    };

    private static TaskTemplateDefaults? DefaultsOut(IReadOnlyList<TaskTemplateFieldDefault>? defaults) => defaults is null
        ? null
        : new TaskTemplateDefaults
        {
            DefaultFieldValues = defaults.Select(d => new TaskTemplateDefaultFieldValue { Id = new TaskTemplateFieldIdentifier { Name = d.Name }, DefaultValue = d.DefaultValue }).ToList(),
        };

    private static List<TaskTemplateField> FieldsOut(IReadOnlyList<TaskTemplateFieldSpec> fields) =>
        fields.Select(f => new TaskTemplateField
        {
            Id = new TaskTemplateFieldIdentifier { Name = f.Name },
            Description = f.Description,
            Type = f.Type,
            SingleSelectOptions = f.SingleSelectOptions?.ToList(),
        }).ToList();
}
