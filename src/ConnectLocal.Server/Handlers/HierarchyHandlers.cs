using ConnectLocal.Core.Hierarchy;
using ConnectLocal.Model.Shapes;
using HierarchyStructureShape = ConnectLocal.Model.Shapes.HierarchyStructure;

namespace ConnectLocal.Server.Handlers;

// User hierarchy: the structure, the operations on groups that carry real rules (create: level and path; rename: the
// path of every group below), and a user's group. Describe, list, search and delete of groups are declared
// (Handlers/Declared/DeclaredOperations.cs).
public sealed partial class ConnectApi
{
    private HierarchyService Hierarchy => new(Store, Settings);

    public override ValueTask<CreateUserHierarchyGroupResponse> CreateUserHierarchyGroup(OperationContext context, CreateUserHierarchyGroupRequest request)
    {
        var group = Hierarchy.CreateGroup(CallerOf(context), request.InstanceId!, request.Name!, request.ParentGroupId, TagsIn(request.Tags));
        return ValueTask.FromResult(new CreateUserHierarchyGroupResponse { HierarchyGroupId = group.Id, HierarchyGroupArn = group.Arn });
    }

    public override ValueTask UpdateUserHierarchyGroupName(OperationContext context, UpdateUserHierarchyGroupNameRequest request)
    {
        Hierarchy.Rename(CallerOf(context), request.InstanceId!, request.HierarchyGroupId!, request.Name!);
        return ValueTask.CompletedTask;
    }

    public override ValueTask<DescribeUserHierarchyStructureResponse> DescribeUserHierarchyStructure(OperationContext context, DescribeUserHierarchyStructureRequest request)
    {
        var levels = Hierarchy.DescribeStructure(CallerOf(context), request.InstanceId!).Levels;
        return ValueTask.FromResult(new DescribeUserHierarchyStructureResponse
        {
            HierarchyStructure = new HierarchyStructureShape
            {
                LevelOne = LevelOut(levels[0]),
                LevelTwo = LevelOut(levels[1]),
                LevelThree = LevelOut(levels[2]),
                LevelFour = LevelOut(levels[3]),
                LevelFive = LevelOut(levels[4]),
            },
        });
    }

    public override ValueTask UpdateUserHierarchyStructure(OperationContext context, UpdateUserHierarchyStructureRequest request)
    {
        var s = request.HierarchyStructure!;
        Hierarchy.UpdateStructure(CallerOf(context), request.InstanceId!, [s.LevelOne?.Name, s.LevelTwo?.Name, s.LevelThree?.Name, s.LevelFour?.Name, s.LevelFive?.Name]);
        return ValueTask.CompletedTask;
    }

    public override ValueTask UpdateUserHierarchy(OperationContext context, UpdateUserHierarchyRequest request)
    {
        Hierarchy.SetUserGroup(CallerOf(context), request.InstanceId!, request.UserId!, request.HierarchyGroupId);
        return ValueTask.CompletedTask;
    }

    private static HierarchyLevel? LevelOut(HierarchyLevelInfo? level) => level is null ? null : new HierarchyLevel
    {
        Id = level.Id,
        Arn = level.Arn,
        Name = level.Name,
        LastModifiedTime = level.LastModifiedTime,
        LastModifiedRegion = level.LastModifiedRegion,
    };
}
