namespace Proxus.Core.Model;

/// <summary>A named polling rate of a connection; tags join a group instead of stating their own interval.</summary>
public sealed record PollGroup(string Name, TimeSpan Interval);
