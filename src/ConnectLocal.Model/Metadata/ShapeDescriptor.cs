using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace ConnectLocal.Model.Metadata;

public enum ShapeKind
{
    Structure,
    List,
    Map,
    String,
    Integer,
    Long,
    Float,
    Double,
    Boolean,
    Timestamp,
}

public enum MemberLocation
{
    Body,
    Uri,
    Query,
    Header,
}

/// <summary>One shape of the model with the constraints the server enforces. Instances are generated.</summary>
public sealed class ShapeDescriptor
{
    private readonly Lazy<Regex>? _pattern;
    private IReadOnlyList<MemberDescriptor> _members = [];

    public ShapeDescriptor(string name, ShapeKind kind)
    {
        Name = name;
        Kind = kind;
    }

    public ShapeDescriptor(string name, ShapeKind kind, string? patternAsModelled, string? patternForDotNet, bool patternNeedsBacktracking)
        : this(name, kind)
    {
        if (patternAsModelled is null || patternForDotNet is null)
        {
            return;
        }

        PatternAsModelled = patternAsModelled;
        // Patterns without look-arounds run on the non-backtracking engine, so no input can make matching
        // super-linear; the few with look-arounds get a timeout instead.
        var options = RegexOptions.CultureInvariant | (patternNeedsBacktracking ? RegexOptions.None : RegexOptions.NonBacktracking);
        _pattern = new Lazy<Regex>(() => new Regex(patternForDotNet, options, TimeSpan.FromMilliseconds(200)));
    }

    public string Name { get; }

    public ShapeKind Kind { get; }

    /// <summary>Length bounds for strings (code points), lists and maps (entries).</summary>
    public long? MinLength { get; init; }

    public long? MaxLength { get; init; }

    /// <summary>Value bounds for numbers.</summary>
    public double? MinValue { get; init; }

    public double? MaxValue { get; init; }

    public IReadOnlyList<string>? EnumValues { get; init; }

    public bool Sensitive { get; init; }

    public bool IsUnion { get; init; }

    public bool IsError { get; init; }

    public int HttpStatus { get; init; }

    /// <summary>Timestamp shapes only: true when the model asks for ISO 8601 strings instead of epoch seconds.</summary>
    public bool Iso8601 { get; init; }

    /// <summary>The pattern exactly as the model writes it; quoted in validation messages.</summary>
    public string? PatternAsModelled { get; }

    public Regex? Pattern => _pattern?.Value;

    public IReadOnlyList<MemberDescriptor> Members
    {
        get => _members;
        internal set => _members = value;
    }

    public ShapeDescriptor? ListMember { get; internal set; }

    public ShapeDescriptor? MapKey { get; internal set; }

    public ShapeDescriptor? MapValue { get; internal set; }

    public override string ToString() => Name;
}

/// <summary>A member of a structure: its JSON name, target shape and where it travels in a request.</summary>
public sealed class MemberDescriptor(
    string name,
    ShapeDescriptor target,
    bool required,
    MemberLocation location,
    string? locationName,
    bool idempotencyToken)
{
    public string Name { get; } = name;

    /// <summary>The member name as AWS validation messages spell it: first letter lower-cased.</summary>
    public string MessageName { get; } = char.ToLowerInvariant(name[0]) + name[1..];

    public ShapeDescriptor Target { get; } = target;

    public bool Required { get; } = required;

    public MemberLocation Location { get; } = location;

    /// <summary>Path label, query key or header name; null for body members.</summary>
    public string? LocationName { get; } = locationName;

    public bool IdempotencyToken { get; } = idempotencyToken;

    public override string ToString() => Name;
}
