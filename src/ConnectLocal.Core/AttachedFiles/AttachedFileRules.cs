using System.Security.Cryptography;
using System.Text;

namespace ConnectLocal.Core.AttachedFiles;

/// <summary>
/// The rules of attached files that need no store: what an AssociatedResourceArn may name, a file's name and
/// extension against a scope's configuration, the defaults of a scope, and the tokens of the pre-signed URLs
/// (docs/attached-files.md).
/// </summary>
public static class AttachedFileRules
{
    /// <summary>The model's FileUseCaseType enum has seven values; the operation's documentation: only ATTACHMENT is supported.</summary>
    public const string SupportedUseCase = "ATTACHMENT";

    /// <summary>UrlExpiryInSeconds when the request has none (the model's documentation: 300).</summary>
    public const int DefaultUrlExpirySeconds = 300;

    /// <summary>[choice] The defaults of every scope without a configuration of its own: 20 MB.</summary>
    public const long DefaultMaximumSizeLimitInBytes = 20L * 1024 * 1024;

    /// <summary>[choice] The extensions every scope without a configuration of its own allows (common documents, images, audio and video).</summary>
    public static readonly IReadOnlyList<string> DefaultAllowedExtensions =
        ["csv", "doc", "docx", "heic", "jfif", "jpeg", "jpg", "mov", "mp4", "pdf", "png", "ppt", "pptx", "rtf", "txt", "wav", "xls", "xlsx"];

    /// <summary>[choice] At most this many files on one associated resource (ServiceQuotaExceededException, TOTAL_FILE_COUNT_EXCEEDED).</summary>
    public const int MaxFilesPerResource = 100;

    /// <summary>[choice] At most this many bytes declared over the files of one associated resource (TOTAL_FILE_SIZE_EXCEEDED): 1 GiB.</summary>
    public const long MaxTotalBytesPerResource = 1024L * 1024 * 1024;

    /// <summary>The model's AttachmentScope values, in the order ListAttachedFilesConfigurations answers them (by id).</summary>
    public static readonly IReadOnlyList<string> Scopes = ["CASE", "CHAT", "EMAIL", "TASK"];

    public static AttachedFilesConfiguration DefaultConfiguration(string scope) => new()
    {
        Id = scope,
        MaximumSizeLimitInBytes = DefaultMaximumSizeLimitInBytes,
        AllowedExtensions = DefaultAllowedExtensions,
    };

    public static string ScopeOf(AttachedResourceKind kind) => kind switch
    {
        AttachedResourceKind.Case => "CASE",
        AttachedResourceKind.EmailContact => "EMAIL",
        _ => "TASK",
    };

    /// <summary>
    /// What an AssociatedResourceArn names, by its shape: a case of Amazon Connect Cases
    /// (<c>arn:aws:cases:{region}:{account}:domain/{domainId}/case/{caseId}</c>) or a contact of the instance
    /// (<c>arn:aws:connect:{region}:{account}:instance/{instanceId}/contact/{contactId}</c>), in the caller's account
    /// and Region. Anything else is an InvalidRequestException. For a contact the answer carries its id; whether it
    /// exists and has the right channel is for the caller to find out (the contacts live in the routing engine).
    /// [choice] A case ARN is accepted by its shape alone: there is no Cases service here.
    /// </summary>
    public static (bool IsCase, string? ContactId) ReadAssociatedArn(string arn, Caller caller, string instanceId)
    {
        var parts = arn.Split(':', 6);
        if (parts.Length == 6 && parts[0] == "arn" && parts[1] == Arns.PartitionOf(caller.Region) && parts[3] == caller.Region && parts[4] == caller.AccountId)
        {
            var resource = parts[5].Split('/');
            if (parts[2] == "cases" && resource is ["domain", { Length: > 0 }, "case", { Length: > 0 }])
            {
                return (true, null);
            }

            if (parts[2] == "connect" && resource is ["instance", var instance, "contact", { Length: > 0 } contactId] && instance == instanceId)
            {
                return (false, contactId);
            }
        }

        throw Errors.InvalidRequest(ErrorTexts.AttachedFileResourceArnInvalid(arn));
    }

    /// <summary>
    /// The name's extension, lower-cased: what follows its last dot. [choice] A name that is only dots, or holds a path
    /// separator (/ or \), is INVALID_FILE_NAME; a name without an extension is INVALID_FILE_TYPE.
    /// </summary>
    public static string ExtensionOf(string fileName)
    {
        if (fileName.Contains('/', StringComparison.Ordinal) || fileName.Contains('\\', StringComparison.Ordinal) || fileName.Trim('.').Length == 0)
        {
            throw Reasoned(ErrorTexts.AttachedFileNameInvalid(fileName), "INVALID_FILE_NAME");
        }

        var dot = fileName.LastIndexOf('.');
        if (dot <= 0 || dot == fileName.Length - 1)
        {
            throw Reasoned(ErrorTexts.AttachedFileNoExtension(fileName), "INVALID_FILE_TYPE");
        }

        return fileName[(dot + 1)..].ToLowerInvariant();
    }

    /// <summary>
    /// A new file against its scope's configuration: its extension is allowed (compared ignoring case, [choice]) and its
    /// size is within the limit, else InvalidRequestException with the reason the model's
    /// AttachedFileInvalidRequestExceptionReason gives for it.
    /// </summary>
    public static void CheckAgainst(AttachedFilesConfiguration configuration, string fileName, long size)
    {
        var extension = ExtensionOf(fileName);
        if (!configuration.AllowedExtensions.Any(e => string.Equals(e, extension, StringComparison.OrdinalIgnoreCase)))
        {
            throw Reasoned(ErrorTexts.AttachedFileTypeNotAllowed(extension, configuration.AttachmentScope), "INVALID_FILE_TYPE");
        }

        if (size > configuration.MaximumSizeLimitInBytes)
        {
            throw Reasoned(ErrorTexts.AttachedFileTooLarge(size, configuration.MaximumSizeLimitInBytes, configuration.AttachmentScope), "INVALID_FILE_SIZE");
        }
    }

    /// <summary>
    /// A partial update of a scope's configuration: what the request gives replaces, the rest stays. [choice] An
    /// extension listed twice (ignoring case) is an InvalidParameterException; extensions are kept as given.
    /// </summary>
    public static AttachedFilesConfiguration Updated(AttachedFilesConfiguration current, long? maximumSize, IReadOnlyList<string>? extensions, DateTimeOffset now)
    {
        if (extensions is not null && extensions.GroupBy(e => e, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw Errors.InvalidParameter(ErrorTexts.AttachedFileExtensionTwice(twice.Key));
        }

        return current with
        {
            MaximumSizeLimitInBytes = maximumSize ?? current.MaximumSizeLimitInBytes,
            AllowedExtensions = extensions ?? current.AllowedExtensions,
            LastModifiedTime = now,
        };
    }

    public static DomainException Reasoned(string message, string reason) =>
        new(DomainErrorKind.InvalidRequest, message) { Reason = reason };

    // The pre-signed URLs: a token names the direction, the file and the expiry, signed with a key the store keeps
    // (so URLs stay valid across restarts and nodes until they expire, and cannot be made for another file).
    public const string Upload = "PUT";
    public const string Download = "GET";
    private const string SecretName = "attached-file-url";

    public static string SealUrl(IStoreSession session, string verb, string accountId, string region, string instanceId, string fileId, DateTimeOffset expiry)
    {
        var payload = Encoding.UTF8.GetBytes(string.Join('\n', verb, accountId, region, instanceId, fileId, expiry.ToUnixTimeMilliseconds()));
        return Paging.Base64Url(payload) + "." + Paging.Base64Url(Mac(session, payload));
    }

    /// <summary>The account, Region, instance, file and expiry of a token of <paramref name="verb"/>; null when it is not a genuine one.</summary>
    public static (string AccountId, string Region, string InstanceId, string FileId, DateTimeOffset Expiry)? OpenUrl(IStoreSession session, string verb, string token)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !Paging.TryBase64Url(token[..dot], out var payload) || !Paging.TryBase64Url(token[(dot + 1)..], out var mac)
            || !CryptographicOperations.FixedTimeEquals(mac, Mac(session, payload)))
        {
            return null;
        }

        var fields = Encoding.UTF8.GetString(payload).Split('\n');
        if (fields.Length != 6 || fields[0] != verb || !long.TryParse(fields[5], out var expiry))
        {
            return null;
        }

        return (fields[1], fields[2], fields[3], fields[4], DateTimeOffset.FromUnixTimeMilliseconds(expiry));
    }

    private static byte[] Mac(IStoreSession session, byte[] payload) => HMACSHA256.HashData(session.Secret(SecretName), payload);
}
