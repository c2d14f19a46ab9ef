using ConnectLocal.Server.CommandLine;

return await Cli.RunAsync(args);

/// <summary>Marker for WebApplicationFactory-based tests.</summary>
public partial class Program;
