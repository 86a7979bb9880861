using System.Diagnostics.CodeAnalysis;

namespace Proxus.Core.Configuration;

/// <summary>The outcome of verifying an envelope: the envelope, or the typed reason and a message.</summary>
public sealed class ConfigVerificationResult
{
    private ConfigVerificationResult(ConfigEnvelope? envelope, ConfigVerificationFailure failure, string? message)
    {
        Envelope = envelope;
        Failure = failure;
        Message = message;
    }

    public ConfigEnvelope? Envelope { get; }

    public ConfigVerificationFailure Failure { get; }

    /// <summary>What failed, for logs and the rejection report; null on success.</summary>
    public string? Message { get; }

    [MemberNotNullWhen(true, nameof(Envelope))]
    [MemberNotNullWhen(false, nameof(Message))]
    public bool Succeeded => Envelope is not null;

    internal static ConfigVerificationResult Success(ConfigEnvelope envelope) => new(envelope, ConfigVerificationFailure.None, null);

    internal static ConfigVerificationResult Fail(ConfigVerificationFailure failure, string message) => new(null, failure, message);
}
