using ConnectLocal.Core.DataTables;
using ConnectLocal.Model.Shapes;
using CoreTable = ConnectLocal.Core.DataTables.DataTable;

namespace ConnectLocal.Server.Handlers;

// Data tables, their attributes and values (issue 15, datatables). ListDataTables and SearchDataTables are declared
// (Handlers/Declared/DeclaredOperations.cs); the rules live in Core/DataTables; docs/data-tables.md documents them.
public sealed partial class ConnectApi
{
    private DataTableService DataTables => new(Store, Settings);

    public override ValueTask<CreateDataTableResponse> CreateDataTable(OperationContext context, CreateDataTableRequest request)
    {
        var fields = TableFieldsIn(request.Name!, request.Description, request.TimeZone!, request.ValueLockLevel!, request.Status!);
        var table = DataTables.Create(CallerOf(context), request.InstanceId!, fields, TagsIn(request.Tags));
        return ValueTask.FromResult(new CreateDataTableResponse { Id = table.Id, Arn = table.Arn, LockVersion = TableLocks(table) });
    }

    public override ValueTask<DescribeDataTableResponse> DescribeDataTable(OperationContext context, DescribeDataTableRequest request)
    {
        var table = DataTables.Describe(CallerOf(context), request.InstanceId!, request.DataTableId!);
        return ValueTask.FromResult(new DescribeDataTableResponse
        {
            DataTable = new Model.Shapes.DataTable
            {
                Name = table.Name,
                Id = table.Id,
                Arn = table.Arn,
                TimeZone = table.TimeZone,
                Description = table.Description,
                ValueLockLevel = table.ValueLockLevel,
                LockVersion = TableLocks(table),
                Status = table.Status,
                CreatedTime = table.CreatedTime,
                LastModifiedTime = table.LastModifiedTime,
                LastModifiedRegion = table.LastModifiedRegion,
                Tags = TagsOut(table.Tags),
            },
        });
    }

    public override ValueTask<UpdateDataTableMetadataResponse> UpdateDataTableMetadata(OperationContext context, UpdateDataTableMetadataRequest request)
    {
        // The status is not UpdateDataTableMetadata's to change.
        var table = DataTables.UpdateMetadata(CallerOf(context), request.InstanceId!, request.DataTableId!,
            TableFieldsIn(request.Name!, request.Description, request.TimeZone!, request.ValueLockLevel!, null));
        return ValueTask.FromResult(new UpdateDataTableMetadataResponse { LockVersion = TableLocks(table) });
    }

    public override ValueTask<DeleteDataTableResponse> DeleteDataTable(OperationContext context, DeleteDataTableRequest request)
    {
        DataTables.Delete(CallerOf(context), request.InstanceId!, request.DataTableId!);
        return ValueTask.FromResult(new DeleteDataTableResponse());
    }

    public override ValueTask<CreateDataTableAttributeResponse> CreateDataTableAttribute(OperationContext context, CreateDataTableAttributeRequest request)
    {
        var (table, column) = DataTables.CreateAttribute(CallerOf(context), request.InstanceId!, request.DataTableId!,
            new AttributeFields(request.Name!, request.ValueType!, request.Description, request.Primary ?? false, RulesIn(request.Validation)));
        return ValueTask.FromResult(new CreateDataTableAttributeResponse { Name = column.Name, AttributeId = column.AttributeId, LockVersion = ColumnLocks(table, column) });
    }

    public override ValueTask<DescribeDataTableAttributeResponse> DescribeDataTableAttribute(OperationContext context, DescribeDataTableAttributeRequest request)
    {
        var (table, column) = DataTables.DescribeAttribute(CallerOf(context), request.InstanceId!, request.DataTableId!, request.AttributeName!);
        return ValueTask.FromResult(new DescribeDataTableAttributeResponse { Attribute = AttributeOut(table, column) });
    }

    public override ValueTask<ListDataTableAttributesResponse> ListDataTableAttributes(OperationContext context, ListDataTableAttributesRequest request)
    {
        var (table, page) = DataTables.ListAttributes(CallerOf(context), request.InstanceId!, request.DataTableId!, request.AttributeIds, request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new ListDataTableAttributesResponse { Attributes = page.Items.Select(c => AttributeOut(table, c)).ToList(), NextToken = page.NextToken });
    }

    public override ValueTask<UpdateDataTableAttributeResponse> UpdateDataTableAttribute(OperationContext context, UpdateDataTableAttributeRequest request)
    {
        var (table, column) = DataTables.UpdateAttribute(CallerOf(context), request.InstanceId!, request.DataTableId!, request.AttributeName!,
            new AttributeFields(request.Name!, request.ValueType!, request.Description, request.Primary ?? false, RulesIn(request.Validation)));
        return ValueTask.FromResult(new UpdateDataTableAttributeResponse { Name = column.Name, LockVersion = ColumnLocks(table, column) });
    }

    public override ValueTask<DeleteDataTableAttributeResponse> DeleteDataTableAttribute(OperationContext context, DeleteDataTableAttributeRequest request)
    {
        var table = DataTables.DeleteAttribute(CallerOf(context), request.InstanceId!, request.DataTableId!, request.AttributeName!);
        return ValueTask.FromResult(new DeleteDataTableAttributeResponse { LockVersion = TableLocks(table) });
    }

    public override ValueTask<BatchCreateDataTableValueResponse> BatchCreateDataTableValue(OperationContext context, BatchCreateDataTableValueRequest request)
    {
        var outcome = DataTables.BatchCreate(CallerOf(context), request.InstanceId!, request.DataTableId!, request.Values!.Select(ValueIn).ToList());
        return ValueTask.FromResult(new BatchCreateDataTableValueResponse
        {
            Successful = outcome.Successful.Select(s => new BatchCreateDataTableValueSuccessResult
            {
                PrimaryValues = KeyOut(s.PrimaryValues), AttributeName = s.AttributeName, RecordId = s.RecordId, LockVersion = LocksOut(s.LockVersion),
            }).ToList(),
            Failed = outcome.Failed.Select(f => new BatchCreateDataTableValueFailureResult
            {
                PrimaryValues = KeyOut(f.PrimaryValues), AttributeName = f.AttributeName, Message = f.Message,
            }).ToList(),
        });
    }

    public override ValueTask<BatchUpdateDataTableValueResponse> BatchUpdateDataTableValue(OperationContext context, BatchUpdateDataTableValueRequest request)
    {
        var outcome = DataTables.BatchUpdate(CallerOf(context), request.InstanceId!, request.DataTableId!, request.Values!.Select(ValueIn).ToList());
        return ValueTask.FromResult(new BatchUpdateDataTableValueResponse
        {
            Successful = outcome.Successful.Select(s => new BatchUpdateDataTableValueSuccessResult
            {
                PrimaryValues = KeyOut(s.PrimaryValues), AttributeName = s.AttributeName, LockVersion = LocksOut(s.LockVersion),
            }).ToList(),
            Failed = outcome.Failed.Select(f => new BatchUpdateDataTableValueFailureResult
            {
                PrimaryValues = KeyOut(f.PrimaryValues), AttributeName = f.AttributeName, Message = f.Message,
            }).ToList(),
        });
    }

    public override ValueTask<BatchDeleteDataTableValueResponse> BatchDeleteDataTableValue(OperationContext context, BatchDeleteDataTableValueRequest request)
    {
        var items = request.Values!.Select(v => new ValueItem(KeyIn(v.PrimaryValues), v.AttributeName!, null, LocksIn(v.LockVersion))).ToList();
        var outcome = DataTables.BatchDelete(CallerOf(context), request.InstanceId!, request.DataTableId!, items);
        return ValueTask.FromResult(new BatchDeleteDataTableValueResponse
        {
            Successful = outcome.Successful.Select(s => new BatchDeleteDataTableValueSuccessResult
            {
                PrimaryValues = KeyOut(s.PrimaryValues), AttributeName = s.AttributeName, LockVersion = LocksOut(s.LockVersion),
            }).ToList(),
            Failed = outcome.Failed.Select(f => new BatchDeleteDataTableValueFailureResult
            {
                PrimaryValues = KeyOut(f.PrimaryValues), AttributeName = f.AttributeName, Message = f.Message,
            }).ToList(),
        });
    }

    public override ValueTask<BatchDescribeDataTableValueResponse> BatchDescribeDataTableValue(OperationContext context, BatchDescribeDataTableValueRequest request)
    {
        var items = request.Values!.Select(v => new ValueItem(KeyIn(v.PrimaryValues), v.AttributeName!, null, null)).ToList();
        var (table, outcome) = DataTables.BatchDescribe(CallerOf(context), request.InstanceId!, request.DataTableId!, items);
        return ValueTask.FromResult(new BatchDescribeDataTableValueResponse
        {
            Successful = outcome.Successful.Select(s => new BatchDescribeDataTableValueSuccessResult
            {
                RecordId = s.RecordId,
                AttributeId = s.AttributeId,
                PrimaryValues = PrimaryOut(table, s.Row!),
                AttributeName = s.AttributeName,
                Value = s.Cell!.Value,
                LockVersion = LocksOut(s.LockVersion),
                LastModifiedTime = s.Cell.LastModifiedTime,
                LastModifiedRegion = s.Cell.LastModifiedRegion,
            }).ToList(),
            Failed = outcome.Failed.Select(f => new BatchDescribeDataTableValueFailureResult
            {
                PrimaryValues = KeyOut(f.PrimaryValues), AttributeName = f.AttributeName, Message = f.Message,
            }).ToList(),
        });
    }

    public override ValueTask<ListDataTableValuesResponse> ListDataTableValues(OperationContext context, ListDataTableValuesRequest request)
    {
        var (table, page) = DataTables.ListValues(CallerOf(context), request.InstanceId!, request.DataTableId!, request.RecordIds, FiltersIn(request.PrimaryAttributeValues),
            request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new ListDataTableValuesResponse
        {
            Values = page.Items.Select(x =>
            {
                var column = table.Columns.First(c => c.AttributeId == x.Cell.AttributeId);
                return new DataTableValueSummary
                {
                    RecordId = x.Row.RecordId,
                    AttributeId = column.AttributeId,
                    PrimaryValues = PrimaryOut(table, x.Row),
                    AttributeName = column.Name,
                    ValueType = column.ValueType,
                    Value = x.Cell.Value,
                    LockVersion = new DataTableLockVersion
                    {
                        DataTable = DataTableService.Text(table.TableLock),
                        Attribute = DataTableService.Text(column.Lock),
                        PrimaryValues = DataTableService.Text(x.Row.Lock),
                        Value = DataTableService.Text(x.Cell.Lock),
                    },
                    LastModifiedTime = x.Cell.LastModifiedTime,
                    LastModifiedRegion = x.Cell.LastModifiedRegion,
                };
            }).ToList(),
            NextToken = page.NextToken,
        });
    }

    public override ValueTask<ListDataTablePrimaryValuesResponse> ListDataTablePrimaryValues(OperationContext context, ListDataTablePrimaryValuesRequest request)
    {
        var (table, page) = DataTables.ListPrimaryValues(CallerOf(context), request.InstanceId!, request.DataTableId!, request.RecordIds, FiltersIn(request.PrimaryAttributeValues),
            request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new ListDataTablePrimaryValuesResponse
        {
            PrimaryValuesList = page.Items.Select(r => new RecordPrimaryValue
            {
                RecordId = r.RecordId, PrimaryValues = PrimaryOut(table, r), LastModifiedTime = r.LastModifiedTime, LastModifiedRegion = r.LastModifiedRegion,
            }).ToList(),
            NextToken = page.NextToken,
        });
    }

    public override ValueTask<UpdateDataTablePrimaryValuesResponse> UpdateDataTablePrimaryValues(OperationContext context, UpdateDataTablePrimaryValuesRequest request)
    {
        var (table, row) = DataTables.UpdatePrimaryValues(CallerOf(context), request.InstanceId!, request.DataTableId!, KeyIn(request.PrimaryValues), KeyIn(request.NewPrimaryValues),
            LocksIn(request.LockVersion) ?? new Locks(null, null, null, null));
        return ValueTask.FromResult(new UpdateDataTablePrimaryValuesResponse
        {
            LockVersion = new DataTableLockVersion { DataTable = DataTableService.Text(table.TableLock), PrimaryValues = DataTableService.Text(row.Lock) },
        });
    }

    public override ValueTask<EvaluateDataTableValuesResponse> EvaluateDataTableValues(OperationContext context, EvaluateDataTableValuesRequest request)
    {
        var sets = request.Values!.Select(s => new EvaluationSet(KeyIn(s.PrimaryValues), s.AttributeNames!)).ToList();
        var page = DataTables.Evaluate(CallerOf(context), request.InstanceId!, request.DataTableId!, sets, request.TimeZone, request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new EvaluateDataTableValuesResponse
        {
            Values = page.Items.Select(v => new DataTableEvaluatedValue
            {
                RecordId = v.RecordId,
                PrimaryValues = KeyOut(v.PrimaryValues),
                AttributeName = v.AttributeName,
                ValueType = v.ValueType,
                Found = v.Found,
                Error = v.Error,
                EvaluatedValue = v.Value,
            }).ToList(),
            NextToken = page.NextToken,
        });
    }

    private static TableFields TableFieldsIn(string name, string? description, string timeZone, string lockLevel, string? status) => new(name, description, timeZone, lockLevel, status);

    private static ValueRules? RulesIn(Validation? v) => v is null
        ? null
        : new ValueRules(v.MinLength, v.MaxLength, v.MinValues, v.MaxValues, v.IgnoreCase, v.Minimum, v.Maximum, v.ExclusiveMinimum, v.ExclusiveMaximum, v.MultipleOf,
            v.Enum is null ? null : new EnumRule(v.Enum.Strict, v.Enum.Values));

    private static Validation? RulesOut(ValueRules? r) => r is null
        ? null
        : new Validation
        {
            MinLength = r.MinLength, MaxLength = r.MaxLength, MinValues = r.MinValues, MaxValues = r.MaxValues, IgnoreCase = r.IgnoreCase,
            Minimum = r.Minimum, Maximum = r.Maximum, ExclusiveMinimum = r.ExclusiveMinimum, ExclusiveMaximum = r.ExclusiveMaximum, MultipleOf = r.MultipleOf,
            Enum = r.Enum is null ? null : new ValidationEnum { Strict = r.Enum.Strict, Values = r.Enum.Values?.ToList() },
        };

    private static DataTableAttribute AttributeOut(CoreTable table, DataTableColumn column) => new()
    {
        AttributeId = column.AttributeId,
        Name = column.Name,
        ValueType = column.ValueType,
        Description = column.Description,
        DataTableId = table.Id,
        DataTableArn = table.Arn,
        Primary = column.Primary,
        LockVersion = ColumnLocks(table, column),
        LastModifiedTime = column.LastModifiedTime,
        LastModifiedRegion = column.LastModifiedRegion,
        Validation = RulesOut(column.Validation),
    };

    private static DataTableLockVersion TableLocks(CoreTable table) => new() { DataTable = DataTableService.Text(table.TableLock) };

    private static DataTableLockVersion ColumnLocks(CoreTable table, DataTableColumn column) =>
        new() { DataTable = DataTableService.Text(table.TableLock), Attribute = DataTableService.Text(column.Lock) };

    private static ValueItem ValueIn(DataTableValue v) => new(KeyIn(v.PrimaryValues), v.AttributeName!, v.Value, LocksIn(v.LockVersion));

    private static List<KeyPart> KeyIn(List<PrimaryValue>? values) => (values ?? []).Select(p => new KeyPart(p.AttributeName!, p.Value!)).ToList();

    private static List<PrimaryValue> KeyOut(IReadOnlyList<KeyPart> parts) => parts.Select(p => new PrimaryValue { AttributeName = p.AttributeName, Value = p.Value }).ToList();

    private static Locks? LocksIn(DataTableLockVersion? v) => v is null ? null : new Locks(v.DataTable, v.Attribute, v.PrimaryValues, v.Value);

    private static DataTableLockVersion LocksOut(Locks l) => new() { DataTable = l.DataTable, Attribute = l.Attribute, PrimaryValues = l.PrimaryValues, Value = l.Value };

    private static List<PrimaryValueResponse> PrimaryOut(CoreTable table, DataTableRow row) => row.Primary
        .Select(p => new PrimaryValueResponse { AttributeId = p.AttributeId, AttributeName = table.Columns.FirstOrDefault(c => c.AttributeId == p.AttributeId)?.Name, Value = p.Value })
        .ToList();

    private static List<KeyFilter>? FiltersIn(List<PrimaryAttributeValueFilter>? filters) =>
        filters?.Select(f => new KeyFilter(f.AttributeName!, f.Values!)).ToList();
}
