using ConnectLocal.Core.Common;
using ConnectLocal.Model.Metadata;
using ConnectLocal.Protocol;

namespace ConnectLocal.Server.Handlers;

/// <summary>The one place where a domain outcome becomes an AWS error code.</summary>
internal sealed class DomainErrorTranslator : IErrorTranslator
{
    public ServiceErrorException? Translate(OperationDescriptor operation, Exception exception)
    {
        if (exception is not DomainException e)
        {
            return null;
        }

        var code = e.Kind switch
        {
            DomainErrorKind.NotFound => "ResourceNotFoundException",
            DomainErrorKind.Duplicate => "DuplicateResourceException",
            DomainErrorKind.InUse => "ResourceInUseException",
            DomainErrorKind.InvalidParameter => operation.ValidationErrorCode,
            DomainErrorKind.InvalidRequest => "InvalidRequestException",
            DomainErrorKind.Conflict => "ResourceConflictException",
            DomainErrorKind.LimitExceeded => "LimitExceededException",
            DomainErrorKind.ServiceQuotaExceeded => "ServiceQuotaExceededException",
            DomainErrorKind.AccessDenied => "AccessDeniedException",
            _ => "InternalServiceException",
        };
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (e.Kind == DomainErrorKind.InUse)
        {
            fields["ResourceType"] = e.ResourceType ?? string.Empty;
            fields["ResourceId"] = e.ResourceId ?? string.Empty;
        }

        return new ServiceErrorException(code, e.Message, fields);
    }
}
