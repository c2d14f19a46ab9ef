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
/// <remarks><see cref="AmzDate"/> is the request time as the string to sign has it (strict mode only).</remarks>
internal sealed record Caller(SigV4Credential Credential, string AccountId, AccessKey? Key, string AmzDate = "");

/// <summary>Every authentication failure answers 403 with one of these codes.</summary>
internal readonly record struct AuthFailure(string Code, string Message);

/// <summary>
/// The two steps of authentication. <see cref="TryIdentify"/> reads the headers only, so a request without
/// credentials is refused before its body is read; <see cref="TryVerify"/> (strict mode) needs the body, whose
/// hash is part of the signature. Signing keys are cached per access key, date and region: deriving one costs
/// four HMACs, a signature one more.
/// </summary>
internal sealed class Authenticator(ProtocolOptions options)
{
    public const string DateHeader = "x-amz-date";
    public const string ContentHashHeader = "x-amz-content-sha256";
    public const string SecurityTokenHeader = "x-amz-security-token";

    // Keys of any date and region a caller names live here; clearing it now and then bounds it without an LRU.
    private const int SigningKeyCacheLimit = 4096;
    private readonly ConcurrentDictionary<(string AccessKeyId, string Date, string Region), byte[]> _signingKeys = new();

    public bool TryIdentify(HttpRequest request, out Caller? caller, out AuthFailure failure)
    {
        caller = null;
        failure = default;
        var authorization = request.Headers.Authorization;
        var header = authorization.ToString();
        if (header.Length == 0)
        {
            failure = new(ProtocolErrors.MissingAuthenticationTokenException, ProtocolErrors.MissingAuthenticationTokenMessage);
            return false;
        }

        // Two Authorization headers (or two signatures a proxy joined into one): AWS reads the joined value and
        // stops at the second algorithm name, which is no key=value pair.
        if (authorization.Count > 1 || header.IndexOf(SigV4.Algorithm, 1, StringComparison.Ordinal) > 0)
        {
            failure = new(ProtocolErrors.IncompleteSignatureException, ProtocolErrors.NotKeyValuePair(SigV4.Algorithm, header));
            return false;
        }

        if (!SigV4.TryParse(header, out var credential, out var problem))
        {
            failure = new(ProtocolErrors.IncompleteSignatureException, ProtocolErrors.IncompleteSignature(problem));
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
            caller = new Caller(credential, options.AccountOf(credential.AccessKeyId), null);
            return true;
        }

        if (!options.AccessKeys.TryGetValue(credential.AccessKeyId, out var key) || !SessionTokenMatches(request, key))
        {
            failure = new(ProtocolErrors.UnrecognizedClientException, ProtocolErrors.UnrecognizedClientMessage);
            return false;
        }

        if (!credential.SignedHeaders.Contains("host"))
        {
            failure = new(ProtocolErrors.IncompleteSignatureException, ProtocolErrors.HostNotSigned);
            return false;
        }

        if (!TryRequestTime(request, credential, out var amzDate, out failure))
        {
            return false;
        }

        caller = new Caller(credential, key.AccountId, key, amzDate);
        return true;
    }

    /// <summary>Strict mode: recomputes the signature from the request as received and compares it.</summary>
    public bool TryVerify(HttpRequest request, ReadOnlySpan<char> rawPath, ReadOnlySpan<char> rawQuery, Caller caller, ReadOnlySpan<byte> body, out AuthFailure failure)
    {
        failure = default;
        if (caller.Key is null)
        {
            return true;
        }

        var credential = caller.Credential;
        var payloadHash = SigV4Canonical.HexSha256(body);
        if (request.Headers.TryGetValue(ContentHashHeader, out var claimed) && !string.Equals(claimed.ToString(), payloadHash, StringComparison.Ordinal))
        {
            // [choice] Connect signs the payload; UNSIGNED-PAYLOAD and a hash of other bytes are both refused.
            failure = new(ProtocolErrors.InvalidSignatureException, ProtocolErrors.ContentHashMismatch);
            return false;
        }

        var canonicalRequest = SigV4Canonical.CanonicalRequest(
            request.Method,
            SigV4Canonical.CanonicalUri(rawPath),
            SigV4Canonical.CanonicalQuery(rawQuery),
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
    private static bool SessionTokenMatches(HttpRequest request, AccessKey key)
    {
        var sent = request.Headers.TryGetValue(SecurityTokenHeader, out var token) ? token.ToString() : null;
        if (key.SessionToken is null || sent is null)
        {
            return key.SessionToken is null && sent is null;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(key.SessionToken));
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
}
