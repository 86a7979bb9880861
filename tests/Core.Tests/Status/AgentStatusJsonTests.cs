using System.Text;
using Proxus.Core.Status;

namespace Proxus.Core.Tests.Status;

public sealed class AgentStatusJsonTests
{
    private static readonly Guid AgentId = Guid.Parse("6f1c2a4e-0b7d-4c55-9d61-1e0f3a2b4c5d");

    private static AgentStatusReport Sample() => new(
        AgentId,
        AgentState.Online,
        new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero),
        UptimeSeconds: 3600,
        ConfigVersion: 7,
        CertificateExpiresAt: new DateTimeOffset(2026, 12, 22, 10, 0, 0, TimeSpan.Zero),
        BufferDepth: 12,
        BufferBytes: 2048,
        DroppedPoints: 0,
        PointsPerSecond: 250.5,
        PublishedPoints: 900_000,
        Connections:
        [
            new ConnectionHealth("press-plc", "S7", ConnectionState.Connected, 200),
            new ConnectionHealth("utilities", "ModbusTcp", ConnectionState.Faulted, 0, "connection refused", new DateTimeOffset(2026, 11, 22, 9, 59, 0, TimeSpan.Zero)),
        ]);

    [Fact]
    public void ToUtf8Bytes_ThenTryRead_RoundTrips()
    {
        var bytes = AgentStatusJson.ToUtf8Bytes(Sample());

        AgentStatusJson.TryRead(bytes, out var report, out var error).Should().BeTrue(error);
        report.Should().BeEquivalentTo(Sample());
    }

    [Fact]
    public void ToUtf8Bytes_BeforeTheFirstConfiguration_WritesNullsThatReadBack()
    {
        var fresh = Sample() with { ConfigVersion = null, CertificateExpiresAt = null };

        var bytes = AgentStatusJson.ToUtf8Bytes(fresh);

        System.Text.Encoding.UTF8.GetString(bytes).Should().Contain("\"configVersion\":null").And.Contain("\"certificateExpiresAt\":null");
        AgentStatusJson.TryRead(bytes, out var report, out var error).Should().BeTrue(error);
        report!.ConfigVersion.Should().BeNull();
    }

    [Fact]
    public void ToUtf8Bytes_WritesCamelCaseMembersAndEnumNamesAsDeclared()
    {
        var json = Encoding.UTF8.GetString(AgentStatusJson.ToUtf8Bytes(Sample()));

        json.Should().Contain("\"agentId\":\"6f1c2a4e-0b7d-4c55-9d61-1e0f3a2b4c5d\"")
            .And.Contain("\"state\":\"Online\"")
            .And.Contain("\"state\":\"Faulted\"")
            .And.Contain("\"bufferDepth\":12")
            .And.NotContain("\"reason\"");
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("[]")]
    public void TryRead_NotAnObject_IsRefused(string json)
    {
        AgentStatusJson.TryRead(Encoding.UTF8.GetBytes(json), out var report, out var error).Should().BeFalse();
        report.Should().BeNull();
        error.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public void TryRead_UnknownMember_IsRefused()
    {
        var json = Encoding.UTF8.GetString(AgentStatusJson.ToUtf8Bytes(Sample())).Replace("{\"agentId\"", "{\"extra\":1,\"agentId\"", StringComparison.Ordinal);

        AgentStatusJson.TryRead(Encoding.UTF8.GetBytes(json), out _, out var error).Should().BeFalse();
        error.Should().Contain("malformed");
    }

    [Fact]
    public void TryRead_MissingRequiredMember_IsRefused()
    {
        var json = Encoding.UTF8.GetString(AgentStatusJson.ToUtf8Bytes(Sample())).Replace("\"bufferDepth\":12,", string.Empty, StringComparison.Ordinal);

        AgentStatusJson.TryRead(Encoding.UTF8.GetBytes(json), out _, out var error).Should().BeFalse();
        error.Should().Contain("malformed");
    }

    [Fact]
    public void TryRead_NegativeCounter_IsRefused()
    {
        var bytes = AgentStatusJson.ToUtf8Bytes(Sample() with { BufferDepth = -1 });

        AgentStatusJson.TryRead(bytes, out _, out var error).Should().BeFalse();
        error.Should().Contain("negative");
    }

    [Fact]
    public void TryRead_ConnectionWithoutId_IsRefused()
    {
        var bytes = AgentStatusJson.ToUtf8Bytes(Sample() with { Connections = [new ConnectionHealth(string.Empty, "S7", ConnectionState.Connected, 0)] });

        AgentStatusJson.TryRead(bytes, out _, out var error).Should().BeFalse();
        error.Should().Contain("without an id");
    }

    [Fact]
    public void TryRead_OversizedMessage_IsRefusedBeforeParsing()
    {
        var bytes = new byte[AgentStatusJson.MaxPayloadBytes + 1];

        AgentStatusJson.TryRead(bytes, out _, out var error).Should().BeFalse();
        error.Should().Contain("limit");
    }
}
