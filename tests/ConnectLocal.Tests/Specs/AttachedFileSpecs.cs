using ConnectLocal.Core.AttachedFiles;
using ConnectLocal.Core.Common;
using ConnectLocal.Core.Instances;
using ConnectLocal.Core.Routing;
using ConnectLocal.Storage.Sqlite;

namespace ConnectLocal.Tests.Specs;

/// <summary>Attached files (docs/attached-files.md): the rules of Core/AttachedFiles, on an in-memory store with contacts given by a lookup.</summary>
public sealed class AttachedFileSpecs : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);

    private readonly SqliteStore _store = SqliteStore.OpenInMemory();
    private readonly AttachedFileService _files;
    private readonly Caller _caller = new("111111111111", "us-east-1", Start, "r");
    private readonly string _instanceId;
    private readonly Dictionary<string, RoutingChannel> _contacts = new(StringComparer.Ordinal);

    public AttachedFileSpecs()
    {
        _files = new AttachedFileService(_store);
        _instanceId = new InstanceService(_store, new ConnectSettings()).Create(_caller,
            new CreateInstanceCommand("CONNECT_MANAGED", "files-" + Guid.NewGuid().ToString("N")[..8], null, true, true, new Dictionary<string, string>(), null)).Id;
    }

    public void Dispose() => _store.Dispose();

    [Fact]
    public void A_task_contact_is_in_the_TASK_scope_an_email_contact_in_EMAIL_and_a_case_in_CASE()
    {
        _files.UpdateConfiguration(_caller, _instanceId, "EMAIL", null, ["eml"]);
        _files.UpdateConfiguration(_caller, _instanceId, "TASK", null, ["pdf"]);

        Assert.Equal(AttachedFile.Processing, StartFile(Contact(RoutingChannel.Email), "mail.EML").File.FileStatus);
        Assert.Equal("INVALID_FILE_TYPE", Refused(() => StartFile(Contact(RoutingChannel.Email), "scan.pdf")).Reason);
        Assert.NotNull(StartFile(Contact(RoutingChannel.Task), "scan.pdf").UrlToken);
        Assert.Equal("INVALID_FILE_TYPE", Refused(() => StartFile(Contact(RoutingChannel.Task), "mail.eml")).Reason);
        Assert.NotNull(StartFile(CaseArn(), "notes.txt").UrlToken);
    }

    [Theory]
    [InlineData(RoutingChannel.Voice)]
    [InlineData(RoutingChannel.Chat)]
    public void A_contact_of_another_channel_takes_no_files(RoutingChannel channel)
    {
        var e = Refused(() => StartFile(Contact(channel), "notes.txt"));

        Assert.Equal(DomainErrorKind.InvalidRequest, e.Kind);
        Assert.Null(e.Reason);
    }

    [Theory]
    [InlineData("arn:aws:connect:us-east-1:111111111111:instance/{i}/contact/unknown")]
    [InlineData("arn:aws:connect:us-east-1:222222222222:instance/{i}/contact/c")]
    [InlineData("arn:aws:connect:us-east-1:111111111111:instance/other/contact/c")]
    [InlineData("arn:aws:cases:us-west-2:111111111111:domain/d/case/c")]
    [InlineData("arn:aws-cn:cases:us-east-1:111111111111:domain/d/case/c")]
    [InlineData("arn:aws:cases:us-east-1:111111111111:domain/d/case/")]
    [InlineData("arn:aws:s3:::bucket/key")]
    public void An_associated_resource_arn_that_names_no_case_or_known_contact_of_the_instance_is_an_invalid_request(string arn)
    {
        var e = Refused(() => StartFile(arn.Replace("{i}", _instanceId, StringComparison.Ordinal), "notes.txt"));

        Assert.Equal(DomainErrorKind.InvalidRequest, e.Kind);
    }

    [Theory]
    [InlineData("README", "INVALID_FILE_TYPE")]
    [InlineData("notes.", "INVALID_FILE_TYPE")]
    [InlineData(".txt", "INVALID_FILE_TYPE")]
    [InlineData("notes.exe", "INVALID_FILE_TYPE")]
    [InlineData("dir/notes.txt", "INVALID_FILE_NAME")]
    [InlineData("dir\\notes.txt", "INVALID_FILE_NAME")]
    [InlineData("...", "INVALID_FILE_NAME")]
    public void A_file_name_is_checked_for_its_extension_against_the_scope(string name, string reason)
    {
        Assert.Equal(reason, Refused(() => StartFile(CaseArn(), name)).Reason);
    }

    [Fact]
    public void Extensions_compare_without_regard_to_case_and_the_size_limit_is_inclusive()
    {
        var configuration = AttachedFileRules.DefaultConfiguration("CASE") with { MaximumSizeLimitInBytes = 10, AllowedExtensions = ["Pdf"] };

        AttachedFileRules.CheckAgainst(configuration, "a.PDF", 10);
        var e = Assert.Throws<DomainException>(() => AttachedFileRules.CheckAgainst(configuration, "a.pdf", 11));
        Assert.Equal("INVALID_FILE_SIZE", e.Reason);
    }

    [Fact]
    public void Every_scope_has_the_defaults_until_an_update_changes_only_what_it_gives()
    {
        var listed = _files.ListConfigurations(_caller, _instanceId, null, 100).Page.Items;
        Assert.Equal(["CASE", "CHAT", "EMAIL", "TASK"], listed.Select(c => c.AttachmentScope));
        Assert.All(listed, c => Assert.Equal((20L * 1024 * 1024, (DateTimeOffset?)null), (c.MaximumSizeLimitInBytes, c.LastModifiedTime)));

        _files.UpdateConfiguration(_caller, _instanceId, "CHAT", 5, null);
        var (_, chat) = _files.UpdateConfiguration(_caller, _instanceId, "CHAT", null, ["txt"]);

        Assert.Equal((5L, (DateTimeOffset?)Start), (chat.MaximumSizeLimitInBytes, chat.LastModifiedTime));
        Assert.Equal(["txt"], chat.AllowedExtensions);
        Assert.Equal(AttachedFileRules.DefaultAllowedExtensions, _files.DescribeConfiguration(_caller, _instanceId, "TASK").Configuration.AllowedExtensions);
        Assert.Equal(DomainErrorKind.InvalidParameter,
            Assert.Throws<DomainException>(() => _files.UpdateConfiguration(_caller, _instanceId, "CHAT", null, ["pdf", "PDF"])).Kind);
    }

    [Fact]
    public void A_file_is_approved_only_when_its_bytes_were_uploaded_in_full_and_then_downloads_them()
    {
        var arn = CaseArn();
        var started = StartFile(arn, "notes.txt", size: 5);

        Assert.Equal(DomainErrorKind.InvalidRequest, Assert.Throws<DomainException>(() => _files.Complete(_caller, _instanceId, started.File.Id, arn)).Kind);
        Assert.Equal(FileUrlOutcome.TooLarge, _files.Upload(started.UrlToken!, Start, "123456"u8.ToArray()).Outcome);
        Assert.Equal(FileUrlOutcome.Ok, _files.Upload(started.UrlToken!, Start, "1234"u8.ToArray()).Outcome);
        Assert.Equal("INVALID_FILE_SIZE", Assert.Throws<DomainException>(() => _files.Complete(_caller, _instanceId, started.File.Id, arn)).Reason);
        Assert.Null(_files.Get(_caller, _instanceId, started.File.Id, arn, null).UrlToken);

        Assert.Equal(FileUrlOutcome.Ok, _files.Upload(started.UrlToken!, Start, "12345"u8.ToArray()).Outcome);
        _files.Complete(_caller, _instanceId, started.File.Id, arn);
        var got = _files.Get(_caller, _instanceId, started.File.Id, arn, 60);

        Assert.Equal((AttachedFile.Approved, Start.AddSeconds(60)), (got.File.FileStatus, got.UrlExpiry));
        Assert.Equal(FileUrlOutcome.NotAccepting, _files.Upload(started.UrlToken!, Start, "54321"u8.ToArray()).Outcome);
        Assert.Equal("12345"u8.ToArray(), _files.Download(got.UrlToken!, Start).Content);
        Assert.Equal(FileUrlOutcome.Invalid, _files.Download(started.UrlToken!, Start).Outcome);
        Assert.Equal(FileUrlOutcome.Expired, _files.Download(got.UrlToken!, Start.AddSeconds(61)).Outcome);

        _files.Delete(_caller, _instanceId, started.File.Id, arn);
        Assert.Equal(FileUrlOutcome.NoSuchFile, _files.Download(got.UrlToken!, Start).Outcome);
        Assert.Null(_store.Read(s => s.Get<AttachedFileContent>(new Core.Ports.ResourceScope(_caller.AccountId, _caller.Region, _instanceId), started.File.Id)));
    }

    [Fact]
    public void An_upload_url_expires_after_the_seconds_asked_for_and_a_tampered_one_is_not_genuine()
    {
        var started = _files.Start(_caller, Command(CaseArn(), "a.txt", 5) with { UrlExpiryInSeconds = 5 }, Lookup);

        Assert.Equal(Start.AddSeconds(5), started.UrlExpiry);
        Assert.Equal(FileUrlOutcome.Expired, _files.CheckUpload(started.UrlToken!, Start.AddSeconds(5.001)).Outcome);
        Assert.Equal(FileUrlOutcome.Ok, _files.CheckUpload(started.UrlToken!, Start.AddSeconds(5)).Outcome);
        Assert.Equal(FileUrlOutcome.Invalid, _files.CheckUpload(started.UrlToken![..^2] + "AA", Start).Outcome);
        Assert.Equal(FileUrlOutcome.Invalid, _files.CheckUpload("x." + started.UrlToken!.Split('.')[1], Start).Outcome);
    }

    [Fact]
    public void A_file_of_another_resource_is_not_found_and_batch_get_reports_it_per_id()
    {
        var arn = CaseArn();
        var other = CaseArn();
        var file = StartFile(arn, "a.txt").File;

        Assert.Equal(DomainErrorKind.NotFound, Assert.Throws<DomainException>(() => _files.Get(_caller, _instanceId, file.Id, other, null)).Kind);
        var batch = _files.BatchGet(_caller, _instanceId, [file.Id, "nope", file.Id], other);
        Assert.Empty(batch.Files);
        Assert.Equal([file.Id, "nope"], batch.Errors.Select(e => e.FileId));
        Assert.Equal([file.Id], _files.BatchGet(_caller, _instanceId, [file.Id], arn).Files.Select(f => f.Id));
    }

    [Fact]
    public void A_client_token_replays_its_file_and_refuses_another_request()
    {
        var arn = CaseArn();
        var first = _files.Start(_caller, Command(arn, "a.txt", 5) with { ClientToken = "t" }, Lookup);

        Assert.Equal(first.File.Id, _files.Start(_caller, Command(arn, "a.txt", 5) with { ClientToken = "t" }, Lookup).File.Id);
        Assert.Equal(DomainErrorKind.Conflict, Refused(() => _files.Start(_caller, Command(arn, "b.txt", 5) with { ClientToken = "t" }, Lookup)).Kind);
    }

    [Fact]
    public void A_resource_holds_at_most_one_hundred_files()
    {
        var arn = CaseArn();
        for (var i = 0; i < AttachedFileRules.MaxFilesPerResource; i++)
        {
            StartFile(arn, "a.txt", size: 1);
        }

        var e = Refused(() => StartFile(arn, "a.txt", size: 1));
        Assert.Equal((DomainErrorKind.ServiceQuotaExceeded, "TOTAL_FILE_COUNT_EXCEEDED"), (e.Kind, e.Reason));
        StartFile(CaseArn(), "a.txt", size: 1);
    }

    private AttachedFileAnswer StartFile(string arn, string name, long size = 5) => _files.Start(_caller, Command(arn, name, size), Lookup);

    private StartAttachedFileCommand Command(string arn, string name, long size) =>
        new(_instanceId, name, size, null, "ATTACHMENT", arn, null, null, new Dictionary<string, string>(), null);

    private RoutingChannel? Lookup(string instanceId, string contactId) =>
        instanceId == _instanceId && _contacts.TryGetValue(contactId, out var channel) ? channel : null;

    private string Contact(RoutingChannel channel)
    {
        var id = Guid.NewGuid().ToString();
        _contacts[id] = channel;
        return $"arn:aws:connect:us-east-1:111111111111:instance/{_instanceId}/contact/{id}";
    }

    private static string CaseArn() => $"arn:aws:cases:us-east-1:111111111111:domain/{Guid.NewGuid()}/case/{Guid.NewGuid()}";

    private static DomainException Refused(Func<object> call) => Assert.Throws<DomainException>(call);
}
