using ConnectLocal.Core.Instances;
using ConnectLocal.Core.Routing;

namespace ConnectLocal.Core.AttachedFiles;

/// <summary>
/// The channel of a contact of an instance, as the routing engine knows it; null when it knows no such contact
/// (the contacts live in memory, outside the store).
/// </summary>
public delegate RoutingChannel? ContactChannelLookup(string instanceId, string contactId);

/// <summary>
/// Attached files and their configurations. A file starts PROCESSING with a pre-signed upload URL; the bytes put to
/// it are stored; CompleteAttachedFileUpload approves the file when they match the declared size ([choice] no
/// malware scan: APPROVED at once); GetAttachedFile then hands out a download URL. DeleteAttachedFile removes the
/// metadata and the bytes. docs/attached-files.md.
/// </summary>
public sealed class AttachedFileService(IConnectStore store)
{
    private const string StartOperation = "StartAttachedFileUpload";

    /// <remarks>The contact is looked up before the transaction: the routing engine reads the store itself.</remarks>
    public AttachedFileAnswer Start(Caller caller, StartAttachedFileCommand command, ContactChannelLookup contacts)
    {
        var instanceId = store.Read(session => InstanceService.Require(session, caller, command.InstanceIdOrArn).Id);
        var kind = command.FileUseCaseType == AttachedFileRules.SupportedUseCase && command.AWSIdentityArn is null
            ? ResourceKind(caller, instanceId, command.AssociatedResourceArn, contacts)
            : AttachedResourceKind.Case;
        return store.Write(session => Start(session, caller, command, kind));
    }

    private static AttachedFileAnswer Start(IStoreSession session, Caller caller, StartAttachedFileCommand command, AttachedResourceKind kind)
    {
        var instance = InstanceService.Require(session, caller, command.InstanceIdOrArn);
        var scope = new ResourceScope(caller.AccountId, caller.Region, instance.Id);
        if (command.FileUseCaseType != AttachedFileRules.SupportedUseCase)
        {
            throw Errors.InvalidRequest(ErrorTexts.AttachedFileUseCase(command.FileUseCaseType));
        }

        if (command.AWSIdentityArn is not null)
        {
            // The model: SDK users cannot populate it; it is the caller's identity when no Connect user is named.
            throw Errors.InvalidRequest(ErrorTexts.AttachedFileIdentityArnGiven);
        }

        var expirySeconds = command.UrlExpiryInSeconds ?? AttachedFileRules.DefaultUrlExpirySeconds;
        var fingerprint = string.Join('\n', instance.Id, command.FileName, command.FileSizeInBytes, command.FileUseCaseType, command.AssociatedResourceArn,
            command.ConnectUserArn, string.Join('\n', command.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Key + "=" + t.Value)));
        if (Idempotency.Replay(session, caller, StartOperation, command.ClientToken, fingerprint) is { } replayed
            && session.Get<AttachedFile>(scope, replayed) is { } earlier)
        {
            // [choice] The same token and request answer the file it made, with a new upload URL.
            return WithUploadUrl(session, caller, earlier, expirySeconds);
        }

        var configuration = Configuration(session, scope, AttachedFileRules.ScopeOf(kind));
        AttachedFileRules.CheckAgainst(configuration, command.FileName, command.FileSizeInBytes);
        if (command.ConnectUserArn is { } userArn && !IsUserOf(userArn, caller, instance.Id))
        {
            throw Errors.InvalidRequest(ErrorTexts.AttachedFileUserArnInvalid(userArn));
        }

        var siblings = session.All<AttachedFile>(scope).Where(f => f.AssociatedResourceArn == command.AssociatedResourceArn).ToList();
        if (siblings.Count >= AttachedFileRules.MaxFilesPerResource)
        {
            throw new DomainException(DomainErrorKind.ServiceQuotaExceeded, ErrorTexts.AttachedFileCountQuota(AttachedFileRules.MaxFilesPerResource)) { Reason = "TOTAL_FILE_COUNT_EXCEEDED" };
        }

        if (siblings.Sum(f => f.FileSizeInBytes) + command.FileSizeInBytes > AttachedFileRules.MaxTotalBytesPerResource)
        {
            throw new DomainException(DomainErrorKind.ServiceQuotaExceeded, ErrorTexts.AttachedFileSizeQuota(AttachedFileRules.MaxTotalBytesPerResource)) { Reason = "TOTAL_FILE_SIZE_EXCEEDED" };
        }

        var id = DefaultResources.NewId();
        var file = new AttachedFile
        {
            Id = id,
            Arn = Arns.InInstance(caller.Region, caller.AccountId, instance.Id, "file", id),
            InstanceId = instance.Id,
            FileName = command.FileName,
            FileSizeInBytes = command.FileSizeInBytes,
            FileUseCaseType = command.FileUseCaseType,
            AssociatedResourceArn = command.AssociatedResourceArn,
            FileStatus = AttachedFile.Processing,
            CreationTime = caller.Now,
            ConnectUserArn = command.ConnectUserArn,
            // [choice] Without a Connect user the creator is the account's root identity (the caller's IAM identity is not known here).
            AWSIdentityArn = command.ConnectUserArn is null ? $"arn:{Arns.PartitionOf(caller.Region)}:iam::{caller.AccountId}:root" : null,
            Tags = command.Tags,
        };
        session.Put(scope, file);
        Idempotency.Remember(session, caller, StartOperation, command.ClientToken, fingerprint, id);
        return WithUploadUrl(session, caller, file, expirySeconds);
    }

    /// <summary>
    /// Approves a file whose bytes were uploaded in full. [choice] Without an upload, or with fewer bytes than declared,
    /// it is an InvalidRequestException (the file stays PROCESSING); completing an APPROVED file again changes nothing.
    /// </summary>
    public void Complete(Caller caller, string instanceIdOrArn, string fileId, string associatedArn) => store.Write(session =>
    {
        var (scope, file) = Require(session, caller, instanceIdOrArn, fileId, associatedArn);
        if (file.FileStatus == AttachedFile.Approved)
        {
            return 0;
        }

        if (file.UploadedSizeInBytes is not { } uploaded)
        {
            throw Errors.InvalidRequest(ErrorTexts.AttachedFileNotUploaded(file.Id));
        }

        if (uploaded != file.FileSizeInBytes)
        {
            throw AttachedFileRules.Reasoned(ErrorTexts.AttachedFileSizeMismatch(uploaded, file.FileSizeInBytes), "INVALID_FILE_SIZE");
        }

        session.Put(scope, file with { FileStatus = AttachedFile.Approved });
        return 0;
    });

    /// <summary>The file, with a download URL when it is APPROVED (the model: only then).</summary>
    public AttachedFileAnswer Get(Caller caller, string instanceIdOrArn, string fileId, string associatedArn, int? urlExpirySeconds) => store.Read(session =>
    {
        var (_, file) = Require(session, caller, instanceIdOrArn, fileId, associatedArn);
        if (file.FileStatus != AttachedFile.Approved)
        {
            return new AttachedFileAnswer(file, null, null);
        }

        var expiry = caller.Now.AddSeconds(urlExpirySeconds ?? AttachedFileRules.DefaultUrlExpirySeconds);
        return new AttachedFileAnswer(file, AttachedFileRules.SealUrl(session, AttachedFileRules.Download, caller.AccountId, caller.Region, file.InstanceId, file.Id, expiry), expiry);
    });

    public void Delete(Caller caller, string instanceIdOrArn, string fileId, string associatedArn) => store.Write(session =>
    {
        var (scope, file) = Require(session, caller, instanceIdOrArn, fileId, associatedArn);
        session.Delete<AttachedFile>(scope, file.Id);
        session.Delete<AttachedFileContent>(scope, file.Id);
        return 0;
    });

    /// <summary>
    /// The files of the given ids that are attached to the resource; [choice] each other id (unknown, or attached to
    /// another resource) is an error entry with ErrorCode ResourceNotFoundException. An id asked twice is answered once.
    /// </summary>
    public AttachedFileBatch BatchGet(Caller caller, string instanceIdOrArn, IReadOnlyList<string> fileIds, string associatedArn) => store.Read(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        AttachedFileRules.ReadAssociatedArn(associatedArn, caller, instance.Id);
        var scope = new ResourceScope(caller.AccountId, caller.Region, instance.Id);
        var files = new List<AttachedFile>();
        var misses = new List<AttachedFileMiss>();
        foreach (var id in fileIds.Distinct(StringComparer.Ordinal))
        {
            if (session.Get<AttachedFile>(scope, id) is { } file && file.AssociatedResourceArn == associatedArn)
            {
                files.Add(file);
            }
            else
            {
                misses.Add(new AttachedFileMiss(id, "ResourceNotFoundException", ErrorTexts.AttachedFileNotFound(id)));
            }
        }

        return new AttachedFileBatch(files, misses);
    });

    /// <summary>
    /// Stores the bytes put to an upload URL. A token that is not genuine, expired, or for a file that is gone or no
    /// longer PROCESSING is refused, and so is a body larger than the declared size (a smaller one is stored, and
    /// CompleteAttachedFileUpload then refuses it). [choice] A later upload before completion replaces an earlier one.
    /// </summary>
    public FileUrlResult Upload(string token, DateTimeOffset now, byte[] body) => store.Write(session =>
    {
        var check = Resolve(session, AttachedFileRules.Upload, token, now, out var scope);
        if (check.Outcome != FileUrlOutcome.Ok || check.File is not { } file)
        {
            return check;
        }

        if (file.FileStatus != AttachedFile.Processing)
        {
            return new FileUrlResult(FileUrlOutcome.NotAccepting, file);
        }

        if (body.LongLength > file.FileSizeInBytes)
        {
            return new FileUrlResult(FileUrlOutcome.TooLarge, file);
        }

        session.Put(scope, new AttachedFileContent { Id = file.Id, Data = body });
        var stored = file with { UploadedSizeInBytes = body.LongLength };
        session.Put(scope, stored);
        return new FileUrlResult(FileUrlOutcome.Ok, stored);
    });

    /// <summary>What an upload URL would accept now, before its body is read: its file (and so the size limit), or why not.</summary>
    public FileUrlResult CheckUpload(string token, DateTimeOffset now) => store.Read(session =>
    {
        var check = Resolve(session, AttachedFileRules.Upload, token, now, out _);
        return check.File is { FileStatus: not AttachedFile.Processing } file ? new FileUrlResult(FileUrlOutcome.NotAccepting, file) : check;
    });

    /// <summary>The bytes of an approved file, through its download URL.</summary>
    public FileUrlResult Download(string token, DateTimeOffset now) => store.Read(session =>
    {
        var check = Resolve(session, AttachedFileRules.Download, token, now, out var scope);
        if (check.Outcome != FileUrlOutcome.Ok || check.File is not { FileStatus: AttachedFile.Approved } file
            || session.Get<AttachedFileContent>(scope, file.Id) is not { } content)
        {
            return check.Outcome == FileUrlOutcome.Ok ? new FileUrlResult(FileUrlOutcome.NoSuchFile) : check;
        }

        return new FileUrlResult(FileUrlOutcome.Ok, file, content.Data);
    });

    public (string InstanceId, AttachedFilesConfiguration Configuration) DescribeConfiguration(Caller caller, string instanceIdOrArn, string attachmentScope) => store.Read(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        return (instance.Id, Configuration(session, new ResourceScope(caller.AccountId, caller.Region, instance.Id), attachmentScope));
    });

    /// <summary>The effective configuration of every scope (its own, or the defaults), in scope order, a page at a time.</summary>
    public (string InstanceId, Page<AttachedFilesConfiguration> Page) ListConfigurations(Caller caller, string instanceIdOrArn, string? nextToken, int pageSize) => store.Read(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var scope = new ResourceScope(caller.AccountId, caller.Region, instance.Id);
        var all = AttachedFileRules.Scopes.Select(s => Configuration(session, scope, s)).ToList();
        return (instance.Id, Paging.Slice(session, scope, Paging.Listing("ListAttachedFilesConfigurations"), all, c => c.Id, nextToken, pageSize));
    });

    public (string InstanceId, AttachedFilesConfiguration Configuration) UpdateConfiguration(Caller caller, string instanceIdOrArn, string attachmentScope, long? maximumSize, IReadOnlyList<string>? extensions) => store.Write(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var scope = new ResourceScope(caller.AccountId, caller.Region, instance.Id);
        var updated = AttachedFileRules.Updated(Configuration(session, scope, attachmentScope), maximumSize, extensions, caller.Now);
        session.Put(scope, updated);
        return (instance.Id, updated);
    });

    private static AttachedFilesConfiguration Configuration(IStoreSession session, ResourceScope scope, string attachmentScope) =>
        session.Get<AttachedFilesConfiguration>(scope, attachmentScope) ?? AttachedFileRules.DefaultConfiguration(attachmentScope);

    /// <summary>
    /// What a new file's AssociatedResourceArn names: a case (by shape), or a contact of the instance that the routing
    /// engine knows, of channel TASK or EMAIL. StartAttachedFileUpload models no ResourceNotFoundException, so an
    /// unknown contact is an InvalidRequestException.
    /// </summary>
    private static AttachedResourceKind ResourceKind(Caller caller, string instanceId, string arn, ContactChannelLookup contacts)
    {
        var (isCase, contactId) = AttachedFileRules.ReadAssociatedArn(arn, caller, instanceId);
        if (isCase)
        {
            return AttachedResourceKind.Case;
        }

        return contacts(instanceId, contactId!) switch
        {
            RoutingChannel.Task => AttachedResourceKind.TaskContact,
            RoutingChannel.Email => AttachedResourceKind.EmailContact,
            null => throw Errors.InvalidRequest(ErrorTexts.AttachedFileContactUnknown(contactId!)),
            { } other => throw Errors.InvalidRequest(ErrorTexts.AttachedFileContactChannel(contactId!, RoutingChannels.Name(other))),
        };
    }

    /// <summary>[choice] A CreatedBy.ConnectUserArn is checked by shape: a user (agent) ARN of this instance.</summary>
    private static bool IsUserOf(string arn, Caller caller, string instanceId) =>
        Arns.Parse(arn) is { } parsed && parsed.Account == caller.AccountId && parsed.Region == caller.Region
        && parsed.ResourceParts is ["instance", var instance, "agent", { Length: > 0 }] && instance == instanceId;

    /// <summary>
    /// The file of an instance, attached to <paramref name="associatedArn"/>. [choice] A file attached to another
    /// resource is not found through this one (ResourceNotFoundException), as an unknown id is.
    /// </summary>
    private static (ResourceScope Scope, AttachedFile File) Require(IStoreSession session, Caller caller, string instanceIdOrArn, string fileId, string associatedArn)
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        AttachedFileRules.ReadAssociatedArn(associatedArn, caller, instance.Id);
        var scope = new ResourceScope(caller.AccountId, caller.Region, instance.Id);
        var file = session.Get<AttachedFile>(scope, fileId);
        if (file is null || file.AssociatedResourceArn != associatedArn)
        {
            throw Errors.NotFound("File");
        }

        return (scope, file);
    }

    private static AttachedFileAnswer WithUploadUrl(IStoreSession session, Caller caller, AttachedFile file, int expirySeconds)
    {
        var expiry = caller.Now.AddSeconds(expirySeconds);
        return new AttachedFileAnswer(file, AttachedFileRules.SealUrl(session, AttachedFileRules.Upload, caller.AccountId, caller.Region, file.InstanceId, file.Id, expiry), expiry);
    }

    private static FileUrlResult Resolve(IStoreSession session, string verb, string token, DateTimeOffset now, out ResourceScope scope)
    {
        scope = default;
        if (AttachedFileRules.OpenUrl(session, verb, token) is not { } url)
        {
            return new FileUrlResult(FileUrlOutcome.Invalid);
        }

        if (now > url.Expiry)
        {
            return new FileUrlResult(FileUrlOutcome.Expired);
        }

        scope = new ResourceScope(url.AccountId, url.Region, url.InstanceId);
        return session.Get<AttachedFile>(scope, url.FileId) is { } file ? new FileUrlResult(FileUrlOutcome.Ok, file) : new FileUrlResult(FileUrlOutcome.NoSuchFile);
    }
}
