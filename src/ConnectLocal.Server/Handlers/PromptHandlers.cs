using ConnectLocal.Core.Prompts;
using ConnectLocal.Core.Registry;
using ConnectLocal.Model.Shapes;
using Prompt = ConnectLocal.Core.Prompts.Prompt;

namespace ConnectLocal.Server.Handlers;

// Prompts: everything but GetPromptFile is declared (Handlers/Declared). LIMITATIONS: no audio is stored.
public sealed partial class ConnectApi
{
    /// <summary>
    /// [choice] No audio is kept, so the URL is where the prompt was uploaded from: an S3Uri `s3://bucket/key` becomes
    /// `https://bucket.s3.{region}.amazonaws.com/key`, an https S3Uri is returned as sent, and a default prompt (which
    /// has none) answers `https://connectlocal.invalid/prompts/{instanceId}/{promptId}/{name}`, which resolves nowhere.
    /// </summary>
    public override ValueTask<GetPromptFileResponse> GetPromptFile(OperationContext context, GetPromptFileRequest request)
    {
        var caller = CallerOf(context);
        var prompt = new ResourceOperations<Prompt>(Store, Settings, PromptRules.Type).Describe(caller, request.InstanceId!, request.PromptId!);
        var url = prompt.S3Uri switch
        {
            null => $"https://connectlocal.invalid/prompts/{prompt.InstanceId}/{prompt.Id}/{Uri.EscapeDataString(prompt.Name)}",
            var s3 when s3.StartsWith("s3://", StringComparison.Ordinal) && s3[5..].Split('/', 2) is [var bucket, var key] =>
                $"https://{bucket}.s3.{caller.Region}.amazonaws.com/{key}",
            var https => https,
        };
        return ValueTask.FromResult(new GetPromptFileResponse
        {
            PromptPresignedUrl = url,
            LastModifiedTime = prompt.LastModifiedTime,
            LastModifiedRegion = prompt.LastModifiedRegion,
        });
    }
}
