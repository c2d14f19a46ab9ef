using ConnectLocal.Model.Metadata;
using ConnectLocal.Protocol;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Protocol;

public sealed class RouteTableTests
{
    private static readonly ShapeDescriptor NoInput = new("NoInput", ShapeKind.Structure);

    [Fact]
    public void Every_operation_of_the_model_matches_its_own_template_with_its_labels()
    {
        var table = new RouteTable(OperationTable.All);
        var wrong = new List<string>();
        foreach (var op in OperationTable.All)
        {
            if (!table.TryMatch(op.Method, ModelSamples.PathOf(op, "v%2F1"), out var match, out _) || match.Operation != op)
            {
                wrong.Add($"{op.Method} {op.RequestUri}");
                continue;
            }

            var labels = ModelSamples.Segments(op).Where(s => s.StartsWith('{')).Select(s => s[1..^1]).ToList();
            if (!match.Labels.Select(l => l.Key).SequenceEqual(labels) || match.Labels.Any(l => l.Value != "v/1"))
            {
                wrong.Add($"{op.Name}: labels {string.Join(", ", match.Labels)}");
            }
        }

        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Literal_segment_beats_a_label_at_the_same_position_whatever_the_declaration_order(bool labelFirst)
    {
        var search = Op("SearchUsers", "GET", "/users/{InstanceId}/search");
        var describe = Op("DescribeUser", "GET", "/users/{InstanceId}/{UserId}");
        var table = new RouteTable(labelFirst ? [describe, search] : [search, describe]);

        Assert.Same(search, Match(table, "GET", "/users/i-1/search").Operation);
        Assert.Same(describe, Match(table, "GET", "/users/i-1/u-1").Operation);
        Assert.Equal([new("InstanceId", "i-1"), new("UserId", "u-1")], Match(table, "GET", "/users/i-1/u-1").Labels);
    }

    [Fact]
    public void Leftmost_literal_wins_when_two_templates_each_have_a_literal_where_the_other_has_a_label()
    {
        var literalSecond = Op("LiteralSecond", "GET", "/a/b/{Y}");
        var literalThird = Op("LiteralThird", "GET", "/a/{X}/c");
        var table = new RouteTable([literalThird, literalSecond]);

        Assert.Same(literalSecond, Match(table, "GET", "/a/b/c").Operation);
        Assert.Same(literalThird, Match(table, "GET", "/a/x/c").Operation);
    }

    [Fact]
    public void Literal_is_compared_after_decoding_and_case_sensitively()
    {
        var search = Op("Search", "GET", "/users/{InstanceId}/search");
        var describe = Op("Describe", "GET", "/users/{InstanceId}/{UserId}");
        var table = new RouteTable([search, describe]);

        Assert.Same(search, Match(table, "GET", "/users/i/%73earch").Operation);
        Assert.Same(describe, Match(table, "GET", "/users/i/Search").Operation);
    }

    [Theory]
    [InlineData("/tags/arn%3Aaws%3Aconnect%3Aus-east-1%3A123456789012%3Ainstance%2Fabc", "arn:aws:connect:us-east-1:123456789012:instance/abc")]
    [InlineData("/tags/a%2fb", "a/b")]
    [InlineData("/tags/a+b", "a+b")]
    [InlineData("/tags/caf%C3%A9", "café")]
    [InlineData("/tags/%20", " ")]
    [InlineData("/tags/", "")]
    public void Label_is_one_segment_decoded_after_splitting(string path, string value)
    {
        var table = new RouteTable([Op("ListTags", "GET", "/tags/{resourceArn}")]);

        var match = Match(table, "GET", path);

        Assert.Equal([new("resourceArn", value)], match.Labels);
    }

    [Theory]
    [InlineData("POST", "/tags/x")]
    [InlineData("get", "/tags/x")]
    [InlineData("GET", "/tags")]
    [InlineData("GET", "/tags/x/y")]
    [InlineData("GET", "/tag/x")]
    [InlineData("GET", "tags/x")]
    [InlineData("GET", "")]
    [InlineData("GET", "/")]
    public void Request_line_without_a_matching_template_does_not_match(string method, string path)
    {
        var table = new RouteTable([Op("ListTags", "GET", "/tags/{resourceArn}")]);

        Assert.False(table.TryMatch(method, path, out _, out var badEncoding));
        Assert.False(badEncoding);
    }

    [Theory]
    [InlineData("/tags/%zz")]
    [InlineData("/tags/%F")]
    [InlineData("/tags/%FF")]
    [InlineData("/ta%ZZgs/x")]
    public void Segment_that_cannot_be_decoded_is_reported_as_bad_encoding(string path)
    {
        var table = new RouteTable([Op("ListTags", "GET", "/tags/{resourceArn}")]);

        Assert.False(table.TryMatch("GET", path, out _, out var badEncoding));
        Assert.True(badEncoding);
    }

    [Fact]
    public void Template_that_starts_with_a_label_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => new RouteTable([Op("Bad", "GET", "/{Id}/x")]));
    }

    private static RouteMatch Match(RouteTable table, string method, string path)
    {
        Assert.True(table.TryMatch(method, path, out var match, out var badEncoding), $"{method} {path} did not match");
        Assert.False(badEncoding);
        return match;
    }

    private static OperationDescriptor Op(string name, string method, string uri) => new(0, name, method, uri, NoInput, null, []);
}
