namespace Proxus.Core.Model;

/// <summary>The change a numeric value must exceed before it is reported again.</summary>
public sealed record Deadband(DeadbandKind Kind, double Value);
