using ConnectLocal.Model.Shapes;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Specs;

/// <summary>Data tables, their attributes and values (issue 15, docs/data-tables.md), specified in-process.</summary>
public sealed class DataTableSpecs : IDisposable
{
    private readonly ConnectClient _client = new();
    private readonly string _instanceId;

    public DataTableSpecs()
    {
        _instanceId = _client.Invoke<CreateInstanceResponse>(new CreateInstanceRequest
        {
            IdentityManagementType = "CONNECT_MANAGED",
            InstanceAlias = "data-table-specs",
            InboundCallsEnabled = true,
            OutboundCallsEnabled = true,
        }).Id!;
    }

    public void Dispose() => _client.Dispose();

    [Fact]
    public void A_table_is_stored_as_sent_and_found_by_id_arn_or_alias()
    {
        var created = Table("rates", "NONE", description: "  Holiday rates ", tags: new() { ["team"] = "ops" });
        Assert.Equal("1", created.LockVersion!.DataTable);

        foreach (var id in new[] { created.Id!, created.Arn!, created.Id + ":$LATEST", created.Arn + ":$SAVED" })
        {
            var table = Describe(id);
            Assert.Equal((created.Id, created.Arn, "rates", "Holiday rates", "UTC", "NONE", "PUBLISHED"),
                (table.Id, table.Arn, table.Name, table.Description, table.TimeZone, table.ValueLockLevel, table.Status));
            Assert.Equal("ops", table.Tags!["team"]);
        }

        _client.Fails(new DescribeDataTableRequest { InstanceId = _instanceId, DataTableId = created.Id + ":3" }, "ResourceNotFoundException");
        _client.Fails(new DescribeDataTableRequest { InstanceId = _instanceId, DataTableId = Guid.NewGuid().ToString() }, "ResourceNotFoundException");
    }

    [Fact]
    public void Names_are_trimmed_unique_ignoring_case_and_never_reserved()
    {
        Table("  Rates  ", "NONE");
        _client.Fails(CreateRequest("RATES", "NONE"), "DuplicateResourceException");
        _client.Fails(CreateRequest("Connect:x", "NONE"), "InvalidParameterException");
        _client.Fails(CreateRequest("aws:x", "NONE"), "InvalidParameterException");
        _client.Fails(CreateRequest("tz", "NONE", timeZone: "Nowhere/City"), "InvalidParameterException");
        _client.Fails(CreateRequest("tz", "NONE", timeZone: "utc"), "InvalidParameterException");
    }

    [Fact]
    public void Update_metadata_replaces_everything_takes_only_latest_and_changes_the_lock_version()
    {
        var created = Table("meta", "NONE", description: "d");
        var updated = _client.Invoke<UpdateDataTableMetadataResponse>(new UpdateDataTableMetadataRequest
        {
            InstanceId = _instanceId, DataTableId = created.Arn + ":$LATEST", Name = "meta2", ValueLockLevel = "VALUE", TimeZone = "Asia/Tokyo",
        });
        Assert.NotEqual(created.LockVersion!.DataTable, updated.LockVersion!.DataTable);
        var table = Describe(created.Id!);
        Assert.Equal(("meta2", null, "VALUE", "Asia/Tokyo"), (table.Name, table.Description, table.ValueLockLevel, table.TimeZone));
        _client.Fails(new UpdateDataTableMetadataRequest { InstanceId = _instanceId, DataTableId = created.Id + ":$SAVED", Name = "x", ValueLockLevel = "NONE", TimeZone = "UTC" },
            "InvalidParameterException");
        _client.Fails(new DeleteDataTableRequest { InstanceId = _instanceId, DataTableId = created.Id + ":$SAVED" }, "InvalidParameterException");
        _client.Invoke(new DeleteDataTableRequest { InstanceId = _instanceId, DataTableId = created.Arn });
        _client.Fails(new DescribeDataTableRequest { InstanceId = _instanceId, DataTableId = created.Id }, "ResourceNotFoundException");
    }

    [Fact]
    public void Attribute_rules_must_be_consistent_and_fit_the_value_type()
    {
        var table = Table("rules", "NONE").Id!;
        Validation[] bad =
        [
            new() { MinLength = 3, MaxLength = 2 },
            new() { Minimum = 1 },
            new() { MinValues = 1 },
        ];
        foreach (var rules in bad)
        {
            _client.Fails(AttributeRequest(table, "a", "TEXT", rules: rules), "InvalidParameterException");
        }

        _client.Fails(AttributeRequest(table, "n", "NUMBER", rules: new() { Minimum = 1, ExclusiveMinimum = 0 }), "InvalidParameterException");
        _client.Fails(AttributeRequest(table, "n", "NUMBER", rules: new() { Maximum = 1, ExclusiveMinimum = 1 }), "InvalidParameterException");
        _client.Fails(AttributeRequest(table, "n", "NUMBER", rules: new() { MultipleOf = 0 }), "InvalidParameterException");
        _client.Fails(AttributeRequest(table, "e", "TEXT", rules: new() { Enum = new() { Values = ["1", "2", "3", "4", "5", "6"] } }), "InvalidParameterException");
        _client.Invoke<CreateDataTableAttributeResponse>(AttributeRequest(table, "ok", "NUMBER", rules: new() { Minimum = 0, ExclusiveMaximum = 5, MultipleOf = 0.5 }));
        _client.Fails(AttributeRequest(table, "OK", "TEXT"), "DuplicateResourceException");
    }

    [Fact]
    public void Values_are_checked_against_their_attribute_and_each_failure_is_reported_alone()
    {
        var table = Table("values", "NONE").Id!;
        Attribute(table, "n", "NUMBER", rules: new() { Minimum = 0, Maximum = 10 });
        Attribute(table, "b", "BOOLEAN");
        Attribute(table, "t", "TEXT", rules: new() { Enum = new() { Strict = true, Values = ["red", "blue"] }, IgnoreCase = true });
        Attribute(table, "l", "NUMBER_LIST", rules: new() { MaxValues = 2 });

        var outcome = _client.Invoke<BatchCreateDataTableValueResponse>(new BatchCreateDataTableValueRequest
        {
            InstanceId = _instanceId,
            DataTableId = table,
            Values =
            [
                Value("n", "3"), Value("n", "11"), Value("b", "TRUE"), Value("b", "false"), Value("t", "RED"), Value("t", "green"),
                Value("l", "[1,2,3]"), Value("l", "[1,2]"), Value("zzz", "x"),
            ],
        });

        Assert.Equal(["n", "b", "t", "l"], outcome.Successful!.Select(s => s.AttributeName));
        Assert.Equal(["n", "b", "t", "l", "zzz"], outcome.Failed!.Select(f => f.AttributeName));
        Assert.All(outcome.Failed!, f => Assert.False(string.IsNullOrEmpty(f.Message)));
        var listed = _client.Invoke<ListDataTableValuesResponse>(new ListDataTableValuesRequest { InstanceId = _instanceId, DataTableId = table }).Values!;
        Assert.Equal(["3", "false", "RED", "[1,2]"], listed.OrderBy(v => v.AttributeName == "n" ? 0 : v.AttributeName == "b" ? 1 : v.AttributeName == "t" ? 2 : 3).Select(v => v.Value));
    }

    [Fact]
    public void Records_are_identified_by_every_primary_value_and_the_default_record_backs_evaluation()
    {
        var table = Table("records", "NONE").Id!;
        Attribute(table, "country", "TEXT", primary: true);
        Attribute(table, "tier", "NUMBER", primary: true);
        Attribute(table, "limit", "NUMBER");
        var outcome = _client.Invoke<BatchCreateDataTableValueResponse>(new BatchCreateDataTableValueRequest
        {
            InstanceId = _instanceId,
            DataTableId = table,
            Values =
            [
                Value("limit", "5", ("country", "FR"), ("tier", "1")),
                Value("limit", "6", ("country", "FR"), ("tier", "1.0")),   // the same record: numbers compare by value
                Value("limit", "7", ("country", "FR")),                    // not every primary attribute
                Value("limit", "8", ("country", "FR"), ("tier", "one")),   // not a number
                Value("limit", "9"),                                        // the default
                Value("limit", "4", ("country", "DE"), ("tier", "1")),
            ],
        });
        Assert.Equal(3, outcome.Successful!.Count);
        Assert.Equal(3, outcome.Failed!.Count);

        var evaluated = _client.Invoke<EvaluateDataTableValuesResponse>(new EvaluateDataTableValuesRequest
        {
            InstanceId = _instanceId,
            DataTableId = table,
            Values =
            [
                new() { PrimaryValues = Key(("country", "FR"), ("tier", "1")), AttributeNames = ["limit"] },
                new() { PrimaryValues = Key(("country", "IT"), ("tier", "1")), AttributeNames = ["limit"] },
            ],
        }).Values!;
        Assert.Equal([("5", true), ("9", true)], evaluated.Select(v => (v.EvaluatedValue, v.Found!.Value)));
        Assert.Equal(outcome.Successful[0].RecordId, evaluated[0].RecordId);

        // Deleting country would give FR/1 and DE/1 the same primary values (tier 1).
        _client.Fails(new DeleteDataTableAttributeRequest { InstanceId = _instanceId, DataTableId = table, AttributeName = "country" }, "ConflictException");
    }

    [Fact]
    public void Making_an_attribute_primary_moves_its_values_and_refuses_duplicates()
    {
        var table = Table("promote", "NONE").Id!;
        Attribute(table, "id", "TEXT", primary: true);
        Attribute(table, "code", "TEXT");
        Attribute(table, "v", "TEXT");
        _client.Invoke<BatchCreateDataTableValueResponse>(new BatchCreateDataTableValueRequest
        {
            InstanceId = _instanceId,
            DataTableId = table,
            Values = [Value("code", "x", ("id", "1")), Value("v", "a", ("id", "1")), Value("code", "x", ("id", "2")), Value("v", "b", ("id", "2"))],
        });
        // id 1 and 2 would both stay unique with code x: allowed
        _client.Invoke<UpdateDataTableAttributeResponse>(new UpdateDataTableAttributeRequest { InstanceId = _instanceId, DataTableId = table, AttributeName = "code", Name = "code", ValueType = "TEXT", Primary = true });
        var records = _client.Invoke<ListDataTablePrimaryValuesResponse>(new ListDataTablePrimaryValuesRequest { InstanceId = _instanceId, DataTableId = table }).PrimaryValuesList!;
        Assert.All(records, r => Assert.Contains(r.PrimaryValues!, p => p.AttributeName == "code" && p.Value == "x"));
        // taking id out of the primary values would give both records the primary values (code x)
        _client.Fails(new UpdateDataTableAttributeRequest { InstanceId = _instanceId, DataTableId = table, AttributeName = "id", Name = "id", ValueType = "TEXT" }, "ConflictException");
        Assert.True(_client.Invoke<DescribeDataTableAttributeResponse>(new DescribeDataTableAttributeRequest { InstanceId = _instanceId, DataTableId = table, AttributeName = "ID" }).Attribute!.Primary);
    }

    [Fact]
    public void Attribute_lock_level_requires_the_attribute_version_and_changes_it_once_per_batch()
    {
        var table = Table("attr-lock", "ATTRIBUTE").Id!;
        var created = _client.Invoke<CreateDataTableAttributeResponse>(AttributeRequest(table, "a", "TEXT"));
        var made = _client.Invoke<BatchCreateDataTableValueResponse>(new BatchCreateDataTableValueRequest
        {
            InstanceId = _instanceId, DataTableId = table, Values = [Value("a", "1")],
        }).Successful!.Single();
        Assert.NotEqual(created.LockVersion!.Attribute, made.LockVersion!.Attribute);

        var stale = Update(table, Value("a", "2", lockVersion: created.LockVersion));
        Assert.Single(stale.Failed!);
        var fresh = Update(table, Value("a", "2", lockVersion: new DataTableLockVersion { Attribute = made.LockVersion.Attribute }));
        Assert.Single(fresh.Successful!);
        Assert.Empty(fresh.Failed!);
    }

    [Fact]
    public void Pages_of_attributes_never_repeat_and_a_foreign_token_is_refused()
    {
        var table = Table("pages", "NONE").Id!;
        foreach (var name in new[] { "c", "a", "b", "e", "d" })
        {
            Attribute(table, name, "TEXT");
        }

        var names = new List<string>();
        string? token = null;
        do
        {
            var page = _client.Invoke<ListDataTableAttributesResponse>(new ListDataTableAttributesRequest { InstanceId = _instanceId, DataTableId = table, MaxResults = 2, NextToken = token });
            names.AddRange(page.Attributes!.Select(a => a.Name!));
            token = page.NextToken;
        }
        while (token is not null && names.Count < 50);

        Assert.Equal(["a", "b", "c", "d", "e"], names);
        var first = _client.Invoke<ListDataTableAttributesResponse>(new ListDataTableAttributesRequest { InstanceId = _instanceId, DataTableId = table, MaxResults = 2 });
        _client.Fails(new ListDataTableValuesRequest { InstanceId = _instanceId, DataTableId = table, NextToken = first.NextToken }, "InvalidRequestException");
    }

    [Fact]
    public void An_instance_holds_100_tables_and_a_table_100_attributes()
    {
        var first = Table("t0", "NONE").Id!;
        for (var i = 1; i < 100; i++)
        {
            Table("t" + i, "NONE");
        }

        _client.Fails(CreateRequest("t100", "NONE"), "ServiceQuotaExceededException");
        for (var i = 0; i < 100; i++)
        {
            Attribute(first, "a" + i, "TEXT");
        }

        _client.Fails(AttributeRequest(first, "a100", "TEXT"), "ServiceQuotaExceededException");
    }

    [Fact]
    public void Evaluation_takes_an_iana_time_zone_and_reports_unknown_attributes_as_errors()
    {
        var table = Table("evaluate", "NONE").Id!;
        Attribute(table, "flag", "BOOLEAN");
        _client.Fails(new EvaluateDataTableValuesRequest { InstanceId = _instanceId, DataTableId = table, TimeZone = "Moon/Base", Values = [new() { AttributeNames = ["flag"] }] },
            "InvalidParameterException");
        var values = _client.Invoke<EvaluateDataTableValuesResponse>(new EvaluateDataTableValuesRequest
        {
            InstanceId = _instanceId, DataTableId = table, TimeZone = "Europe/Berlin", Values = [new() { AttributeNames = ["flag", "nothing"] }],
        }).Values!;
        Assert.Equal([("flag", "BOOLEAN", false, false, "false"), ("nothing", "TEXT", false, true, "")],
            values.Select(v => (v.AttributeName!, v.ValueType!, v.Found!.Value, v.Error!.Value, v.EvaluatedValue!)));
    }

    [Fact]
    public void A_new_primary_attribute_gives_records_its_empty_value_whatever_its_validation()
    {
        var table = Table("empty-key", "NONE").Id!;
        Attribute(table, "v", "TEXT");
        _client.Invoke<BatchCreateDataTableValueResponse>(new BatchCreateDataTableValueRequest { InstanceId = _instanceId, DataTableId = table, Values = [Value("v", "x")] });
        Attribute(table, "code", "TEXT", primary: true);                 // the default record keeps no primary values
        Attribute(table, "region", "TEXT");
        _client.Invoke<BatchCreateDataTableValueResponse>(new BatchCreateDataTableValueRequest
        {
            InstanceId = _instanceId, DataTableId = table, Values = [Value("v", "y", ("code", "k1"))],
        });
        Attribute(table, "zone", "TEXT", primary: true, rules: new() { MinLength = 2 });   // k1's record gets zone ""
        var records = _client.Invoke<ListDataTablePrimaryValuesResponse>(new ListDataTablePrimaryValuesRequest { InstanceId = _instanceId, DataTableId = table }).PrimaryValuesList!;
        Assert.Contains(records, r => r.PrimaryValues!.Any(p => p.AttributeName == "zone" && p.Value == string.Empty));

        // a later change of another attribute is not refused because of that empty value
        _client.Invoke<UpdateDataTableAttributeResponse>(new UpdateDataTableAttributeRequest
        {
            InstanceId = _instanceId, DataTableId = table, AttributeName = "region", Name = "area", ValueType = "TEXT",
        });
    }

    private CreateDataTableResponse Table(string name, string lockLevel, string? description = null, Dictionary<string, string>? tags = null) =>
        _client.Invoke<CreateDataTableResponse>(CreateRequest(name, lockLevel, description: description, tags: tags));

    private CreateDataTableRequest CreateRequest(string name, string lockLevel, string timeZone = "UTC", string? description = null, Dictionary<string, string>? tags = null) => new()
    {
        InstanceId = _instanceId, Name = name, TimeZone = timeZone, ValueLockLevel = lockLevel, Status = "PUBLISHED", Description = description, Tags = tags,
    };

    private ConnectLocal.Model.Shapes.DataTable Describe(string id) =>
        _client.Invoke<DescribeDataTableResponse>(new DescribeDataTableRequest { InstanceId = _instanceId, DataTableId = id }).DataTable!;

    private CreateDataTableAttributeRequest AttributeRequest(string table, string name, string type, bool primary = false, Validation? rules = null) => new()
    {
        InstanceId = _instanceId, DataTableId = table, Name = name, ValueType = type, Primary = primary, Validation = rules,
    };

    private void Attribute(string table, string name, string type, bool primary = false, Validation? rules = null) =>
        _client.Invoke<CreateDataTableAttributeResponse>(AttributeRequest(table, name, type, primary, rules));

    private BatchUpdateDataTableValueResponse Update(string table, DataTableValue value) =>
        _client.Invoke<BatchUpdateDataTableValueResponse>(new BatchUpdateDataTableValueRequest { InstanceId = _instanceId, DataTableId = table, Values = [value] });

    private static List<PrimaryValue> Key(params (string Name, string Value)[] parts) =>
        parts.Select(p => new PrimaryValue { AttributeName = p.Name, Value = p.Value }).ToList();

    private static DataTableValue Value(string attribute, string value, params (string Name, string Value)[] key) =>
        new() { AttributeName = attribute, Value = value, PrimaryValues = key.Length == 0 ? null : Key(key) };

    private static DataTableValue Value(string attribute, string value, DataTableLockVersion lockVersion) =>
        new() { AttributeName = attribute, Value = value, LockVersion = lockVersion };
}
