using ConnectLocal.Core.Common;
using ConnectLocal.Core.GlobalResiliency;
using ConnectLocal.Model.Shapes;
using ConnectLocal.Tests.Support;
using VocabularyShape = ConnectLocal.Model.Shapes.Vocabulary;

namespace ConnectLocal.Tests.Specs;

/// <summary>Vocabularies (issue 15): the asynchronous creation and deletion, search, defaults per language, specified in-process.</summary>
public sealed class VocabularySpecs : IDisposable
{
    private const string Table = "Phrase\tIPA\tSoundsLike\tDisplayAs\nLos-Angeles\t\t\tLos Angeles\nEtienne\t\teh-tee-en\t\n";

    private readonly ConnectClient _client;
    private readonly string _instanceId;

    public VocabularySpecs()
        : this(new ConnectSettings())
    {
    }

    private VocabularySpecs(ConnectSettings settings)
    {
        _client = new ConnectClient(settings);
        _instanceId = NewInstance(_client);
    }

    public void Dispose() => _client.Dispose();

    [Fact]
    public void A_new_vocabulary_is_in_progress_until_the_creation_delay_has_passed_then_active()
    {
        var created = Create("lens", tags: new() { ["team"] = "a" });

        Assert.Equal("CREATION_IN_PROGRESS", created.State);
        Assert.Equal($"arn:aws:connect:us-east-1:{ConnectClient.DefaultAccount}:instance/{_instanceId}/vocabulary/{created.VocabularyId}", created.VocabularyArn);
        Assert.Equal("CREATION_IN_PROGRESS", Describe(created.VocabularyId!).State);

        _client.Advance(TimeSpan.FromMilliseconds(400));
        Assert.Equal(0, _client.ApplyDueTransitions());
        Assert.Equal("CREATION_IN_PROGRESS", Describe(created.VocabularyId!).State);

        _client.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(1, _client.ApplyDueTransitions());
        var v = Describe(created.VocabularyId!);
        Assert.Equal(("ACTIVE", "lens", "en-US", Table, created.VocabularyArn), (v.State, v.Name, v.LanguageCode, v.Content, v.Arn));
        Assert.Equal(ConnectClient.DefaultStart, v.LastModifiedTime);
        Assert.Null(v.FailureReason);
        Assert.Equal("a", v.Tags!["team"]);
    }

    [Fact]
    public void With_a_zero_delay_the_vocabulary_is_active_at_once_but_the_create_answers_in_progress()
    {
        using var client = new ConnectClient(new ConnectSettings
        {
            TransitionDelays = new Dictionary<string, TimeSpan> { [TransitionKinds.VocabularyCreate] = TimeSpan.Zero },
        });
        var instanceId = NewInstance(client);

        var created = client.Invoke<CreateVocabularyResponse>(new CreateVocabularyRequest
        {
            InstanceId = instanceId, VocabularyName = "now", LanguageCode = "en-US", Content = Table,
        });

        Assert.Equal("CREATION_IN_PROGRESS", created.State);
        var described = client.Invoke<DescribeVocabularyResponse>(new DescribeVocabularyRequest { InstanceId = instanceId, VocabularyId = created.VocabularyId });
        Assert.Equal("ACTIVE", described.Vocabulary!.State);
    }

    [Theory]
    [InlineData("Phrase\tIPA\tSoundsLike\tDisplayAs\nLos Angeles\t\t\t\n", "The phrase in row 2 contains a space; join its words with hyphens.")]
    [InlineData("Word\tIPA\nhello\t\n", "The header row names an unknown column 'Word'; the columns are Phrase, IPA, SoundsLike and DisplayAs.")]
    [InlineData("IPA\tSoundsLike\n\tx\n", "The header row must name Phrase, and each column at most once.")]
    [InlineData("Phrase\tPhrase\nx\tx\n", "The header row must name Phrase, and each column at most once.")]
    [InlineData("Phrase\tDisplayAs\nx\ty\tz\n", "Row 2 has more than 2 fields.")]
    [InlineData("Phrase\tDisplayAs\nok\n\tshown\n", "Row 3 has no phrase.")]
    [InlineData("Phrase\tIPA\tSoundsLike\nx\tɛ\tex\n", "Row 2 gives both IPA and SoundsLike; give one of them.")]
    [InlineData("Phrase\tIPA\tSoundsLike\tDisplayAs\n", "The vocabulary has no phrases.")]
    public void A_malformed_table_is_accepted_then_fails_with_its_reason(string content, string reason)
    {
        var created = Create("bad", content: content);
        Assert.Equal("CREATION_IN_PROGRESS", created.State);

        Settle();

        var v = Describe(created.VocabularyId!);
        Assert.Equal(("CREATION_FAILED", reason), (v.State, v.FailureReason));
        var summary = Search(new SearchVocabulariesRequest { InstanceId = _instanceId, State = "CREATION_FAILED" }).Single();
        Assert.Equal(reason, summary.FailureReason);
    }

    [Fact]
    public void Rows_may_leave_trailing_columns_out_and_lines_may_end_with_crlf()
    {
        var created = Create("crlf", content: "Phrase\tIPA\tSoundsLike\tDisplayAs\r\nLos-Angeles\r\n\r\nF.B.I.\tɛ f b i aɪ\r\n");
        Settle();
        Assert.Equal("ACTIVE", Describe(created.VocabularyId!).State);
    }

    [Fact]
    public void A_deleted_vocabulary_is_delete_in_progress_then_gone()
    {
        var id = Active("gone");

        var deleted = _client.Invoke<DeleteVocabularyResponse>(new DeleteVocabularyRequest { InstanceId = _instanceId, VocabularyId = id });

        Assert.Equal(("DELETE_IN_PROGRESS", id), (deleted.State, deleted.VocabularyId));
        Assert.Equal("DELETE_IN_PROGRESS", Describe(id).State);
        _client.Fails(new DeleteVocabularyRequest { InstanceId = _instanceId, VocabularyId = id }, "ResourceInUseException");
        Settle();
        var error = _client.Fails(new DescribeVocabularyRequest { InstanceId = _instanceId, VocabularyId = id }, "ResourceNotFoundException");
        Assert.Equal("Vocabulary not found", error.Message);
    }

    [Fact]
    public void A_vocabulary_being_created_is_in_use()
    {
        var created = Create("busy");

        var error = _client.Fails(new DeleteVocabularyRequest { InstanceId = _instanceId, VocabularyId = created.VocabularyId }, "ResourceInUseException");

        Assert.Equal("The vocabulary is CREATION_IN_PROGRESS.", error.Message);
    }

    [Fact]
    public void Search_keeps_the_vocabularies_that_match_every_criterion_and_pages()
    {
        var a = Active("alpha-1");
        var b = Active("alpha-2");
        var c = Active("alpha-de", "de-DE");
        Active("beta");
        var pending = Create("alpha-new").VocabularyId!;

        Assert.Equal(Sorted(a, b, c, pending), Ids(new SearchVocabulariesRequest { InstanceId = _instanceId, NameStartsWith = "alpha" }));
        Assert.Equal(Sorted(a, b), Ids(new SearchVocabulariesRequest { InstanceId = _instanceId, NameStartsWith = "alpha", LanguageCode = "en-US", State = "ACTIVE" }));
        Assert.Equal([pending], Ids(new SearchVocabulariesRequest { InstanceId = _instanceId, State = "CREATION_IN_PROGRESS" }));
        Assert.Empty(Ids(new SearchVocabulariesRequest { InstanceId = _instanceId, NameStartsWith = "ALPHA" }));

        var first = _client.Invoke<SearchVocabulariesResponse>(new SearchVocabulariesRequest { InstanceId = _instanceId, MaxResults = 2 });
        var second = _client.Invoke<SearchVocabulariesResponse>(new SearchVocabulariesRequest { InstanceId = _instanceId, MaxResults = 2, NextToken = first.NextToken });
        var third = _client.Invoke<SearchVocabulariesResponse>(new SearchVocabulariesRequest { InstanceId = _instanceId, MaxResults = 2, NextToken = second.NextToken });
        Assert.Equal(5, first.VocabularySummaryList!.Concat(second.VocabularySummaryList!).Concat(third.VocabularySummaryList!).Select(s => s.Id).Distinct().Count());
        Assert.Null(third.NextToken);
        _client.Fails(new SearchVocabulariesRequest { InstanceId = _instanceId, MaxResults = 2, NextToken = first.NextToken, State = "ACTIVE" }, "InvalidRequestException");
    }

    [Fact]
    public void Each_language_has_at_most_one_default()
    {
        var english = Active("en-one");
        var other = Active("en-two");
        var german = Active("de-one", "de-DE");

        SetDefault("en-US", english);
        SetDefault("de-DE", german);
        SetDefault("en-US", other);

        var defaults = _client.Invoke<ListDefaultVocabulariesResponse>(new ListDefaultVocabulariesRequest { InstanceId = _instanceId }).DefaultVocabularyList!;
        Assert.Equal([("de-DE", german, "de-one"), ("en-US", other, "en-two")], defaults.Select(d => (d.LanguageCode!, d.VocabularyId!, d.VocabularyName!)).ToList());
        Assert.All(defaults, d => Assert.Equal(_instanceId, d.InstanceId));
        var german1 = _client.Invoke<ListDefaultVocabulariesResponse>(new ListDefaultVocabulariesRequest { InstanceId = _instanceId, LanguageCode = "de-DE" });
        Assert.Equal([german], german1.DefaultVocabularyList!.Select(d => d.VocabularyId));

        SetDefault("de-DE", null);
        Assert.Empty(_client.Invoke<ListDefaultVocabulariesResponse>(new ListDefaultVocabulariesRequest { InstanceId = _instanceId, LanguageCode = "de-DE" }).DefaultVocabularyList!);
    }

    [Fact]
    public void A_default_is_an_active_vocabulary_of_its_language_and_goes_with_it()
    {
        var german = Active("de", "de-DE");
        var pending = Create("pending").VocabularyId!;

        Assert.Equal("The vocabulary's language is de-DE, not en-US.",
            _client.Fails(new AssociateDefaultVocabularyRequest { InstanceId = _instanceId, LanguageCode = "en-US", VocabularyId = german }, "InvalidRequestException").Message);
        _client.Fails(new AssociateDefaultVocabularyRequest { InstanceId = _instanceId, LanguageCode = "en-US", VocabularyId = pending }, "InvalidRequestException");
        _client.Fails(new AssociateDefaultVocabularyRequest { InstanceId = _instanceId, LanguageCode = "en-US", VocabularyId = "no-such" }, "ResourceNotFoundException");

        SetDefault("de-DE", german);
        _client.Invoke(new DeleteVocabularyRequest { InstanceId = _instanceId, VocabularyId = german });
        Assert.Empty(_client.Invoke<ListDefaultVocabulariesResponse>(new ListDefaultVocabulariesRequest { InstanceId = _instanceId }).DefaultVocabularyList!);
    }

    [Fact]
    public void A_client_token_replays_the_first_answer_and_refuses_a_different_request()
    {
        var first = Create("idem", token: "t-1");
        Settle();

        var again = Create("idem", token: "t-1");

        Assert.Equal((first.VocabularyId, first.VocabularyArn, "CREATION_IN_PROGRESS"), (again.VocabularyId, again.VocabularyArn, again.State));
        Assert.Single(Search(new SearchVocabulariesRequest { InstanceId = _instanceId }));
        _client.Fails(new CreateVocabularyRequest { InstanceId = _instanceId, VocabularyName = "other", LanguageCode = "en-US", Content = Table, ClientToken = "t-1" },
            "ResourceConflictException");
    }

    [Fact]
    public void Names_are_unique_in_an_instance()
    {
        Create("same");

        var error = _client.Fails(new CreateVocabularyRequest { InstanceId = _instanceId, VocabularyName = "same", LanguageCode = "de-DE", Content = Table }, "ResourceConflictException");

        Assert.Equal("A vocabulary with name 'same' already exists.", error.Message);
    }

    [Fact]
    public void Content_is_at_most_50_KB_in_UTF_8()
    {
        var big = "Phrase\n" + string.Join('\n', Enumerable.Repeat(new string('é', 9), 3000));
        Assert.True(big.Length < 60000);

        var error = _client.Fails(new CreateVocabularyRequest { InstanceId = _instanceId, VocabularyName = "big", LanguageCode = "en-US", Content = big }, "InvalidRequestException");

        Assert.Equal("Invalid Input. The vocabulary content must not be more than 51200 bytes.", error.Message);
        Assert.Empty(Search(new SearchVocabulariesRequest { InstanceId = _instanceId }));
    }

    [Fact]
    public void The_model_s_constraints_are_enforced()
    {
        _client.Fails(new CreateVocabularyRequest { InstanceId = _instanceId, VocabularyName = "x", LanguageCode = "xx-XX", Content = Table }, "InvalidRequestException");
        _client.Fails(new CreateVocabularyRequest { InstanceId = _instanceId, VocabularyName = " x", LanguageCode = "en-US", Content = Table }, "InvalidRequestException");
        _client.Fails(new CreateVocabularyRequest { InstanceId = _instanceId, VocabularyName = "x", LanguageCode = "en-US", Content = "" }, "InvalidRequestException");
        _client.Fails(new SearchVocabulariesRequest { InstanceId = _instanceId, State = "GONE" }, "InvalidRequestException");
    }

    [Fact]
    public void The_instance_quota_counts_vocabularies()
    {
        using var client = new ConnectClient(new ConnectSettings { VocabulariesPerInstance = 1 });
        var instanceId = NewInstance(client);
        client.Invoke(new CreateVocabularyRequest { InstanceId = instanceId, VocabularyName = "one", LanguageCode = "en-US", Content = Table });

        client.Fails(new CreateVocabularyRequest { InstanceId = instanceId, VocabularyName = "two", LanguageCode = "en-US", Content = Table }, "ServiceQuotaExceededException");
    }

    [Fact]
    public void Tags_change_by_arn_and_describe_shows_them()
    {
        var created = Create("tagged", tags: new() { ["a"] = "1" });

        _client.Invoke(new TagResourceRequest { ResourceArn = created.VocabularyArn, Tags = new() { ["b"] = "2" } });
        _client.Invoke(new UntagResourceRequest { ResourceArn = created.VocabularyArn, TagKeys = ["a"] });

        Assert.Equal(new Dictionary<string, string> { ["b"] = "2" }, Describe(created.VocabularyId!).Tags);
    }

    [Fact]
    public void Another_account_finds_nothing()
    {
        var id = Active("mine");
        var other = _client.AsAccount("222222222222");
        var theirs = NewInstance(other);

        other.Fails(new DescribeVocabularyRequest { InstanceId = _instanceId, VocabularyId = id }, "ResourceNotFoundException");
        other.Fails(new DescribeVocabularyRequest { InstanceId = theirs, VocabularyId = id }, "ResourceNotFoundException");
        other.Fails(new DeleteVocabularyRequest { InstanceId = _instanceId, VocabularyId = id }, "ResourceNotFoundException");
        Assert.Empty(other.Invoke<SearchVocabulariesResponse>(new SearchVocabulariesRequest { InstanceId = theirs }).VocabularySummaryList!);
    }

    private static string NewInstance(ConnectClient client) => client.Invoke<CreateInstanceResponse>(new CreateInstanceRequest
    {
        IdentityManagementType = "CONNECT_MANAGED",
        InstanceAlias = "vocabulary-specs-" + Guid.NewGuid().ToString("N")[..8],
        InboundCallsEnabled = true,
        OutboundCallsEnabled = true,
    }).Id!;

    private CreateVocabularyResponse Create(string name, string language = "en-US", string content = Table, Dictionary<string, string>? tags = null, string? token = null) =>
        _client.Invoke<CreateVocabularyResponse>(new CreateVocabularyRequest
        {
            InstanceId = _instanceId, VocabularyName = name, LanguageCode = language, Content = content, Tags = tags, ClientToken = token,
        });

    private string Active(string name, string language = "en-US")
    {
        var id = Create(name, language).VocabularyId!;
        Settle();
        return id;
    }

    /// <summary>Moves the clock past the default delays and applies what fell due, as the server's worker would.</summary>
    private void Settle()
    {
        _client.Advance(TimeSpan.FromSeconds(1));
        _client.ApplyDueTransitions();
    }

    private VocabularyShape Describe(string id) =>
        _client.Invoke<DescribeVocabularyResponse>(new DescribeVocabularyRequest { InstanceId = _instanceId, VocabularyId = id }).Vocabulary!;

    private List<VocabularySummary> Search(SearchVocabulariesRequest request) =>
        _client.Invoke<SearchVocabulariesResponse>(request).VocabularySummaryList!;

    private List<string> Ids(SearchVocabulariesRequest request) => Search(request).Select(s => s.Id!).Order(StringComparer.Ordinal).ToList();

    private static List<string> Sorted(params string[] ids) => ids.Order(StringComparer.Ordinal).ToList();

    private void SetDefault(string language, string? id) =>
        _client.Invoke(new AssociateDefaultVocabularyRequest { InstanceId = _instanceId, LanguageCode = language, VocabularyId = id });
}
