using System.Diagnostics.CodeAnalysis;

namespace Proxus.Core.Commands;

/// <summary>The outcome of verifying a command envelope: the command, or the refusal and a message.</summary>
public sealed class CommandVerificationResult
{
    private CommandVerificationResult(WriteCommand? command, CommandRefusal refusal, string? message)
    {
        Command = command;
        Refusal = refusal;
        Message = message;
    }

    public WriteCommand? Command { get; }

    public CommandRefusal Refusal { get; }

    /// <summary>What failed, for logs and the result message; null on success.</summary>
    public string? Message { get; }

    [MemberNotNullWhen(true, nameof(Command))]
    [MemberNotNullWhen(false, nameof(Message))]
    public bool Succeeded => Command is not null;

    internal static CommandVerificationResult Success(WriteCommand command) => new(command, CommandRefusal.None, null);

    /// <summary>A refusal decided outside the verifier (e.g. no command key configured).</summary>
    public static CommandVerificationResult Fail(CommandRefusal refusal, string message) => new(null, refusal, message);
}
