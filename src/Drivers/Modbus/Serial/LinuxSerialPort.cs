using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Proxus.Drivers.Modbus.Serial;

/// <summary>
/// A Linux tty opened non-blocking and put in raw mode with termios (no echo, no line editing, no
/// character translation), read and written through poll(2). Reads wait on a pool thread in short
/// poll slices so that cancellation is honoured promptly.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class LinuxSerialPort : Stream
{
    private const int PollSliceMs = 50;
    private readonly string _path;
    private int _fd;

    private LinuxSerialPort(string path, int fd)
    {
        _path = path;
        _fd = fd;
    }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Bytes received and not yet read (FIONREAD).</summary>
    public int BytesAvailable => LibC.IoctlInt(Descriptor, LibC.BytesAvailableRequest, out var count) == 0 ? count : 0;

    private int Descriptor => _fd >= 0 ? _fd : throw new ObjectDisposedException(_path);

    public static LinuxSerialPort Open(string path, SerialSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var fd = LibC.Open(path, LibC.ReadWrite | LibC.NoControllingTerminal | LibC.NonBlocking | LibC.CloseOnExec);
        if (fd < 0)
        {
            throw new ModbusException(ModbusErrorReason.ConnectionFailed, $"Opening {path} failed: {Marshal.GetLastPInvokeErrorMessage()}.");
        }

        try
        {
            Configure(fd, path, settings);
            return new LinuxSerialPort(path, fd);
        }
        catch
        {
            LibC.Close(fd);
            throw;
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = ReadNow(buffer.Span);
            if (read > 0)
            {
                return read;
            }

            await Task.Run(() => WaitFor(LibC.PollIn), cancellationToken).ConfigureAwait(false);
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var written = WriteNow(buffer.Span);
            if (written > 0)
            {
                buffer = buffer[written..];
                continue;
            }

            await Task.Run(() => WaitFor(LibC.PollOut), cancellationToken).ConfigureAwait(false);
        }
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var span = buffer.AsSpan(offset, count);
        while (!span.IsEmpty)
        {
            var read = ReadNow(span);
            if (read > 0)
            {
                return read;
            }

            WaitFor(LibC.PollIn);
        }

        return 0;
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        var span = buffer.AsSpan(offset, count);
        while (!span.IsEmpty)
        {
            var written = WriteNow(span);
            span = span[written..];
            if (written == 0)
            {
                WaitFor(LibC.PollOut);
            }
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            LibC.Close(fd);
        }

        base.Dispose(disposing);
    }

    private static void Configure(int fd, string path, SerialSettings settings)
    {
        if (LibC.GetAttributes(fd, out var termios) != 0)
        {
            throw new ModbusException(ModbusErrorReason.ConnectionFailed, $"{path} is not a terminal: {Marshal.GetLastPInvokeErrorMessage()}.");
        }

        LibC.MakeRaw(ref termios);
        var speed = SerialSettings.BaudRates[settings.BaudRate];
        LibC.SetInputSpeed(ref termios, speed);
        LibC.SetOutputSpeed(ref termios, speed);
        termios.ControlFlags &= ~(LibC.CharacterSizeMask | LibC.TwoStopBits | LibC.ParityEnable | LibC.OddParity | LibC.HardwareFlowControl);
        termios.ControlFlags |= LibC.EnableReceiver | LibC.IgnoreModemLines | (settings.DataBits == 8 ? LibC.CharacterSizeMask : 0x20u);
        if (settings.StopBits == 2)
        {
            termios.ControlFlags |= LibC.TwoStopBits;
        }

        if (settings.Parity != SerialParity.None)
        {
            termios.ControlFlags |= LibC.ParityEnable | (settings.Parity == SerialParity.Odd ? LibC.OddParity : 0);
            termios.InputFlags |= LibC.InputParityCheck;
        }

        termios.ControlChars[LibC.VMin] = 1;
        termios.ControlChars[LibC.VTime] = 0;
        if (LibC.SetAttributes(fd, LibC.SetNow, termios) != 0)
        {
            throw new ModbusException(ModbusErrorReason.ConnectionFailed, $"Configuring {path} failed: {Marshal.GetLastPInvokeErrorMessage()}.");
        }

        LibC.Flush(fd, LibC.FlushBoth);
    }

    private unsafe int ReadNow(Span<byte> buffer)
    {
        fixed (byte* pointer = buffer)
        {
            var read = LibC.Read(Descriptor, pointer, (nuint)buffer.Length);
            // A tty in non-canonical mode returns 0 or EAGAIN when nothing is buffered; a hang-up shows as EIO or POLLHUP.
            return read >= 0 ? (int)read : ThrowUnlessRetryable();
        }
    }

    private unsafe int WriteNow(ReadOnlySpan<byte> buffer)
    {
        fixed (byte* pointer = buffer)
        {
            var written = LibC.Write(Descriptor, pointer, (nuint)buffer.Length);
            return written >= 0 ? (int)written : ThrowUnlessRetryable();
        }
    }

    private int ThrowUnlessRetryable()
    {
        var error = Marshal.GetLastPInvokeError();
        return error is LibC.ErrorWouldBlock or LibC.ErrorInterrupted
            ? 0
            : throw new IOException($"I/O on {_path} failed: {Marshal.GetPInvokeErrorMessage(error)}.");
    }

    /// <summary>Blocks a pool thread for at most one poll slice; the caller loops and checks cancellation.</summary>
    private void WaitFor(short events)
    {
        var descriptor = new LibC.PollDescriptor { Descriptor = Descriptor, Events = events };
        if (LibC.Poll(ref descriptor, 1, PollSliceMs) > 0 && (descriptor.ReturnedEvents & (LibC.PollError | LibC.PollHangUp | LibC.PollInvalid)) != 0
            && (descriptor.ReturnedEvents & events) == 0)
        {
            throw new IOException($"{_path} reported an error or hang-up (poll events 0x{descriptor.ReturnedEvents:X}).");
        }
    }
}
