using ConnectLocal.Protocol;

namespace ConnectLocal.Server.Handlers;

/// <summary>The one place where a domain outcome becomes an AWS error code.</summary>
internal sealed class DomainErrorTranslator : IErrorTranslator
{
    private const int MaxProblems = 50;

    public ServiceErrorException? Translate(OperationDescriptor operation, Exception exception)
    {
        if (exception is not DomainException e)
        {
            return null;
        }

        var code = e.Kind switch
        {
            // An operation that models no ResourceNotFoundException (DeleteTrafficDistributionGroup,
            // ListTrafficDistributionGroups, SearchAvailablePhoneNumbers) answers with an error it does model, so
            // that SDKs typing errors per operation get a typed exception.
            DomainErrorKind.NotFound => operation.Errors.Contains("ResourceNotFoundException") ? "ResourceNotFoundException" : operation.ValidationErrorCode,
            DomainErrorKind.Duplicate => "DuplicateResourceException",
            DomainErrorKind.InUse => "ResourceInUseException",
            DomainErrorKind.InvalidParameter => operation.ValidationErrorCode,
            // The phone-number operations model no InvalidRequestException (a forged page token, for one): they answer
            // with the validation error they do model.
            DomainErrorKind.InvalidRequest => operation.Errors.Contains("InvalidRequestException") ? "InvalidRequestException" : operation.ValidationErrorCode,
            // A reused ClientToken is a conflict; operations that model IdempotencyException (the phone-number ones)
            // and not ResourceConflictException name it that way.
            // Data tables (datatables) model ConflictException rather than ResourceConflictException.
            DomainErrorKind.Conflict => operation.Errors.Contains("IdempotencyException") && !operation.Errors.Contains("ResourceConflictException")
                ? "IdempotencyException"
                : operation.Errors.Contains("ConflictException") && !operation.Errors.Contains("ResourceConflictException")
                    ? "ConflictException"
                    : "ResourceConflictException",
            DomainErrorKind.NotReady => "ResourceNotReadyException",
            DomainErrorKind.LimitExceeded => "LimitExceededException",
            DomainErrorKind.ServiceQuotaExceeded => "ServiceQuotaExceededException",
            DomainErrorKind.AccessDenied => "AccessDeniedException",
            // Flow modules model their own exception (InvalidContactFlowModuleException); flows model InvalidContactFlowException.
            DomainErrorKind.InvalidFlow => operation.Errors.Contains("InvalidContactFlowException") ? "InvalidContactFlowException"
                : operation.Errors.Contains("InvalidContactFlowModuleException") ? "InvalidContactFlowModuleException"
                : operation.Errors.Contains("InvalidTestCaseException") ? "InvalidTestCaseException"
                : operation.ValidationErrorCode,
            // Task templates (templates-views) model PropertyValidationException for the properties of a template.
            DomainErrorKind.InvalidProperty => operation.Errors.Contains("PropertyValidationException") ? "PropertyValidationException" : operation.ValidationErrorCode,
            _ => "InternalServiceException",
        };
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (e.Kind == DomainErrorKind.InUse)
        {
            fields["ResourceType"] = e.ResourceType ?? string.Empty;
            fields["ResourceId"] = e.ResourceId ?? string.Empty;
        }

        var listFields = new Dictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>>(StringComparer.Ordinal);
        if (e.Kind == DomainErrorKind.InvalidFlow && code is "InvalidContactFlowException" or "InvalidContactFlowModuleException" or "InvalidTestCaseException")
        {
            // The model's Problems list holds 1 to 50 ProblemDetail structures, each with one member, message. The flow
            // exception names the list "problems", the module and test case exceptions "Problems".
            listFields[code == "InvalidContactFlowException" ? "problems" : "Problems"] = e.Problems.Take(MaxProblems).Select(p => (IReadOnlyDictionary<string, string>)new Dictionary<string, string> { ["message"] = p }).ToList();
        }

        if (code == "PropertyValidationException")
        {
            listFields["PropertyList"] = e.Properties.Select(p => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>
            {
                ["PropertyPath"] = p.Path,
                ["Reason"] = p.Reason,
                ["Message"] = p.Message,
            }).ToList();
        }

        // The attached-file operations' reasons: unions of one member, named after the error they belong to.
        var objectFields = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        if (e.Reason is { } reason && code is "InvalidRequestException" or "ServiceQuotaExceededException")
        {
            objectFields["Reason"] = new Dictionary<string, string>
            {
                [code == "InvalidRequestException" ? "AttachedFileInvalidRequestExceptionReason" : "AttachedFileServiceQuotaExceededExceptionReason"] = reason,
            };
        }

        return new ServiceErrorException(code, e.Message, fields) { ListFields = listFields, ObjectFields = objectFields };
    }
}
