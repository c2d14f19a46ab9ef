using ConnectLocal.Core.Instances;

namespace ConnectLocal.Core.Hierarchy;

/// <summary>A group as a HierarchyPath shows it (HierarchyGroupSummary).</summary>
public sealed record HierarchyGroupRef(string Id, string Arn, string Name, DateTimeOffset LastModifiedTime, string LastModifiedRegion);

/// <summary>HierarchyPath: the group and its ancestors, each at its level.</summary>
public sealed record HierarchyGroupPath(
    HierarchyGroupRef? LevelOne, HierarchyGroupRef? LevelTwo, HierarchyGroupRef? LevelThree, HierarchyGroupRef? LevelFour, HierarchyGroupRef? LevelFive)
{
    public static HierarchyGroupPath Of(IReadOnlyList<HierarchyGroupRef> chain) =>
        new(chain.ElementAtOrDefault(0), chain.ElementAtOrDefault(1), chain.ElementAtOrDefault(2), chain.ElementAtOrDefault(3), chain.ElementAtOrDefault(4));
}

/// <summary>
/// A user hierarchy group (…/agent-group/{id}): a name, the level it sits at ("1" to "5") and its ancestors from
/// level one down. <see cref="HierarchyPath"/> is never stored; it is the ancestors and the group itself.
/// </summary>
public sealed record HierarchyGroup : InstanceResource, IResource<HierarchyGroup>, ITaggable<HierarchyGroup>
{
    public static string Kind => "user-hierarchy-group";

    public required string Name { get; init; }

    public string? ParentGroupId { get; init; }

    /// <summary>The level, "1" (no parent) to "5".</summary>
    public required string LevelId { get; init; }

    /// <summary>The ancestors from level one down to the parent; kept in step when an ancestor is renamed.</summary>
    public IReadOnlyList<HierarchyGroupRef> Ancestors { get; init => field = value ?? field; } = [];

    public HierarchyGroupRef Self => new(Id, Arn, Name, LastModifiedTime, LastModifiedRegion);

    public HierarchyGroupPath HierarchyPath => HierarchyGroupPath.Of([.. Ancestors, Self]);

    public HierarchyGroup WithTags(IReadOnlyDictionary<string, string> tags) => this with { Tags = tags };
}

/// <summary>One level of the hierarchy structure (HierarchyLevel): an id kept across renames, its ARN …/agent-group-level/{n}.</summary>
public sealed record HierarchyLevelInfo(string Id, string Arn, string Name, DateTimeOffset LastModifiedTime, string LastModifiedRegion);

/// <summary>The instance's hierarchy structure: one record per instance (id <see cref="TheId"/>), levels one to five.</summary>
public sealed record HierarchyStructure : InstanceResource, IResource<HierarchyStructure>
{
    public static string Kind => "user-hierarchy-structure";

    public const string TheId = "structure";

    public string? Name => null;

    /// <summary>Levels one to five in order; null where a level is not defined.</summary>
    public IReadOnlyList<HierarchyLevelInfo?> Levels { get; init => field = value ?? field; } = [null, null, null, null, null];
}

/// <summary>
/// The user hierarchy: its structure (levels one to five, named; a level used by a group cannot be removed), its
/// groups (each in the level below its parent's; a group with child groups or users cannot be deleted), and the
/// group a user belongs to.
/// </summary>
public sealed class HierarchyService(IConnectStore store, ConnectSettings settings)
{
    public const int Depth = 5;

    /// <summary>HierarchyGroupName doc: "Must not be more than 100 characters."</summary>
    public const int MaxGroupName = 100;

    /// <summary>HierarchyLevelUpdate.Name doc: "Must not be more than 50 characters."</summary>
    public const int MaxLevelName = 50;

    /// <summary>The ResourceType of ResourceInUseException when a group is held by a group or a user.</summary>
    public const string GroupInUseType = "HIERARCHY_GROUP";

    public const string UserInUseType = "USER";

    public static readonly ResourceType<HierarchyGroup> Type = new()
    {
        Mirrored = true, // Global Resiliency (docs/global-resiliency.md)
        ArnSegment = "agent-group",
        Noun = "Hierarchy group",
        BeforeDelete = CheckDeletable,
        SearchFields =
        [
            SearchField<HierarchyGroup>.Text("name", g => g.Name),
            SearchField<HierarchyGroup>.Id("parentId", g => g.ParentGroupId),
            SearchField<HierarchyGroup>.Id("levelId", g => g.LevelId),
            SearchField<HierarchyGroup>.Id("resourceID", g => g.Id),
        ],
    };

    private readonly ResourceOperations<HierarchyGroup> _groups = new(store, settings, Type);

    public HierarchyStructure DescribeStructure(Caller caller, string instanceIdOrArn) => store.Read(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        return StructureOf(session, Scope(instance));
    });

    /// <summary>
    /// Replaces the structure with the levels named (index 0 is level one). A level kept keeps its id; a level renamed
    /// is stamped. [choice] Levels must be defined from level one down without a gap (InvalidParameterException);
    /// a level still holding groups cannot be removed (ResourceInUseException, HIERARCHY_GROUP, naming one group).
    /// </summary>
    public HierarchyStructure UpdateStructure(Caller caller, string instanceIdOrArn, IReadOnlyList<string?> names) => store.Write(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var scope = Scope(instance);
        for (var i = 0; i < Depth; i++)
        {
            var name = names.ElementAtOrDefault(i);
            if (name is not null && name.Length > MaxLevelName)
            {
                throw Errors.InvalidParameter(ErrorTexts.HierarchyLevelNameTooLong(MaxLevelName));
            }

            if (name is not null && i > 0 && names[i - 1] is null)
            {
                throw Errors.InvalidParameter(ErrorTexts.HierarchyLevelGap(LevelName(i + 1), LevelName(i)));
            }
        }

        var current = StructureOf(session, scope);
        var groups = session.All<HierarchyGroup>(scope);
        var levels = new HierarchyLevelInfo?[Depth];
        for (var i = 0; i < Depth; i++)
        {
            var name = names.ElementAtOrDefault(i);
            var was = current.Levels[i];
            if (name is null)
            {
                if (was is not null && groups.FirstOrDefault(g => g.LevelId == Level(i)) is { } holder)
                {
                    throw Errors.InUse(ErrorTexts.HierarchyLevelInUse(LevelName(i + 1), holder.Name), GroupInUseType, holder.Arn);
                }

                continue;
            }

            levels[i] = was is null
                ? new HierarchyLevelInfo(DefaultResources.NewId(), Arns.InInstance(caller.Region, caller.AccountId, instance.Id, "agent-group-level", Level(i)), name, caller.Now, caller.Region)
                : was.Name == name ? was : was with { Name = name, LastModifiedTime = caller.Now, LastModifiedRegion = caller.Region };
        }

        var updated = current with { InstanceId = instance.Id, Levels = levels, LastModifiedTime = caller.Now, LastModifiedRegion = caller.Region };
        session.Put(scope, updated);
        return updated;
    });

    /// <summary>
    /// A group at level one (no parent) or in the level below its parent's; the structure must define that level.
    /// </summary>
    public HierarchyGroup CreateGroup(Caller caller, string instanceIdOrArn, string name, string? parentIdOrArn, IReadOnlyDictionary<string, string> tags) =>
        _groups.Create(caller, instanceIdOrArn, context =>
        {
            CheckName(name);
            var parent = parentIdOrArn is null ? null : Type.Require(context.Session, caller, context.Instance.Id, parentIdOrArn);
            var index = parent is null ? 0 : int.Parse(parent.LevelId, System.Globalization.CultureInfo.InvariantCulture);
            if (index >= Depth)
            {
                throw Errors.InvalidRequest(ErrorTexts.HierarchyTooDeep(Depth));
            }

            // [choice] AWS answers a group for a level the structure lacks with an error it does not document; this
            // one is InvalidRequestException naming the level.
            if (StructureOf(context.Session, context.Scope).Levels[index] is null)
            {
                throw Errors.InvalidRequest(ErrorTexts.HierarchyLevelUndefined(LevelName(index + 1)));
            }

            return new HierarchyGroup
            {
                Name = name,
                ParentGroupId = parent?.Id,
                LevelId = Level(index),
                Ancestors = parent is null ? [] : [.. parent.Ancestors, parent.Self],
                Tags = tags,
            };
        });

    /// <summary>Renames a group; every group below it shows the new name in its HierarchyPath.</summary>
    public HierarchyGroup Rename(Caller caller, string instanceIdOrArn, string groupIdOrArn, string name) =>
        _groups.Update(caller, instanceIdOrArn, groupIdOrArn, (context, group) =>
        {
            CheckName(name);
            var renamed = group with { Name = name, LastModifiedTime = caller.Now, LastModifiedRegion = caller.Region };
            foreach (var below in context.Session.All<HierarchyGroup>(context.Scope).Where(g => g.Ancestors.Any(a => a.Id == group.Id)))
            {
                context.Session.Put(context.Scope, below with { Ancestors = below.Ancestors.Select(a => a.Id == group.Id ? renamed.Self : a).ToList() });
            }

            return renamed;
        });

    /// <summary>The group a user belongs to (null: none), named by id or ARN.</summary>
    public void SetUserGroup(Caller caller, string instanceIdOrArn, string userIdOrArn, string? groupIdOrArn) =>
        new ResourceOperations<User>(store, settings, ResourceTypes.User).Update(caller, instanceIdOrArn, userIdOrArn, (context, user) =>
            user with { HierarchyGroupId = groupIdOrArn is null ? null : Type.Require(context.Session, caller, context.Instance.Id, groupIdOrArn).Id });

    /// <summary>Whether <paramref name="group"/> is <paramref name="ancestorId"/> or lies below it (WITH_CHILD_GROUPS).</summary>
    public static bool IsWithin(HierarchyGroup group, string ancestorId) => group.Id == ancestorId || group.Ancestors.Any(a => a.Id == ancestorId);

    public static HierarchyStructure StructureOf(IStoreSession session, ResourceScope scope) =>
        session.Get<HierarchyStructure>(scope, HierarchyStructure.TheId) ?? new HierarchyStructure { Id = HierarchyStructure.TheId, InstanceId = scope.Parent };

    /// <summary>DeleteUserHierarchyGroup doc: "It must not be associated with any agents or have any active child groups."</summary>
    private static void CheckDeletable(ResourceContext context, HierarchyGroup group)
    {
        if (context.Session.All<HierarchyGroup>(context.Scope).FirstOrDefault(g => g.ParentGroupId == group.Id) is { } child)
        {
            throw Errors.InUse(ErrorTexts.InUseBy(Type.Noun, "child group", child.Name), GroupInUseType, child.Arn);
        }

        if (context.Session.All<User>(context.Scope).FirstOrDefault(u => u.HierarchyGroupId == group.Id) is { } user)
        {
            throw Errors.InUse(ErrorTexts.InUseBy(Type.Noun, "user", user.Username), UserInUseType, user.Arn);
        }
    }

    private static void CheckName(string name)
    {
        if (name.Length > MaxGroupName)
        {
            throw Errors.InvalidParameter(ErrorTexts.HierarchyGroupNameTooLong(MaxGroupName));
        }
    }

    private static string Level(int index) => (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string LevelName(int level) => level switch { 1 => "LevelOne", 2 => "LevelTwo", 3 => "LevelThree", 4 => "LevelFour", _ => "LevelFive" };

    private static ResourceScope Scope(Instance instance) => new(instance.AccountId, instance.Region, instance.Id);
}
