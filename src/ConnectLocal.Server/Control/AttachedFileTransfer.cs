using System.Net.Http.Headers;
using System.Security;
using ConnectLocal.Core.AttachedFiles;
using ConnectLocal.Core.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConnectLocal.Server.Control;

/// <summary>
/// The pre-signed URLs of attached files (StartAttachedFileUpload's UploadUrlMetadata, GetAttachedFile's
/// DownloadUrlMetadata): <c>PUT</c> and <c>GET /_connectlocal/attached-files/{token}</c> on this server instead of S3.
/// The token is the credential (signed, with its expiry), so [choice] these two paths are open to any caller that
/// holds a URL, as a pre-signed S3 URL is; a refusal is an S3-style XML error (docs/attached-files.md).
/// </summary>
internal static class AttachedFileTransfer
{
    public const string Path = "/attached-files";

    /// <summary>[choice] Where a request came from no HTTP origin (the in-process invoker): a URL on localhost.</summary>
    private const string DefaultOrigin = "http://localhost";

    public static string UrlOf(string? origin, string token) => $"{origin ?? DefaultOrigin}{ControlApi.Prefix}{Path}/{token}";

    /// <summary>Whether a control request is for a pre-signed URL (open without the control API's access rules).</summary>
    public static bool Owns(PathString path) => path.StartsWithSegments(ControlApi.Prefix + Path, StringComparison.Ordinal);

    public static RouteGroupBuilder MapAttachedFileTransfer(this RouteGroupBuilder control)
    {
        control.MapPut(Path + "/{token}", UploadAsync);
        control.MapGet(Path + "/{token}", DownloadAsync);
        return control;
    }

    private static async Task UploadAsync(HttpContext http, string token)
    {
        var files = new AttachedFileService(http.RequestServices.GetRequiredService<IConnectStore>());
        var check = files.CheckUpload(token, DateTimeOffset.UtcNow);
        if (check.Outcome != FileUrlOutcome.Ok)
        {
            await RefuseAsync(http, check.Outcome);
            return;
        }

        var limit = check.File!.FileSizeInBytes;
        if (http.Request.ContentLength > limit)
        {
            await RefuseAsync(http, FileUrlOutcome.TooLarge);
            return;
        }

        // Kestrel's default limit (30 MB) is below the model's largest file (100 MB): this request may carry its file.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = null;
        }

        var body = await ReadUpToAsync(http.Request.Body, limit + 1, http.RequestAborted);
        if (body.LongLength > limit)
        {
            await RefuseAsync(http, FileUrlOutcome.TooLarge);
            return;
        }

        var stored = files.Upload(token, DateTimeOffset.UtcNow, body);
        if (stored.Outcome != FileUrlOutcome.Ok)
        {
            await RefuseAsync(http, stored.Outcome);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
    }

    private static async Task DownloadAsync(HttpContext http, string token)
    {
        var files = new AttachedFileService(http.RequestServices.GetRequiredService<IConnectStore>());
        var result = files.Download(token, DateTimeOffset.UtcNow);
        if (result.Outcome != FileUrlOutcome.Ok)
        {
            await RefuseAsync(http, result.Outcome);
            return;
        }

        http.Response.ContentType = "application/octet-stream";
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = result.File!.FileName }.ToString();
        http.Response.ContentLength = result.Content!.LongLength;
        await http.Response.Body.WriteAsync(result.Content, http.RequestAborted);
    }

    private static async Task<byte[]> ReadUpToAsync(Stream body, long max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < max && (read = await body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, max - buffer.Length)), cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>A refusal worded as S3 words it (its error codes), as XML.</summary>
    private static Task RefuseAsync(HttpContext http, FileUrlOutcome outcome)
    {
        var (status, code, message) = outcome switch
        {
            FileUrlOutcome.Expired => (403, "AccessDenied", ErrorTexts.AttachedFileUrlExpired),
            FileUrlOutcome.NoSuchFile => (404, "NoSuchKey", ErrorTexts.AttachedFileUrlNoFile),
            FileUrlOutcome.NotAccepting => (403, "AccessDenied", ErrorTexts.AttachedFileUrlCompleted),
            FileUrlOutcome.TooLarge => (400, "EntityTooLarge", ErrorTexts.AttachedFileUrlTooLarge),
            _ => (403, "SignatureDoesNotMatch", ErrorTexts.AttachedFileUrlInvalid),
        };
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/xml";
        var requestId = http.Response.Headers["x-amzn-RequestId"].ToString();
        return http.Response.WriteAsync(
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{SecurityElement.Escape(message)}</Message><RequestId>{requestId}</RequestId></Error>");
    }
}
