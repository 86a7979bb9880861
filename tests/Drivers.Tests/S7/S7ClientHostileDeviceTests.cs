using System.Buffers.Binary;
using Proxus.Drivers.S7;
using Proxus.Drivers.Tests.S7.Support;

namespace Proxus.Drivers.Tests.S7;

/// <summary>
/// A device that lies or fails yields a typed error, the connection is recycled, and the next request
/// succeeds on a fresh connection. Replies below are to a one-item read of DB1.DBW0 (27 bytes:
/// TPKT 0-3, COTP 4-6, S7 header 7-18, parameters 19-20, data item 21-26).
/// </summary>
public sealed class S7ClientHostileDeviceTests : IAsyncLifetime
{
    private readonly FakeS7Device _device = new();

    public Task InitializeAsync()
    {
        _device.Memory[0] = 0x12;
        _device.Memory[1] = 0x34;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _device.DisposeAsync();

    public static TheoryData<string, Func<byte[], FakeReply>, S7ErrorReason> LyingReplies() => new()
    {
        { "wrong PDU reference", reply => Patch(reply, r => r[12] ^= 0x55), S7ErrorReason.PduReferenceMismatch },
        { "TPKT length shorter than the frame", reply => Patch(reply, r => BinaryPrimitives.WriteUInt16BigEndian(r.AsSpan(2), 25)), S7ErrorReason.MalformedFrame },
        { "TPKT length below the minimum", reply => new FakeReply([3, 0, 0, 5, 2, 0xF0]), S7ErrorReason.MalformedFrame },
        { "TPKT version is not 3", reply => Patch(reply, r => r[0] = 4), S7ErrorReason.MalformedFrame },
        { "COTP length indicator past the TPKT", reply => Patch(reply, r => r[4] = 0x7F), S7ErrorReason.MalformedFrame },
        { "COTP TPDU is not DT", reply => Patch(reply, r => r[5] = 0x70), S7ErrorReason.UnexpectedMessage },
        { "COTP disconnect request", reply => new FakeReply([3, 0, 0, 11, 6, 0x80, 0, 1, 0, 1, 0], FakeReply.After.Close), S7ErrorReason.ConnectionClosed },
        { "not an S7 protocol id", reply => Patch(reply, r => r[7] = 0x72), S7ErrorReason.MalformedFrame },
        { "unknown ROSCTR", reply => Patch(reply, r => r[8] = 0x09), S7ErrorReason.UnexpectedMessage },
        { "ROSCTR Job instead of AckData", reply => Job(reply), S7ErrorReason.UnexpectedMessage },
        { "S7 parameter length lies", reply => Patch(reply, r => r[14] = 4), S7ErrorReason.MalformedFrame },
        { "S7 data length lies", reply => Patch(reply, r => r[16] = 2), S7ErrorReason.MalformedFrame },
        { "function code of another service", reply => Patch(reply, r => r[19] = 0x05), S7ErrorReason.UnexpectedMessage },
        { "item count mismatch", reply => Patch(reply, r => r[20] = 2), S7ErrorReason.ItemCountMismatch },
        { "data item length claims more than sent", reply => Patch(reply, r => r[24] = 0x20), S7ErrorReason.MalformedFrame },
        { "data item shorter than requested", reply => Patch(reply, r => r[24] = 0x08), S7ErrorReason.MalformedFrame },
        { "unknown data transport size", reply => Patch(reply, r => r[22] = 0x42), S7ErrorReason.MalformedFrame },
        { "oversized frame", reply => new FakeReply([3, 0, 0xFF, 0xF0, .. new byte[100]]), S7ErrorReason.FrameTooLarge },
        { "truncated frame then close", reply => new FakeReply(reply[..15], FakeReply.After.Close), S7ErrorReason.ConnectionClosed },
        { "close without reply", reply => new FakeReply([], FakeReply.After.Close), S7ErrorReason.ConnectionClosed },
        { "stops mid-frame", reply => new FakeReply(reply[..15], FakeReply.After.Stall), S7ErrorReason.Timeout },
        { "TPKT length longer than the frame", reply => new FakeReply(Patch(reply, r => BinaryPrimitives.WriteUInt16BigEndian(r.AsSpan(2), 40)).Bytes, FakeReply.After.Stall), S7ErrorReason.Timeout },
        { "no reply at all", reply => new FakeReply([], FakeReply.After.Stall), S7ErrorReason.Timeout },
    };

    [Theory]
    [MemberData(nameof(LyingReplies))]
    public async Task ReadAsync_DeviceMisbehaves_ThrowsTypedErrorAndRecyclesConnection(string misbehaviour, Func<byte[], FakeReply> rewrite, S7ErrorReason expected)
    {
        await using var client = Client(retries: 0);
        (await client.ReadAsync("DB1.DBW0")).Should().Be((ushort)0x1234);
        _device.Cue(rewrite);

        var act = () => client.ReadAsync("DB1.DBW0");

        (await act.Should().ThrowAsync<S7Exception>(misbehaviour)).Which.Reason.Should().Be(expected);
        client.IsConnected.Should().BeFalse();
        (await client.ReadAsync("DB1.DBW0")).Should().Be((ushort)0x1234);
        _device.Connections.Should().Be(2);
    }

    [Fact]
    public async Task ReadAsync_BrokenReplyOnceWithRetries_SucceedsOnFreshConnection()
    {
        await using var client = Client(retries: 2);
        _device.Cue(reply => Patch(reply, r => r[12] ^= 0x55));

        var value = await client.ReadAsync("DB1.DBW0");

        value.Should().Be((ushort)0x1234);
        _device.Connections.Should().Be(2);
    }

    [Fact]
    public async Task WriteAsync_ConnectionBreaksAfterSending_ThrowsWithoutRepeatingTheWrite()
    {
        await using var client = Client(retries: 2);
        await client.ConnectAsync();
        _device.Cue(_ => new FakeReply([], FakeReply.After.Close));

        var act = () => client.WriteAsync("DB1.DBW0", (ushort)7);

        (await act.Should().ThrowAsync<S7Exception>()).Which.Reason.Should().Be(S7ErrorReason.ConnectionClosed);
        _device.Jobs.Should().Be(1);
    }

    [Fact]
    public async Task ReadAsync_HeaderErrorClass_ThrowsRequestRejectedAndKeepsConnection()
    {
        await using var client = Client(retries: 0);
        _device.Cue(reply => Patch(reply, r => (r[17], r[18]) = (0x85, 0x00)));

        var act = () => client.ReadAsync("DB1.DBW0");

        var error = (await act.Should().ThrowAsync<S7Exception>()).Which;
        error.Reason.Should().Be(S7ErrorReason.RequestRejected);
        error.ErrorClass.Should().Be(0x85);
        client.IsConnected.Should().BeTrue();
        (await client.ReadAsync("DB1.DBW0")).Should().Be((ushort)0x1234);
        _device.Connections.Should().Be(1);
    }

    [Theory]
    [InlineData(0x01, S7ErrorReason.HardwareFault)]
    [InlineData(0x03, S7ErrorReason.AccessDenied)]
    [InlineData(0x05, S7ErrorReason.AddressOutOfRange)]
    [InlineData(0x06, S7ErrorReason.DataTypeNotSupported)]
    [InlineData(0x07, S7ErrorReason.DataSizeMismatch)]
    [InlineData(0x0A, S7ErrorReason.ObjectDoesNotExist)]
    [InlineData(0x13, S7ErrorReason.ItemFailed)]
    public async Task ReadAsync_ItemReturnCode_MapsToReasonAndKeepsConnection(byte code, S7ErrorReason expected)
    {
        await using var client = Client(retries: 0);
        _device.Cue(reply => new FakeReply([.. reply[..2], 0, 25, .. reply[4..16], 4, .. reply[17..21], code, 0, 0, 0]));

        var act = () => client.ReadAsync("DB1.DBW0");

        var error = (await act.Should().ThrowAsync<S7Exception>()).Which;
        error.Reason.Should().Be(expected);
        error.ReturnCode.Should().Be(code);
        client.IsConnected.Should().BeTrue();
    }

    [Fact]
    public async Task WriteManyAsync_ReturnCodeCountMismatch_ThrowsItemCountMismatch()
    {
        await using var client = Client(retries: 0);
        _device.Cue(reply => Patch(reply, r => r[20] = 3));

        var act = () => client.WriteManyAsync([new S7WriteItem(S7Address.Parse("DB1.DBW0"), (ushort)1)]);

        (await act.Should().ThrowAsync<S7Exception>()).Which.Reason.Should().Be(S7ErrorReason.ItemCountMismatch);
    }

    [Fact]
    public async Task ConnectAsync_DeviceAnswersDisconnectRequest_ThrowsConnectionRefused()
    {
        _device.ConnectReply = [3, 0, 0, 11, 6, 0x80, 0, 1, 0, 1, 0];
        await using var client = Client(retries: 0);

        var act = () => client.ConnectAsync();

        (await act.Should().ThrowAsync<S7Exception>()).Which.Reason.Should().Be(S7ErrorReason.ConnectionRefused);
    }

    [Fact]
    public async Task ConnectAsync_DeviceGrantsTinyPdu_ThrowsPduSizeTooSmall()
    {
        _device.GrantedPduSize = 16;
        await using var client = Client(retries: 0);

        var act = () => client.ConnectAsync();

        (await act.Should().ThrowAsync<S7Exception>()).Which.Reason.Should().Be(S7ErrorReason.PduSizeTooSmall);
    }

    [Fact]
    public async Task ReadAsync_CallerCancelsMidRequest_RecyclesConnection()
    {
        await using var client = Client(retries: 0);
        await client.ConnectAsync();
        _device.Cue(_ => new FakeReply([], FakeReply.After.Stall));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var act = () => client.ReadAsync("DB1.DBW0", cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        client.IsConnected.Should().BeFalse();
        (await client.ReadAsync("DB1.DBW0")).Should().Be((ushort)0x1234);
    }

    [Fact]
    public async Task ReadAsync_NothingListens_ThrowsConnectionFailed()
    {
        var port = Proxus.TestSupport.LoopbackPort.GetFree();
        await using var client = new S7Client(new S7ClientOptions { Host = "127.0.0.1", Port = port, RetryCount = 1, ReconnectDelay = TimeSpan.FromMilliseconds(10) });

        var act = () => client.ReadAsync("DB1.DBW0");

        (await act.Should().ThrowAsync<S7Exception>()).Which.Reason.Should().Be(S7ErrorReason.ConnectionFailed);
    }

    private static FakeReply Patch(byte[] reply, Action<byte[]> change)
    {
        var copy = reply.ToArray();
        change(copy);
        return new FakeReply(copy);
    }

    /// <summary>The reply turned into a job: a 10-byte header, so two bytes fewer.</summary>
    private static FakeReply Job(byte[] reply)
    {
        byte[] job = [.. reply[..17], .. reply[19..]];
        job[3] = (byte)job.Length;
        job[8] = 0x01;
        return new FakeReply(job);
    }

    private S7Client Client(int retries) => new(new S7ClientOptions
    {
        Host = "127.0.0.1",
        Port = _device.Port,
        RetryCount = retries,
        ReconnectDelay = TimeSpan.FromMilliseconds(10),
        RequestTimeout = TimeSpan.FromSeconds(2),
    });
}
