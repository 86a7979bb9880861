namespace Proxus.Server.Observability;

/// <summary>Tags that select health checks for the endpoints.</summary>
public static class HealthTags
{
    /// <summary>Checks that must pass before the server takes traffic (<c>/readyz</c>).</summary>
    public const string Ready = "ready";
}
