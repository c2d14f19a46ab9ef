using ConnectLocal.Core.Queues;
using ConnectLocal.Core.Resources;
using ConnectLocal.Model.Shapes;

namespace ConnectLocal.Server.Handlers;

// Hours of operation.
// Overrides, parent/child hours and effective hours are in HoursOverrideHandlers.cs.
// SearchHoursOfOperations is in SearchHandlers.cs.
// LIMITATIONS: SearchHoursOfOperationOverrides is not implemented.
public sealed partial class ConnectApi
{
    private HoursOfOperationService HoursOfOperations => new(Store, Settings);

    public override ValueTask<CreateHoursOfOperationResponse> CreateHoursOfOperation(OperationContext context, CreateHoursOfOperationRequest request)
    {
        var hours = HoursOfOperations.Create(CallerOf(context), request.InstanceId!, new CreateHoursOfOperationCommand(
            request.Name!,
            request.Description,
            request.TimeZone!,
            SlotsIn(request.Config!),
            // A parent config without an id names nothing; the model leaves the member optional.
            (request.ParentHoursOfOperationConfigs ?? []).Select(p => p.HoursOfOperationId ?? string.Empty).ToList(),
            TagsIn(request.Tags)));
        return ValueTask.FromResult(new CreateHoursOfOperationResponse { HoursOfOperationId = hours.Id, HoursOfOperationArn = hours.Arn });
    }

    public override ValueTask<DescribeHoursOfOperationResponse> DescribeHoursOfOperation(OperationContext context, DescribeHoursOfOperationRequest request)
    {
        var view = HoursOfOperations.Describe(CallerOf(context), request.InstanceId!, request.HoursOfOperationId!);
        return ValueTask.FromResult(new DescribeHoursOfOperationResponse { HoursOfOperation = HoursOut(view) });
    }

    public override ValueTask UpdateHoursOfOperation(OperationContext context, UpdateHoursOfOperationRequest request)
    {
        HoursOfOperations.Update(CallerOf(context), request.InstanceId!, request.HoursOfOperationId!, new UpdateHoursOfOperationCommand(
            request.Name,
            request.Description,
            request.TimeZone,
            request.Config is null ? null : SlotsIn(request.Config)));
        return ValueTask.CompletedTask;
    }

    // The protocol layer has checked that Day, StartTime, EndTime, Hours and Minutes are all present.
    private static List<HoursOfOperationSlot> SlotsIn(List<HoursOfOperationConfig> config) =>
        config.Select(c => new HoursOfOperationSlot(c.Day!, c.StartTime!.Hours!.Value, c.StartTime.Minutes!.Value, c.EndTime!.Hours!.Value, c.EndTime.Minutes!.Value)).ToList();

    private static HoursOfOperationConfig SlotOut(HoursOfOperationSlot slot) => new()
    {
        Day = slot.Day,
        StartTime = new HoursOfOperationTimeSlice { Hours = slot.StartHours, Minutes = slot.StartMinutes },
        EndTime = new HoursOfOperationTimeSlice { Hours = slot.EndHours, Minutes = slot.EndMinutes },
    };
}
