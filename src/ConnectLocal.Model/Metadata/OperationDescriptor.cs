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
