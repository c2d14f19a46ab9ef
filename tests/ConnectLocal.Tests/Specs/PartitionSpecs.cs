using ConnectLocal.Core.Common;
using ConnectLocal.Model.Shapes;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Specs;

/// <summary>ARNs carry the partition of their Region: aws-cn for the China Regions, aws-us-gov for GovCloud (issue 19).</summary>
public sealed class PartitionSpecs : IDisposable
{
    private readonly ConnectClient _client = new();

    public void Dispose() => _client.Dispose();

    [Theory]
    [InlineData("us-east-1", "aws")]
    [InlineData("eu-west-2", "aws")]
    [InlineData("cn-north-1", "aws-cn")]
    [InlineData("cn-northwest-1", "aws-cn")]
    [InlineData("us-gov-west-1", "aws-us-gov")]
    [InlineData("us-gov-east-1", "aws-us-gov")]
    public void The_partition_follows_the_Region(string region, string partition)
    {
        Assert.Equal(partition, Arns.PartitionOf(region));
        Assert.StartsWith($"arn:{partition}:connect:{region}:111111111111:instance/i", Arns.Instance(region, "111111111111", "i"));
        Assert.StartsWith($"arn:{partition}:connect:{region}:111111111111:traffic-distribution-group/t", Arns.TopLevel(region, "111111111111", "traffic-distribution-group", "t"));
    }

    [Fact]
    public void An_ARN_whose_partition_is_not_its_Regions_is_not_parsed()
    {
        Assert.NotNull(Arns.Parse("arn:aws-cn:connect:cn-north-1:111111111111:instance/i"));
        Assert.NotNull(Arns.Parse("arn:aws-us-gov:connect:us-gov-west-1:111111111111:instance/i"));
        Assert.Null(Arns.Parse("arn:aws:connect:cn-north-1:111111111111:instance/i"));
        Assert.Null(Arns.Parse("arn:aws:connect:us-gov-west-1:111111111111:instance/i"));
        Assert.Null(Arns.Parse("arn:aws-cn:connect:us-east-1:111111111111:instance/i"));
    }

    [Fact]
    public void Resources_made_in_GovCloud_have_aws_us_gov_ARNs_and_are_found_by_them()
    {
        using var gov = _client.InRegion("us-gov-west-1");
        var instance = gov.Invoke<CreateInstanceResponse>(new CreateInstanceRequest
        {
            IdentityManagementType = "CONNECT_MANAGED",
            InstanceAlias = "partition-specs",
            InboundCallsEnabled = true,
            OutboundCallsEnabled = true,
        });

        Assert.StartsWith("arn:aws-us-gov:connect:us-gov-west-1:111111111111:instance/", instance.Arn);
        var described = gov.Invoke<DescribeInstanceResponse>(new DescribeInstanceRequest { InstanceId = instance.Arn });
        Assert.Equal(instance.Arn, described.Instance!.Arn);
        Assert.StartsWith("arn:aws-us-gov:iam::111111111111:role/", described.Instance.ServiceRole);
        var queue = gov.Invoke<ListQueuesResponse>(new ListQueuesRequest { InstanceId = instance.Id, QueueTypes = ["STANDARD"] }).QueueSummaryList!.Single();
        Assert.StartsWith($"arn:aws-us-gov:connect:us-gov-west-1:111111111111:instance/{instance.Id}/queue/", queue.Arn);

        // The same ARN in the aws partition names nothing.
        var wrongPartition = instance.Arn!.Replace("arn:aws-us-gov:", "arn:aws:", StringComparison.Ordinal);
        gov.Fails(new DescribeInstanceRequest { InstanceId = wrongPartition }, "ResourceNotFoundException");
    }
}
