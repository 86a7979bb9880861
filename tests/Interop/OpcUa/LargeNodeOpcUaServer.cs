namespace Proxus.Interop.Tests.OpcUa;

/// <summary>A node-opcua server with 10,000 UInt32 variables (Dynamic.0 .. Dynamic.9999) changing every 100 ms.</summary>
public sealed class LargeNodeOpcUaServer : IAsyncLifetime
{
    public const int DynamicCount = 10_000;

    public NodeOpcUaServer Server { get; } = new() { ExtraArguments = ["--dynamic-count", "10000"] };

    public Task InitializeAsync() => Server.InitializeAsync();

    public Task DisposeAsync() => Server.DisposeAsync();
}
