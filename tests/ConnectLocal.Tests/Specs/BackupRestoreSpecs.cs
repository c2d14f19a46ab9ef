using ConnectLocal.Model.Shapes;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Specs;

/// <summary>
/// ImportPhoneNumber (docs/global-resiliency.md, "Importing a number") and DeleteContactFlowVersion (docs/flows.md,
/// "Versions"), the two operations the backup/restore round trip needed, in-process.
/// </summary>
public sealed class BackupRestoreSpecs : IDisposable
{
    private const string Hex = "0123456789abcdef0123456789abcdef";
    private const string Bye = """{"Version":"2019-10-30","StartAction":"bye","Actions":[{"Identifier":"bye","Type":"DisconnectParticipant","Parameters":{},"Transitions":{}}]}""";

    // CreateContactFlowVersion versions CAMPAIGN flows only; they end with EndFlowExecution
    private const string End = """{"Version":"2019-10-30","StartAction":"end","Actions":[{"Identifier":"end","Type":"EndFlowExecution","Parameters":{},"Transitions":{}}]}""";
    private readonly ConnectClient _client = new();
    private readonly string _instanceId;

    public BackupRestoreSpecs()
    {
        _instanceId = _client.Invoke<CreateInstanceResponse>(new CreateInstanceRequest
        {
            IdentityManagementType = "CONNECT_MANAGED", InstanceAlias = "backup-restore-specs", InboundCallsEnabled = true, OutboundCallsEnabled = true,
        }).Id!;
    }

    public void Dispose() => _client.Dispose();

    private string Source(string hex = Hex, string region = "us-east-1", string? account = null) =>
        $"arn:aws:sms-voice:{region}:{account ?? _client.AccountId}:phone-number/phone-{hex}";

    [Fact]
    public void An_imported_number_is_a_claimed_toll_free_number_that_shows_its_source()
    {
        var imported = _client.Invoke<ImportPhoneNumberResponse>(new ImportPhoneNumberRequest
        {
            InstanceId = _instanceId, SourcePhoneNumberArn = Source(), PhoneNumberDescription = "from EUM", Tags = new() { ["k"] = "v" },
        });
        var described = _client.Invoke<DescribePhoneNumberResponse>(new DescribePhoneNumberRequest { PhoneNumberId = imported.PhoneNumberArn }).ClaimedPhoneNumberSummary!;

        // 0x01234567 % 100 = 43: the source id picks the number of the fictional range
        Assert.Equal(("+18335550143", "US", "TOLL_FREE", "CLAIMED", Source(), "from EUM"),
            (described.PhoneNumber, described.PhoneNumberCountryCode, described.PhoneNumberType, described.PhoneNumberStatus!.Status, described.SourcePhoneNumberArn, described.PhoneNumberDescription));
        Assert.Equal(_instanceId, described.InstanceId);
        Assert.Equal("v", described.Tags!["k"]);
        var listed = _client.Invoke<ListPhoneNumbersV2Response>(new ListPhoneNumbersV2Request { InstanceId = _instanceId }).ListPhoneNumbersSummaryList!;
        Assert.Equal(Source(), Assert.Single(listed).SourcePhoneNumberArn);

        // the same source again: refused, and nothing more is stored; a client token replays
        _client.Fails(new ImportPhoneNumberRequest { InstanceId = _instanceId, SourcePhoneNumberArn = Source() }, "InvalidParameterException");
        var first = _client.Invoke<ImportPhoneNumberResponse>(new ImportPhoneNumberRequest { InstanceId = _instanceId, SourcePhoneNumberArn = Source("1" + Hex[1..]), ClientToken = "t1" });
        var again = _client.Invoke<ImportPhoneNumberResponse>(new ImportPhoneNumberRequest { InstanceId = _instanceId, SourcePhoneNumberArn = Source("1" + Hex[1..]), ClientToken = "t1" });
        Assert.Equal(first.PhoneNumberId, again.PhoneNumberId);
        Assert.Equal(2, _client.Invoke<ListPhoneNumbersV2Response>(new ListPhoneNumbersV2Request { InstanceId = _instanceId }).ListPhoneNumbersSummaryList!.Count);

        // released, the source can be imported again
        _client.Invoke(new ReleasePhoneNumberRequest { PhoneNumberId = imported.PhoneNumberId });
        _client.Invoke<ImportPhoneNumberResponse>(new ImportPhoneNumberRequest { InstanceId = _instanceId, SourcePhoneNumberArn = Source() });
    }

    [Fact]
    public void Only_an_end_user_messaging_number_of_the_caller_s_account_and_region_imports()
    {
        ImportPhoneNumberRequest Import(string source) => new() { InstanceId = _instanceId, SourcePhoneNumberArn = source };

        _client.Fails(Import($"arn:aws:connect:us-east-1:{_client.AccountId}:phone-number/{Hex}"), "InvalidParameterException");
        _client.Fails(Import("phone-" + Hex), "InvalidParameterException");
        _client.Fails(Import(Source(Hex[..30])), "InvalidParameterException");
        Assert.Equal("Phone number not found", _client.Fails(Import(Source(account: "222222222222")), "ResourceNotFoundException").Message);
        _client.Fails(Import(Source(region: "us-west-2")), "ResourceNotFoundException");
        _client.Fails(new ImportPhoneNumberRequest { InstanceId = "11111111-2222-4333-8444-555555555555", SourcePhoneNumberArn = Source() }, "ResourceNotFoundException");
        _client.AsAccount("222222222222").Fails(Import(Source(account: "222222222222")), "ResourceNotFoundException");
        Assert.Empty(_client.Invoke<ListPhoneNumbersV2Response>(new ListPhoneNumbersV2Request { InstanceId = _instanceId }).ListPhoneNumbersSummaryList!);
    }

    [Fact]
    public void A_flow_version_is_deleted_unless_something_names_it_and_its_number_is_not_given_again()
    {
        var flow = _client.Invoke<CreateContactFlowResponse>(new CreateContactFlowRequest { InstanceId = _instanceId, Name = "versioned", Type = "CAMPAIGN", Content = End });
        for (var i = 0; i < 3; i++)
        {
            _client.Invoke<CreateContactFlowVersionResponse>(new CreateContactFlowVersionRequest { InstanceId = _instanceId, ContactFlowId = flow.ContactFlowId });
        }

        DeleteContactFlowVersionRequest Delete(long version, string? id = null) =>
            new() { InstanceId = _instanceId, ContactFlowId = id ?? flow.ContactFlowId, ContactFlowVersion = version };

        _client.Invoke(Delete(2, flow.ContactFlowArn));
        _client.Fails(new DescribeContactFlowRequest { InstanceId = _instanceId, ContactFlowId = flow.ContactFlowId + ":2" }, "ResourceNotFoundException");
        Assert.Equal("Contact flow version not found", _client.Fails(Delete(2), "ResourceNotFoundException").Message);
        _client.Fails(Delete(9), "ResourceNotFoundException");

        // the latest goes too, and its number is not given out again
        _client.Invoke(Delete(3));
        var next = _client.Invoke<CreateContactFlowVersionResponse>(new CreateContactFlowVersionRequest { InstanceId = _instanceId, ContactFlowId = flow.ContactFlowId });
        Assert.Equal(4, next.Version);
        var versions = _client.Invoke<ListContactFlowVersionsResponse>(new ListContactFlowVersionsRequest { InstanceId = _instanceId, ContactFlowId = flow.ContactFlowId });
        Assert.Equal([1L, 4L], versions.ContactFlowVersionSummaryList!.Select(v => v.Version!.Value));

        // a flow whose content names version 1 keeps it; version 4 (not named) goes
        var user = _client.Invoke<CreateContactFlowResponse>(new CreateContactFlowRequest
        {
            InstanceId = _instanceId, Name = "caller", Type = "CONTACT_FLOW",
            Content = $$$"""{"Version":"2019-10-30","StartAction":"go","Actions":[{"Identifier":"go","Type":"TransferToFlow","Parameters":{"ContactFlowId":"{{{flow.ContactFlowArn}}}:1"},"Transitions":{"Errors":[{"NextAction":"bye","ErrorType":"NoMatchingError"}]}},{"Identifier":"bye","Type":"DisconnectParticipant","Parameters":{},"Transitions":{}}]}""",
        });
        Assert.Contains("caller", _client.Fails(Delete(1), "InvalidRequestException").Message);
        _client.Invoke(Delete(4));
        _client.Invoke(new DeleteContactFlowRequest { InstanceId = _instanceId, ContactFlowId = user.ContactFlowId });
        _client.Invoke(Delete(1));
        Assert.Empty(_client.Invoke<ListContactFlowVersionsResponse>(new ListContactFlowVersionsRequest { InstanceId = _instanceId, ContactFlowId = flow.ContactFlowId }).ContactFlowVersionSummaryList!);
    }

    [Fact]
    public void A_flow_version_of_another_instance_or_account_is_not_found()
    {
        var flow = _client.Invoke<CreateContactFlowResponse>(new CreateContactFlowRequest { InstanceId = _instanceId, Name = "mine", Type = "CAMPAIGN", Content = End });
        _client.Invoke<CreateContactFlowVersionResponse>(new CreateContactFlowVersionRequest { InstanceId = _instanceId, ContactFlowId = flow.ContactFlowId });
        _client.AsAccount("222222222222").Fails(new DeleteContactFlowVersionRequest { InstanceId = _instanceId, ContactFlowId = flow.ContactFlowId, ContactFlowVersion = 1 }, "ResourceNotFoundException");
        _client.InRegion("us-west-2").Fails(new DeleteContactFlowVersionRequest { InstanceId = _instanceId, ContactFlowId = flow.ContactFlowArn, ContactFlowVersion = 1 }, "ResourceNotFoundException");
        Assert.Single(_client.Invoke<ListContactFlowVersionsResponse>(new ListContactFlowVersionsRequest { InstanceId = _instanceId, ContactFlowId = flow.ContactFlowId }).ContactFlowVersionSummaryList!);
    }
}
