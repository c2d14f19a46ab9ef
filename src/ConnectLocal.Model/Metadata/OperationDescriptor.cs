using System.Collections.Generic;
using System.Linq;

namespace ConnectLocal.Model.Metadata;

/// <summary>One operation of the model: HTTP binding, shapes and errors. Instances are generated.</summary>
public sealed class OperationDescriptor(
    int index,
    string name,
    string method,
    string requestUri,
    ShapeDescriptor input,
    ShapeDescriptor? output,
    IReadOnlyList<string> errors)
{
    public int Index { get; } = index;

    public string Name { get; } = name;

    public string Method { get; } = method;

    public string RequestUri { get; } = requestUri;

    public ShapeDescriptor Input { get; } = input;

    public ShapeDescriptor? Output { get; } = output;

    public IReadOnlyList<string> Errors { get; } = errors;

    /// <summary>
    /// The error code for model-constraint violations: the operation's InvalidParameterException when its model
    /// lists one, otherwise InvalidRequestException (so that SDKs that type errors per operation, like .NET, get a
    /// typed exception).
    /// </summary>
    public string ValidationErrorCode { get; } =
        errors.Contains("InvalidParameterException") ? "InvalidParameterException" : "InvalidRequestException";

    /// <summary>How the operation pages, from the model's paginators file; null when it does not.</summary>
    public Paginator? Paginator => OperationTable.Paginators.TryGetValue(Name, out var paginator) ? paginator : null;

    /// <summary>The largest page the operation's page-size member allows (its range trait), or null.</summary>
    public int? MaxPageSize
    {
        get
        {
            foreach (var member in Input.Members)
            {
                if (member.Name == (Paginator?.LimitKey ?? "MaxResults") && member.Target.MaxValue is { } max)
                {
                    return (int)max;
                }
            }

            return null;
        }
    }

    public bool HasBodyMembers
    {
        get
        {
            foreach (var member in Input.Members)
            {
                if (member.Location == MemberLocation.Body)
                {
                    return true;
                }
            }

            return false;
        }
    }

    public override string ToString() => Name;
}
