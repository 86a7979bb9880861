namespace Proxus.Agent.Commissioning;

/// <summary>One open connection to a device, used for the reads and writes of a commissioning command.</summary>
internal interface IDeviceSession : IAsyncDisposable
{
    Task<IReadOnlyList<PointValue>> ReadAsync(IReadOnlyList<string> addresses, PointFormat format, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="value"/> (invariant-culture text) and returns the value read back.</summary>
    Task<PointValue> WriteAsync(string address, string value, PointFormat format, CancellationToken cancellationToken);
}
