using ConnectLocal.Core.Registry;
using ConnectLocal.Core.SecurityProfiles;
using ConnectLocal.Core.Users;
using ConnectLocal.Model.Shapes;

namespace ConnectLocal.Server.Handlers;

// Security profiles and agent statuses (issue 15): everything else is declared (Handlers/Declared). Here: the pages of
// one profile's permissions, applications and flow modules (each answering the profile's LastModifiedTime/Region), the
// profiles of AI agents (SecurityProfileEntities), and UpdateAgentStatus, whose ResetOrderNumber is not a stored member.
public sealed partial class ConnectApi
{
    public override ValueTask<ListSecurityProfilePermissionsResponse> ListSecurityProfilePermissions(OperationContext context, ListSecurityProfilePermissionsRequest request)
    {
        var (page, profile) = SecurityProfileRules.ListOf(
            Store, CallerOf(context), request.InstanceId!, request.SecurityProfileId!, context.OperationName, p => p.Permissions, request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new ListSecurityProfilePermissionsResponse
        {
            Permissions = page.Items.ToList(),
            NextToken = page.NextToken,
            LastModifiedTime = profile.LastModifiedTime,
            LastModifiedRegion = profile.LastModifiedRegion,
        });
    }

    public override ValueTask<ListSecurityProfileApplicationsResponse> ListSecurityProfileApplications(OperationContext context, ListSecurityProfileApplicationsRequest request)
    {
        var (page, profile) = SecurityProfileRules.ListOf(
            Store, CallerOf(context), request.InstanceId!, request.SecurityProfileId!, context.OperationName, p => p.Applications, request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new ListSecurityProfileApplicationsResponse
        {
            Applications = page.Items.Select(a => new Application { Namespace = a.Namespace, ApplicationPermissions = a.ApplicationPermissions?.ToList(), Type = a.Type }).ToList(),
            NextToken = page.NextToken,
            LastModifiedTime = profile.LastModifiedTime,
            LastModifiedRegion = profile.LastModifiedRegion,
        });
    }

    public override ValueTask<ListSecurityProfileFlowModulesResponse> ListSecurityProfileFlowModules(OperationContext context, ListSecurityProfileFlowModulesRequest request)
    {
        var (page, profile) = SecurityProfileRules.ListOf(
            Store, CallerOf(context), request.InstanceId!, request.SecurityProfileId!, context.OperationName, p => p.AllowedFlowModules, request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new ListSecurityProfileFlowModulesResponse
        {
            AllowedFlowModules = page.Items.Select(m => new FlowModule { Type = m.Type, FlowModuleId = m.FlowModuleId }).ToList(),
            NextToken = page.NextToken,
            LastModifiedTime = profile.LastModifiedTime,
            LastModifiedRegion = profile.LastModifiedRegion,
        });
    }

    public override ValueTask AssociateSecurityProfiles(OperationContext context, AssociateSecurityProfilesRequest request)
    {
        new SecurityProfileEntities(Store).Associate(
            CallerOf(context), request.InstanceId!, request.EntityType!, request.EntityArn!, request.SecurityProfiles!.Select(p => p.Id ?? string.Empty).ToList());
        return ValueTask.CompletedTask;
    }

    public override ValueTask DisassociateSecurityProfiles(OperationContext context, DisassociateSecurityProfilesRequest request)
    {
        new SecurityProfileEntities(Store).Disassociate(
            CallerOf(context), request.InstanceId!, request.EntityType!, request.EntityArn!, request.SecurityProfiles!.Select(p => p.Id ?? string.Empty).ToList());
        return ValueTask.CompletedTask;
    }

    public override ValueTask<ListEntitySecurityProfilesResponse> ListEntitySecurityProfiles(OperationContext context, ListEntitySecurityProfilesRequest request)
    {
        var page = new SecurityProfileEntities(Store).List(
            CallerOf(context), request.InstanceId!, request.EntityType!, request.EntityArn!, context.OperationName, request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new ListEntitySecurityProfilesResponse
        {
            SecurityProfiles = page.Items.Select(p => new SecurityProfileItem { Id = p.Id }).ToList(),
            NextToken = page.NextToken,
        });
    }

    public override ValueTask UpdateAgentStatus(OperationContext context, UpdateAgentStatusRequest request)
    {
        AgentStatusService.Update(Store, Settings, CallerOf(context), request.InstanceId!, request.AgentStatusId!, new AgentStatusChange(
            request.Name, request.Description, request.State, request.DisplayOrder, request.ResetOrderNumber));
        return ValueTask.CompletedTask;
    }
}
