namespace Proxus.Agent.Tests.Support;

/// <summary>A clock running <paramref name="offset"/> away from now (signing envelopes in the past or the future).</summary>
public sealed class PastTimeProvider(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
}
