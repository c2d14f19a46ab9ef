namespace ConnectLocal.Core.AttachedFiles;

/// <summary>
/// A file attached to a case, an email contact or a task contact (StartAttachedFileUpload). Its bytes are kept apart in
/// <see cref="AttachedFileContent"/>, so that reading the metadata (GetAttachedFile, BatchGetAttachedFileMetadata)
/// never loads them. Member names follow the model's AttachedFile shape.
/// </summary>
public sealed record AttachedFile : IResource<AttachedFile>
{
    public static string Kind => "attached-file";

    public const string Processing = "PROCESSING";
    public const string Approved = "APPROVED";

    public required string Id { get; init; }

    public required string Arn { get; init; }

    public required string InstanceId { get; init; }

    public required string FileName { get; init; }

    public required long FileSizeInBytes { get; init; }

    public required string FileUseCaseType { get; init; }

    public required string AssociatedResourceArn { get; init; }

    public required string FileStatus { get; init; }

    public required DateTimeOffset CreationTime { get; init; }

    /// <summary>CreatedBy.ConnectUserArn as the request gave it.</summary>
    public string? ConnectUserArn { get; init; }

    /// <summary>CreatedBy.AWSIdentityArn: the caller's identity when the request named no Connect user.</summary>
    public string? AWSIdentityArn { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init => field = value ?? field; } = new Dictionary<string, string>();

    /// <summary>How many bytes the upload URL received; null before any upload.</summary>
    public long? UploadedSizeInBytes { get; init; }

    public string? Name => null;
}

/// <summary>The bytes of one attached file, stored under the file's id (a record of its own, read only to download).</summary>
public sealed record AttachedFileContent : IResource<AttachedFileContent>
{
    public static string Kind => "attached-file-content";

    public required string Id { get; init; }

    public required byte[] Data { get; init; }

    public string? Name => null;
}

/// <summary>
/// The attached files configuration an instance has set for one AttachmentScope (UpdateAttachedFilesConfiguration);
/// its id is the scope. A scope without one has the defaults of <see cref="AttachedFileRules.DefaultConfiguration"/>.
/// </summary>
public sealed record AttachedFilesConfiguration : IResource<AttachedFilesConfiguration>
{
    public static string Kind => "attached-files-configuration";

    public required string Id { get; init; }

    public string AttachmentScope => Id;

    public required long MaximumSizeLimitInBytes { get; init; }

    public IReadOnlyList<string> AllowedExtensions { get; init => field = value ?? field; } = [];

    /// <summary>When it was last updated; null for a scope's defaults.</summary>
    public DateTimeOffset? LastModifiedTime { get; init; }

    public string? Name => null;
}

/// <summary>What an attached file is attached to, read from AssociatedResourceArn.</summary>
public enum AttachedResourceKind
{
    Case,
    EmailContact,
    TaskContact,
}

public sealed record StartAttachedFileCommand(
    string InstanceIdOrArn,
    string FileName,
    long FileSizeInBytes,
    int? UrlExpiryInSeconds,
    string FileUseCaseType,
    string AssociatedResourceArn,
    string? ConnectUserArn,
    string? AWSIdentityArn,
    IReadOnlyDictionary<string, string> Tags,
    string? ClientToken);

/// <summary>A file and, when one is handed out, the token of its pre-signed URL and when that expires.</summary>
public sealed record AttachedFileAnswer(AttachedFile File, string? UrlToken, DateTimeOffset? UrlExpiry);

/// <summary>What BatchGetAttachedFileMetadata answers: the files found, and an error for each id that was not.</summary>
public sealed record AttachedFileBatch(IReadOnlyList<AttachedFile> Files, IReadOnlyList<AttachedFileMiss> Errors);

public sealed record AttachedFileMiss(string FileId, string ErrorCode, string ErrorMessage);

/// <summary>Why a request to a pre-signed URL is refused (or <see cref="Ok"/>); the edge words each the way S3 does.</summary>
public enum FileUrlOutcome
{
    Ok,

    /// <summary>The token is not one this store signed (forged, truncated, or for the other direction).</summary>
    Invalid,

    Expired,

    /// <summary>The file was deleted (or its instance).</summary>
    NoSuchFile,

    /// <summary>An upload to a file that is no longer PROCESSING.</summary>
    NotAccepting,

    /// <summary>An upload larger than the FileSizeInBytes declared at the start.</summary>
    TooLarge,
}

public sealed record FileUrlResult(FileUrlOutcome Outcome, AttachedFile? File = null, byte[]? Content = null);
