namespace Proxus.Web.Services;

/// <summary>Something just created and the secret that goes with it, shown once and never again.</summary>
public sealed record OneTimeSecret<T>(T Item, string Secret);
