using Microsoft.Extensions.Logging.Abstractions;
using Proxus.Drivers.OpcUa;
using Proxus.Drivers.OpcUa.Binary;
using Proxus.Drivers.OpcUa.SecureChannel;
using Proxus.Drivers.OpcUa.Transport;
using Proxus.Drivers.Tests.OpcUa.Support;

namespace Proxus.Drivers.Tests.OpcUa;

/// <summary>Malformed, oversized and missing replies from a server end in a typed error, never a crash or a hang.</summary>
public sealed class HostileServerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Hello_AnsweredWithErr_ThrowsTheServersStatus()
    {
        await using var server = new FakeUaServer(async s =>
        {
            await s.ReadChunkAsync();
            await s.SendAsync(new ErrorMessage(StatusCode.BadTcpEndpointUrlInvalid, "unknown endpoint").Encode());
        });

        var act = () => OpcUaClient.GetEndpointsAsync(server.EndpointUrl, Timeout);

        var error = (await act.Should().ThrowAsync<OpcUaException>()).Which;
        error.StatusCode.Should().Be(StatusCode.BadTcpEndpointUrlInvalid);
        error.Message.Should().Contain("unknown endpoint");
    }

    [Fact]
    public async Task Hello_AnsweredWithTinyBuffers_ThrowsBadTcpInternalError()
    {
        await using var server = new FakeUaServer(s => s.AcknowledgeAsync(bufferSize: 512));

        var act = () => OpcUaClient.GetEndpointsAsync(server.EndpointUrl, Timeout);

        (await act.Should().ThrowAsync<OpcUaException>()).Which.StatusCode.Should().Be(StatusCode.BadTcpInternalError);
    }

    [Fact]
    public async Task Hello_AnsweredWithBiggerBuffersThanOffered_ThrowsBadTcpInternalError()
    {
        await using var server = new FakeUaServer(s => s.AcknowledgeAsync(bufferSize: 65535));

        var act = () => UaTcpConnection.ConnectAsync(server.EndpointUrl, new TransportSettings(8192, 8192, 1 << 20, 0), NullLogger.Instance, CancellationToken.None);

        (await act.Should().ThrowAsync<OpcUaException>()).Which.StatusCode.Should().Be(StatusCode.BadTcpInternalError);
    }

    [Fact]
    public async Task Reply_AnnouncingAGigabyte_ThrowsBadTcpMessageTooLargeWithoutAllocating()
    {
        await using var server = new FakeUaServer(async s =>
        {
            await s.ReadChunkAsync();
            await s.SendAsync(Convert.FromHexString("41434B46" + "00000040"));
        });

        var act = () => OpcUaClient.GetEndpointsAsync(server.EndpointUrl, Timeout);

        (await act.Should().ThrowAsync<OpcUaException>()).Which.StatusCode.Should().Be(StatusCode.BadTcpMessageTooLarge);
    }

    [Fact]
    public async Task Reply_WithUnknownMessageType_ThrowsBadTcpMessageTypeInvalid()
    {
        await using var server = new FakeUaServer(async s =>
        {
            await s.ReadChunkAsync();
            await s.SendAsync(Convert.FromHexString("474554202F20485454502F312E310D0A"));
        });

        var act = () => OpcUaClient.GetEndpointsAsync(server.EndpointUrl, Timeout);

        (await act.Should().ThrowAsync<OpcUaException>()).Which.StatusCode.Should().Be(StatusCode.BadTcpMessageTypeInvalid);
    }

    [Fact]
    public async Task Server_ClosingAfterHello_ThrowsBadConnectionClosed()
    {
        await using var server = new FakeUaServer(async s =>
        {
            await s.ReadChunkAsync();
            s.Close();
        });

        var act = () => OpcUaClient.GetEndpointsAsync(server.EndpointUrl, Timeout);

        (await act.Should().ThrowAsync<OpcUaException>()).Which.StatusCode.Should().Be(StatusCode.BadConnectionClosed);
    }

    [Fact]
    public async Task Hello_NeverAnswered_ThrowsBadTimeout()
    {
        await using var server = new FakeUaServer(s => s.WaitForCloseAsync());

        var act = () => OpcUaClient.GetEndpointsAsync(server.EndpointUrl, TimeSpan.FromMilliseconds(500));

        (await act.Should().ThrowAsync<OpcUaException>()).Which.StatusCode.Should().Be(StatusCode.BadTimeout);
    }

    [Fact]
    public async Task Request_NeverAnswered_ThrowsBadTimeout()
    {
        await using var server = new FakeUaServer(async s =>
        {
            await s.AcknowledgeAsync();
            await s.OpenChannelAsync();
            await s.WaitForCloseAsync();
        });

        var act = () => OpcUaClient.GetEndpointsAsync(server.EndpointUrl, TimeSpan.FromMilliseconds(500));

        (await act.Should().ThrowAsync<OpcUaException>()).Which.StatusCode.Should().Be(StatusCode.BadTimeout);
    }

    [Fact]
    public async Task Response_LargerThanMaxMessageSize_FailsWithBadResponseTooLarge()
    {
        await using var server = new FakeUaServer(async s =>
        {
            await s.AcknowledgeAsync(bufferSize: 8192);
            await s.OpenChannelAsync();
            var requestId = await s.ReadRequestIdAsync();
            for (var i = 0; i < 4; i++)
            {
                await s.SendAsync(s.Message(requestId, 'C', new byte[8000]));
            }

            await s.WaitForCloseAsync();
        });
        await using var channel = await OpenAsync(server, maxMessageSize: 16384);

        var act = () => channel.RequestAsync(new byte[] { 1, 2, 3 }, Timeout, CancellationToken.None);

        (await act.Should().ThrowAsync<OpcUaException>()).Which.StatusCode.Should().Be(StatusCode.BadResponseTooLarge);
    }

    [Fact]
    public async Task Response_AbortChunk_FailsTheRequestWithItsStatus()
    {
        await using var server = new FakeUaServer(async s =>
        {
            await s.AcknowledgeAsync(bufferSize: 8192);
            await s.OpenChannelAsync();
            var requestId = await s.ReadRequestIdAsync();
            await s.SendAsync(s.Message(requestId, 'C', new byte[100]));
            using var abort = new UaBinaryWriter();
            abort.WriteStatusCode(StatusCode.BadResponseTooLarge);
            abort.WriteString("too big for me");
            await s.SendAsync(s.Message(requestId, 'A', abort.WrittenSpan));
            await s.WaitForCloseAsync();
        });
        await using var channel = await OpenAsync(server);

        var act = () => channel.RequestAsync(new byte[] { 1 }, Timeout, CancellationToken.None);

        var error = (await act.Should().ThrowAsync<OpcUaException>()).Which;
        error.StatusCode.Should().Be(StatusCode.BadResponseTooLarge);
        error.Message.Should().Contain("too big for me");
    }

    [Theory]
    [InlineData(99u, null, 0x80220000u)]
    [InlineData(7u, 5u, 0x80880000u)]
    public async Task Response_WithWrongChannelOrSequence_BreaksTheChannel(uint channelId, uint? sequence, uint status)
    {
        await using var server = new FakeUaServer(async s =>
        {
            await s.AcknowledgeAsync(bufferSize: 8192);
            await s.OpenChannelAsync();
            var requestId = await s.ReadRequestIdAsync();
            await s.SendAsync(s.Message(requestId, 'F', new byte[10], channelId, sequence));
            await s.WaitForCloseAsync();
        });
        await using var channel = await OpenAsync(server);

        var act = () => channel.RequestAsync(new byte[] { 1 }, Timeout, CancellationToken.None);

        (await act.Should().ThrowAsync<OpcUaException>()).Which.StatusCode.Should().Be(new StatusCode(status));
        channel.IsOpen.Should().BeFalse();
        (await channel.Closed).StatusCode.Should().Be(new StatusCode(status));
    }

    [Fact]
    public async Task Response_WithAnotherRequestHandle_ThrowsBadUnknownResponse()
    {
        await using var server = new FakeUaServer(async s =>
        {
            await s.AcknowledgeAsync();
            await s.OpenChannelAsync();
            var requestId = await s.ReadRequestIdAsync();
            using var response = new UaBinaryWriter();
            response.WriteNodeId(new NodeId(431u));
            FakeUaServer.WriteResponseHeader(response, StatusCode.Good, requestHandle: 7);
            response.WriteInt32(0);
            await s.SendAsync(s.Message(requestId, 'F', response.WrittenSpan));
            await s.WaitForCloseAsync();
        });

        var act = () => OpcUaClient.GetEndpointsAsync(server.EndpointUrl, Timeout);

        var error = (await act.Should().ThrowAsync<OpcUaException>()).Which;
        error.StatusCode.Should().Be(StatusCode.BadUnknownResponse);
        error.Message.Should().Contain("request handle 7");
    }

    [Theory]
    [InlineData(1u)]
    [InlineData(0u)]
    public async Task Response_ServiceFaultWithTheRequestsHandleOrZero_ThrowsItsServiceResult(uint requestHandle)
    {
        await using var server = new FakeUaServer(async s =>
        {
            await s.AcknowledgeAsync();
            await s.OpenChannelAsync();
            var requestId = await s.ReadRequestIdAsync();
            using var fault = new UaBinaryWriter();
            fault.WriteNodeId(new NodeId(397u));
            FakeUaServer.WriteResponseHeader(fault, StatusCode.BadTooManyOperations, requestHandle);
            await s.SendAsync(s.Message(requestId, 'F', fault.WrittenSpan));
            await s.WaitForCloseAsync();
        });

        var act = () => OpcUaClient.GetEndpointsAsync(server.EndpointUrl, Timeout);

        (await act.Should().ThrowAsync<OpcUaException>()).Which.StatusCode.Should().Be(StatusCode.BadTooManyOperations);
    }

    private static async Task<UaSecureChannel> OpenAsync(FakeUaServer server, int maxMessageSize = 1 << 20)
    {
        var connection = await UaTcpConnection.ConnectAsync(server.EndpointUrl, new TransportSettings(8192, 8192, maxMessageSize, 0), NullLogger.Instance, CancellationToken.None);
        var settings = new SecureChannelSettings(SecurityPolicy.None, MessageSecurityMode.None, null, null, TimeSpan.FromMinutes(10), UaEncodingLimits.Default);
        return await UaSecureChannel.OpenAsync(connection, settings, NullLogger.Instance, Timeout, CancellationToken.None);
    }
}
