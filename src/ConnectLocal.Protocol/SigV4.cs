namespace ConnectLocal.Protocol;

/// <summary>What an AWS Signature Version 4 Authorization header says about the caller.</summary>
public sealed record SigV4Credential(
    string AccessKeyId,
    string Date,
    string Region,
    string Service,
    IReadOnlyList<string> SignedHeaders,
    string Signature);

/// <summary>
/// Parses <c>AWS4-HMAC-SHA256 Credential=AKID/yyyymmdd/region/service/aws4_request, SignedHeaders=…, Signature=…</c>.
/// Verifying the signature against a secret is a separate step (permissive mode skips it).
/// </summary>
public static class SigV4
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    public static bool TryParse(string header, out SigV4Credential? credential, out string problem)
    {
        credential = null;
        if (!header.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            problem = $"it must start with '{Algorithm} '";
            return false;
        }

        string? credentialPart = null, signedHeaders = null, signature = null;
        foreach (var raw in header[(Algorithm.Length + 1)..].Split(','))
        {
            var part = raw.Trim();
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            var value = part[(eq + 1)..];
            switch (part[..eq])
            {
                case "Credential": credentialPart = value; break;
                case "SignedHeaders": signedHeaders = value; break;
                case "Signature": signature = value; break;
                default: break;
            }
        }

        if (credentialPart is null || signedHeaders is null || signature is null)
        {
            problem = "it needs Credential, SignedHeaders and Signature";
            return false;
        }

        var scope = credentialPart.Split('/');
        if (scope.Length != 5 || scope[0].Length == 0 || scope[1].Length != 8 || !scope[1].All(char.IsAsciiDigit)
            || scope[2].Length == 0 || scope[3].Length == 0 || scope[4] != "aws4_request")
        {
            problem = "Credential must be ACCESS_KEY_ID/yyyymmdd/region/service/aws4_request";
            return false;
        }

        if (signedHeaders.Length == 0 || signature.Length == 0 || !signature.All(char.IsAsciiHexDigit))
        {
            problem = "SignedHeaders must not be empty and Signature must be hexadecimal";
            return false;
        }

        credential = new SigV4Credential(scope[0], scope[1], scope[2], scope[3], signedHeaders.Split(';'), signature);
        problem = string.Empty;
        return true;
    }
}
