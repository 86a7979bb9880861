namespace Proxus.TestSupport;

/// <summary>A <c>proxus-agent</c> command that ran to completion.</summary>
/// <param name="ExitCode">Its exit code (0 success, 2 usage error, ...; docs/agent.md).</param>
/// <param name="Output">Its standard output.</param>
/// <param name="Error">Its standard error.</param>
public sealed record AgentCommandResult(int ExitCode, string Output, string Error);
