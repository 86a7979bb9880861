namespace Proxus.Server.Writes.Contracts;

/// <summary>Why an approver rejects a request.</summary>
public sealed record RejectWriteRequest(string? Reason);
