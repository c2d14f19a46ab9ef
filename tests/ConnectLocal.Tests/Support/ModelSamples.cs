using System.Text.RegularExpressions;
using ConnectLocal.Model.Metadata;
using ConnectLocal.Server.Hosting;

namespace ConnectLocal.Tests.Support;

/// <summary>Requests built from the model, so that tests keep working as handlers are added.</summary>
internal static partial class ModelSamples
{
    public const string LabelValue = "abc";

    /// <summary>The operation's URI template with every label replaced by <paramref name="value"/>.</summary>
    public static string PathOf(OperationDescriptor operation, string value = LabelValue) =>
        LabelRegex().Replace(operation.RequestUri, value);

    public static IEnumerable<string> Segments(OperationDescriptor operation) => operation.RequestUri.TrimStart('/').Split('/');

    /// <summary>
    /// Operations without a handler whose only required members are path labels that accept <see cref="LabelValue"/>:
    /// a request with those labels and nothing else is valid and must reach the 501 answer.
    /// </summary>
    public static IEnumerable<OperationDescriptor> NotImplementedWithOnlyPlainLabelsRequired()
    {
        var implemented = CompatibilityReport.ImplementedOperations();
        return OperationTable.All.Where(op => !implemented.Contains(op.Name) && op.Input.Members.All(IsPlainOrOptional));
    }

    private static bool IsPlainOrOptional(MemberDescriptor member)
    {
        if (!member.Required)
        {
            return true;
        }

        var shape = member.Target;
        return member.Location == MemberLocation.Uri
            && shape.Kind == ShapeKind.String
            && shape.EnumValues is null
            && shape.Pattern is null
            && !(shape.MinLength > LabelValue.Length)
            && !(shape.MaxLength < LabelValue.Length);
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex LabelRegex();
}
