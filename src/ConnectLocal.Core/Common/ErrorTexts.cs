namespace ConnectLocal.Core.Common;

/// <summary>
/// The domain's error messages, in one place (the way garnet keeps its wire strings in CmdStrings): a handler never
/// writes a message, and a message used by several operations is spelled once. Short, in the style Connect uses.
/// </summary>
public static class ErrorTexts
{
    public const string InvalidPageToken = "The nextToken is not valid.";
    public const string TagConditionWithoutKey = "Invalid parameter: a TagCondition requires a TagKey";
    public const string IncompleteStringCondition = "Invalid parameter: a StringCondition requires FieldName, Value and ComparisonType";

    public const string DefaultRoutingProfileNotDeletable = "The default routing profile cannot be deleted.";
    public const string DirectoryManagedIdentity = "FirstName, LastName and Email are managed by the directory and cannot be updated.";
    public const string AgentQueueNotDeletable = "Agent queues cannot be deleted; they are deleted with their user";
    public const string AgentQueueNotUpdatable = "Agent queues cannot be updated";
    public const string QuickConnectToAgentQueue = "Invalid parameter: a QUEUE quick connect names a standard queue; use a USER quick connect for an agent";

    public static string QuickConnectConfigMismatch(string type) =>
        $"Invalid parameter: a quick connect of type {type} takes {type switch { "USER" => "UserConfig", "QUEUE" => "QueueConfig", "PHONE_NUMBER" => "PhoneConfig", _ => "FlowConfig" }} and no other configuration";

    public static string QuickConnectsPerQueue(int max) => $"A queue can have at most {max} quick connects.";

    public static string RoutingProfileAssigned(int users) => $"Routing profile is assigned to {users} user(s) and cannot be deleted.";

    public static string NotFound(string noun) => $"{noun} not found";

    public static string Duplicate(string noun, string name) => $"{noun} with name '{name}' already exists";

    public static string UnsupportedSearchField(string field, IEnumerable<string> supported) =>
        $"Invalid parameter: FieldName {field} is not supported; use one of {string.Join(", ", supported)}";

    public static string UnsupportedComparison(string comparison) => $"Invalid parameter: ComparisonType {comparison}";

    public static string QuotaReached(string noun, int quota) => $"The instance already has {quota} {noun}.";

    public static string TooManyTags(int max) => $"A resource can have at most {max} tags.";

    public static string ParentOf(string childName) => $"Hours of operation is a parent of hours of operation '{childName}'";

    public static string InUseBy(string noun, string holderNoun, string holderName) => $"{noun} is in use by {holderNoun} '{holderName}'";
}
