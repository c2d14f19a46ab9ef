using ConnectLocal.Core.Common;
using ConnectLocal.Core.FlowModules;
using ConnectLocal.Core.Registry;
using ConnectLocal.Model.Shapes;
using ConnectLocal.Server.Flows;
using ContactFlowModule = ConnectLocal.Core.FlowModules.ContactFlowModule;

namespace ConnectLocal.Server.Handlers;

// Contact flow modules (issue 14, modules part): search and delete are declared (Handlers/Declared); the operations
// that carry content (read as JSON at this edge, checked in Core by the flows' validator), lower-case State/Status,
// versions and aliases are written here.
// LIMITATIONS: modules are not run by contacts; Settings and ExternalInvocationConfiguration are kept, not interpreted;
// UpdateContactFlowModuleAlias never answers ConditionalOperationFailedException.
public sealed partial class ConnectApi
{
    private ResourceOperations<ContactFlowModule> Modules => new(Store, Settings, ContactFlowModuleRules.Type);

    public override ValueTask<CreateContactFlowModuleResponse> CreateContactFlowModule(OperationContext context, CreateContactFlowModuleRequest request)
    {
        var module = Modules.Create(CallerOf(context), request.InstanceId!, resources =>
        {
            ContactFlowModuleRules.Validate(resources, request.Content!, FlowJson.Read);
            return new ContactFlowModule
            {
                Name = request.Name!,
                Description = request.Description,
                Content = request.Content!,
                Settings = request.Settings,
                ExternalInvocationEnabled = request.ExternalInvocationConfiguration?.Enabled,
                Tags = TagsIn(request.Tags),
            };
        });
        return ValueTask.FromResult(new CreateContactFlowModuleResponse { Id = module.Id, Arn = module.Arn });
    }

    /// <summary>[choice] A version is described with its ARN qualified by the version (…/flow-module/{id}:{version}).</summary>
    public override ValueTask<DescribeContactFlowModuleResponse> DescribeContactFlowModule(OperationContext context, DescribeContactFlowModuleRequest request)
    {
        var (module, version) = ContactFlowModuleRules.Describe(Store, CallerOf(context), request.InstanceId!, request.ContactFlowModuleId!);
        var content = version?.Content ?? module.Content;
        return ValueTask.FromResult(new DescribeContactFlowModuleResponse
        {
            ContactFlowModule = new Model.Shapes.ContactFlowModule
            {
                Arn = version is null ? module.Arn : $"{module.Arn}:{version.Version}",
                Id = module.Id,
                Name = module.Name,
                Content = content,
                Description = module.Description,
                State = module.State,
                Status = module.Status,
                Tags = TagsOut(module.Tags),
                FlowModuleContentSha256 = ContactFlowModule.Sha256(content),
                Version = version?.Version,
                VersionDescription = version?.VersionDescription,
                Settings = version is null ? module.Settings : version.Settings,
                ExternalInvocationConfiguration = module.ExternalInvocationEnabled is { } enabled ? new ExternalInvocationConfiguration { Enabled = enabled } : null,
            },
        });
    }

    /// <summary>The state filter carries the model's upper-case value; summaries show the stored lower-case one.</summary>
    public override ValueTask<ListContactFlowModulesResponse> ListContactFlowModules(OperationContext context, ListContactFlowModulesRequest request)
    {
        var state = request.ContactFlowModuleState?.ToLowerInvariant();
        var listing = state is null ? context.OperationName : Paging.Listing(context.OperationName, [["state", state]]);
        var page = Modules.List(
            CallerOf(context), request.InstanceId!, listing, request.NextToken, PageSize(context, request.MaxResults), state is null ? null : m => m.State == state);
        return ValueTask.FromResult(new ListContactFlowModulesResponse
        {
            ContactFlowModulesSummaryList = page.Items.Select(m => new ContactFlowModuleSummary { Id = m.Id, Arn = m.Arn, Name = m.Name, State = m.State }).ToList(),
            NextToken = page.NextToken,
        });
    }

    public override ValueTask<UpdateContactFlowModuleMetadataResponse> UpdateContactFlowModuleMetadata(OperationContext context, UpdateContactFlowModuleMetadataRequest request)
    {
        Modules.Update(CallerOf(context), request.InstanceId!, request.ContactFlowModuleId!, (_, current) =>
            ContactFlowModuleRules.Metadata(current, request.Name, request.Description, request.State));
        return ValueTask.FromResult(new UpdateContactFlowModuleMetadataResponse());
    }

    public override ValueTask<UpdateContactFlowModuleContentResponse> UpdateContactFlowModuleContent(OperationContext context, UpdateContactFlowModuleContentRequest request)
    {
        Modules.Update(CallerOf(context), request.InstanceId!, request.ContactFlowModuleId!, (resources, current) =>
        {
            var content = request.Content ?? current.Content;
            ContactFlowModuleRules.Validate(resources, content, FlowJson.Read);
            return current with { Content = content, Settings = request.Settings ?? current.Settings };
        });
        return ValueTask.FromResult(new UpdateContactFlowModuleContentResponse());
    }

    public override ValueTask<CreateContactFlowModuleVersionResponse> CreateContactFlowModuleVersion(OperationContext context, CreateContactFlowModuleVersionRequest request)
    {
        var caller = CallerOf(context);
        var version = ContactFlowModuleRules.CreateVersion(Modules, caller, request.InstanceId!, request.ContactFlowModuleId!, request.Description, request.FlowModuleContentSha256);
        var arn = Modules.Describe(caller, request.InstanceId!, ContactFlowModuleRules.Unqualified(request.ContactFlowModuleId!)).Arn;
        return ValueTask.FromResult(new CreateContactFlowModuleVersionResponse { ContactFlowModuleArn = $"{arn}:{version.Version}", Version = version.Version });
    }

    public override ValueTask<DeleteContactFlowModuleVersionResponse> DeleteContactFlowModuleVersion(OperationContext context, DeleteContactFlowModuleVersionRequest request)
    {
        ContactFlowModuleRules.DeleteVersion(Modules, CallerOf(context), request.InstanceId!, request.ContactFlowModuleId!, request.ContactFlowModuleVersion!.Value);
        return ValueTask.FromResult(new DeleteContactFlowModuleVersionResponse());
    }

    public override ValueTask<ListContactFlowModuleVersionsResponse> ListContactFlowModuleVersions(OperationContext context, ListContactFlowModuleVersionsRequest request)
    {
        var caller = CallerOf(context);
        var arn = Modules.Describe(caller, request.InstanceId!, ContactFlowModuleRules.Unqualified(request.ContactFlowModuleId!)).Arn;
        var page = ContactFlowModuleRules.Slice(
            Store, caller, request.InstanceId!, request.ContactFlowModuleId!, context.OperationName, m => m.Versions, ContactFlowModuleRules.VersionKey, request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new ListContactFlowModuleVersionsResponse
        {
            ContactFlowModuleVersionSummaryList = page.Items
                .Select(v => new ContactFlowModuleVersionSummary { Arn = $"{arn}:{v.Version}", Version = v.Version, VersionDescription = v.VersionDescription })
                .ToList(),
            NextToken = page.NextToken,
        });
    }

    /// <summary>[choice] An alias's ARN is the module's qualified by the alias name (…/flow-module/{id}:{alias}).</summary>
    public override ValueTask<CreateContactFlowModuleAliasResponse> CreateContactFlowModuleAlias(OperationContext context, CreateContactFlowModuleAliasRequest request)
    {
        var caller = CallerOf(context);
        var alias = ContactFlowModuleRules.CreateAlias(
            Modules, caller, request.InstanceId!, request.ContactFlowModuleId!, request.AliasName!, request.Description, request.ContactFlowModuleVersion!.Value);
        var arn = Modules.Describe(caller, request.InstanceId!, ContactFlowModuleRules.Unqualified(request.ContactFlowModuleId!)).Arn;
        return ValueTask.FromResult(new CreateContactFlowModuleAliasResponse { ContactFlowModuleArn = $"{arn}:{alias.Name}", Id = alias.AliasId });
    }

    public override ValueTask<DescribeContactFlowModuleAliasResponse> DescribeContactFlowModuleAlias(OperationContext context, DescribeContactFlowModuleAliasRequest request)
    {
        var module = Modules.Describe(CallerOf(context), request.InstanceId!, ContactFlowModuleRules.Unqualified(request.ContactFlowModuleId!));
        var alias = ContactFlowModuleRules.RequireAlias(module, request.AliasId!);
        return ValueTask.FromResult(new DescribeContactFlowModuleAliasResponse
        {
            ContactFlowModuleAlias = new ContactFlowModuleAliasInfo
            {
                ContactFlowModuleId = module.Id,
                ContactFlowModuleArn = $"{module.Arn}:{alias.Name}",
                AliasId = alias.AliasId,
                Version = alias.Version,
                Name = alias.Name,
                Description = alias.Description,
                LastModifiedRegion = alias.LastModifiedRegion,
                LastModifiedTime = alias.LastModifiedTime,
            },
        });
    }

    public override ValueTask<ListContactFlowModuleAliasesResponse> ListContactFlowModuleAliases(OperationContext context, ListContactFlowModuleAliasesRequest request)
    {
        var caller = CallerOf(context);
        var arn = Modules.Describe(caller, request.InstanceId!, ContactFlowModuleRules.Unqualified(request.ContactFlowModuleId!)).Arn;
        var page = ContactFlowModuleRules.Slice(
            Store, caller, request.InstanceId!, request.ContactFlowModuleId!, context.OperationName, m => m.Aliases, a => a.AliasId, request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new ListContactFlowModuleAliasesResponse
        {
            ContactFlowModuleAliasSummaryList = page.Items.Select(a => new ContactFlowModuleAliasSummary
            {
                Arn = $"{arn}:{a.Name}",
                AliasId = a.AliasId,
                Version = a.Version,
                AliasName = a.Name,
                AliasDescription = a.Description,
                LastModifiedTime = a.LastModifiedTime,
            }).ToList(),
            NextToken = page.NextToken,
        });
    }

    public override ValueTask<UpdateContactFlowModuleAliasResponse> UpdateContactFlowModuleAlias(OperationContext context, UpdateContactFlowModuleAliasRequest request)
    {
        ContactFlowModuleRules.UpdateAlias(
            Modules, CallerOf(context), request.InstanceId!, request.ContactFlowModuleId!, request.AliasId!, request.Name, request.Description, request.ContactFlowModuleVersion);
        return ValueTask.FromResult(new UpdateContactFlowModuleAliasResponse());
    }

    public override ValueTask<DeleteContactFlowModuleAliasResponse> DeleteContactFlowModuleAlias(OperationContext context, DeleteContactFlowModuleAliasRequest request)
    {
        ContactFlowModuleRules.DeleteAlias(Modules, CallerOf(context), request.InstanceId!, request.ContactFlowModuleId!, request.AliasId!);
        return ValueTask.FromResult(new DeleteContactFlowModuleAliasResponse());
    }
}
