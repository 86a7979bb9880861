using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Proxus.Drivers.Modbus.Serial;

/// <summary><c>struct termios</c> of Linux glibc (asm-generic termbits.h): four flag words, line discipline, 32 control characters, speeds.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Termios
{
    public uint InputFlags;
    public uint OutputFlags;
    public uint ControlFlags;
    public uint LocalFlags;
    public byte Line;
    public ControlCharacters ControlChars;
    public uint InputSpeed;
    public uint OutputSpeed;

    [InlineArray(32)]
    internal struct ControlCharacters
    {
        private byte _element;
    }
}
