using System.Globalization;
using ConnectLocal.Core.Instances;

namespace ConnectLocal.Core.DataTables;

/// <summary>What CreateDataTable and UpdateDataTableMetadata carry.</summary>
public sealed record TableFields(string Name, string? Description, string TimeZone, string ValueLockLevel, string? Status);

/// <summary>What CreateDataTableAttribute and UpdateDataTableAttribute carry (an update replaces all of it).</summary>
public sealed record AttributeFields(string Name, string ValueType, string? Description, bool Primary, ValueRules? Validation);

/// <summary>A primary value as a request names it: the primary attribute's name and the value.</summary>
public sealed record KeyPart(string AttributeName, string Value);

/// <summary>A DataTableLockVersion: the components a caller read, or the ones an answer gives (null: not given).</summary>
public sealed record Locks(string? DataTable, string? Attribute, string? PrimaryValues, string? Value);

/// <summary>One item of a value batch: the record's primary values (none: the default record), the attribute, the value, the lock version read.</summary>
public sealed record ValueItem(IReadOnlyList<KeyPart> PrimaryValues, string AttributeName, string? Value, Locks? LockVersion);

/// <summary>A PrimaryAttributeValues filter: records whose value of the primary attribute is one of the values.</summary>
public sealed record KeyFilter(string AttributeName, IReadOnlyList<string> Values);

/// <summary>One set of EvaluateDataTableValues: a record's primary values and the attributes to evaluate.</summary>
public sealed record EvaluationSet(IReadOnlyList<KeyPart> PrimaryValues, IReadOnlyList<string> AttributeNames);

/// <summary>One successful item: the stored value with its record, attribute and lock versions.</summary>
public sealed record ValueOutcome(
    IReadOnlyList<KeyPart> PrimaryValues, string AttributeName, string? RecordId, string? AttributeId, Locks LockVersion, DataTableRow? Row, DataTableCell? Cell);

/// <summary>One failed item and why.</summary>
public sealed record ValueFailure(IReadOnlyList<KeyPart> PrimaryValues, string AttributeName, string Message);

public sealed record BatchOutcome(IReadOnlyList<ValueOutcome> Successful, IReadOnlyList<ValueFailure> Failed);

/// <summary>One value of EvaluateDataTableValues' answer.</summary>
public sealed record EvaluatedValue(string RecordId, IReadOnlyList<KeyPart> PrimaryValues, string AttributeName, string ValueType, bool Found, bool Error, string Value);

/// <summary>
/// Data tables, their attributes and their values (issue 15). Every rule AWS leaves open is a [choice] in
/// docs/data-tables.md. Lock versions: the table's changes with its metadata and attributes (and, at DATA_TABLE lock
/// level, with any value); an attribute's with its own edits (and its values' at ATTRIBUTE level); a record's when its
/// primary values change (and its values' at PRIMARY_VALUE level); a value's with every edit of it. Value edits must
/// carry the current version of the component the table's ValueLockLevel names (none at NONE).
/// </summary>
public sealed class DataTableService(IConnectStore store, ConnectSettings settings)
{
    /// <summary>CreateDataTable: "limited to 100 per instance".</summary>
    public const int TablesPerInstance = 100;

    /// <summary>ListDataTableAttributes: "A maximum of 100 attributes per data table".</summary>
    public const int AttributesPerTable = 100;

    /// <summary>ListDataTablePrimaryValues: "Up to 100 records are returned per request".</summary>
    public const int MaxPrimaryValuesPage = 100;

    public const string Latest = "$LATEST";
    public const string Saved = "$SAVED";

    public static readonly ResourceType<DataTable> Type = new()
    {
        ArnSegment = "data-table",
        Mirrored = true, // Global Resiliency: the Admin Guide's "Resources mirrored in the replica instance" (docs/global-resiliency.md)
        Noun = "Data table",
        Quota = _ => TablesPerInstance,
        QuotaError = DomainErrorKind.ServiceQuotaExceeded,
        // Names are unique ignoring case, which the store's exact name index cannot say: Check does it.
        UniqueNames = false,
        SearchFields =
        [
            SearchField<DataTable>.Text("name", t => t.Name),
            SearchField<DataTable>.Text("description", t => t.Description),
            SearchField<DataTable>.Id("resourceID", t => t.Id),
        ],
        Check = Check,
    };

    private static readonly string[] AnyAlias = [Latest, Saved];
    private static readonly string[] LatestOnly = [Latest];

    private readonly ResourceOperations<DataTable> _tables = new(store, settings, Type);

    public DataTable Create(Caller caller, string instanceIdOrArn, TableFields fields, IReadOnlyDictionary<string, string> tags) =>
        _tables.Create(caller, instanceIdOrArn, context => new DataTable
        {
            Name = fields.Name.Trim(),
            Description = Trimmed(fields.Description),
            TimeZone = fields.TimeZone,
            ValueLockLevel = fields.ValueLockLevel,
            Status = fields.Status!,
            CreatedTime = caller.Now,
            TableLock = 1,
            Clock = 1,
            Tags = tags,
        });

    public DataTable Describe(Caller caller, string instanceIdOrArn, string tableIdOrArn) =>
        Read(caller, instanceIdOrArn, tableIdOrArn, AnyAlias, (_, table) => table);

    /// <summary>UpdateDataTableMetadata: not a patch — a Description left out is removed. The alias, if any, must be $LATEST.</summary>
    public DataTable UpdateMetadata(Caller caller, string instanceIdOrArn, string tableIdOrArn, TableFields fields) =>
        Change(caller, instanceIdOrArn, tableIdOrArn, LatestOnly, (_, table) =>
        {
            var clock = table.Clock + 1;
            var updated = table with
            {
                Name = fields.Name.Trim(),
                Description = Trimmed(fields.Description),
                TimeZone = fields.TimeZone,
                ValueLockLevel = fields.ValueLockLevel,
                TableLock = clock,
                Clock = clock,
            };
            return (updated, updated);
        });

    /// <summary>DeleteDataTable: the table with its attributes and values. The alias, if any, must be $LATEST.</summary>
    public void Delete(Caller caller, string instanceIdOrArn, string tableIdOrArn) =>
        _tables.Delete(caller, instanceIdOrArn, Unaliased(tableIdOrArn, LatestOnly));

    public (DataTable Table, DataTableColumn Column) CreateAttribute(Caller caller, string instanceIdOrArn, string tableIdOrArn, AttributeFields fields) =>
        Change(caller, instanceIdOrArn, tableIdOrArn, AnyAlias, (_, table) =>
        {
            var name = CheckedName(fields.Name, ErrorTexts.DataTableAttributeNoun);
            if (ColumnNamed(table, name) is not null)
            {
                throw Errors.Duplicate(ErrorTexts.DataTableAttributeNoun, name);
            }

            if (table.Columns.Count >= AttributesPerTable)
            {
                throw Errors.Quota(ErrorTexts.DataTableAttributesQuota(AttributesPerTable));
            }

            DataTableValues.CheckRules(name, fields.ValueType, fields.Validation);
            var clock = table.Clock + 1;
            var column = new DataTableColumn
            {
                AttributeId = DefaultResources.NewId(),
                Name = name,
                ValueType = fields.ValueType,
                Description = Trimmed(fields.Description),
                Primary = fields.Primary,
                Validation = fields.Validation,
                Lock = clock,
                LastModifiedTime = caller.Now,
                LastModifiedRegion = caller.Region,
            };

            // A new primary attribute gives every record but the default one the type's empty value.
            var rows = fields.Primary
                ? table.Rows.Select(r => r.Primary.Count == 0 ? r : r with { Primary = [.. r.Primary, new PrimaryCell(column.AttributeId, Empty(column))] }).ToList()
                : table.Rows;
            var updated = table with { Columns = [.. table.Columns, column], Rows = rows, TableLock = clock, Clock = clock };
            return (updated, (updated, column));
        });

    public (DataTable Table, DataTableColumn Column) DescribeAttribute(Caller caller, string instanceIdOrArn, string tableIdOrArn, string attributeName) =>
        Read(caller, instanceIdOrArn, tableIdOrArn, AnyAlias, (_, table) => (table, RequireColumn(table, attributeName)));

    /// <summary>
    /// ListDataTableAttributes in name order ([choice]). AttributeIds keeps the attributes it names; as the model says, it is
    /// ignored when NextToken is given.
    /// </summary>
    public (DataTable Table, Page<DataTableColumn> Page) ListAttributes(
        Caller caller, string instanceIdOrArn, string tableIdOrArn, IReadOnlyList<string>? attributeIds, string? nextToken, int pageSize) =>
        Read(caller, instanceIdOrArn, tableIdOrArn, AnyAlias, (session, table) =>
        {
            var ids = string.IsNullOrEmpty(nextToken) && attributeIds is { Count: > 0 } ? attributeIds.ToHashSet(StringComparer.Ordinal) : null;
            var columns = table.Columns.Where(c => ids is null || ids.Contains(c.AttributeId)).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
            return (table, Paging.Slice(session, Scope(caller, table), "ListDataTableAttributes/" + table.Id, columns, c => c.Name, nextToken, pageSize));
        });

    /// <summary>
    /// UpdateDataTableAttribute replaces every property (Primary left out is false, Validation left out is none).
    /// Existing values stay as they are. Making an attribute primary moves each record's value of it into its primary
    /// values (the type's empty value where it has none); making it not primary moves the primary values back into
    /// values. [choice] A change that would give two records the same primary values, or leave a primary value that is
    /// not a value of the new type, is ConflictException and changes nothing.
    /// </summary>
    public (DataTable Table, DataTableColumn Column) UpdateAttribute(
        Caller caller, string instanceIdOrArn, string tableIdOrArn, string attributeName, AttributeFields fields) =>
        Change(caller, instanceIdOrArn, tableIdOrArn, AnyAlias, (_, table) =>
        {
            var current = RequireColumn(table, attributeName);
            var name = CheckedName(fields.Name, ErrorTexts.DataTableAttributeNoun);
            if (ColumnNamed(table, name) is { } other && other.AttributeId != current.AttributeId)
            {
                throw Errors.Duplicate(ErrorTexts.DataTableAttributeNoun, name);
            }

            DataTableValues.CheckRules(name, fields.ValueType, fields.Validation);
            var clock = table.Clock + 1;
            var column = current with
            {
                Name = name,
                ValueType = fields.ValueType,
                Description = Trimmed(fields.Description),
                Primary = fields.Primary,
                Validation = fields.Validation,
                Lock = clock,
                LastModifiedTime = caller.Now,
                LastModifiedRegion = caller.Region,
            };
            var rows = table.Rows;
            if (column.Primary && !current.Primary)
            {
                rows = rows.Select(r => r.Primary.Count == 0
                    ? r with { Cells = r.Cells.Where(c => c.AttributeId != column.AttributeId).ToList() }
                    : r with
                    {
                        Primary = [.. r.Primary, new PrimaryCell(column.AttributeId, CellOf(r, column)?.Value ?? Empty(column))],
                        Cells = r.Cells.Where(c => c.AttributeId != column.AttributeId).ToList(),
                        Lock = clock,
                    }).ToList();
            }
            else if (!column.Primary && current.Primary)
            {
                rows = rows.Select(r => r.Primary.FirstOrDefault(p => p.AttributeId == column.AttributeId) is { } moved
                    ? r with
                    {
                        Primary = r.Primary.Where(p => p.AttributeId != column.AttributeId).ToList(),
                        Cells = [.. r.Cells, NewCell(column.AttributeId, moved.Value, clock, caller)],
                        Lock = clock,
                    }
                    : r).ToList();
            }

            var columns = table.Columns.Select(c => c.AttributeId == column.AttributeId ? column : c).ToList();
            var updated = table with { Columns = columns, Rows = rows, TableLock = clock, Clock = clock };
            RequireConsistentKeys(updated, column);
            return (updated, (updated, column));
        });

    /// <summary>
    /// DeleteDataTableAttribute: the attribute and all its values; a record left without values goes too. [choice]
    /// Deleting a primary attribute whose removal would give two records the same primary values is ConflictException.
    /// </summary>
    public DataTable DeleteAttribute(Caller caller, string instanceIdOrArn, string tableIdOrArn, string attributeName) =>
        Change(caller, instanceIdOrArn, tableIdOrArn, AnyAlias, (_, table) =>
        {
            var column = RequireColumn(table, attributeName);
            var clock = table.Clock + 1;
            var rows = table.Rows
                .Select(r => r with
                {
                    Primary = r.Primary.Where(p => p.AttributeId != column.AttributeId).ToList(),
                    Cells = r.Cells.Where(c => c.AttributeId != column.AttributeId).ToList(),
                })
                .Where(r => r.Cells.Count > 0)
                .ToList();
            var updated = table with { Columns = table.Columns.Where(c => c.AttributeId != column.AttributeId).ToList(), Rows = rows, TableLock = clock, Clock = clock };
            RequireConsistentKeys(updated, null);
            return (updated, updated);
        });

    public BatchOutcome BatchCreate(Caller caller, string instanceIdOrArn, string tableIdOrArn, IReadOnlyList<ValueItem> items) =>
        Batch(caller, instanceIdOrArn, tableIdOrArn, items, BatchKind.Create);

    public BatchOutcome BatchUpdate(Caller caller, string instanceIdOrArn, string tableIdOrArn, IReadOnlyList<ValueItem> items) =>
        Batch(caller, instanceIdOrArn, tableIdOrArn, items, BatchKind.Update);

    public BatchOutcome BatchDelete(Caller caller, string instanceIdOrArn, string tableIdOrArn, IReadOnlyList<ValueItem> items) =>
        Batch(caller, instanceIdOrArn, tableIdOrArn, items, BatchKind.Delete);

    /// <summary>BatchDescribeDataTableValue: each value as stored (no evaluation); one that is not there is a failure.</summary>
    public (DataTable Table, BatchOutcome Outcome) BatchDescribe(Caller caller, string instanceIdOrArn, string tableIdOrArn, IReadOnlyList<ValueItem> items) =>
        Read(caller, instanceIdOrArn, tableIdOrArn, AnyAlias, (_, table) =>
        {
            var successful = new List<ValueOutcome>();
            var failed = new List<ValueFailure>();
            foreach (var item in items)
            {
                var column = ColumnNamed(table, item.AttributeName);
                var (key, _, problem) = KeyFor(table, item.PrimaryValues);
                var row = key is null ? null : table.Rows.FirstOrDefault(r => RowKey(table, r) == key);
                var cell = column is null ? null : row?.Cells.FirstOrDefault(c => c.AttributeId == column.AttributeId);
                if (column is null || problem is not null || row is null || cell is null)
                {
                    failed.Add(new ValueFailure(item.PrimaryValues, item.AttributeName, column is null
                        ? ErrorTexts.NotFound(ErrorTexts.DataTableAttributeNoun)
                        : problem ?? ErrorTexts.NotFound(ErrorTexts.DataTableValueNoun)));
                    continue;
                }

                successful.Add(new ValueOutcome(item.PrimaryValues, column.Name, row.RecordId, column.AttributeId, LocksOf(table, column, row, cell), row, cell));
            }

            return (table, new BatchOutcome(successful, failed));
        });

    /// <summary>
    /// ListDataTableValues: every stored value, by record id then attribute id ([choice]). RecordIds keeps those records;
    /// PrimaryAttributeValues keeps records whose value of each named primary attribute is one of the listed values.
    /// </summary>
    public (DataTable Table, Page<(DataTableRow Row, DataTableCell Cell)> Page) ListValues(
        Caller caller, string instanceIdOrArn, string tableIdOrArn, IReadOnlyList<string>? recordIds, IReadOnlyList<KeyFilter>? filters, string? nextToken, int pageSize) =>
        Read(caller, instanceIdOrArn, tableIdOrArn, AnyAlias, (session, table) =>
        {
            var rows = FilteredRows(table, recordIds, filters);
            var cells = rows.SelectMany(r => r.Cells.OrderBy(c => c.AttributeId, StringComparer.Ordinal).Select(c => (Row: r, Cell: c))).ToList();
            var listing = Paging.Listing("ListDataTableValues/" + table.Id, recordIds ?? [], FilterKey(filters));
            return (table, Paging.Slice(session, Scope(caller, table), listing, cells, x => x.Row.RecordId + "/" + x.Cell.AttributeId, nextToken, pageSize));
        });

    /// <summary>
    /// ListDataTablePrimaryValues: [choice] the records in record id order, the default record included; at most 100 a page.
    /// RecordIds is ignored when NextToken is given, as the model says.
    /// </summary>
    public (DataTable Table, Page<DataTableRow> Page) ListPrimaryValues(
        Caller caller, string instanceIdOrArn, string tableIdOrArn, IReadOnlyList<string>? recordIds, IReadOnlyList<KeyFilter>? filters, string? nextToken, int pageSize) =>
        Read(caller, instanceIdOrArn, tableIdOrArn, AnyAlias, (session, table) =>
        {
            var ids = string.IsNullOrEmpty(nextToken) ? recordIds : null;
            var rows = FilteredRows(table, ids, filters);
            var listing = Paging.Listing("ListDataTablePrimaryValues/" + table.Id, FilterKey(filters));
            return (table, Paging.Slice(session, Scope(caller, table), listing, rows, r => r.RecordId, nextToken, Math.Min(pageSize, MaxPrimaryValuesPage)));
        });

    /// <summary>
    /// UpdateDataTablePrimaryValues: moves a record (all its values) to new primary values. Both sets name every
    /// primary attribute; the new combination must be free (ConflictException otherwise). [choice] The lock version
    /// checked is the table's at DATA_TABLE level, none at NONE, and the record's (PrimaryValues) at every other level;
    /// a stale one is ConflictException.
    /// </summary>
    public (DataTable Table, DataTableRow Row) UpdatePrimaryValues(
        Caller caller, string instanceIdOrArn, string tableIdOrArn, IReadOnlyList<KeyPart> primaryValues, IReadOnlyList<KeyPart> newPrimaryValues, Locks lockVersion) =>
        Change(caller, instanceIdOrArn, tableIdOrArn, AnyAlias, (_, table) =>
        {
            if (!table.Columns.Any(c => c.Primary))
            {
                throw Errors.InvalidParameter(ErrorTexts.DataTableHasNoPrimaryAttributes);
            }

            var (key, _, problem) = KeyFor(table, primaryValues);
            if (problem is not null || primaryValues.Count == 0)
            {
                throw Errors.InvalidParameter(problem ?? ErrorTexts.DataTablePrimaryValuesIncomplete);
            }

            var (newKey, newCells, newProblem) = KeyFor(table, newPrimaryValues);
            if (newProblem is not null || newPrimaryValues.Count == 0)
            {
                throw Errors.InvalidParameter(newProblem ?? ErrorTexts.DataTablePrimaryValuesIncomplete);
            }

            var row = table.Rows.FirstOrDefault(r => RowKey(table, r) == key) ?? throw Errors.NotFound(ErrorTexts.DataTableRecordNoun);
            var (given, current) = table.ValueLockLevel switch
            {
                "NONE" => ((string?)null, (long?)null),
                "DATA_TABLE" => (lockVersion.DataTable, table.TableLock),
                _ => (lockVersion.PrimaryValues, row.Lock),
            };
            if (current is { } expected && given != expected.ToString(CultureInfo.InvariantCulture))
            {
                throw Errors.Conflict(ErrorTexts.DataTableLockVersionStale);
            }

            if (newKey != key && table.Rows.Any(r => RowKey(table, r) == newKey))
            {
                throw Errors.Conflict(ErrorTexts.DataTablePrimaryValuesTaken);
            }

            var clock = table.Clock + 1;
            var moved = row with { Primary = newCells!, Lock = clock, LastModifiedTime = caller.Now, LastModifiedRegion = caller.Region };
            var updated = table with
            {
                Rows = table.Rows.Select(r => r.RecordId == row.RecordId ? moved : r).ToList(),
                Clock = clock,
                TableLock = table.ValueLockLevel == "DATA_TABLE" ? clock : table.TableLock,
            };
            return (updated, (updated, moved));
        });

    /// <summary>
    /// EvaluateDataTableValues: per set and attribute, the record's value, else the attribute's default (the default
    /// record's value), else the type's empty value with Found false. [choice] Values are literals (no expressions or
    /// time slices are stored), so the time zone (the request's, else the table's) is validated but changes nothing;
    /// a stored value that is not valid for the attribute's current type counts as absent; an attribute or primary
    /// values that name nothing give Error true. Accesses are not recorded.
    /// </summary>
    public Page<EvaluatedValue> Evaluate(
        Caller caller, string instanceIdOrArn, string tableIdOrArn, IReadOnlyList<EvaluationSet> sets, string? timeZone, string? nextToken, int pageSize) =>
        Read(caller, instanceIdOrArn, tableIdOrArn, AnyAlias, (session, table) =>
        {
            if (timeZone is not null && !Queues.HoursOfOperationService.IsKnownTimeZone(timeZone))
            {
                throw Errors.InvalidParameter(ErrorTexts.InvalidTimeZone(timeZone));
            }

            var defaults = table.Rows.FirstOrDefault(r => r.Primary.Count == 0);
            var results = new List<EvaluatedValue>();
            foreach (var (primaryValues, names) in sets.Select(s => (s.PrimaryValues, s.AttributeNames)))
            {
                var (key, _, problem) = KeyFor(table, primaryValues);
                var row = key is null ? null : table.Rows.FirstOrDefault(r => RowKey(table, r) == key);
                foreach (var name in names)
                {
                    if (ColumnNamed(table, name) is not { } column || problem is not null)
                    {
                        var type = ColumnNamed(table, name)?.ValueType ?? DataTableValues.Text;
                        results.Add(new EvaluatedValue(string.Empty, primaryValues, name, type, Found: false, Error: true, string.Empty));
                        continue;
                    }

                    string? Usable(DataTableRow? r) => r?.Cells.FirstOrDefault(c => c.AttributeId == column.AttributeId) is { } cell
                        && DataTableValues.Problem(column, cell.Value) is null ? cell.Value : null;
                    var value = Usable(row) ?? Usable(defaults);
                    results.Add(new EvaluatedValue(
                        row?.RecordId ?? string.Empty, primaryValues, column.Name, column.ValueType, value is not null, Error: false, value ?? Empty(column)));
                }
            }

            var request = sets.SelectMany(s => s.PrimaryValues.SelectMany(p => new[] { p.AttributeName, p.Value }).Append("|").Concat(s.AttributeNames).Append("||"));
            var listing = Paging.Listing("EvaluateDataTableValues/" + table.Id, request, [timeZone]);
            var indexed = results.Select((r, i) => (Index: i.ToString("D8", CultureInfo.InvariantCulture), Value: r)).ToList();
            var page = Paging.Slice(session, Scope(caller, table), listing, indexed, x => x.Index, nextToken, pageSize);
            return new Page<EvaluatedValue>(page.Items.Select(x => x.Value).ToList(), page.NextToken);
        });

    /// <summary>
    /// The names, lock levels and time zones every create and update must have: a name trimmed, not starting with
    /// "connect:" or "aws:" (ignoring case), unique in the instance ignoring case; an IANA time zone.
    /// </summary>
    private static void Check(ResourceContext context, DataTable table)
    {
        CheckedName(table.Name, Type.Noun);
        if (context.Session.All<DataTable>(context.Scope).Any(t => t.Id != table.Id && string.Equals(t.Name, table.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw Errors.Duplicate(Type.Noun, table.Name);
        }

        if (!Queues.HoursOfOperationService.IsKnownTimeZone(table.TimeZone))
        {
            throw Errors.InvalidParameter(ErrorTexts.InvalidTimeZone(table.TimeZone));
        }
    }

    private enum BatchKind
    {
        Create,
        Update,
        Delete,
    }

    /// <summary>
    /// A value batch: each item on its own (a failure is reported and changes nothing of it), in request order, in one
    /// transaction. Lock versions are compared with those the table had when the batch began, and each lock the
    /// batch changes (the table's, an attribute's or a record's, by the lock level) changes once, at its end.
    /// [choice] A create checks the component of the lock level only when its LockVersion carries it; an update or
    /// delete must carry it (none at NONE). A value of a primary attribute is refused (primary values are set through
    /// PrimaryValues).
    /// </summary>
    private BatchOutcome Batch(Caller caller, string instanceIdOrArn, string tableIdOrArn, IReadOnlyList<ValueItem> items, BatchKind kind) =>
        Change(caller, instanceIdOrArn, tableIdOrArn, AnyAlias, (_, original) =>
        {
            var level = original.ValueLockLevel;
            var rows = original.Rows.ToList();
            var clock = original.Clock;
            var touchedColumns = new HashSet<string>(StringComparer.Ordinal);
            var touchedRows = new HashSet<string>(StringComparer.Ordinal);
            var done = new List<(ValueItem Item, string AttributeId, string RecordId)>();
            var failed = new List<ValueFailure>();
            foreach (var item in items)
            {
                var column = ColumnNamed(original, item.AttributeName);
                var (key, keyCells, keyProblem) = KeyFor(original, item.PrimaryValues);
                string? Fail(string message)
                {
                    failed.Add(new ValueFailure(item.PrimaryValues, item.AttributeName, message));
                    return null;
                }

                if (column is null)
                {
                    Fail(ErrorTexts.NotFound(ErrorTexts.DataTableAttributeNoun));
                    continue;
                }

                if (column.Primary)
                {
                    Fail(ErrorTexts.DataTableValueOfPrimaryAttribute(column.Name));
                    continue;
                }

                if (keyProblem is not null)
                {
                    Fail(keyProblem);
                    continue;
                }

                if (kind != BatchKind.Delete && DataTableValues.Problem(column, item.Value ?? string.Empty) is { } invalid)
                {
                    Fail(invalid);
                    continue;
                }

                var index = rows.FindIndex(r => RowKey(original, r) == key);
                var row = index < 0 ? null : rows[index];
                var cell = row?.Cells.FirstOrDefault(c => c.AttributeId == column.AttributeId);
                if (kind == BatchKind.Create ? cell is not null : cell is null)
                {
                    Fail(kind == BatchKind.Create ? ErrorTexts.DataTableValueExists(column.Name) : ErrorTexts.NotFound(ErrorTexts.DataTableValueNoun));
                    continue;
                }

                var originalRow = row is null ? null : original.Rows.FirstOrDefault(r => r.RecordId == row.RecordId);
                if (LockProblem(level, item.LockVersion, original, column, originalRow, cell, required: kind != BatchKind.Create) is { } stale)
                {
                    Fail(stale);
                    continue;
                }

                clock++;
                row ??= new DataTableRow { RecordId = DefaultResources.NewId(), Primary = keyCells!, Lock = clock };
                var cells = row.Cells.Where(c => c.AttributeId != column.AttributeId).ToList();
                if (kind != BatchKind.Delete)
                {
                    cells.Add(NewCell(column.AttributeId, item.Value!, clock, caller));
                }

                row = row with { Cells = cells, LastModifiedTime = caller.Now, LastModifiedRegion = caller.Region };
                if (index < 0)
                {
                    rows.Add(row);
                }
                else
                {
                    rows[index] = row;
                }

                touchedColumns.Add(column.AttributeId);
                touchedRows.Add(row.RecordId);
                done.Add((item, column.AttributeId, row.RecordId));
            }

            if (done.Count == 0)
            {
                return (original, new BatchOutcome([], failed));
            }

            clock++;
            var columns = original.Columns.Select(c => level == "ATTRIBUTE" && touchedColumns.Contains(c.AttributeId) ? c with { Lock = clock } : c).ToList();
            rows = rows
                .Where(r => r.Cells.Count > 0)
                .Select(r => level == "PRIMARY_VALUE" && touchedRows.Contains(r.RecordId) ? r with { Lock = clock } : r)
                .ToList();
            var updated = original with
            {
                Columns = columns,
                Rows = rows,
                Clock = clock,
                TableLock = level == "DATA_TABLE" ? clock : original.TableLock,
            };
            var successful = done.Select(d =>
            {
                var column = updated.Columns.First(c => c.AttributeId == d.AttributeId);
                var row = updated.Rows.FirstOrDefault(r => r.RecordId == d.RecordId);
                var cell = row?.Cells.FirstOrDefault(c => c.AttributeId == d.AttributeId);
                return new ValueOutcome(d.Item.PrimaryValues, column.Name, d.RecordId, d.AttributeId, LocksOf(updated, column, row, cell), row, cell);
            }).ToList();
            return (updated, new BatchOutcome(successful, failed));
        });

    private static string? LockProblem(string level, Locks? given, DataTable table, DataTableColumn column, DataTableRow? row, DataTableCell? cell, bool required)
    {
        var (supplied, current) = level switch
        {
            "DATA_TABLE" => (given?.DataTable, (long?)table.TableLock),
            "ATTRIBUTE" => (given?.Attribute, column.Lock),
            "PRIMARY_VALUE" => (given?.PrimaryValues, row?.Lock),
            "VALUE" => (given?.Value, cell?.Lock),
            _ => (null, null),
        };
        if (current is not { } expected)
        {
            return null;
        }

        if (supplied is null)
        {
            return required ? ErrorTexts.DataTableLockVersionMissing(level) : null;
        }

        return supplied == expected.ToString(CultureInfo.InvariantCulture) ? null : ErrorTexts.DataTableLockVersionStale;
    }

    private static Locks LocksOf(DataTable table, DataTableColumn column, DataTableRow? row, DataTableCell? cell) =>
        new(Text(table.TableLock), Text(column.Lock), row is null ? null : Text(row.Lock), cell is null ? null : Text(cell.Lock));

    public static string Text(long version) => version.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The key of a record named by primary values: the default record's for none; otherwise every primary attribute
    /// exactly once with a valid value. Returns the key, the record's primary values in attribute id order, or why not.
    /// </summary>
    private static (string? Key, List<PrimaryCell>? Cells, string? Problem) KeyFor(DataTable table, IReadOnlyList<KeyPart> given)
    {
        if (given.Count == 0)
        {
            return ("D", [], null);
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in given)
        {
            var column = ColumnNamed(table, part.AttributeName);
            if (column is null || !column.Primary)
            {
                return (null, null, ErrorTexts.DataTableNotPrimaryAttribute(part.AttributeName));
            }

            if (!values.TryAdd(column.AttributeId, part.Value))
            {
                return (null, null, ErrorTexts.DataTablePrimaryValueTwice(column.Name));
            }

            if (DataTableValues.Problem(column, part.Value) is { } problem)
            {
                return (null, null, problem);
            }
        }

        var primaries = Primaries(table);
        if (values.Count != primaries.Count)
        {
            return (null, null, ErrorTexts.DataTablePrimaryValuesIncomplete);
        }

        var cells = primaries.Select(c => new PrimaryCell(c.AttributeId, values[c.AttributeId])).ToList();
        return (Key(primaries, cells), cells, null);
    }

    private static string RowKey(DataTable table, DataTableRow row) => row.Primary.Count == 0 ? "D" : Key(Primaries(table), row.Primary);

    private static string Key(List<DataTableColumn> primaries, IReadOnlyList<PrimaryCell> cells) =>
        "K" + string.Concat(primaries.Select(c => cells.FirstOrDefault(p => p.AttributeId == c.AttributeId)?.Value is { } v
            ? DataTableValues.Normalized(c, v).Length + ":" + DataTableValues.Normalized(c, v)
            : "-"));

    private static List<DataTableColumn> Primaries(DataTable table) =>
        table.Columns.Where(c => c.Primary).OrderBy(c => c.AttributeId, StringComparer.Ordinal).ToList();

    /// <summary>
    /// After an attribute change: no two records may share primary values, and the changed attribute's primary values
    /// (if it is primary) must suit its type and validation. Other attributes' primary values are not checked again
    /// (a new primary attribute's empty values are stored whatever its validation says, as the model describes).
    /// </summary>
    private static void RequireConsistentKeys(DataTable table, DataTableColumn? changed)
    {
        foreach (var row in table.Rows)
        {
            foreach (var cell in row.Primary)
            {
                if (changed is { Primary: true } column && cell.AttributeId == column.AttributeId && DataTableValues.Problem(column, cell.Value) is not null)
                {
                    throw Errors.Conflict(ErrorTexts.DataTablePrimaryValueUnfit(column.Name, cell.Value));
                }
            }
        }

        if (table.Rows.Select(r => RowKey(table, r)).GroupBy(k => k, StringComparer.Ordinal).Any(g => g.Count() > 1))
        {
            throw Errors.Conflict(ErrorTexts.DataTablePrimaryValuesCollide);
        }
    }

    /// <summary>[choice] A filter naming an attribute that is not primary is InvalidParameterException.</summary>
    private static List<DataTableRow> FilteredRows(DataTable table, IReadOnlyList<string>? recordIds, IReadOnlyList<KeyFilter>? filters)
    {
        var ids = recordIds is { Count: > 0 } ? recordIds.ToHashSet(StringComparer.Ordinal) : null;
        var conditions = (filters ?? []).Select(f =>
        {
            var column = ColumnNamed(table, f.AttributeName) is { Primary: true } c
                ? c
                : throw Errors.InvalidParameter(ErrorTexts.DataTableNotPrimaryAttribute(f.AttributeName));
            return (Column: column, Values: f.Values.Select(v => DataTableValues.Normalized(column, v)).ToHashSet(StringComparer.Ordinal));
        }).ToList();
        return table.Rows
            .Where(r => ids is null || ids.Contains(r.RecordId))
            .Where(r => conditions.All(f => r.Primary.FirstOrDefault(p => p.AttributeId == f.Column.AttributeId) is { } p
                && f.Values.Contains(DataTableValues.Normalized(f.Column, p.Value))))
            .OrderBy(r => r.RecordId, StringComparer.Ordinal)
            .ToList();
    }

    private static IEnumerable<string?> FilterKey(IReadOnlyList<KeyFilter>? filters) =>
        (filters ?? []).SelectMany(f => f.Values.Prepend(f.AttributeName).Append("|"));

    /// <summary>Attribute names are unique ignoring case, and found ignoring case. [choice]</summary>
    private static DataTableColumn? ColumnNamed(DataTable table, string name) =>
        table.Columns.FirstOrDefault(c => string.Equals(c.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    private static DataTableColumn RequireColumn(DataTable table, string name) =>
        ColumnNamed(table, name) ?? throw Errors.NotFound(ErrorTexts.DataTableAttributeNoun);

    /// <summary>A name trimmed, non-empty, not starting with a reserved prefix.</summary>
    private static string CheckedName(string name, string noun)
    {
        var trimmed = name.Trim();
        if (trimmed.Length == 0)
        {
            throw Errors.InvalidParameter(ErrorTexts.DataTableNameBlank(noun));
        }

        if (trimmed.StartsWith("connect:", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
        {
            throw Errors.InvalidParameter(ErrorTexts.DataTableNameReserved(noun, trimmed));
        }

        return trimmed;
    }

    private static string Empty(DataTableColumn column) => DataTableValues.EmptyValue(column.ValueType);

    private static DataTableCell? CellOf(DataTableRow row, DataTableColumn column) => row.Cells.FirstOrDefault(c => c.AttributeId == column.AttributeId);

    private static DataTableCell NewCell(string attributeId, string value, long clock, Caller caller) =>
        new() { AttributeId = attributeId, Value = value, Lock = clock, LastModifiedTime = caller.Now, LastModifiedRegion = caller.Region };

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static ResourceScope Scope(Caller caller, DataTable table) => new(caller.AccountId, caller.Region, table.InstanceId);

    /// <summary>
    /// The id or ARN without its version alias ("…:$LATEST"). [choice] $SAVED names the same table as $LATEST (every
    /// table is PUBLISHED); an alias the operation does not take is InvalidParameterException; any other alias names
    /// a customer managed version, which this emulator never has: ResourceNotFoundException.
    /// </summary>
    private static string Unaliased(string idOrArn, string[] allowed)
    {
        var slash = idOrArn.LastIndexOf('/');
        var colon = idOrArn.IndexOf(':', slash + 1);
        if (idOrArn.StartsWith("arn:", StringComparison.Ordinal) && slash < 0)
        {
            return idOrArn;
        }

        if (colon < 0)
        {
            return idOrArn;
        }

        var alias = idOrArn[(colon + 1)..];
        if (alias is Latest or Saved)
        {
            return allowed.Contains(alias) ? idOrArn[..colon] : throw Errors.InvalidParameter(ErrorTexts.DataTableAliasNotAllowed(alias));
        }

        throw Errors.NotFound(ErrorTexts.DataTableVersionNoun);
    }

    private T Read<T>(Caller caller, string instanceIdOrArn, string tableIdOrArn, string[] aliases, Func<IStoreSession, DataTable, T> read) => store.Read(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        return read(session, Type.Require(session, caller, instance.Id, Unaliased(tableIdOrArn, aliases)));
    });

    /// <summary>
    /// One read-modify-write of a table; an unchanged table (the same instance back) is not written. [choice] Every
    /// accepted change to the table, its attributes or its values stamps the table's LastModifiedTime/Region.
    /// </summary>
    private T Change<T>(
        Caller caller, string instanceIdOrArn, string tableIdOrArn, string[] aliases, Func<ResourceContext, DataTable, (DataTable Table, T Result)> change) =>
        store.Write(session =>
        {
            var context = new ResourceContext(session, caller, InstanceService.Require(session, caller, instanceIdOrArn), settings);
            var table = Type.Require(session, caller, context.Instance.Id, Unaliased(tableIdOrArn, aliases));
            var (updated, result) = change(context, table);
            if (!ReferenceEquals(updated, table))
            {
                updated = updated with { LastModifiedTime = caller.Now, LastModifiedRegion = caller.Region };
                Check(context, updated);
                session.Put(context.Scope, updated);
            }

            return result;
        });
}
