using System.Text.Json.Serialization;
using ConnectLocal.Core.AuthenticationProfiles;
using ConnectLocal.Core.DataTables;
using ConnectLocal.Core.EmailAddresses;
using ConnectLocal.Core.Evaluations;
using ConnectLocal.Core.FlowModules;
using ConnectLocal.Core.Flows;
using ConnectLocal.Core.Hierarchy;
using ConnectLocal.Core.Prompts;
using ConnectLocal.Core.QuickConnects;
using ConnectLocal.Core.Registry;
using ConnectLocal.Core.Resources;
using ConnectLocal.Core.Rules;
using ConnectLocal.Core.TaskTemplates;
using ConnectLocal.Core.TestCases;
using ConnectLocal.Core.Workspaces;

namespace ConnectLocal.Server.Handlers.Declared;

/// <summary>
/// The JSON of every domain record the declared operations map to and from model shapes (<see cref="ShapeJson"/>),
/// generated at build time and used by every build (the native executable has no reflection-based JSON, docs/install.md,
/// Native AOT); <see cref="ShapeJson"/> gives it its options (nulls left out, timestamps as epoch seconds).
/// </summary>
[JsonSerializable(typeof(AgentStatus))]
[JsonSerializable(typeof(AuthenticationProfile))]
[JsonSerializable(typeof(ContactEmailAddress))]
[JsonSerializable(typeof(ContactFlow))]
[JsonSerializable(typeof(ContactFlowModule))]
[JsonSerializable(typeof(DataTable))]
[JsonSerializable(typeof(EvaluationForm))]
[JsonSerializable(typeof(FormVersion))]
[JsonSerializable(typeof(FormValidation))]
[JsonSerializable(typeof(HierarchyGroup))]
[JsonSerializable(typeof(HoursOfOperation))]
[JsonSerializable(typeof(Core.Notifications.Notification))]
[JsonSerializable(typeof(Prompt))]
[JsonSerializable(typeof(Queue))]
[JsonSerializable(typeof(QuickConnect))]
[JsonSerializable(typeof(RoutingProfile))]
[JsonSerializable(typeof(Rule))]
[JsonSerializable(typeof(List<RuleAction>))]
[JsonSerializable(typeof(SecurityProfile))]
[JsonSerializable(typeof(TaskTemplate))]
[JsonSerializable(typeof(TestCase))]
[JsonSerializable(typeof(User))]
[JsonSerializable(typeof(Workspace))]
[JsonSerializable(typeof(WorkspaceTheme))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(StringMatch))]
[JsonSerializable(typeof(DateMatch))]
[JsonSerializable(typeof(TagFilter))]
[JsonSerializable(typeof(TagMatch))]
internal sealed partial class DeclaredJsonContext : JsonSerializerContext;
