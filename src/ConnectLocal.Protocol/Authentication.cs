using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace ConnectLocal.Protocol;

/// <summary>How much of a request's SigV4 signature the front door checks.</summary>
public enum AuthenticationMode
{
    /// <summary>A well-formed Authorization header is required; the signature is not checked (loopback default).</summary>
    Permissive,

    /// <summary>Every signature is verified against the configured secret, as AWS does.</summary>
    Strict,
}

/// <summary>A credential strict mode accepts: the secret behind an access key id, its account and, for temporary credentials, the session token.</summary>
public sealed record AccessKey(string AccessKeyId, string SecretAccessKey, string AccountId, string? SessionToken = null)
{
    // Secrets stay out of logs and exception messages.
    public override string ToString() => $"AccessKey {{ AccessKeyId = {AccessKeyId}, AccountId = {AccountId} }}";
}

/// <summary>Who a request says it comes from, once the Authorization header has been read.</summary>
/// <remarks>
/// <see cref="AmzDate"/> is the request time as the string to sign has it (strict mode only); <see cref="Presigned"/>
/// when the signature came in the query string (X-Amz-Signature) rather than the Authorization header.
/// </remarks>
internal sealed record Caller(SigV4Credential Credential, string AccountId, AccessKey? Key, string AmzDate = "", bool Presigned = false);

/// <summary>Every authentication failure answers 403 with one of these codes.</summary>
internal readonly record struct AuthFailure(string Code, string Message);

/// <summary>
/// The two steps of authentication. <see cref="TryIdentify"/> reads the headers and query only, so a request
/// without valid credentials is refused before its body is read; <see cref="TryVerify"/> (strict mode) compares
/// the signature, given the body's hash: the one the client claims in x-amz-content-sha256 before the body is
/// read (the body is then hashed as it streams and must match), else the one computed from the body. The
/// signature comes from the Authorization header or, presigned, from the query string
/// (docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html, "query string"). Signing keys are cached
/// per access key, date and region: deriving one costs four HMACs, a signature one more.
/// </summary>
internal sealed class Authenticator(ProtocolOptions options)
{
    public const string DateHeader = "x-amz-date";
    public const string ContentHashHeader = "x-amz-content-sha256";
    public const string SecurityTokenHeader = "x-amz-security-token";

    // Keys of any date and region a caller names live here; clearing it now and then bounds it without an LRU.
    private const int SigningKeyCacheLimit = 4096;
    private readonly ConcurrentDictionary<(string AccessKeyId, string Date, string Region), byte[]> _signingKeys = new();

    public bool TryIdentify(HttpRequest request, string rawQuery, out Caller? caller, out AuthFailure failure)
    {
        caller = null;
        failure = default;
        var authorization = request.Headers.Authorization;
        var header = authorization.ToString();
        var presigned = PresignedQuery.TryRead(rawQuery);
        if (presigned is not null)
        {
            if (header.Length > 0)
            {
                failure = new(ProtocolErrors.IncompleteSignatureException, ProtocolErrors.TwoAuthMechanisms);
                return false;
            }

            if (!presigned.TryHeader(out header, out var problem))
            {
                failure = new(ProtocolErrors.IncompleteSignatureException, problem);
                return false;
            }
        }
        else if (header.Length == 0)
        {
            failure = new(ProtocolErrors.MissingAuthenticationTokenException, ProtocolErrors.MissingAuthenticationTokenMessage);
            return false;
        }

        // Two Authorization headers (or two signatures a proxy joined into one): AWS reads the joined value and
        // stops at the second algorithm name, which is no key=value pair.
        else if (authorization.Count > 1 || header.IndexOf(SigV4.Algorithm, 1, StringComparison.Ordinal) > 0)
        {
            failure = new(ProtocolErrors.IncompleteSignatureException, ProtocolErrors.NotKeyValuePair(SigV4.Algorithm, header));
            return false;
        }

        if (!SigV4.TryParse(header, out var credential, out var parseProblem))
        {
            failure = new(ProtocolErrors.IncompleteSignatureException, ProtocolErrors.IncompleteSignature(parseProblem));
            return false;
        }

        if (credential!.Service != "connect")
        {
            failure = new(ProtocolErrors.InvalidSignatureException, ProtocolErrors.WrongService(credential.Service));
            return false;
        }

        if (!options.Regions.Contains(credential.Region))
        {
            failure = new(ProtocolErrors.InvalidSignatureException, ProtocolErrors.InvalidRegion(credential.Region));
            return false;
        }

        if (options.Authentication == AuthenticationMode.Permissive)
        {
            caller = new Caller(credential, options.AccountOf(credential.AccessKeyId), null, Presigned: presigned is not null);
            return true;
        }

        var sessionToken = presigned is not null ? presigned.SecurityTokenValue
            : request.Headers.TryGetValue(SecurityTokenHeader, out var token) ? token.ToString() : null;
        if (!options.AccessKeys.TryGetValue(credential.AccessKeyId, out var key) || !SessionTokenMatches(sessionToken, key))
        {
            failure = new(ProtocolErrors.UnrecognizedClientException, ProtocolErrors.UnrecognizedClientMessage);
            return false;
        }

        if (!credential.SignedHeaders.Contains("host"))
        {
            failure = new(ProtocolErrors.IncompleteSignatureException, ProtocolErrors.HostNotSigned);
            return false;
        }

        string amzDate;
        if (presigned is not null ? !TryPresignedTime(presigned, credential, out amzDate, out failure) : !TryRequestTime(request, credential, out amzDate, out failure))
        {
            return false;
        }

        caller = new Caller(credential, key.AccountId, key, amzDate, presigned is not null);
        return true;
    }

    /// <summary>The hash a strict-mode client claims for its body (x-amz-content-sha256), or null when it sent none.</summary>
    public static string? ClaimedPayloadHash(HttpRequest request) =>
        request.Headers.TryGetValue(ContentHashHeader, out var claimed) ? claimed.ToString() : null;

    /// <summary>
    /// Strict mode: recomputes the signature from the request as received, with <paramref name="payloadHash"/> as
    /// the body's hash, and compares it.
    /// </summary>
    public bool TryVerify(HttpRequest request, ReadOnlySpan<char> rawPath, ReadOnlySpan<char> rawQuery, Caller caller, string payloadHash, out AuthFailure failure)
    {
        failure = default;
        if (caller.Key is null)
        {
            return true;
        }

        var credential = caller.Credential;
        var canonicalRequest = SigV4Canonical.CanonicalRequest(
            request.Method,
            SigV4Canonical.CanonicalUri(rawPath),
            SigV4Canonical.CanonicalQuery(rawQuery, caller.Presigned ? PresignedQuery.Signature : null),
            SigV4Canonical.CanonicalHeaders(credential.SignedHeaders, name => request.Headers.TryGetValue(name, out var v) ? (IReadOnlyList<string>)v.ToArray()! : []),
            credential.SignedHeaders,
            payloadHash);
        var stringToSign = SigV4Canonical.StringToSign(caller.AmzDate, credential.Date, credential.Region, credential.Service, canonicalRequest);
        var expected = SigV4Canonical.Signature(SigningKey(caller.Key, credential), stringToSign);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(credential.Signature.ToLowerInvariant())))
        {
            failure = new(ProtocolErrors.InvalidSignatureException, ProtocolErrors.SignatureMismatchMessage);
            return false;
        }

        return true;
    }

    /// <summary>
    /// Presigned: X-Amz-Date (ISO 8601 basic) on the scope's date, not later than the allowed skew, and
    /// X-Amz-Expires seconds (1 to 604800, AWS's week) not yet past.
    /// </summary>
    private bool TryPresignedTime(PresignedQuery query, SigV4Credential credential, out string amzDate, out AuthFailure failure)
    {
        amzDate = query.DateValue;
        failure = default;
        if (!DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            failure = new(ProtocolErrors.IncompleteSignatureException, ProtocolErrors.BadDate(amzDate));
            return false;
        }

        if (!int.TryParse(query.ExpiresValue, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds is < 1 or > PresignedQuery.MaxExpiresSeconds)
        {
            failure = new(ProtocolErrors.IncompleteSignatureException, ProtocolErrors.BadExpires(PresignedQuery.MaxExpiresSeconds));
            return false;
        }

        if (!string.Equals(amzDate[..8], credential.Date, StringComparison.Ordinal))
        {
            failure = new(ProtocolErrors.InvalidSignatureException, ProtocolErrors.ScopeDateMismatch(credential.Date, amzDate));
            return false;
        }

        var now = options.Clock.GetUtcNow();
        var lifetime = TimeSpan.FromSeconds(seconds);
        if (time < now - lifetime)
        {
            failure = new(ProtocolErrors.InvalidSignatureException, ProtocolErrors.PresignedExpired(amzDate, Iso(now - lifetime), Iso(now), seconds));
            return false;
        }

        if (time > now + options.MaxClockSkew)
        {
            failure = new(ProtocolErrors.InvalidSignatureException, ProtocolErrors.SignatureNotYetCurrent(amzDate, Iso(now + options.MaxClockSkew), Iso(now), options.MaxClockSkew));
            return false;
        }

        return true;
    }

    private byte[] SigningKey(AccessKey key, SigV4Credential credential)
    {
        if (_signingKeys.Count > SigningKeyCacheLimit)
        {
            _signingKeys.Clear();
        }

        return _signingKeys.GetOrAdd(
            (key.AccessKeyId, credential.Date, credential.Region),
            static (id, secret) => SigV4Canonical.SigningKey(secret, id.Date, id.Region, "connect"),
            key.SecretAccessKey);
    }

    /// <summary>
    /// The request time from x-amz-date (ISO 8601 basic) or, failing that, Date (HTTP date); it must agree with
    /// the credential scope's date and lie within the allowed skew of the server's clock.
    /// </summary>
    private bool TryRequestTime(HttpRequest request, SigV4Credential credential, out string amzDate, out AuthFailure failure)
    {
        amzDate = string.Empty;
        failure = default;
        DateTimeOffset time;
        if (request.Headers.TryGetValue(DateHeader, out var amz) && amz.Count > 0)
        {
            amzDate = amz[0] ?? string.Empty;
            if (!DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time))
            {
                failure = new(ProtocolErrors.IncompleteSignatureException, ProtocolErrors.BadDate(amzDate));
                return false;
            }
        }
        else if (request.Headers.TryGetValue("Date", out var http) && DateTimeOffset.TryParseExact(http.ToString(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time))
        {
            amzDate = Iso(time);
        }
        else
        {
            failure = new(ProtocolErrors.IncompleteSignatureException, ProtocolErrors.MissingDate);
            return false;
        }

        if (!string.Equals(amzDate[..8], credential.Date, StringComparison.Ordinal))
        {
            failure = new(ProtocolErrors.InvalidSignatureException, ProtocolErrors.ScopeDateMismatch(credential.Date, amzDate));
            return false;
        }

        var now = options.Clock.GetUtcNow();
        if (time < now - options.MaxClockSkew)
        {
            failure = new(ProtocolErrors.InvalidSignatureException, ProtocolErrors.SignatureExpired(amzDate, Iso(now - options.MaxClockSkew), Iso(now), options.MaxClockSkew));
            return false;
        }

        if (time > now + options.MaxClockSkew)
        {
            failure = new(ProtocolErrors.InvalidSignatureException, ProtocolErrors.SignatureNotYetCurrent(amzDate, Iso(now + options.MaxClockSkew), Iso(now), options.MaxClockSkew));
            return false;
        }

        return true;
    }

    /// <summary>A key configured with a session token needs that token; a key without one refuses any token.</summary>
    private static bool SessionTokenMatches(string? sent, AccessKey key)
    {
        if (key.SessionToken is null || sent is null)
        {
            return key.SessionToken is null && sent is null;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(key.SessionToken));
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
}
