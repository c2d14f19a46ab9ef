using ConnectLocal.Server.Hosting;

return await Cli.RunAsync(args);

/// <summary>Marker for WebApplicationFactory-based tests.</summary>
public partial class Program;
