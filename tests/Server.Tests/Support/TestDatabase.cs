using Proxus.Server.Data;

namespace Proxus.Server.Tests.Support;

/// <summary>An empty database and the data directory that goes with it.</summary>
public sealed record TestDatabase(DatabaseProvider Provider, string? ConnectionString, string DataDirectory);
