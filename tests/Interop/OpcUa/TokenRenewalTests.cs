using Proxus.Drivers.OpcUa;

namespace Proxus.Interop.Tests.OpcUa;

/// <summary>node-opcua granting secure channel tokens of 3 s only.</summary>
public sealed class ShortTokenLifetimeServer : IAsyncLifetime
{
    public NodeOpcUaServer Server { get; } = new() { ExtraArguments = ["--token-lifetime", "3000"] };

    public Task InitializeAsync() => Server.InitializeAsync();

    public Task DisposeAsync() => Server.DisposeAsync();
}

public sealed class TokenRenewalTests(ShortTokenLifetimeServer fixture) : IClassFixture<ShortTokenLifetimeServer>
{
    [Theory]
    [InlineData("None", MessageSecurityMode.None)]
    [InlineData("Basic256Sha256", MessageSecurityMode.SignAndEncrypt)]
    [InlineData("Aes128_Sha256_RsaOaep", MessageSecurityMode.SignAndEncrypt)]
    public async Task SecureChannel_ShortTokenLifetime_IsRenewedBeforeExpiryWithoutInterruption(string policy, MessageSecurityMode mode)
    {
        await using var client = await OpcUaClient.ConnectAsync(fixture.Server.Options(SecurityPolicy.FromUri(policy), mode));
        var firstToken = client.SecureChannelTokenId;

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(8);
        while (DateTime.UtcNow < deadline)
        {
            (await client.ReadAsync("ns=1;s=Boolean")).Value.Value.Should().Be(true);
            await Task.Delay(100);
        }

        client.SecureChannelTokenId.Should().NotBe(firstToken);
        client.ReconnectCount.Should().Be(0);
    }
}
