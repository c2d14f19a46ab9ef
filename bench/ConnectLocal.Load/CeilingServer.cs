using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ConnectLocal.Load;

/// <summary>
/// The machine's ceiling for an HTTP request: Kestrel configured as ConnectLocal configures it (slim builder,
/// loopback, no server header, same GC settings) answering <c>{}</c> to every request without reading it.
/// Runs in its own process (<c>ceiling-server --port N</c>), as the server under test does.
/// </summary>
internal static class CeilingServer
{
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    public static async Task<int> RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, port);
        });
        var app = builder.Build();
        app.Run(http =>
        {
            http.Response.StatusCode = 200;
            http.Response.ContentType = "application/json";
            http.Response.ContentLength = EmptyObject.Length;
            return http.Response.Body.WriteAsync(EmptyObject).AsTask();
        });
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }
}
