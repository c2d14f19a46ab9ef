namespace ConnectLocal.Core.DataTables;

/// <summary>An attribute's validation rules (the model's Validation, member for member).</summary>
public sealed record ValueRules(
    int? MinLength,
    int? MaxLength,
    int? MinValues,
    int? MaxValues,
    bool? IgnoreCase,
    double? Minimum,
    double? Maximum,
    double? ExclusiveMinimum,
    double? ExclusiveMaximum,
    double? MultipleOf,
    EnumRule? Enum);

/// <summary>ValidationEnum: the listed values, and whether only they are allowed.</summary>
public sealed record EnumRule(bool? Strict, IReadOnlyList<string>? Values);

/// <summary>An attribute (column) of a data table. Its lock version changes with its own edits (and, at ATTRIBUTE lock level, its values').</summary>
public sealed record DataTableColumn
{
    public required string AttributeId { get; init; }

    public required string Name { get; init; }

    public required string ValueType { get; init; }

    public string? Description { get; init; }

    public bool Primary { get; init; }

    public ValueRules? Validation { get; init; }

    public long Lock { get; init; }

    public DateTimeOffset LastModifiedTime { get; init; }

    public string LastModifiedRegion { get; init => field = value ?? field; } = string.Empty;
}

/// <summary>A record's value of one primary attribute.</summary>
public sealed record PrimaryCell(string AttributeId, string Value);

/// <summary>A stored value of one attribute in one record.</summary>
public sealed record DataTableCell
{
    public required string AttributeId { get; init; }

    public required string Value { get; init; }

    public long Lock { get; init; }

    public DateTimeOffset LastModifiedTime { get; init; }

    public string LastModifiedRegion { get; init => field = value ?? field; } = string.Empty;
}

/// <summary>
/// A record: the values that share one combination of primary values. The record with no primary values is the
/// default record (its values are the attributes' defaults). [choice] A record exists while it holds a value.
/// </summary>
public sealed record DataTableRow
{
    public required string RecordId { get; init; }

    public IReadOnlyList<PrimaryCell> Primary { get; init => field = value ?? field; } = [];

    public IReadOnlyList<DataTableCell> Cells { get; init => field = value ?? field; } = [];

    public long Lock { get; init; }

    public DateTimeOffset LastModifiedTime { get; init; }

    public string LastModifiedRegion { get; init => field = value ?? field; } = string.Empty;
}

/// <summary>
/// A data table (CreateDataTable) with its attributes and records, stored as one resource so every change to it is
/// one write. Member names follow the model's DataTable shape (ListDataTables and SearchDataTables are declared and
/// map it by name); lock versions are kept under other names because SearchDataTables omits them.
/// </summary>
public sealed record DataTable : Resources.InstanceResource, IResource<DataTable>, ITaggable<DataTable>
{
    public static string Kind => "data-table";

    public required string Name { get; init; }

    public string? Description { get; init; }

    public required string TimeZone { get; init; }

    public required string ValueLockLevel { get; init; }

    public required string Status { get; init; }

    public DateTimeOffset CreatedTime { get; init; }

    /// <summary>The table's own lock version (LockVersion.DataTable).</summary>
    public long TableLock { get; init; }

    /// <summary>[choice] Lock versions are drawn from one counter per table, so no two versions in a table are equal.</summary>
    public long Clock { get; init; }

    public IReadOnlyList<DataTableColumn> Columns { get; init => field = value ?? field; } = [];

    public IReadOnlyList<DataTableRow> Rows { get; init => field = value ?? field; } = [];

    public DataTable WithTags(IReadOnlyDictionary<string, string> tags) => this with { Tags = tags };
}
