using System.Runtime.InteropServices;

namespace Proxus.Demo;

/// <summary>kill(2): .NET can only SIGKILL a process; a clean stop starts with SIGTERM.</summary>
internal static partial class LibC
{
    public const int SignalTerminate = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int processId, int signal);
}
