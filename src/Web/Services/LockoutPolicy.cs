namespace Proxus.Web.Services;

/// <summary>The server's lockout rule: <see cref="MaxFailedSignIns"/> failures lock an account for <see cref="Duration"/>.</summary>
public sealed record LockoutPolicy(int MaxFailedSignIns, TimeSpan Duration);
