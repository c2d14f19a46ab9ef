using ConnectLocal.Model.Shapes;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Specs;

/// <summary>UpdateContactTaskTemplate (issue 15, config-rest) against the task contacts the routing engine holds, specified in-process.</summary>
public sealed class ContactTaskTemplateSpecs : IDisposable
{
    private readonly ConnectClient _client = new();
    private readonly string _instanceId;
    private readonly string _inboundFlow;

    public ContactTaskTemplateSpecs()
    {
        _instanceId = _client.Invoke<CreateInstanceResponse>(new CreateInstanceRequest
        {
            IdentityManagementType = "CONNECT_MANAGED", InstanceAlias = "contact-task-template-specs", InboundCallsEnabled = true, OutboundCallsEnabled = true,
        }).Id!;
        _inboundFlow = _client.Invoke<ListContactFlowsResponse>(new ListContactFlowsRequest { InstanceId = _instanceId, MaxResults = 100 })
            .ContactFlowSummaryList!.Single(f => f.Name == "Sample inbound flow (first contact experience)").Id!;
    }

    public void Dispose() => _client.Dispose();

    [Fact]
    public void A_queued_task_takes_a_template_its_references_fit_and_DescribeContact_shows_it()
    {
        var template = Template("refund", required: "Amount");
        var task = Task(new() { ["Amount"] = new Reference { Type = "NUMBER", Value = "12" }, ["Note"] = new Reference { Type = "STRING", Value = "x" } });

        _client.Invoke<UpdateContactTaskTemplateResponse>(Update(task, template.Arn!));

        var contact = _client.Invoke<DescribeContactResponse>(new DescribeContactRequest { InstanceId = _instanceId, ContactId = task }).Contact!;
        Assert.Equal((template.Arn, "refund"), (contact.TaskTemplateInfo!.Arn, contact.TaskTemplateInfo.Name));
        Assert.Contains("already", _client.Fails(Update(task, template.Id!), "InvalidRequestException").Message);
    }

    [Fact]
    public void References_must_fit_the_template_s_fields()
    {
        var template = Template("refund", required: "Amount");

        var missing = _client.Fails(Update(Task([]), template.Id!), "PropertyValidationException");
        Assert.Contains("Amount", missing.Message);
        _client.Fails(Update(Task(new() { ["Amount"] = new Reference { Type = "STRING", Value = "12" } }), template.Id!), "PropertyValidationException");
        var flag = Template("flagged", required: null);
        _client.Fails(Update(Task(new() { ["Urgent"] = new Reference { Type = "STRING", Value = "yes" } }), flag.Id!), "PropertyValidationException");
        _client.Fails(Update(Task(new() { ["Comment"] = new Reference { Type = "STRING", Value = new string('x', 512) } }), flag.Id!), "PropertyValidationException");
        _client.Invoke<UpdateContactTaskTemplateResponse>(Update(Task(new() { ["Urgent"] = new Reference { Type = "STRING", Value = "true" } }), flag.Id!));
    }

    [Fact]
    public void Only_waiting_task_contacts_take_a_template_five_times_at_most()
    {
        var templates = Enumerable.Range(0, 6).Select(i => Template($"t{i}", required: null)).ToList();
        var task = Task([]);
        foreach (var template in templates.Take(5))
        {
            _client.Invoke<UpdateContactTaskTemplateResponse>(Update(task, template.Id!));
        }

        _client.Fails(Update(task, templates[5].Id!), "ServiceQuotaExceededException");

        var chat = _client.Invoke<StartChatContactResponse>(new StartChatContactRequest
        {
            InstanceId = _instanceId, ContactFlowId = _inboundFlow, ParticipantDetails = new ParticipantDetails { DisplayName = "c" },
        }).ContactId!;
        Assert.Contains("task", _client.Fails(Update(chat, templates[0].Id!), "InvalidRequestException").Message);

        var stopped = Task([]);
        _client.Invoke(new StopContactRequest { InstanceId = _instanceId, ContactId = stopped });
        _client.Fails(Update(stopped, templates[0].Id!), "InvalidRequestException");

        _client.Fails(Update("11111111-2222-4333-8444-555555555555", templates[0].Id!), "ResourceNotFoundException");
        _client.Fails(Update(task, "11111111-2222-4333-8444-555555555555"), "ResourceNotFoundException");
    }

    private CreateTaskTemplateResponse Template(string name, string? required) => _client.Invoke<CreateTaskTemplateResponse>(new CreateTaskTemplateRequest
    {
        InstanceId = _instanceId,
        Name = name,
        ContactFlowId = _inboundFlow,
        Constraints = new TaskTemplateConstraints
        {
            RequiredFields = [new() { Id = new() { Name = "Title" } }, .. required is null ? [] : new[] { new RequiredFieldInfo { Id = new() { Name = required } } }],
        },
        Fields =
        [
            new TaskTemplateField { Id = new() { Name = "Title" }, Type = "NAME" },
            new TaskTemplateField { Id = new() { Name = "Amount" }, Type = "NUMBER" },
            new TaskTemplateField { Id = new() { Name = "Urgent" }, Type = "BOOLEAN" },
            new TaskTemplateField { Id = new() { Name = "Comment" }, Type = "TEXT" },
        ],
    });

    private string Task(Dictionary<string, Reference> references) => _client.Invoke<StartTaskContactResponse>(new StartTaskContactRequest
    {
        InstanceId = _instanceId, ContactFlowId = _inboundFlow, Name = "task", References = references.Count == 0 ? null : references,
    }).ContactId!;

    private UpdateContactTaskTemplateRequest Update(string contactId, string templateId) => new() { InstanceId = _instanceId, ContactId = contactId, TaskTemplateId = templateId };
}
