using ConnectLocal.Core.Common;
using ConnectLocal.Core.Ports;
using ConnectLocal.Core.Registry;
using ConnectLocal.Core.Resources;

namespace ConnectLocal.Core.Users;

/// <summary>
/// Security profiles: the instance's four defaults and any created later.
/// LIMITATIONS: creating, describing and updating security profiles is not implemented yet; permissions are not
/// enforced on any operation.
/// </summary>
public sealed class SecurityProfileService(IConnectStore store, ConnectSettings settings)
{
    private readonly ResourceOperations<SecurityProfile> _profiles = new(store, settings, ResourceTypes.SecurityProfile);

    public Page<SecurityProfile> List(Caller caller, string instanceIdOrArn, string? nextToken, int pageSize) =>
        _profiles.List(caller, instanceIdOrArn, "security-profiles", nextToken, pageSize);
}
