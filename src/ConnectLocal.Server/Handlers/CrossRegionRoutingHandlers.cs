using ConnectLocal.Core.GlobalResiliency;
using ConnectLocal.Model.Shapes;

namespace ConnectLocal.Server.Handlers;

// Global routing of Global Resiliency: GetCrossRegionRouting / UpdateCrossRegionRouting (model/overlays, newer than
// the pinned model). Rules live in Core/GlobalResiliency/CrossRegionRoutingService.cs; the routing host applies the
// setting (docs/global-resiliency.md, "Global routing").
public sealed partial class ConnectApi
{
    private CrossRegionRoutingService CrossRegionRouting => new(Store);

    public override ValueTask<GetCrossRegionRoutingResponse> GetCrossRegionRouting(OperationContext context, GetCrossRegionRoutingRequest request) =>
        ValueTask.FromResult(new GetCrossRegionRoutingResponse
        {
            IsolatedRegions = [.. CrossRegionRouting.IsolatedRegions(CallerOf(context), request.InstanceId!)],
        });

    public override ValueTask<UpdateCrossRegionRoutingResponse> UpdateCrossRegionRouting(OperationContext context, UpdateCrossRegionRoutingRequest request)
    {
        CrossRegionRouting.Update(CallerOf(context), request.InstanceId!, request.IsolatedAll!.Value);
        return ValueTask.FromResult(new UpdateCrossRegionRoutingResponse());
    }
}
