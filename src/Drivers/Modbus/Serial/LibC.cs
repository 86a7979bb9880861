using System.Runtime.InteropServices;

namespace Proxus.Drivers.Modbus.Serial;

/// <summary>The libc calls that drive a Linux tty (termios(3), poll(2), read(2), write(2)).</summary>
internal static partial class LibC
{
    public const int ReadWrite = 0x2;
    public const int NoControllingTerminal = 0x100;
    public const int NonBlocking = 0x800;
    public const int CloseOnExec = 0x80000;

    public const uint CharacterSizeMask = 0x30;
    public const uint TwoStopBits = 0x40;
    public const uint EnableReceiver = 0x80;
    public const uint ParityEnable = 0x100;
    public const uint OddParity = 0x200;
    public const uint IgnoreModemLines = 0x800;
    public const uint HardwareFlowControl = 0x80000000;
    public const uint InputParityCheck = 0x10;
    public const int VTime = 5;
    public const int VMin = 6;

    public const int SetNow = 0;
    public const int FlushBoth = 2;
    public const int BytesAvailableRequest = 0x541B;

    public const short PollIn = 0x1;
    public const short PollOut = 0x4;
    public const short PollError = 0x8;
    public const short PollHangUp = 0x10;
    public const short PollInvalid = 0x20;

    public const int ErrorInterrupted = 4;
    public const int ErrorWouldBlock = 11;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    public static partial int GetAttributes(int fd, out Termios termios);

    [LibraryImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    public static partial int SetAttributes(int fd, int optionalActions, in Termios termios);

    [LibraryImport("libc", EntryPoint = "cfmakeraw")]
    public static partial void MakeRaw(ref Termios termios);

    [LibraryImport("libc", EntryPoint = "cfsetispeed", SetLastError = true)]
    public static partial int SetInputSpeed(ref Termios termios, uint speed);

    [LibraryImport("libc", EntryPoint = "cfsetospeed", SetLastError = true)]
    public static partial int SetOutputSpeed(ref Termios termios, uint speed);

    [LibraryImport("libc", EntryPoint = "tcflush", SetLastError = true)]
    public static partial int Flush(int fd, int queueSelector);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static partial int IoctlInt(int fd, nuint request, out int value);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(ref PollDescriptor descriptor, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static unsafe partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static unsafe partial nint Write(int fd, byte* buffer, nuint count);

    [StructLayout(LayoutKind.Sequential)]
    internal struct PollDescriptor
    {
        public int Descriptor;
        public short Events;
        public short ReturnedEvents;
    }
}
