using ConnectLocal.Model.Shapes;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Specs;

/// <summary>Email addresses, their aliases, and the email addresses of queues (issue 15), specified in-process.</summary>
public sealed class EmailAddressSpecs : IDisposable
{
    private readonly ConnectClient _client = new();
    private readonly string _instanceId;
    private readonly string _queueId;

    public EmailAddressSpecs()
    {
        _instanceId = _client.Invoke<CreateInstanceResponse>(new CreateInstanceRequest
        {
            IdentityManagementType = "CONNECT_MANAGED",
            InstanceAlias = "email-address-specs",
            InboundCallsEnabled = true,
            OutboundCallsEnabled = true,
        }).Id!;
        _queueId = _client.Invoke<ListQueuesResponse>(new ListQueuesRequest { InstanceId = _instanceId, QueueTypes = ["STANDARD"] }).QueueSummaryList!.Single().Id!;
    }

    public void Dispose() => _client.Dispose();

    [Fact]
    public void An_email_address_is_stored_as_sent_with_its_timestamps_and_tags()
    {
        var created = Create("support@example.com", displayName: "Support", description: "front line", tags: new() { ["team"] = "a" });

        var described = Describe(created.EmailAddressId!);

        Assert.EndsWith($"/email-address/{created.EmailAddressId}", created.EmailAddressArn);
        Assert.Equal(("support@example.com", "Support", "front line"), (described.EmailAddress, described.DisplayName, described.Description));
        Assert.Equal(created.EmailAddressArn, described.EmailAddressArn);
        Assert.Equal("a", described.Tags!["team"]);
        Assert.Equal(described.CreateTimestamp, described.ModifiedTimestamp);
        Assert.True(DateTimeOffset.TryParse(described.CreateTimestamp, out var at) && at == ConnectClient.DefaultStart);
        Assert.Null(described.AliasConfigurations);
    }

    [Fact]
    public void Addresses_are_unique_in_an_instance_ignoring_case()
    {
        Create("sales@example.com");

        _client.Fails(new CreateEmailAddressRequest { InstanceId = _instanceId, EmailAddress = "Sales@Example.com" }, "DuplicateResourceException");
    }

    [Fact]
    public void An_address_the_model_pattern_refuses_is_invalid()
    {
        _client.Fails(new CreateEmailAddressRequest { InstanceId = _instanceId, EmailAddress = "not-an-address" }, "InvalidParameterException");
    }

    [Fact]
    public void The_metadata_update_keeps_members_left_out_and_stamps_the_modification()
    {
        var created = Create("billing@example.com", displayName: "Billing", description: "kept");
        _client.Advance(TimeSpan.FromMinutes(5));

        var updated = _client.Invoke<UpdateEmailAddressMetadataResponse>(new UpdateEmailAddressMetadataRequest
        {
            InstanceId = _instanceId,
            EmailAddressId = created.EmailAddressArn,
            DisplayName = "Accounts",
        });

        Assert.Equal(created.EmailAddressId, updated.EmailAddressId);
        var described = Describe(created.EmailAddressId!);
        Assert.Equal(("Accounts", "kept"), (described.DisplayName, described.Description));
        Assert.True(DateTimeOffset.Parse(described.ModifiedTimestamp!) > DateTimeOffset.Parse(described.CreateTimestamp!));
    }

    [Fact]
    public void Search_finds_addresses_by_their_fields()
    {
        Create("alpha@example.com", displayName: "Alpha");
        Create("beta@example.com", displayName: "Beta");

        var found = _client.Invoke<SearchEmailAddressesResponse>(new SearchEmailAddressesRequest
        {
            InstanceId = _instanceId,
            SearchCriteria = new EmailAddressSearchCriteria
            {
                StringCondition = new StringCondition { FieldName = "emailAddress", Value = "alpha", ComparisonType = "STARTS_WITH" },
            },
        });

        var only = Assert.Single(found.EmailAddresses!);
        Assert.Equal(("alpha@example.com", "Alpha"), (only.EmailAddress, only.DisplayName));
        Assert.NotNull(only.EmailAddressId);
        Assert.EndsWith(only.EmailAddressId!, only.EmailAddressArn);
        Assert.Equal(1, found.ApproximateTotalCount);
    }

    [Fact]
    public void An_address_of_another_account_or_Region_is_not_found()
    {
        var created = Create("here@example.com");

        _client.InRegion("us-west-2").Fails(new DescribeEmailAddressRequest { InstanceId = _instanceId, EmailAddressId = created.EmailAddressId }, "ResourceNotFoundException");
        _client.AsAccount("222222222222").Fails(new DescribeEmailAddressRequest { InstanceId = _instanceId, EmailAddressId = created.EmailAddressArn }, "ResourceNotFoundException");
    }

    [Fact]
    public void An_alias_forwards_to_one_primary_and_is_never_chained()
    {
        var primary = Create("help@example.com");
        var alias = Create("info@example.com");
        var third = Create("contact@example.com");

        _client.Invoke(new AssociateEmailAddressAliasRequest
        {
            InstanceId = _instanceId,
            EmailAddressId = primary.EmailAddressId,
            AliasConfiguration = new AliasConfiguration { EmailAddressId = alias.EmailAddressArn },
        });

        Assert.Equal(alias.EmailAddressId, Assert.Single(Describe(primary.EmailAddressId!).AliasConfigurations!).EmailAddressId);
        _client.Fails(Alias(primary, third), "ResourceConflictException");
        _client.Fails(Alias(third, alias), "ResourceConflictException");
        _client.Fails(Alias(alias, third), "InvalidRequestException");
        _client.Fails(Alias(third, third), "InvalidRequestException");

        _client.Invoke(new DeleteEmailAddressRequest { InstanceId = _instanceId, EmailAddressId = alias.EmailAddressId });

        Assert.Null(Describe(primary.EmailAddressId!).AliasConfigurations);
    }

    [Fact]
    public void A_removed_alias_can_be_associated_again()
    {
        var primary = Create("desk@example.com");
        var alias = Create("frontdesk@example.com");
        _client.Invoke(Alias(primary, alias));

        _client.Invoke(new DisassociateEmailAddressAliasRequest
        {
            InstanceId = _instanceId,
            EmailAddressId = primary.EmailAddressId,
            AliasConfiguration = new AliasConfiguration { EmailAddressId = alias.EmailAddressId },
        });

        Assert.Null(Describe(primary.EmailAddressId!).AliasConfigurations);
        _client.Fails(new DisassociateEmailAddressAliasRequest
        {
            InstanceId = _instanceId,
            EmailAddressId = primary.EmailAddressId,
            AliasConfiguration = new AliasConfiguration { EmailAddressId = alias.EmailAddressId },
        }, "ResourceConflictException");
        _client.Invoke(Alias(alias, primary));
    }

    [Fact]
    public void A_queue_offers_its_outbound_address_and_the_associated_ones()
    {
        var outbound = Create("out@example.com");
        var extra = Create("extra@example.com");

        _client.Invoke(new UpdateQueueOutboundEmailConfigRequest
        {
            InstanceId = _instanceId,
            QueueId = _queueId,
            OutboundEmailConfig = new OutboundEmailConfig { OutboundEmailAddressId = outbound.EmailAddressArn },
        });
        _client.Invoke(new AssociateQueueEmailAddressesRequest
        {
            InstanceId = _instanceId,
            QueueId = _queueId,
            EmailAddressesConfig = [new EmailAddressConfig { EmailAddressId = extra.EmailAddressArn }],
        });

        var listed = List();
        Assert.Equal(
            new[] { (outbound.EmailAddressId, true), (extra.EmailAddressId, false) }.OrderBy(e => e.Item1, StringComparer.Ordinal),
            listed.EmailAddressMetadataList!.Select(e => (e.Id, e.IsDefaultOutboundEmail ?? false)));
        Assert.Equal(outbound.EmailAddressId, _client.Invoke<DescribeQueueResponse>(new DescribeQueueRequest { InstanceId = _instanceId, QueueId = _queueId }).Queue!.OutboundEmailConfig!.OutboundEmailAddressId);

        _client.Invoke(new DisassociateQueueEmailAddressesRequest { InstanceId = _instanceId, QueueId = _queueId, EmailAddressesId = [extra.EmailAddressId!] });

        Assert.Equal([outbound.EmailAddressId], List().EmailAddressMetadataList!.Select(e => e.Id));
    }

    [Fact]
    public void An_address_a_queue_uses_cannot_be_deleted()
    {
        var address = Create("busy@example.com");
        _client.Invoke(new AssociateQueueEmailAddressesRequest
        {
            InstanceId = _instanceId,
            QueueId = _queueId,
            EmailAddressesConfig = [new EmailAddressConfig { EmailAddressId = address.EmailAddressId }],
        });

        _client.Fails(new DeleteEmailAddressRequest { InstanceId = _instanceId, EmailAddressId = address.EmailAddressId }, "ResourceConflictException");

        _client.Invoke(new DisassociateQueueEmailAddressesRequest { InstanceId = _instanceId, QueueId = _queueId, EmailAddressesId = [address.EmailAddressArn!] });
        _client.Invoke(new DeleteEmailAddressRequest { InstanceId = _instanceId, EmailAddressId = address.EmailAddressId });
        _client.Fails(new DescribeEmailAddressRequest { InstanceId = _instanceId, EmailAddressId = address.EmailAddressId }, "ResourceNotFoundException");
    }

    [Fact]
    public void A_queue_names_existing_addresses_only_and_at_most_fifty()
    {
        _client.Fails(new AssociateQueueEmailAddressesRequest
        {
            InstanceId = _instanceId,
            QueueId = _queueId,
            EmailAddressesConfig = [new EmailAddressConfig { EmailAddressId = "missing" }],
        }, "ResourceNotFoundException");

        var outbound = Create("first@example.com");
        _client.Invoke(new UpdateQueueOutboundEmailConfigRequest
        {
            InstanceId = _instanceId,
            QueueId = _queueId,
            OutboundEmailConfig = new OutboundEmailConfig { OutboundEmailAddressId = outbound.EmailAddressId },
        });
        var fortyNine = Enumerable.Range(0, 49).Select(i => new EmailAddressConfig { EmailAddressId = Create($"a{i}@example.com").EmailAddressId }).ToList();
        _client.Invoke(new AssociateQueueEmailAddressesRequest { InstanceId = _instanceId, QueueId = _queueId, EmailAddressesConfig = fortyNine });

        _client.Fails(new AssociateQueueEmailAddressesRequest
        {
            InstanceId = _instanceId,
            QueueId = _queueId,
            EmailAddressesConfig = [new EmailAddressConfig { EmailAddressId = Create("one-too-many@example.com").EmailAddressId }],
        }, "LimitExceededException");
        Assert.Equal(50, List().EmailAddressMetadataList!.Count);
    }

    [Fact]
    public void A_queue_created_with_email_addresses_resolves_them()
    {
        var hours = _client.Invoke<ListHoursOfOperationsResponse>(new ListHoursOfOperationsRequest { InstanceId = _instanceId }).HoursOfOperationSummaryList!.Single().Id;
        var outbound = Create("q-out@example.com");
        var extra = Create("q-extra@example.com");

        var queue = _client.Invoke<CreateQueueResponse>(new CreateQueueRequest
        {
            InstanceId = _instanceId,
            Name = "email queue",
            HoursOfOperationId = hours,
            OutboundEmailConfig = new OutboundEmailConfig { OutboundEmailAddressId = outbound.EmailAddressArn },
            EmailAddressesConfig = [new EmailAddressConfig { EmailAddressId = extra.EmailAddressArn }],
        });

        var listed = _client.Invoke<ListQueueEmailAddressesResponse>(new ListQueueEmailAddressesRequest { InstanceId = _instanceId, QueueId = queue.QueueId });
        Assert.Equal(2, listed.EmailAddressMetadataList!.Count);
        Assert.Equal(outbound.EmailAddressId, listed.EmailAddressMetadataList.Single(e => e.IsDefaultOutboundEmail == true).Id);
        _client.Fails(new CreateQueueRequest
        {
            InstanceId = _instanceId,
            Name = "missing email",
            HoursOfOperationId = hours,
            EmailAddressesConfig = [new EmailAddressConfig { EmailAddressId = "missing" }],
        }, "ResourceNotFoundException");
    }

    private ListQueueEmailAddressesResponse List() =>
        _client.Invoke<ListQueueEmailAddressesResponse>(new ListQueueEmailAddressesRequest { InstanceId = _instanceId, QueueId = _queueId });

    private AssociateEmailAddressAliasRequest Alias(CreateEmailAddressResponse primary, CreateEmailAddressResponse alias) => new()
    {
        InstanceId = _instanceId,
        EmailAddressId = primary.EmailAddressId,
        AliasConfiguration = new AliasConfiguration { EmailAddressId = alias.EmailAddressId },
    };

    private CreateEmailAddressResponse Create(string address, string? displayName = null, string? description = null, Dictionary<string, string>? tags = null) =>
        _client.Invoke<CreateEmailAddressResponse>(new CreateEmailAddressRequest
        {
            InstanceId = _instanceId,
            EmailAddress = address,
            DisplayName = displayName,
            Description = description,
            Tags = tags,
        });

    private DescribeEmailAddressResponse Describe(string id) =>
        _client.Invoke<DescribeEmailAddressResponse>(new DescribeEmailAddressRequest { InstanceId = _instanceId, EmailAddressId = id });
}
