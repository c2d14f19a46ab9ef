using ConnectLocal.Model;

namespace ConnectLocal.Server.Handlers;

/// <summary>
/// The hand-written operation handlers. Each resource area lives in its own partial file and overrides only the
/// operations it supports; every other operation keeps the generated base's "not implemented" answer.
/// </summary>
public sealed partial class ConnectApi : ConnectApiBase
{
}
