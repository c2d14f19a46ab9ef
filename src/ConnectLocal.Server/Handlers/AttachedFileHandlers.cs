using System.Globalization;
using ConnectLocal.Core.AttachedFiles;
using ConnectLocal.Core.Routing;
using ConnectLocal.Model.Shapes;
using ConnectLocal.Server.Control;
using FileRecord = ConnectLocal.Core.AttachedFiles.AttachedFile;
using FileShape = ConnectLocal.Model.Shapes.AttachedFile;

namespace ConnectLocal.Server.Handlers;

// Attached files and their configurations: the rules live in Core/AttachedFiles. The pre-signed URLs point at this
// server (Control/AttachedFileTransfer.cs), not at S3. Limitations: no malware scan (a complete upload is APPROVED at
// once), a case ARN is accepted by its shape (there is no Cases service), the files are not taggable by ARN.
// docs/attached-files.md.
public sealed partial class ConnectApi
{
    private AttachedFileService AttachedFiles => new(Store);

    public override ValueTask<StartAttachedFileUploadResponse> StartAttachedFileUpload(OperationContext context, StartAttachedFileUploadRequest request)
    {
        var answer = AttachedFiles.Start(CallerOf(context), new StartAttachedFileCommand(
            request.InstanceId!, request.FileName!, request.FileSizeInBytes!.Value, request.UrlExpiryInSeconds, request.FileUseCaseType!,
            request.AssociatedResourceArn!, request.CreatedBy?.ConnectUserArn, request.CreatedBy?.AWSIdentityArn, TagsIn(request.Tags), request.ClientToken),
            ContactChannel);
        var file = answer.File;
        return ValueTask.FromResult(new StartAttachedFileUploadResponse
        {
            FileArn = file.Arn,
            FileId = file.Id,
            CreationTime = Iso(file.CreationTime),
            FileStatus = file.FileStatus,
            CreatedBy = CreatedByOut(file),
            UploadUrlMetadata = new UploadUrlMetadata
            {
                Url = AttachedFileTransfer.UrlOf(context.Origin, answer.UrlToken!),
                UrlExpiry = Iso(answer.UrlExpiry!.Value),
                // [choice] No header is required: the upload takes any Content-Type (docs/attached-files.md).
                HeadersToInclude = [],
            },
        });
    }

    public override ValueTask<CompleteAttachedFileUploadResponse> CompleteAttachedFileUpload(OperationContext context, CompleteAttachedFileUploadRequest request)
    {
        AttachedFiles.Complete(CallerOf(context), request.InstanceId!, request.FileId!, request.AssociatedResourceArn!);
        return ValueTask.FromResult(new CompleteAttachedFileUploadResponse());
    }

    public override ValueTask<GetAttachedFileResponse> GetAttachedFile(OperationContext context, GetAttachedFileRequest request)
    {
        var answer = AttachedFiles.Get(CallerOf(context), request.InstanceId!, request.FileId!, request.AssociatedResourceArn!, request.UrlExpiryInSeconds);
        var file = answer.File;
        return ValueTask.FromResult(new GetAttachedFileResponse
        {
            FileArn = file.Arn,
            FileId = file.Id,
            CreationTime = Iso(file.CreationTime),
            FileStatus = file.FileStatus,
            FileName = file.FileName,
            FileSizeInBytes = file.FileSizeInBytes,
            AssociatedResourceArn = file.AssociatedResourceArn,
            FileUseCaseType = file.FileUseCaseType,
            CreatedBy = CreatedByOut(file),
            DownloadUrlMetadata = answer.UrlToken is { } token
                ? new DownloadUrlMetadata { Url = AttachedFileTransfer.UrlOf(context.Origin, token), UrlExpiry = Iso(answer.UrlExpiry!.Value) }
                : null,
            Tags = TagsOut(file.Tags),
        });
    }

    public override ValueTask<DeleteAttachedFileResponse> DeleteAttachedFile(OperationContext context, DeleteAttachedFileRequest request)
    {
        AttachedFiles.Delete(CallerOf(context), request.InstanceId!, request.FileId!, request.AssociatedResourceArn!);
        return ValueTask.FromResult(new DeleteAttachedFileResponse());
    }

    public override ValueTask<BatchGetAttachedFileMetadataResponse> BatchGetAttachedFileMetadata(OperationContext context, BatchGetAttachedFileMetadataRequest request)
    {
        var batch = AttachedFiles.BatchGet(CallerOf(context), request.InstanceId!, request.FileIds!, request.AssociatedResourceArn!);
        return ValueTask.FromResult(new BatchGetAttachedFileMetadataResponse
        {
            Files = batch.Files.Select(f => new FileShape
            {
                CreationTime = Iso(f.CreationTime),
                FileArn = f.Arn,
                FileId = f.Id,
                FileName = f.FileName,
                FileSizeInBytes = f.FileSizeInBytes,
                FileStatus = f.FileStatus,
                CreatedBy = CreatedByOut(f),
                FileUseCaseType = f.FileUseCaseType,
                AssociatedResourceArn = f.AssociatedResourceArn,
                Tags = TagsOut(f.Tags),
            }).ToList(),
            Errors = batch.Errors.Select(e => new AttachedFileError { FileId = e.FileId, ErrorCode = e.ErrorCode, ErrorMessage = e.ErrorMessage }).ToList(),
        });
    }

    public override ValueTask<DescribeAttachedFilesConfigurationResponse> DescribeAttachedFilesConfiguration(OperationContext context, DescribeAttachedFilesConfigurationRequest request)
    {
        var (instanceId, configuration) = AttachedFiles.DescribeConfiguration(CallerOf(context), request.InstanceId!, request.AttachmentScope!);
        return ValueTask.FromResult(new DescribeAttachedFilesConfigurationResponse
        {
            AttachedFilesConfiguration = new Model.Shapes.AttachedFilesConfiguration
            {
                InstanceId = instanceId,
                AttachmentScope = configuration.AttachmentScope,
                MaximumSizeLimitInBytes = configuration.MaximumSizeLimitInBytes,
                ExtensionConfiguration = ExtensionsOut(configuration),
                LastModifiedTime = configuration.LastModifiedTime,
            },
        });
    }

    public override ValueTask<ListAttachedFilesConfigurationsResponse> ListAttachedFilesConfigurations(OperationContext context, ListAttachedFilesConfigurationsRequest request)
    {
        var (instanceId, page) = AttachedFiles.ListConfigurations(CallerOf(context), request.InstanceId!, request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new ListAttachedFilesConfigurationsResponse
        {
            AttachedFilesConfigurations = page.Items.Select(c => new AttachedFilesConfigurationSummary
            {
                InstanceId = instanceId,
                AttachmentScope = c.AttachmentScope,
                MaximumSizeLimitInBytes = c.MaximumSizeLimitInBytes,
                ExtensionConfiguration = ExtensionsOut(c),
            }).ToList(),
            NextToken = page.NextToken,
        });
    }

    public override ValueTask<UpdateAttachedFilesConfigurationResponse> UpdateAttachedFilesConfiguration(OperationContext context, UpdateAttachedFilesConfigurationRequest request)
    {
        var (instanceId, configuration) = AttachedFiles.UpdateConfiguration(CallerOf(context), request.InstanceId!, request.AttachmentScope!,
            request.MaximumSizeLimitInBytes, request.ExtensionConfiguration?.AllowedExtensions?.Select(e => e.Extension!).ToList());
        return ValueTask.FromResult(new UpdateAttachedFilesConfigurationResponse
        {
            InstanceId = instanceId,
            AttachmentScope = configuration.AttachmentScope,
            MaximumSizeLimitInBytes = configuration.MaximumSizeLimitInBytes,
            ExtensionConfiguration = ExtensionsOut(configuration),
            LastModifiedTime = configuration.LastModifiedTime,
        });
    }

    /// <summary>The channel of a contact the routing engine holds (queued, connected, ended and kept, or still in its flow) in this instance.</summary>
    private RoutingChannel? ContactChannel(string instanceId, string contactId) =>
        Routing.UseContact<object>(contactId,
            (routing, contact) => routing.InstanceId == instanceId ? contact.Channel : null,
            (routing, waiting) => routing.InstanceId == instanceId ? waiting.Channel : null) as RoutingChannel?;

    private static CreatedByInfo CreatedByOut(FileRecord file) => new() { ConnectUserArn = file.ConnectUserArn, AWSIdentityArn = file.AWSIdentityArn };

    private static ExtensionConfiguration ExtensionsOut(Core.AttachedFiles.AttachedFilesConfiguration configuration) =>
        new() { AllowedExtensions = configuration.AllowedExtensions.Select(e => new AllowedExtension { Extension = e }).ToList() };

    /// <summary>The model's ISO8601Datetime strings: yyyy-MM-ddThh:mm:ss.SSSZ.</summary>
    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
