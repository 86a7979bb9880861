using System.Buffers.Binary;
using Microsoft.Extensions.Logging.Abstractions;
using Proxus.Drivers.OpcUa;
using Proxus.Drivers.OpcUa.Binary;
using Proxus.Drivers.OpcUa.SecureChannel;
using Proxus.Drivers.OpcUa.Transport;
using Proxus.Drivers.Tests.OpcUa.Support;

namespace Proxus.Drivers.Tests.OpcUa;

/// <summary>
/// Requests issued at once are all on the wire before the first response comes back: the secure channel
/// holds its send lock only while it writes a request, never across the round trip, and a request that fits
/// the server's receive buffer goes out as one chunk.
/// </summary>
public sealed class PipeliningTests
{
    private const int Depth = 8;

    /// <summary>The size of a Read of 1,000 string NodeIds (<c>ns=1;s=Dynamic.N</c>) without its chunk headers.</summary>
    private const int ReadOf1000NodesSize = 31_960;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RequestAsync_EightAtOnce_AllReachTheServerBeforeItAnswersAny()
    {
        var received = new List<(char ChunkType, uint Sequence, uint RequestId, byte[] Body)>();
        await using var server = new FakeUaServer(async s =>
        {
            await s.AcknowledgeAsync();
            await s.OpenChannelAsync();
            // The server answers nothing until it holds all eight requests: a client that waited for each
            // response before sending the next request would never get an answer here.
            for (var i = 0; i < Depth; i++)
            {
                var chunk = await s.ReadChunkAsync();
                received.Add(((char)chunk[3], BinaryPrimitives.ReadUInt32LittleEndian(chunk.AsSpan(16)), BinaryPrimitives.ReadUInt32LittleEndian(chunk.AsSpan(20)), chunk[24..]));
            }

            // Answered last to first, each echoing its request's body.
            for (var i = Depth - 1; i >= 0; i--)
            {
                await s.SendAsync(s.Message(received[i].RequestId, 'F', received[i].Body));
            }

            await s.WaitForCloseAsync();
        });
        await using var channel = await OpenAsync(server);
        var bodies = Enumerable.Range(1, Depth).Select(i => Enumerable.Repeat((byte)i, ReadOf1000NodesSize).ToArray()).ToArray();

        var responses = await Task.WhenAll(bodies.Select(body => channel.RequestAsync(body, Timeout, CancellationToken.None)));

        for (var i = 0; i < Depth; i++)
        {
            responses[i].Should().Equal(bodies[i], "response {0} must be routed to the request it answers", i);
        }

        received.Select(r => r.ChunkType).Should().AllBeEquivalentTo('F', "a request that fits the server's receive buffer is one final chunk");
        received.Select(r => r.Sequence).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        (received[^1].Sequence - received[0].Sequence).Should().Be(Depth - 1, "the chunks' sequence numbers are consecutive");
        received.Select(r => r.RequestId).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task RequestAsync_LargerThanTheServersReceiveBuffer_GoesOutInFullSizedChunks()
    {
        const int BufferSize = 8192;
        var chunks = new List<(char ChunkType, int Size)>();
        var body = new List<byte>();
        await using var server = new FakeUaServer(async s =>
        {
            await s.AcknowledgeAsync(BufferSize);
            await s.OpenChannelAsync();
            byte[] chunk;
            do
            {
                chunk = await s.ReadChunkAsync();
                chunks.Add(((char)chunk[3], chunk.Length));
                body.AddRange(chunk[24..]);
            }
            while (chunk[3] == (byte)'C');

            await s.SendAsync(s.Message(BinaryPrimitives.ReadUInt32LittleEndian(chunk.AsSpan(20)), 'F', [1, 2, 3]));
            await s.WaitForCloseAsync();
        });
        await using var channel = await OpenAsync(server, BufferSize);
        var request = Enumerable.Range(0, ReadOf1000NodesSize).Select(i => (byte)i).ToArray();

        var response = await channel.RequestAsync(request, Timeout, CancellationToken.None);

        response.Should().Equal(1, 2, 3);
        body.Should().Equal(request, "the chunks' bodies reassemble the request");
        var expectedChunks = (ReadOf1000NodesSize + BufferSize - 24 - 1) / (BufferSize - 24);
        chunks.Should().HaveCount(expectedChunks);
        chunks[..^1].Should().AllSatisfy(c => c.Should().Be(('C', BufferSize)));
        chunks[^1].ChunkType.Should().Be('F');
    }

    private static async Task<UaSecureChannel> OpenAsync(FakeUaServer server, int bufferSize = 65535)
    {
        var connection = await UaTcpConnection.ConnectAsync(server.EndpointUrl, new TransportSettings(bufferSize, bufferSize, 1 << 24, 0), NullLogger.Instance, CancellationToken.None);
        var settings = new SecureChannelSettings(SecurityPolicy.None, MessageSecurityMode.None, null, null, TimeSpan.FromMinutes(10), UaEncodingLimits.Default);
        return await UaSecureChannel.OpenAsync(connection, settings, NullLogger.Instance, Timeout, CancellationToken.None);
    }
}
