using ConnectLocal.Core.GlobalResiliency;
using ConnectLocal.Model.Shapes;
using TrafficDistributionGroup = ConnectLocal.Core.GlobalResiliency.TrafficDistributionGroup;

namespace ConnectLocal.Server.Handlers;

// Global Resiliency: ReplicateInstance, traffic distribution groups, traffic distribution, group users, and the
// phone-number operations Global Resiliency needs. Rules live in Core/GlobalResiliency; see
// docs/global-resiliency.md.
// LIMITATIONS: one replica per instance; phone number claims complete at once and released numbers have no
// cooldown; numbers exist only for a few countries (PhoneNumberPool); ImportPhoneNumber is in BackupRestoreHandlers.cs; the replica does not copy the source's non-default resources.
public sealed partial class ConnectApi
{
    private ReplicationService Replication => new(Store, Settings);

    private TrafficDistributionService TrafficDistribution => new(Store, Settings);

    private PhoneNumberService PhoneNumbers => new(Store, Settings);

    public override ValueTask<ReplicateInstanceResponse> ReplicateInstance(OperationContext context, ReplicateInstanceRequest request)
    {
        var replica = Replication.Replicate(CallerOf(context), request.InstanceId!, request.ReplicaRegion!, request.ReplicaAlias!, request.ClientToken);
        return ValueTask.FromResult(new ReplicateInstanceResponse { Id = replica.Id, Arn = replica.Arn });
    }

    public override ValueTask<CreateTrafficDistributionGroupResponse> CreateTrafficDistributionGroup(OperationContext context, CreateTrafficDistributionGroupRequest request)
    {
        var group = TrafficDistribution.Create(CallerOf(context), new CreateTrafficDistributionGroupCommand(
            request.Name!, request.Description, request.InstanceId!, TagsIn(request.Tags), request.ClientToken));
        return ValueTask.FromResult(new CreateTrafficDistributionGroupResponse { Id = group.Id, Arn = group.Arn });
    }

    public override ValueTask<DescribeTrafficDistributionGroupResponse> DescribeTrafficDistributionGroup(OperationContext context, DescribeTrafficDistributionGroupRequest request)
    {
        var group = TrafficDistribution.Describe(CallerOf(context), request.TrafficDistributionGroupId!);
        return ValueTask.FromResult(new DescribeTrafficDistributionGroupResponse
        {
            TrafficDistributionGroup = new Model.Shapes.TrafficDistributionGroup
            {
                Id = group.Id,
                Arn = group.Arn,
                Name = group.Name,
                Description = group.Description,
                InstanceArn = group.InstanceArn,
                Status = group.Status,
                Tags = TagsOut(group.Tags),
                IsDefault = group.IsDefault,
            },
        });
    }

    public override ValueTask<ListTrafficDistributionGroupsResponse> ListTrafficDistributionGroups(OperationContext context, ListTrafficDistributionGroupsRequest request)
    {
        var page = TrafficDistribution.List(CallerOf(context), request.InstanceId, request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new ListTrafficDistributionGroupsResponse
        {
            TrafficDistributionGroupSummaryList = page.Items.Select(g => new TrafficDistributionGroupSummary
            {
                Id = g.Id,
                Arn = g.Arn,
                Name = g.Name,
                InstanceArn = g.InstanceArn,
                Status = g.Status,
                IsDefault = g.IsDefault,
            }).ToList(),
            NextToken = page.NextToken,
        });
    }

    public override ValueTask<DeleteTrafficDistributionGroupResponse> DeleteTrafficDistributionGroup(OperationContext context, DeleteTrafficDistributionGroupRequest request)
    {
        TrafficDistribution.Delete(CallerOf(context), request.TrafficDistributionGroupId!);
        return ValueTask.FromResult(new DeleteTrafficDistributionGroupResponse());
    }

    public override ValueTask<GetTrafficDistributionResponse> GetTrafficDistribution(OperationContext context, GetTrafficDistributionRequest request)
    {
        var group = TrafficDistribution.GetDistribution(CallerOf(context), request.Id!);
        return ValueTask.FromResult(new GetTrafficDistributionResponse
        {
            Id = group.Id,
            Arn = group.Arn,
            TelephonyConfig = new TelephonyConfig { Distributions = SharesOut(group.Telephony) },
            SignInConfig = new SignInConfig
            {
                Distributions = group.SignIn.Select(s => new SignInDistribution { Region = s.Region, Enabled = s.Enabled }).ToList(),
            },
            AgentConfig = new AgentConfig { Distributions = SharesOut(group.Agents) },
        });
    }

    public override ValueTask<UpdateTrafficDistributionResponse> UpdateTrafficDistribution(OperationContext context, UpdateTrafficDistributionRequest request)
    {
        // The protocol layer has already refused a config without Distributions and out-of-range members.
        var update = new DistributionUpdate(
            request.TelephonyConfig is null ? null : SharesIn(request.TelephonyConfig.Distributions),
            request.SignInConfig is null ? null : (request.SignInConfig.Distributions ?? []).Select(d => new RegionSignIn(d.Region!, d.Enabled!.Value)).ToList(),
            request.AgentConfig is null ? null : SharesIn(request.AgentConfig.Distributions));
        TrafficDistribution.UpdateDistribution(CallerOf(context), request.Id!, update);
        return ValueTask.FromResult(new UpdateTrafficDistributionResponse());
    }

    public override ValueTask<AssociateTrafficDistributionGroupUserResponse> AssociateTrafficDistributionGroupUser(OperationContext context, AssociateTrafficDistributionGroupUserRequest request)
    {
        TrafficDistribution.AssociateUser(CallerOf(context), request.TrafficDistributionGroupId!, request.UserId!, request.InstanceId!);
        return ValueTask.FromResult(new AssociateTrafficDistributionGroupUserResponse());
    }

    public override ValueTask<DisassociateTrafficDistributionGroupUserResponse> DisassociateTrafficDistributionGroupUser(OperationContext context, DisassociateTrafficDistributionGroupUserRequest request)
    {
        TrafficDistribution.DisassociateUser(CallerOf(context), request.TrafficDistributionGroupId!, request.UserId!, request.InstanceId!);
        return ValueTask.FromResult(new DisassociateTrafficDistributionGroupUserResponse());
    }

    public override ValueTask<ListTrafficDistributionGroupUsersResponse> ListTrafficDistributionGroupUsers(OperationContext context, ListTrafficDistributionGroupUsersRequest request)
    {
        var page = TrafficDistribution.ListUsers(CallerOf(context), request.TrafficDistributionGroupId!, request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new ListTrafficDistributionGroupUsersResponse
        {
            TrafficDistributionGroupUserSummaryList = page.Items.Select(u => new TrafficDistributionGroupUserSummary { UserId = u }).ToList(),
            NextToken = page.NextToken,
        });
    }

    public override ValueTask<SearchAvailablePhoneNumbersResponse> SearchAvailablePhoneNumbers(OperationContext context, SearchAvailablePhoneNumbersRequest request)
    {
        var page = PhoneNumbers.SearchAvailable(CallerOf(context), request.TargetArn, request.InstanceId, request.PhoneNumberCountryCode!,
            request.PhoneNumberType!, request.PhoneNumberPrefix, request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new SearchAvailablePhoneNumbersResponse
        {
            AvailableNumbersList = page.Items.Select(n => new AvailableNumberSummary
            {
                PhoneNumber = n,
                PhoneNumberCountryCode = request.PhoneNumberCountryCode,
                PhoneNumberType = request.PhoneNumberType,
            }).ToList(),
            NextToken = page.NextToken,
        });
    }

    public override ValueTask<ClaimPhoneNumberResponse> ClaimPhoneNumber(OperationContext context, ClaimPhoneNumberRequest request)
    {
        var number = PhoneNumbers.Claim(CallerOf(context), new ClaimPhoneNumberCommand(
            request.TargetArn, request.InstanceId, request.PhoneNumber!, request.PhoneNumberDescription, TagsIn(request.Tags), request.ClientToken));
        return ValueTask.FromResult(new ClaimPhoneNumberResponse { PhoneNumberId = number.Id, PhoneNumberArn = number.Arn });
    }

    public override ValueTask<DescribePhoneNumberResponse> DescribePhoneNumber(OperationContext context, DescribePhoneNumberRequest request)
    {
        var n = PhoneNumbers.Describe(CallerOf(context), request.PhoneNumberId!);
        return ValueTask.FromResult(new DescribePhoneNumberResponse
        {
            ClaimedPhoneNumberSummary = new ClaimedPhoneNumberSummary
            {
                PhoneNumberId = n.Id,
                PhoneNumberArn = n.Arn,
                PhoneNumber = n.PhoneNumber,
                PhoneNumberCountryCode = n.CountryCode,
                PhoneNumberType = n.Type,
                PhoneNumberDescription = n.Description,
                TargetArn = n.TargetArn,
                InstanceId = n.InstanceId,
                Tags = TagsOut(n.Tags),
                PhoneNumberStatus = new PhoneNumberStatus { Status = n.Status },
                SourcePhoneNumberArn = n.SourcePhoneNumberArn,
            },
        });
    }

    public override ValueTask<ListPhoneNumbersV2Response> ListPhoneNumbersV2(OperationContext context, ListPhoneNumbersV2Request request)
    {
        var query = new PhoneNumberQuery(request.TargetArn, request.InstanceId, request.PhoneNumberCountryCodes ?? [], request.PhoneNumberTypes ?? [], request.PhoneNumberPrefix);
        var page = PhoneNumbers.List(CallerOf(context), query, request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new ListPhoneNumbersV2Response
        {
            ListPhoneNumbersSummaryList = page.Items.Select(n => new ListPhoneNumbersSummary
            {
                PhoneNumberId = n.Id,
                PhoneNumberArn = n.Arn,
                PhoneNumber = n.PhoneNumber,
                PhoneNumberCountryCode = n.CountryCode,
                PhoneNumberType = n.Type,
                TargetArn = n.TargetArn,
                InstanceId = n.InstanceId,
                PhoneNumberDescription = n.Description,
                SourcePhoneNumberArn = n.SourcePhoneNumberArn,
            }).ToList(),
            NextToken = page.NextToken,
        });
    }

    public override ValueTask<UpdatePhoneNumberResponse> UpdatePhoneNumber(OperationContext context, UpdatePhoneNumberRequest request)
    {
        var n = PhoneNumbers.Update(CallerOf(context), request.PhoneNumberId!, request.TargetArn, request.InstanceId, request.ClientToken);
        return ValueTask.FromResult(new UpdatePhoneNumberResponse { PhoneNumberId = n.Id, PhoneNumberArn = n.Arn });
    }

    public override ValueTask ReleasePhoneNumber(OperationContext context, ReleasePhoneNumberRequest request)
    {
        PhoneNumbers.Release(CallerOf(context), request.PhoneNumberId!, request.ClientToken);
        return ValueTask.CompletedTask;
    }

    /// <summary>DescribeInstance's ReplicationConfiguration: present only for a replicated instance, in both Regions.</summary>
    private ReplicationConfiguration? ReplicationOut(OperationContext context, Core.Resources.Instance instance) =>
        Replication.View(CallerOf(context), instance) is not { } view ? null : new ReplicationConfiguration
        {
            SourceRegion = view.SourceRegion,
            GlobalSignInEndpoint = view.GlobalSignInEndpoint,
            ReplicationStatusSummaryList = view.Statuses
                .Select(s => new ReplicationStatusSummary { Region = s.Region, ReplicationStatus = s.Status, ReplicationStatusReason = s.Reason })
                .ToList(),
        };

    private static List<Distribution> SharesOut(IReadOnlyList<RegionShare> shares) =>
        shares.Select(s => new Distribution { Region = s.Region, Percentage = s.Percentage }).ToList();

    private static List<RegionShare> SharesIn(List<Distribution>? distributions) =>
        (distributions ?? []).Select(d => new RegionShare(d.Region!, d.Percentage!.Value)).ToList();
}
