using ConnectLocal.Core.Common;
using ConnectLocal.Core.Instances;
using ConnectLocal.Core.Ports;
using ConnectLocal.Core.Resources;

namespace ConnectLocal.Core.Users;

/// <summary>
/// Security profiles: the instance's four defaults and any created later.
/// LIMITATIONS: creating, describing and updating security profiles is not implemented yet; permissions are not
/// enforced on any operation.
/// </summary>
public sealed class SecurityProfileService(IConnectStore store)
{
    public Page<SecurityProfile> List(Caller caller, string instanceIdOrArn, string? nextToken, int pageSize) => store.Read(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var scope = new ResourceScope(instance.AccountId, instance.Region, instance.Id);
        return Paging.Read<SecurityProfile>(session, scope, "security-profiles", nextToken, pageSize);
    });
}
