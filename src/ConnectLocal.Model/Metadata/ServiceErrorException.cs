using System;
using System.Collections.Generic;

namespace ConnectLocal.Model.Metadata;

/// <summary>
/// An error of the model (by shape name, e.g. ResourceNotFoundException) that a handler answers with. The HTTP
/// status comes from the model's error shape; <see cref="Fields"/> are extra top-level members such as
/// ResourceType and ResourceId of ResourceInUseException; <see cref="ListFields"/> are top-level members that are lists
/// of flat structures, such as InvalidContactFlowException's problems ([{"message": …}]).
/// </summary>
public sealed class ServiceErrorException : Exception
{
    public ServiceErrorException(string code, string message, IReadOnlyDictionary<string, string>? fields = null)
        : base(message)
    {
        if (!ShapeTable.Errors.TryGetValue(code, out var shape))
        {
            throw new ArgumentException($"{code} is not an error shape of the model", nameof(code));
        }

        Code = code;
        HttpStatus = shape.HttpStatus;
        Fields = fields ?? new Dictionary<string, string>();
    }

    public string Code { get; }

    public int HttpStatus { get; }

    public IReadOnlyDictionary<string, string> Fields { get; }

    public IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>> ListFields { get; init; } =
        new Dictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>>();

    /// <summary>Members that are structures of strings (InvalidRequestException's Reason union: {"AttachedFileInvalidRequestExceptionReason": "…"}).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ObjectFields { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();
}
